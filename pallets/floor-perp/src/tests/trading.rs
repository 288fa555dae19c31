use super::*;

const ALICE_SIZE: u128 = 9_090_909_090_909_090_909;

/// Seed 000 (Perp Protocol walk-through): pool 100 base / 10,000 quote (mark 100). Alice
/// deposits and goes long 10x (1,000 notional), Bob deposits and shorts 10x. The pool is back
/// at 100 / 10,000, so Alice's long is deep under water: she is liquidated with bad debt, the
/// insurance fund covers what it can, the rest is socialised: Bob's profit is paid from the
/// float only, the remainder stays unsettled.
#[test]
fn seed_alice_long_bob_short() {
	test(|| {
		create_ocelot_market(seed_params());
		deposit(ALICE, 101 * ONE);
		long_quote(ALICE, 1000 * ONE);
		let a = account(0, ALICE);
		assert_eq!(a.position.size, ALICE_SIZE as i128);
		assert_eq!(a.position.open_notional, 1000 * ONE);
		assert_eq!(a.cash, 100 * ONE); // fee 0.1% of 1000 = 1
		assert_eq!(market(0).insurance_fund, ONE);
		assert!(events().iter().any(|e| matches!(e, Event::PositionChanged {
			who: ALICE, side: Direction::Long, base: ALICE_SIZE, new_size, fee, mark_price, .. }
			if *new_size == ALICE_SIZE as i128 && *fee == ONE
				&& mark_price.into_inner() == 120_999_999_999_999_999_999)));
		// 10x exactly: with 1 less unit of cash the trade is refused
		deposit(CHARLIE, 101 * ONE - 1);
		assert_noop!(
			trade_following(CHARLIE, Direction::Long, TradeAmount::Quote(1000 * ONE), 0),
			Error::<Test>::InsufficientMargin
		);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(CHARLIE), 0, 101 * ONE - 1));

		next_block();
		deposit(BOB, 101 * ONE);
		short_quote(BOB, 1000 * ONE);
		let b = account(0, BOB);
		assert_eq!(b.position.size, -(ALICE_SIZE as i128));
		assert_eq!(b.cash, 100 * ONE);
		assert_eq!(market(0).insurance_fund, 2 * ONE);
		assert_eq!(market(0).totals.open_interest_long, ALICE_SIZE);
		assert_eq!(market(0).totals.open_interest_short, ALICE_SIZE);

		// Alice closes out at 833.333...325: loss 166.666...675 > her cash 100. The floor keeps
		// falling (to 84, where her close takes the mark), so the whole close fits in the
		// band below the index.
		set_index(OCELOTS, price(84));
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		assert!(!Accounts::<Test>::contains_key(0, ALICE));
		let m = market(0);
		assert_eq!(m.insurance_fund, 0);
		assert_eq!(m.float, 102 * ONE);
		assert_eq!(m.socialised_loss, 64_666_666_666_666_666_675);
		assert!(events().contains(&Event::BadDebt {
			market: 0,
			who: ALICE,
			covered: 2 * ONE,
			socialised: 64_666_666_666_666_666_675
		}));
		assert!(events().iter().any(|e| matches!(
			e,
			Event::Liquidated {
				who: ALICE,
				full: true,
				closed: ALICE_SIZE,
				quote: 833_333_333_333_333_333_325,
				realised_pnl: -166_666_666_666_666_666_675,
				keeper_fee: 0,
				fund_fee: 0,
				..
			}
		)));

		// Bob buys back for 833.333...325: profit 166.666...675, the float pays 102.
		next_block();
		assert_ok!(close_following(BOB, None, u128::MAX));
		let b = account(0, BOB);
		assert_eq!(b.position, Position::default());
		assert_eq!(b.unsettled_profit, 64_666_666_666_666_666_675);
		assert_eq!(b.cash, 202 * ONE - 833_333_333_333_333_334);
		assert_eq!(market(0).insurance_fund, 833_333_333_333_333_334);
		assert_eq!(market(0).float, 0);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, b.cash));
		assert_eq!(weth(&BOB), FUNDS + 101 * ONE - 833_333_333_333_333_334);
	});
}

/// Realised profit is paid only from the float; the rest waits as unsettled profit and is paid
/// on the next touch once losers have paid in.
#[test]
fn profit_paid_only_from_float() {
	test(|| {
		create_ocelot_market(seed_params());
		deposit(ALICE, 101 * ONE);
		long_quote(ALICE, 1000 * ONE);
		next_block();
		deposit(BOB, 1001 * ONE);
		long_quote(BOB, 1000 * ONE);
		assert_eq!(size(BOB), 7_575_757_575_757_575_757);
		next_block();
		assert_ok!(close_following(ALICE, None, 0));
		let a = account(0, ALICE);
		assert_eq!(a.unsettled_profit, 180_327_868_852_459_016_460);
		assert_eq!(a.cash, 100 * ONE - 1_180_327_868_852_459_017);
		assert_eq!(market(0).totals.unsettled, 180_327_868_852_459_016_460);
		// nothing to pay her with yet
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 100 * ONE),
			Error::<Test>::InsufficientCash
		);
		next_block();
		assert_ok!(close_following(BOB, None, 0));
		assert_eq!(account(0, BOB).cash, 818_852_459_016_393_442_556);
		assert_eq!(market(0).float, 180_327_868_852_459_016_460);
		let all = 100 * ONE - 1_180_327_868_852_459_017 + 180_327_868_852_459_016_460;
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, all));
		assert!(events().contains(&Event::ProfitPaid {
			market: 0,
			who: ALICE,
			amount: 180_327_868_852_459_016_460,
			remaining: 0
		}));
		assert_eq!(market(0).float, 0);
		assert_eq!(
			market(0).insurance_fund,
			2 * ONE + 1_180_327_868_852_459_017 + 819_672_131_147_540_984
		);
	});
}

#[test]
fn increase_reduce_close_and_flip() {
	test(|| {
		create_ocelot_market(no_fee_params());
		deposit(ALICE, 1_000 * ONE);
		let open = |side, base| {
			let limit = if side == Direction::Long { u128::MAX } else { 0 };
			assert_ok!(trade_following(ALICE, side, TradeAmount::Base(base), limit));
		};
		open(Direction::Long, 5 * ONE);
		next_block();
		open(Direction::Long, 5 * ONE);
		assert_eq!(size(ALICE), 10 * ONE as i128);
		let on10 = account(0, ALICE).position.open_notional;
		// pool 100/10_000 -> B = 90: paid ceil(1e42/90e18) - 1e22
		assert_eq!(on10, 1_111_111_111_111_111_111_112);
		next_block();
		// reduce 4: basis removed = ceil(on10 * 4 / 10)
		open(Direction::Short, 4 * ONE);
		let a = account(0, ALICE);
		assert_eq!(a.position.size, 6 * ONE as i128);
		assert_eq!(a.position.open_notional, on10 - (on10 * 4).div_ceil(10));
		next_block();
		// flip: sell 10 -> close 6 (reduce-only leg), open short 4
		open(Direction::Short, 10 * ONE);
		let a = account(0, ALICE);
		assert_eq!(a.position.size, -(4 * ONE as i128));
		let m = market(0);
		assert_eq!(m.totals.open_interest_long, 0);
		assert_eq!(m.totals.open_interest_short, 4 * ONE);
		assert_eq!(a.position.last_cumulative_funding, m.cumulative_funding_short);
		// the short leg's basis is exactly what the second swap paid: closing it at the
		// same pool state gives the pool back its base
		next_block();
		assert_ok!(close_following(ALICE, Some(ONE), u128::MAX));
		assert_eq!(size(ALICE), -(3 * ONE as i128));
		assert_noop!(
			close_following(ALICE, Some(4 * ONE), u128::MAX),
			Error::<Test>::CloseTooLarge
		);
		assert_ok!(close_following(ALICE, None, u128::MAX));
		assert_eq!(size(ALICE), 0);
		assert_noop!(close_following(ALICE, None, u128::MAX), Error::<Test>::NoPosition);
		// round trip with no fee: the rounding is in the pool's favour, never Alice's
		assert!(account(0, ALICE).cash + account(0, ALICE).unsettled_profit <= 1_000 * ONE);
	});
}

#[test]
fn flip_by_quote_amount() {
	test(|| {
		create_ocelot_market(no_fee_params());
		deposit(ALICE, 1_000 * ONE);
		long_quote(ALICE, 500 * ONE);
		next_block();
		// selling 1000 of quote: the close leg yields ~500, the rest opens a short
		short_quote(ALICE, 1000 * ONE);
		assert!(size(ALICE) < 0);
		let a = account(0, ALICE);
		// basis of the new short = the second leg's quote = 1000 - close leg
		assert!(a.position.open_notional <= 500 * ONE + ONE / 1000);
		assert!(a.position.open_notional >= 499 * ONE);
	});
}

#[test]
fn slippage_limit_on_the_whole_trade() {
	test(|| {
		create_ocelot_market(seed_params());
		deposit(ALICE, 1_000 * ONE);
		let q = FloorPerp::trade_quote(0, Direction::Long, TradeAmount::Base(ONE)).unwrap();
		assert_noop!(
			trade_following(ALICE, Direction::Long, TradeAmount::Base(ONE), q.quote - 1),
			Error::<Test>::SlippageExceeded
		);
		assert_ok!(trade_following(ALICE, Direction::Long, TradeAmount::Base(ONE), q.quote));
		next_block();
		let q = FloorPerp::trade_quote(0, Direction::Short, TradeAmount::Base(ONE)).unwrap();
		assert_noop!(close_following(ALICE, None, q.quote + 1), Error::<Test>::SlippageExceeded);
		assert_ok!(close_following(ALICE, None, q.quote));
	});
}

#[test]
fn size_caps() {
	test(|| {
		let p = MarketParams {
			max_position: 5 * ONE,
			max_open_interest: 8 * ONE,
			min_trade_size: ONE / 10,
			..seed_params()
		};
		create_ocelot_market(p);
		deposit(ALICE, 10_000 * ONE);
		deposit(BOB, 10_000 * ONE);
		let open = |who, b| trade_following(who, Direction::Long, TradeAmount::Base(b), u128::MAX);
		assert_noop!(open(ALICE, ONE / 100), Error::<Test>::TradeTooSmall);
		assert_noop!(open(ALICE, 6 * ONE), Error::<Test>::MaxPositionExceeded);
		assert_ok!(open(ALICE, 5 * ONE));
		assert_noop!(open(BOB, 4 * ONE), Error::<Test>::OpenInterestCapExceeded);
		assert_ok!(open(BOB, 3 * ONE));
		assert_noop!(open(ALICE, 0), Error::<Test>::ZeroAmount);
		// reducing is always possible, even below the min size when it closes everything
		assert_ok!(close_following(ALICE, Some(5 * ONE - ONE / 100), 0));
		assert_ok!(close_following(ALICE, None, 0));
	});
}

#[test]
fn stale_index_makes_the_market_reduce_only() {
	test(|| {
		create_ocelot_market(seed_params());
		deposit(ALICE, 1_000 * ONE);
		long_quote(ALICE, 100 * ONE);
		run_to_block(1 + 1_800 + 1);
		let open = trade_following(ALICE, Direction::Long, TradeAmount::Base(ONE), 0);
		assert_noop!(open, Error::<Test>::MarketReduceOnly);
		clear_index(OCELOTS);
		assert_noop!(
			trade_following(ALICE, Direction::Short, TradeAmount::Base(100 * ONE), 0),
			Error::<Test>::MarketReduceOnly
		);
		assert_ok!(close_following(ALICE, None, 0));
	});
}
