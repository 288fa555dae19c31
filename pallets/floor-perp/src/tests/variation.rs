//! Variation margin (`variation.rs`): realised winners are paid from what open losers owe,
//! at a price the caller cannot move, without changing anyone's equity.

use super::*;

fn settle(caller: AccountId, who: AccountId) -> DispatchResult {
	FloorPerp::settle_variation_margin(RuntimeOrigin::signed(caller), 0, who)
}

fn paid_events(who: AccountId) -> Vec<u128> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::VariationMarginPaid { who: w, amount, .. } if w == who => Some(amount),
			_ => None,
		})
		.collect()
}

/// The seed's stage on a 20 / 20 pool (mark 1): Alice sells 1 perp against 1 NFT with no
/// cash, Bob buys it fully paid.
fn seed_stage() {
	create_market_with(20 * ONE, 20 * ONE, price(1), no_fee_params());
	escrow_nfts(ALICE, [0]);
	short_base(ALICE, ONE);
	deposit(BOB, ONE);
	long_base(BOB, ONE);
}

fn equity(who: AccountId) -> i128 {
	let m = market(0);
	FloorPerp::health(0, &m, &account(0, who)).unwrap().equity
}

/// The seed's case (its dynamic-collateral section), on a pool shallow enough for one perp
/// to move the mark as far as the story needs (20 / 20, mark 1): Alice sells 1 perp against 1
/// NFT with no cash, Bob buys it fully paid at ~0.95, Charlie must buy fully paid as the price
/// runs up (the dynamic requirement refuses 2x), Bob closes with a profit. The float is empty —
/// nobody has realised a loss — so the profit waits; Charlie, whose buy Bob's sale undercut,
/// is an open loser holding cash: his loss is collected as variation margin and Bob withdraws
/// his stake and all of his profit.
#[test]
fn the_seeds_charlie_case_pays_bob_from_charlies_open_loss() {
	test(|| {
		seed_stage();
		let bob_cost = account(0, BOB).position.open_notional;
		assert_eq!(bob_cost, 952_380_952_380_952_380, "Bob pays about Alice's proceeds, 0.952");
		// the price runs up as Charlie buys 5 (mark 1 -> 1.78): the longs are under-covered
		// (the seller brought an NFT, not cash), so 2x is refused and he pays in full
		next_block();
		let (available, claims) = FloorPerp::long_cover(0, &market(0)).unwrap();
		assert!(available < claims);
		deposit(CHARLIE, 4 * ONE);
		follow_floor(Direction::Long, TradeAmount::Base(5 * ONE));
		assert_noop!(
			FloorPerp::open_position(
				RuntimeOrigin::signed(CHARLIE),
				0,
				Direction::Long,
				TradeAmount::Base(5 * ONE),
				u128::MAX
			),
			Error::<Test>::InsufficientMargin
		);
		deposit(CHARLIE, 4 * ONE);
		long_base(CHARLIE, 5 * ONE);
		let charlie_cost = account(0, CHARLIE).position.open_notional;
		assert_eq!(charlie_cost, 6_666_666_666_666_666_667, "6.67 WETH for 5 perps");
		// Bob closes: his perp sold near the top
		assert_ok!(close_following(BOB, None, 0));
		let b = account(0, BOB);
		let profit = b.unsettled_profit;
		assert!(profit > 7 * ONE / 10 && profit < 72 * ONE / 100, "0.71 of profit: {}", profit);
		assert_eq!(b.cash, ONE, "none of it paid: the float is empty");
		assert_eq!(market(0).float, 0);
		// Charlie's 5 perps are worth less than he paid now: an open loss as large as Bob's
		// profit (the net position is back where it was: the vAMM owes nothing)
		let h = FloorPerp::health(0, &market(0), &account(0, CHARLIE)).unwrap();
		assert!(-h.upnl >= profit as i128);
		let due = FloorPerp::variation_due(0, &market(0), &account(0, CHARLIE)).unwrap();
		assert_eq!(due, profit, "exactly what the winner waits for");
		// Bob asks for it in the batch of his close and withdrawal
		assert_ok!(settle(BOB, CHARLIE));
		assert_eq!(paid_events(CHARLIE), vec![due]);
		let c = account(0, CHARLIE);
		assert_eq!(c.cash, 8 * ONE - due);
		assert_eq!(c.position.open_notional, charlie_cost - due, "his entry basis moved");
		assert_eq!(
			FloorPerp::health(0, &market(0), &c).unwrap().equity,
			h.equity,
			"his equity did not"
		);
		let weth0 = weth(&BOB);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, ONE + profit));
		assert_eq!(weth(&BOB), weth0 + ONE + profit, "Bob took his stake and all of his profit");
		assert!(Accounts::<Test>::get(0, BOB).is_none());
		// nothing more is due: no winner waits
		assert_noop!(settle(BOB, CHARLIE), Error::<Test>::NoVariationDue);
	});
}

/// The liquidation sweep of `on_initialize` collects the same without anyone asking.
#[test]
fn the_sweep_collects_variation_margin_by_itself() {
	test(|| {
		create_market_with(20 * ONE, 20 * ONE, price(1), no_fee_params());
		deposit(BOB, ONE);
		long_base(BOB, ONE);
		next_block();
		deposit(CHARLIE, 20 * ONE);
		long_base(CHARLIE, 5 * ONE);
		assert_ok!(close_following(BOB, None, 0));
		let waiting = account(0, BOB).unsettled_profit;
		assert!(waiting > 0);
		next_block();
		assert_eq!(paid_events(CHARLIE), vec![waiting]);
		assert_eq!(market(0).float, waiting);
		// Bob's next touch pays him
		assert_ok!(FloorPerp::withdraw(
			RuntimeOrigin::signed(BOB),
			0,
			account(0, BOB).cash + waiting
		));
		assert_eq!(account(0, BOB).unsettled_profit, 0);
	});
}

/// Pushing the mark cannot make a victim pay more: the loss is valued at the better, for
/// the loser, of the mark and the index. An attacker waiting as a winner shorts the mark
/// down inside the band to deepen a long's loss at the mark, then asks for its variation
/// margin: it gets no more than before the push.
#[test]
fn pushing_the_mark_does_not_raise_what_a_loser_pays() {
	test(|| {
		create_floor20_market(MarketParams::default());
		deposit(ALICE, 1_000 * ONE);
		long_base(ALICE, 10 * ONE);
		next_block();
		deposit(CHARLIE, 2_000 * ONE);
		long_base(CHARLIE, 20 * ONE);
		assert_ok!(close_following(ALICE, None, 0));
		assert!(account(0, ALICE).unsettled_profit > 0);
		// the floor is where the mark is now
		set_index(OCELOTS, mark());
		let fair = FloorPerp::variation_due(0, &market(0), &account(0, CHARLIE)).unwrap();
		assert!(fair > 0);
		// the attacker's second account pushes the mark 4% down (inside the band)
		deposit(DAVE, 1_000 * ONE);
		let index = FloorPerp::fresh_index(&market(0)).unwrap();
		while mark() > index * FixedU128::from_rational(97, 100) {
			assert_ok!(FloorPerp::open_position(
				RuntimeOrigin::signed(DAVE),
				0,
				Direction::Short,
				TradeAmount::Quote(20 * ONE),
				u128::MAX
			));
		}
		let pushed = FloorPerp::variation_due(0, &market(0), &account(0, CHARLIE)).unwrap();
		assert!(pushed <= fair, "pushed {} > fair {}", pushed, fair);
		// and the mark pushed up instead (the loser's better price) lowers it
		assert_ok!(FloorPerp::close_position(RuntimeOrigin::signed(DAVE), 0, None, u128::MAX));
		let eq = equity(CHARLIE);
		assert_ok!(settle(ALICE, CHARLIE));
		assert_eq!(equity(CHARLIE), eq);
	});
}

/// Only what realised winners wait for is collected, and never from NFT-backed shorts (their
/// loss is backed by their NFTs) or accounts without a position.
#[test]
fn nothing_is_collected_without_a_waiting_winner_or_from_nft_backed_shorts() {
	test(|| {
		seed_stage();
		next_block();
		deposit(DAVE, 20 * ONE);
		long_base(DAVE, 3 * ONE);
		// Bob is a winner, nobody has realised anything: nothing is due from anyone
		assert_noop!(settle(KEEPER, BOB), Error::<Test>::NoVariationDue);
		assert_noop!(settle(KEEPER, ALICE), Error::<Test>::NoVariationDue);
		assert_noop!(settle(KEEPER, CHARLIE), Error::<Test>::NoPosition);
		// Bob realises: he waits; Dave (bought higher) is an open loser with cash and pays;
		// Alice is an open loser too, but NFT-backed: not called
		assert_ok!(close_following(BOB, None, 0));
		let waiting = account(0, BOB).unsettled_profit;
		assert!(waiting > 0);
		assert!(FloorPerp::health(0, &market(0), &account(0, ALICE)).unwrap().upnl < 0);
		assert_eq!(FloorPerp::variation_due(0, &market(0), &account(0, ALICE)).unwrap(), 0);
		assert_noop!(settle(KEEPER, ALICE), Error::<Test>::NoVariationDue);
		assert_ok!(settle(KEEPER, DAVE));
		assert_eq!(paid_events(DAVE), vec![waiting]);
		// once paid into the float, nothing more is due
		assert_noop!(settle(KEEPER, DAVE), Error::<Test>::NoVariationDue);
	});
}
