//! In-kind funding of NFT-backed shorts (README "NFT collateral").
//!
//! Set-up of the seed: pool B = 1_000, Q = 10_000 (mark 10), index 10.2, a funding period of
//! one day (43_200 blocks). Every trade happens in block 1 and the shorts' sales are bought by
//! longs of the same total size, so the pool is back at exactly 1_000 / 10_000 (each swap
//! recomputes Q = ceil(k / B)) and the mark's TWAP over blocks 1..=43_200 is exactly 10.
//! Premium 10 − 10.2 = −0.2 (cap 10% of 10.2 = 1.02 not reached): shorts pay 0.2 per perp.

use super::*;

const DAY: u32 = 43_200;
/// The first funding boundary (market created at block 1).
const BOUNDARY: u64 = 1 + DAY as u64;
const HALF: u128 = ONE / 2;
/// Proceeds of selling 0.5 to the pool 1_000 / 10_000: 10_000 − ceil(10^43 / 1_000.5e18).
const ON_HALF: u128 = 4_997_501_249_375_312_343;

fn index() -> FixedU128 {
	FixedU128::from_inner(10_200_000_000_000_000_000)
}

fn params() -> MarketParams {
	MarketParams { funding_period: DAY, ..no_fee_params() }
}

/// Mark 10, index 10.2; `shorts` escrow one NFT each (items 1, 2, ...) and sell 0.5 perp,
/// the longs buy `(who, size)`; the pool ends at 1_000 / 10_000.
fn seed(shorts: &[AccountId], longs: &[(AccountId, u128)]) {
	create_market_with(1_000 * ONE, 10_000 * ONE, index(), params());
	for (i, who) in shorts.iter().enumerate() {
		escrow_nfts(*who, [i as u32 + 1]);
		short_base(*who, HALF);
	}
	for (who, size) in longs {
		deposit(*who, 10 * ONE);
		long_base(*who, *size);
	}
	assert_eq!(mark(), price(10));
}

fn funding_round() {
	jump_to_with_index(BOUNDARY, index());
}

#[test]
fn seed_half_perp_becomes_0_51() {
	test(|| {
		seed(&[ALICE], &[(BOB, HALF)]);
		assert_eq!(account(0, ALICE).cash, 0);
		funding_round();
		assert!(events().iter().any(|e| matches!(e, Event::FundingUpdated {
			periods: 1, mark_twap, index_twap, rate: -200_000_000_000_000_000, fund_delta: 0, ..
		} if *mark_twap == price(10) && *index_twap == index())));
		// owed 0.2 · 0.5 = 0.1, no cash: 0.1 / 10 = 0.01 minted in kind
		assert!(events().contains(&Event::FundingPaidInKind {
			market: 0,
			who: ALICE,
			value: ONE / 10,
			minted: ONE / 100,
			mark_price: price(10),
			new_size: -510_000_000_000_000_000,
		}));
		assert!(events().contains(&Event::FundingSettled {
			market: 0,
			who: ALICE,
			amount: ONE as i128 / 10
		}));
		// one account: the sweep ends in the same block and the round is credited to the longs
		assert!(events().contains(&Event::InKindRoundFinalised {
			market: 0,
			value: ONE / 10,
			minted: ONE / 100,
			long_size: HALF,
			in_kind_growth: FixedU128::from_inner(1_020_000_000_000_000_000),
		}));
		let a = account(0, ALICE);
		assert_eq!(a.position.size, -510_000_000_000_000_000);
		assert_eq!(a.in_kind_minted, ONE / 100);
		assert_eq!(a.cash, 0);
		let m = market(0);
		assert_eq!(m.totals.open_interest_short, 510_000_000_000_000_000);
		assert_eq!(m.totals.open_interest_long, HALF);
		assert_eq!(m.long_growth_pending, ONE / 100);
		assert_eq!(m.in_kind_growth, FixedU128::from_inner(1_020_000_000_000_000_000));
		assert_eq!(m.in_kind_round, InKindRound::default());
		// the longs were credited 0.2 per unit in cash and pay back 0.1 / 0.5 = 0.2: net 0
		assert_eq!(m.cumulative_funding_short, -200_000_000_000_000_000);
		assert_eq!(m.cumulative_funding_long, 0);
		assert_eq!(m.float, 0);
		// Bob's grown size, not settled yet
		assert_eq!(FloorPerp::current_size(&m, &account(0, BOB)).unwrap(), 510_000_000_000_000_000);
		assert_eq!(account(0, BOB).position.size, HALF as i128);
		let info = FloorPerp::position_info(0, &BOB).unwrap();
		assert_eq!(info.size, 510_000_000_000_000_000);
		assert_eq!(info.funding_owed, 0);
		assert_eq!(FloorPerp::position_info(0, &ALICE).unwrap().in_kind_minted, ONE / 100);
		// Alice is still covered: 0.51 · 10.2 ≤ 10.2
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));

		// lazy settlement on Bob's next touch
		assert_eq!(count_events(|e| matches!(e, Event::InKindReceived { .. })), 0);
		deposit(BOB, 1);
		assert!(events().contains(&Event::InKindReceived {
			market: 0,
			who: BOB,
			size: ONE / 100,
			new_size: 510_000_000_000_000_000,
		}));
		let b = account(0, BOB);
		assert_eq!(b.position.size, 510_000_000_000_000_000);
		assert_eq!(b.in_kind_received, ONE / 100);
		assert_eq!(b.cash, 10 * ONE + 1);
		assert_eq!(b.position.last_growth, FixedU128::from_inner(1_020_000_000_000_000_000));
		let m = market(0);
		assert_eq!(m.totals.open_interest_long, 510_000_000_000_000_000);
		assert_eq!(m.long_growth_pending, 0);
		// a second touch receives nothing more
		deposit(BOB, 1);
		assert_eq!(count_events(|e| matches!(e, Event::InKindReceived { .. })), 1);
		assert_eq!(account(0, BOB).position.size, 510_000_000_000_000_000);

		// both close: the vAMM's net position was never moved by the funding
		next_block();
		assert_ok!(FloorPerp::close_position(RuntimeOrigin::signed(BOB), 0, None, 0));
		deposit(ALICE, 10 * ONE);
		assert_ok!(FloorPerp::close_position(RuntimeOrigin::signed(ALICE), 0, None, u128::MAX));
		let m = market(0);
		assert_eq!(m.totals.open_interest_long, 0);
		assert_eq!(m.totals.open_interest_short, 0);
		use crate::VammInterface;
		assert_eq!(<Vamm as VammInterface>::net_base(0).unwrap(), 0);
	});
}

/// Cash first: with 0.04 of cash for 0.1 owed, 0.06 is paid in kind: 0.006 at mark 10.
#[test]
fn partly_cash_pays_cash_first() {
	test(|| {
		create_market_with(1_000 * ONE, 10_000 * ONE, index(), params());
		escrow_nfts(ALICE, [1]);
		deposit(ALICE, 4 * ONE / 100);
		short_base(ALICE, HALF);
		deposit(BOB, 10 * ONE);
		long_base(BOB, HALF);
		funding_round();
		assert!(events().contains(&Event::FundingPaidInKind {
			market: 0,
			who: ALICE,
			value: 6 * ONE / 100,
			minted: 6 * ONE / 1_000,
			mark_price: price(10),
			new_size: -506_000_000_000_000_000,
		}));
		// the 0.04 of cash went into the float, where it waits for the longs (no advance of
		// sale proceeds in a settlement that paid funding)
		assert_eq!(count_events(|e| matches!(e, Event::ProceedsAdvanced { .. })), 0);
		let a = account(0, ALICE);
		assert_eq!(a.cash, 0);
		assert_eq!(a.position.open_notional, ON_HALF);
		assert_eq!(a.position.size, -506_000_000_000_000_000);
		assert_eq!(a.in_kind_minted, 6 * ONE / 1_000);
		let m = market(0);
		assert_eq!(m.float, 4 * ONE / 100);
		assert_eq!(m.in_kind_growth, FixedU128::from_inner(1_012_000_000_000_000_000));
		// longs: credited 0.2, pay back 0.06 / 0.5 = 0.12 per unit -> receive 0.08 · 0.5 = 0.04
		assert_eq!(m.cumulative_funding_long, -80_000_000_000_000_000);
		deposit(BOB, 1);
		assert!(events().contains(&Event::FundingSettled {
			market: 0,
			who: BOB,
			amount: -(4 * ONE as i128 / 100)
		}));
		let b = account(0, BOB);
		assert_eq!(b.position.size, 506_000_000_000_000_000);
		// the float pays Bob's 0.04 at once
		assert_eq!(b.cash, 10 * ONE + 1 + 4 * ONE / 100);
		assert_eq!(b.unsettled_profit, 0);
		assert_eq!(market(0).float, 0);
	});
}

/// Cash that pays everything: nothing in kind, no round.
#[test]
fn enough_cash_pays_no_kind() {
	test(|| {
		create_market_with(1_000 * ONE, 10_000 * ONE, index(), params());
		escrow_nfts(ALICE, [1]);
		deposit(ALICE, ONE);
		short_base(ALICE, HALF);
		deposit(BOB, 10 * ONE);
		long_base(BOB, HALF);
		funding_round();
		assert_eq!(count_events(|e| matches!(e, Event::FundingPaidInKind { .. })), 0);
		assert_eq!(count_events(|e| matches!(e, Event::InKindRoundFinalised { .. })), 0);
		assert!(events().contains(&Event::FundingSettled {
			market: 0,
			who: ALICE,
			amount: ONE as i128 / 10
		}));
		// paid from cash into the float (no advance in a settlement that paid funding)
		assert_eq!(count_events(|e| matches!(e, Event::ProceedsAdvanced { .. })), 0);
		let a = account(0, ALICE);
		assert_eq!(a.cash, ONE - ONE / 10);
		assert_eq!(a.position.open_notional, ON_HALF);
		assert_eq!(a.position.size, -(HALF as i128));
		assert_eq!(a.in_kind_minted, 0);
		assert_eq!(market(0).in_kind_growth, FixedU128::one());
		assert_eq!(market(0).cumulative_funding_long, -200_000_000_000_000_000);
		// Bob receives the cash funding (0.1) from the float
		deposit(BOB, 1);
		assert_eq!(account(0, BOB).cash, 10 * ONE + 1 + ONE / 10);
		assert_eq!(account(0, BOB).unsettled_profit, 0);
	});
}

/// The sweep is paged: with a budget of one account per block, three NFT-backed shorts take
/// three blocks and the round is finalised at the end of the third. Total short and total
/// long size grow by the same 3 · 0.01.
#[test]
fn sweep_is_paged_and_finalised_at_the_end() {
	test(|| {
		seed(&[ALICE, CHARLIE, DAVE], &[(BOB, ONE), (KEEPER, HALF)]);
		InKindBudget::set(1);
		let paid = || count_events(|e| matches!(e, Event::FundingPaidInKind { .. }));
		let finalised = || count_events(|e| matches!(e, Event::InKindRoundFinalised { .. }));
		funding_round();
		assert_eq!(paid(), 1);
		assert_eq!(finalised(), 0);
		let m = market(0);
		assert!(m.in_kind_round.sweeping);
		assert_eq!(m.in_kind_round.minted, ONE / 100);
		assert_eq!(m.in_kind_round.owed, ONE / 10);
		assert_eq!(m.totals.open_interest_short, 3 * HALF + ONE / 100);
		assert_eq!(m.long_growth_pending, ONE / 100);
		// the longs do not grow before the round is finalised
		assert_eq!(m.in_kind_growth, FixedU128::one());
		assert_eq!(FloorPerp::current_size(&m, &account(0, BOB)).unwrap(), ONE as i128);
		assert_ok!(FloorPerp::do_try_state());

		// an account touched by its owner before the sweep reaches it pays at once (and only
		// once)
		let visited: Vec<AccountId> = events()
			.into_iter()
			.filter_map(
				|e| if let Event::FundingPaidInKind { who, .. } = e { Some(who) } else { None },
			)
			.collect();
		let untouched = [ALICE, CHARLIE, DAVE].into_iter().find(|w| !visited.contains(w)).unwrap();
		deposit(untouched, 1);
		assert_eq!(paid(), 2);
		assert_eq!(account(0, untouched).position.size, -510_000_000_000_000_000);
		assert_eq!(account(0, untouched).cash, 1);

		next_block();
		assert!(market(0).in_kind_round.sweeping);
		assert_eq!(finalised(), 0);
		assert_ok!(FloorPerp::do_try_state());
		next_block();
		assert_eq!(paid(), 3);
		assert_eq!(finalised(), 1);
		assert!(events().contains(&Event::InKindRoundFinalised {
			market: 0,
			value: 3 * ONE / 10,
			minted: 3 * ONE / 100,
			long_size: 3 * HALF,
			in_kind_growth: FixedU128::from_inner(1_020_000_000_000_000_000),
		}));
		let m = market(0);
		assert_eq!(m.in_kind_round, InKindRound::default());
		assert_eq!(InKindCursor::<Test>::get(0), None);
		for who in [ALICE, CHARLIE, DAVE] {
			assert_eq!(account(0, who).position.size, -510_000_000_000_000_000);
			assert_eq!(account(0, who).in_kind_minted, ONE / 100);
		}
		// both sides grew by 0.03
		assert_eq!(m.totals.open_interest_short, 3 * HALF + 3 * ONE / 100);
		assert_eq!(FloorPerp::total_long(&m), 3 * HALF + 3 * ONE / 100);
		let bob = FloorPerp::current_size(&m, &account(0, BOB)).unwrap();
		let keeper = FloorPerp::current_size(&m, &account(0, KEEPER)).unwrap();
		assert_eq!(bob, 1_020_000_000_000_000_000);
		assert_eq!(keeper, 510_000_000_000_000_000);
		assert_eq!((bob + keeper) as u128, m.totals.open_interest_long + m.long_growth_pending);
		// one more block: nothing more happens
		next_block();
		assert_eq!(paid(), 3);
		assert_eq!(finalised(), 1);
		// the longs settle lazily
		deposit(KEEPER, 1);
		assert!(events().contains(&Event::InKindReceived {
			market: 0,
			who: KEEPER,
			size: ONE / 100,
			new_size: 510_000_000_000_000_000,
		}));
		assert_eq!(market(0).long_growth_pending, 2 * ONE / 100);
	});
}

/// Uneven sizes: the longs' grown sizes are rounded down, the dust stays pending; the sum of
/// the longs' current sizes is within a few wei of the total long size.
#[test]
fn uneven_growth_rounds_in_favour_of_the_system() {
	test(|| {
		create_market_with(1_000 * ONE, 10_000 * ONE, index(), params());
		escrow_nfts(ALICE, [1]);
		short_base(ALICE, 7 * ONE / 10);
		deposit(BOB, 10 * ONE);
		long_base(BOB, ONE / 3);
		deposit(CHARLIE, 10 * ONE);
		// CHARLIE buys the rest so the pool is back at 1_000 / 10_000
		long_base(CHARLIE, 7 * ONE / 10 - ONE / 3);
		assert_eq!(mark(), price(10));
		funding_round();
		// owed 0.2 · 0.7 = 0.14 -> 0.014 minted
		assert!(events().iter().any(|e| matches!(e, Event::FundingPaidInKind { who: ALICE, minted, .. } if *minted == 14 * ONE / 1_000)));
		let m = market(0);
		// G = 0.714 / 0.7 = 1.02
		assert_eq!(m.in_kind_growth, FixedU128::from_inner(1_020_000_000_000_000_000));
		let bob = FloorPerp::current_size(&m, &account(0, BOB)).unwrap() as u128;
		let charlie = FloorPerp::current_size(&m, &account(0, CHARLIE)).unwrap() as u128;
		// 0.333...333 · 1.02 = 0.33999999999999999966 -> rounded down
		assert_eq!(bob, 339_999_999_999_999_999);
		assert_eq!(charlie, 374_000_000_000_000_000);
		let total = m.totals.open_interest_long + m.long_growth_pending;
		assert_eq!(total, 714_000_000_000_000_000);
		assert!(bob + charlie <= total && total - (bob + charlie) <= 2);
		deposit(BOB, 1);
		deposit(CHARLIE, 1);
		let m = market(0);
		// what is left pending is the rounding dust
		assert_eq!(m.long_growth_pending, total - bob - charlie);
		assert_eq!(m.totals.open_interest_long, bob + charlie);
	});
}

/// Without any long to credit, the vAMM alone is the counterparty: the in-kind part is
/// waived (the short does not grow).
#[test]
fn in_kind_waived_without_longs() {
	test(|| {
		create_market_with(1_000 * ONE, 10_000 * ONE, index(), params());
		escrow_nfts(ALICE, [1]);
		short_base(ALICE, HALF);
		// B = 1_000.5: mark 9.990007495003123126, premium −0.209992504996876874
		assert_eq!(mark().into_inner(), 9_990_007_495_003_123_126);
		funding_round();
		assert_eq!(market(0).last_funding_rate, -209_992_504_996_876_874);
		assert!(events().contains(&Event::InKindFundingWaived {
			market: 0,
			who: ALICE,
			value: 104_996_252_498_438_437
		}));
		assert_eq!(count_events(|e| matches!(e, Event::FundingPaidInKind { .. })), 0);
		assert_eq!(account(0, ALICE).position.size, -(HALF as i128));
		assert_eq!(account(0, ALICE).in_kind_minted, 0);
		assert_eq!(market(0).long_growth_pending, 0);
	});
}
