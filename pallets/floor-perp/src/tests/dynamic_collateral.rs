use super::*;

/// The seed's numbers with the pure rule: Bob bought 1 perp at 1 fully paid (long cash 1),
/// the perp is at 6, the market holds 1: coverage 1/6, so Charlie at 2x must post the full 6.
#[test]
fn seed_example_pure_function() {
	let im = Perbill::from_percent(50); // 2x
	let available = ONE; // Bob's cash; Alice's short is NFT-backed: no cash
	let claims = ONE + 5 * ONE; // Bob's cash + his profit at mark 6
	assert_eq!(
		math::long_coverage(available, claims),
		FixedU128::from_inner(166_666_666_666_666_666)
	);
	let req = math::long_margin_requirement(im, available, claims);
	assert_eq!(req, Perbill::one());
	assert_eq!(req.mul_ceil(6 * ONE), 6 * ONE);
	// with Charlie's 6 the market holds 7 and Bob can take his 5
	// a covered market asks only the initial margin
	assert_eq!(math::long_margin_requirement(im, 6 * ONE, 6 * ONE), im);
	// in between, a smooth ramp
	let mid = math::long_margin_requirement(im, 3 * ONE, 4 * ONE); // coverage 0.75
	assert_eq!(mid, Perbill::from_percent(75));
}

/// Pallet scenario as close as possible with cash shorts: a pool at price 1; Alice shorts 1
/// (cash-margined), Bob buys 1 fully paid, Dave pushes the perp towards 6 with a fully paid
/// long. The market's cash does not cover the longs' profit at mark, so Charlie at 2x is
/// refused and must post the full notional.
#[test]
fn seed_example_in_the_pallet() {
	test(|| {
		let p = MarketParams {
			initial_margin: Perbill::from_percent(50),
			maintenance_margin: Perbill::from_percent(25),
			liquidation_fee: Perbill::from_percent(1),
			trading_fee: Perbill::zero(),
			max_price_move: Perbill::one(),
			..Default::default()
		};
		set_index(OCELOTS, price(1));
		assert_ok!(FloorPerp::create_market(
			RuntimeOrigin::root(),
			OCELOTS,
			100 * ONE,
			100 * ONE,
			p
		));
		deposit(ALICE, 2 * ONE);
		assert_ok!(trade_following(ALICE, Direction::Short, TradeAmount::Base(ONE), 0));
		next_block();
		deposit(BOB, 2 * ONE);
		assert_ok!(trade_following(BOB, Direction::Long, TradeAmount::Base(ONE), u128::MAX));
		next_block();
		// Dave buys fully paid until the mark is ~6 (B = 100/sqrt(6) ≈ 40.8), over four
		// blocks (the fluctuation limit is 100% per block). On the way Alice's short is
		// liquidated (her cash goes to the float, the rest of her loss is socialised).
		deposit(DAVE, 160 * ONE);
		for chunk in [29, 20, 8, 2] {
			assert_ok!(trade_following(
				DAVE,
				Direction::Long,
				TradeAmount::Base(chunk * ONE),
				u128::MAX
			));
			next_block();
		}
		let info = FloorPerp::market_info(0).unwrap();
		assert!(info.mark_price > price(5) && info.mark_price < price(7));
		assert!(info.long_coverage < FixedU128::from_rational(1, 2));
		assert_eq!(info.long_margin_requirement, Perbill::one());
		// Charlie wants 1 perp (~6) at 2x: 3 is not enough
		deposit(CHARLIE, 3 * ONE + ONE / 2);
		let buy = || trade_following(CHARLIE, Direction::Long, TradeAmount::Base(ONE), u128::MAX);
		assert_noop!(buy(), Error::<Test>::InsufficientMargin);
		// the full price is
		let q = FloorPerp::trade_quote(0, Direction::Long, TradeAmount::Base(ONE)).unwrap();
		deposit(CHARLIE, q.quote - (3 * ONE + ONE / 2));
		assert_ok!(buy());
		assert_eq!(account(0, CHARLIE).cash, q.quote);
	});
}

/// When the market is covered, a long needs only the initial margin.
#[test]
fn covered_market_plain_initial_margin() {
	test(|| {
		create_ocelot_market(no_fee_params());
		deposit(BOB, 1_000 * ONE);
		short_quote(BOB, 1_000 * ONE);
		let info = FloorPerp::market_info(0).unwrap();
		assert_eq!(info.long_margin_requirement, Perbill::from_percent(10));
		deposit(ALICE, 110 * ONE);
		long_quote(ALICE, 1_000 * ONE);
	});
}
