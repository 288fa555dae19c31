//! Liquidation of NFT-backed shorts: on the index only (`|q|·i > c + n·i`), never on the mark;
//! the seed's in-kind growth 0.985 → 0.995 → > 1; liquidation auctions (bids, refunds,
//! settlement by `on_initialize` or by anyone, no-bid rounds, shortfall to the insurance fund).

use super::*;

// ---------------------------------------------------------------------------------------------
// The seed: 1 NFT, cash 0, short 0.985 at mark 10, index 10.2, funding every half day.
//
// Pool B = 1_000, Q = 10_000; Alice sells 0.985 (open notional 9.840307297312147534), Bob buys
// it back in the same block: the pool is back at 1_000 / 10_000, the mark TWAP is exactly 10.
// Per half day shorts pay 0.2 · 21_600 / 43_200 = 0.1 per perp:
// round 1: owed 0.0985, minted 0.00985 -> 0.99485 (0.99485 · 10.2 ≤ 10.2: covered);
// round 2: owed 0.099485, minted 0.0099485 -> 1.0047985 (> 1 NFT: liquidatable).
// The liquidation buys 1.0047985 back for 10.058091355106473953: loss 0.217784057794326419,
// all of it debt (no cash); reserve 90% · 10.2 = 9.18: one NFT on auction.
// ---------------------------------------------------------------------------------------------

const HALF_DAY: u32 = 21_600;
const ROUND_1: u64 = 1 + HALF_DAY as u64;
const ROUND_2: u64 = 1 + 2 * HALF_DAY as u64;
const SEED_SIZE: u128 = 985 * ONE / 1_000;
const SEED_ON: u128 = 9_840_307_297_312_147_534;
const SIZE_1: u128 = 994_850_000_000_000_000;
const SIZE_2: u128 = 1_004_798_500_000_000_000;
const BUY_BACK: u128 = 10_058_091_355_106_473_953;
const DEBT: u128 = 217_784_057_794_326_419;
const RESERVE: u128 = 9_180_000_000_000_000_000;
/// End of the first auction: liquidated at ROUND_2, `auction_duration` 1_800.
const END: u64 = ROUND_2 + 1_800;

fn index102() -> FixedU128 {
	FixedU128::from_inner(10_200_000_000_000_000_000)
}

/// Seed up to the first funding round (Alice at 0.99485, covered).
fn seed_round_1() {
	let params = MarketParams { funding_period: HALF_DAY, ..no_fee_params() };
	create_market_with(1_000 * ONE, 10_000 * ONE, index102(), params);
	escrow_nfts(ALICE, [1]);
	short_base(ALICE, SEED_SIZE);
	deposit(BOB, 10 * ONE);
	long_base(BOB, SEED_SIZE);
	assert_eq!(mark(), price(10));
	let a = account(0, ALICE);
	assert_eq!(a.cash, 0);
	assert_eq!(a.position.open_notional, SEED_ON);
	jump_to_with_index(ROUND_1, index102());
	assert_eq!(market(0).last_funding_rate, -(ONE as i128) / 10);
	assert!(events().iter().any(|e| matches!(e, Event::FundingPaidInKind {
		who: ALICE, value: 98_500_000_000_000_000, minted: 9_850_000_000_000_000, new_size, ..
	} if *new_size == -(SIZE_1 as i128))));
	assert_eq!(size(ALICE), -(SIZE_1 as i128));
}

/// Seed up to the second funding round, with the liquidation sweep of `on_initialize` on or
/// off.
fn seed_round_2(sweep: bool) {
	seed_round_1();
	round_2(sweep);
}

/// The second funding round (after `seed_round_1`).
fn round_2(sweep: bool) {
	if !sweep {
		LiquidationBudget::set(0);
	}
	jump_to_with_index(ROUND_2, index102());
	assert!(events().iter().any(|e| matches!(e, Event::FundingPaidInKind {
		who: ALICE, value: 99_485_000_000_000_000, minted: 9_948_500_000_000_000, new_size, ..
	} if *new_size == -(SIZE_2 as i128))));
}

/// The seed liquidated by KEEPER at ROUND_2.
fn seed_liquidated() {
	seed_round_2(false);
	assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
	LiquidationBudget::set(16);
}

fn liquidation_event(keeper: Option<AccountId>) -> Event<Test> {
	Event::NftShortLiquidated {
		market: 0,
		who: ALICE,
		keeper,
		closed: SIZE_2,
		quote: BUY_BACK,
		realised_pnl: SEED_ON as i128 - BUY_BACK as i128,
		debt: DEBT,
		auctions: 1,
		index_price: index102(),
		// her cash went to the loss: the keeper is paid from the auction (below)
		keeper_fee: 0,
		fund_fee: 0,
	}
}

fn first_auction_started() -> Event<Test> {
	Event::AuctionStarted {
		auction: 0,
		market: 0,
		item: 1,
		owner: ALICE,
		kind: AuctionKind::Liquidation,
		reserve: RESERVE,
		end: END as u32,
		round: 0,
	}
}

#[test]
fn seed_in_kind_growth_then_liquidation_by_a_keeper() {
	test(|| {
		seed_round_1();
		// 0.99485 · 10.2 ≤ 0 + 1 · 10.2: covered, whatever the mark
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::NotLiquidatable
		);
		let info = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!(info.nft_cover_value, Some(10_200_000_000_000_000_000));
		assert_eq!(info.nft_liability, Some(10_147_470_000_000_000_000));
		assert!(!info.liquidatable);
		// the longs grew by as much: G = 0.99485 / 0.985 = 1.01
		assert_eq!(market(0).in_kind_growth, FixedU128::from_inner(1_010_000_000_000_000_000));

		round_2(false);
		// 1.0047985 · 10.2 > 10.2
		let a = account(0, ALICE);
		assert_eq!(a.in_kind_minted, 9_850_000_000_000_000 + 9_948_500_000_000_000);
		assert!(FloorPerp::is_liquidatable(0, &a));
		assert!(FloorPerp::position_info(0, &ALICE).unwrap().liquidatable);
		// Bob grew by exactly what Alice minted (G = 1.01 · 1.01)
		let m = market(0);
		assert_eq!(m.in_kind_growth, FixedU128::from_inner(1_020_100_000_000_000_000));
		assert_eq!(FloorPerp::current_size(&m, &account(0, BOB)).unwrap(), SIZE_2 as i128);
		// the sweep was off: nobody liquidated her yet
		assert_eq!(count_events(|e| matches!(e, Event::NftShortLiquidated { .. })), 0);

		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		assert!(events().contains(&liquidation_event(Some(KEEPER))));
		assert!(events().contains(&first_auction_started()));
		let a = account(0, ALICE);
		assert_eq!(a.position.size, 0);
		assert_eq!(a.cash, 0);
		assert_eq!(a.debt, DEBT);
		assert_eq!(a.nft_count, 1);
		assert_eq!(a.liquidation_auctions, 1);
		let info = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!((info.debt, info.liquidation_auctions, info.voluntary_auctions), (DEBT, 1, 0));
		assert_eq!(
			Escrow::<Test>::get(0, 1),
			Some(EscrowRecord { owner: ALICE, auction: Some(0) })
		);
		let auction = Auctions::<Test>::get(0).unwrap();
		assert_eq!(auction.keeper, Some(KEEPER));
		assert_eq!(auction.best_bid, None);
		assert_eq!(AuctionsEndingAt::<Test>::get(END as u32).into_inner(), vec![0]);
		// the NFT is still the vault's
		assert_eq!(nft_owner(OCELOTS, 1), Some(FloorPerp::vault()));
		assert_eq!(market(0).totals.open_interest_short, 0);
		// in liquidation: no trading, no more NFTs, no withdrawal of the one on auction
		assert_noop!(
			trade_following(ALICE, Direction::Short, TradeAmount::Base(ONE / 10), 0),
			Error::<Test>::AccountInLiquidation
		);
		mint_nft(OCELOTS, 2, ALICE);
		assert_noop!(
			FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 2),
			Error::<Test>::AccountInLiquidation
		);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::NftOnAuction
		);
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::NoPosition
		);
	});
}

/// The `on_initialize` sweep liquidates her in the block of the round that uncovers her, with
/// the same result as the keeper (without a keeper).
#[test]
fn seed_liquidated_by_the_sweep() {
	test(|| {
		seed_round_2(true);
		assert!(events().contains(&liquidation_event(None)));
		assert!(events().contains(&first_auction_started()));
		assert_eq!(Auctions::<Test>::get(0).unwrap().keeper, None);
		assert_eq!(account(0, ALICE).debt, DEBT);
	});
}

#[test]
fn auction_bids_and_settlement_with_excess_to_the_owner() {
	test(|| {
		seed_liquidated();
		let bid = |who, amount| FloorPerp::bid(RuntimeOrigin::signed(who), 0, amount);
		assert_noop!(bid(CHARLIE, RESERVE - 1), Error::<Test>::BidTooLow);
		assert_noop!(
			FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 7, RESERVE),
			Error::<Test>::AuctionNotFound
		);
		assert_ok!(bid(CHARLIE, RESERVE));
		assert_eq!(weth(&CHARLIE), FUNDS - RESERVE);
		assert_eq!(market(0).bids_locked, RESERVE);
		assert!(events().contains(&Event::BidPlaced {
			auction: 0,
			bidder: CHARLIE,
			amount: RESERVE,
			outbid: None
		}));
		// the next bid must beat the best by 1%: 9.18 + 0.0918
		let next = 9_271_800_000_000_000_000;
		assert_noop!(bid(DAVE, next - 1), Error::<Test>::BidTooLow);
		assert_noop!(bid(DAVE, RESERVE), Error::<Test>::BidTooLow);
		next_block();
		assert_ok!(bid(DAVE, next));
		// Charlie is refunded at once
		assert_eq!(weth(&CHARLIE), FUNDS);
		assert_eq!(weth(&DAVE), FUNDS - next);
		assert_eq!(market(0).bids_locked, next);
		assert!(events().contains(&Event::BidPlaced {
			auction: 0,
			bidder: DAVE,
			amount: next,
			outbid: Some((CHARLIE, RESERVE)),
		}));
		assert_eq!(Auctions::<Test>::get(0).unwrap().best_bid, Some((DAVE, next)));

		// settled by on_initialize of its end block
		let fund_before = market(0).insurance_fund;
		jump_to(END);
		// excess 9.2718 − 0.217784057794326419 = 9.054015942205673581; fee 1.25% (rounded
		// up) = 0.113175199277570920, half to the keeper
		let fee = 113_175_199_277_570_920;
		let to_owner = 8_940_840_742_928_102_661;
		assert!(events().contains(&Event::AuctionSettled {
			auction: 0,
			market: 0,
			item: 1,
			winner: DAVE,
			price: next,
			to_debt: DEBT,
			fee,
			to_owner,
			shortfall: 0,
		}));
		assert_eq!(nft_owner(OCELOTS, 1), Some(DAVE));
		assert_eq!(Auctions::<Test>::get(0), None);
		assert_eq!(Escrow::<Test>::get(0, 1), None);
		let a = account(0, ALICE);
		assert_eq!(a.cash, to_owner);
		assert_eq!(a.debt, 0);
		assert_eq!(a.nft_count, 0);
		assert_eq!(a.liquidation_auctions, 0);
		assert_eq!(account(0, KEEPER).cash, fee / 2);
		let m = market(0);
		assert_eq!(m.insurance_fund, fund_before + fee - fee / 2);
		assert_eq!(m.bids_locked, 0);
		assert_eq!(m.escrowed_nfts, 0);
		// too late to bid
		assert_noop!(bid(CHARLIE, 20 * ONE), Error::<Test>::AuctionNotFound);
		// Alice takes her money home, the keeper too
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, to_owner));
		assert_eq!(weth(&ALICE), FUNDS + to_owner);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(KEEPER), 0, fee / 2));
	});
}

/// No bid: a new round of the same auction at 90% of the reserve; then it sells.
#[test]
fn no_bid_new_round_at_a_lower_reserve() {
	test(|| {
		seed_liquidated();
		jump_to(END);
		assert!(events().contains(&Event::AuctionUnsold {
			auction: 0,
			market: 0,
			item: 1,
			kind: AuctionKind::Liquidation
		}));
		let reserve_1 = 8_262_000_000_000_000_000;
		let end_1 = END + 1_800;
		assert!(events().contains(&Event::AuctionStarted {
			auction: 0,
			market: 0,
			item: 1,
			owner: ALICE,
			kind: AuctionKind::Liquidation,
			reserve: reserve_1,
			end: end_1 as u32,
			round: 1,
		}));
		let a = Auctions::<Test>::get(0).unwrap();
		assert_eq!(
			(a.reserve, a.round, a.end, a.keeper),
			(reserve_1, 1, end_1 as u32, Some(KEEPER))
		);
		assert_eq!(NextAuctionId::<Test>::get(), 1);
		assert_eq!(account(0, ALICE).debt, DEBT);
		assert_eq!(nft_owner(OCELOTS, 1), Some(FloorPerp::vault()));
		assert_noop!(
			FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, reserve_1 - 1),
			Error::<Test>::BidTooLow
		);
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, reserve_1));
		jump_to(end_1);
		let fee = 100_552_699_277_570_920;
		let to_owner = 7_943_663_242_928_102_661;
		assert!(events().contains(&Event::AuctionSettled {
			auction: 0,
			market: 0,
			item: 1,
			winner: CHARLIE,
			price: reserve_1,
			to_debt: DEBT,
			fee,
			to_owner,
			shortfall: 0,
		}));
		assert_eq!(account(0, ALICE).cash, to_owner);
		assert_eq!(account(0, KEEPER).cash, fee / 2);
		assert_eq!(nft_owner(OCELOTS, 1), Some(CHARLIE));
	});
}

/// `settle_auction` settles an ended auction for anybody (here the hook of the end block did
/// not run); not before the end; bids after the end are refused.
#[test]
fn settle_auction_by_anyone() {
	test(|| {
		seed_liquidated();
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, RESERVE));
		assert_noop!(
			FloorPerp::settle_auction(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::AuctionNotEnded
		);
		System::set_block_number(END - 1);
		assert_noop!(
			FloorPerp::settle_auction(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::AuctionNotEnded
		);
		// the end block without its hook
		System::set_block_number(END);
		assert_noop!(
			FloorPerp::bid(RuntimeOrigin::signed(DAVE), 0, 10 * ONE),
			Error::<Test>::AuctionEnded
		);
		assert_noop!(
			FloorPerp::settle_auction(RuntimeOrigin::signed(BOB), 9),
			Error::<Test>::AuctionNotFound
		);
		assert_ok!(FloorPerp::settle_auction(RuntimeOrigin::signed(BOB), 0));
		// the keeper of the liquidation is paid, not the caller
		let fee = 112_027_699_277_570_920;
		let to_owner = 8_850_188_242_928_102_661;
		assert!(events().contains(&Event::AuctionSettled {
			auction: 0,
			market: 0,
			item: 1,
			winner: CHARLIE,
			price: RESERVE,
			to_debt: DEBT,
			fee,
			to_owner,
			shortfall: 0,
		}));
		assert_eq!(account(0, KEEPER).cash, fee / 2);
		assert_eq!(account(0, BOB).cash, 10 * ONE);
		assert_eq!(account(0, ALICE).cash, to_owner);
		assert_eq!(nft_owner(OCELOTS, 1), Some(CHARLIE));
		assert!(AuctionsEndingAt::<Test>::get(END as u32).is_empty());
		assert_noop!(
			FloorPerp::settle_auction(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::AuctionNotFound
		);
		// the next blocks do nothing more
		next_block();
		assert_eq!(count_events(|e| matches!(e, Event::AuctionSettled { .. })), 1);
		assert_eq!(nft_owner(OCELOTS, 1), Some(CHARLIE));
	});
}

// ---------------------------------------------------------------------------------------------
// Index, not mark
// ---------------------------------------------------------------------------------------------

/// A mark spike (index steady) liquidates the cash short, not the NFT-backed short of the
/// same size. Pool 1_000 / 20_000; Alice (5 NFTs) and Charlie (cash 10.5) sell 5 each; Bob
/// buys 30: mark ≈ 20.82, Charlie's margin ≈ 4.2% < 6.25%.
#[test]
fn mark_spike_does_not_liquidate_nft_short() {
	test(|| {
		create_floor20_market(no_fee_params());
		escrow_nfts(ALICE, 1..=5);
		short_base(ALICE, 5 * ONE);
		// Charlie's 5 perps need initial margin at the index (above the mark his sale left)
		deposit(CHARLIE, 123 * ONE / 10);
		short_base(CHARLIE, 5 * ONE);
		next_block();
		deposit(BOB, 1_000 * ONE);
		long_base(BOB, 30 * ONE);
		assert_eq!(mark().into_inner(), 20_824_656_393_169_512_703);
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert!(FloorPerp::is_liquidatable(0, &account(0, CHARLIE)));
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::NotLiquidatable
		);
		// the sweep of the next block takes the cash short only
		next_block();
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::Liquidated { who: CHARLIE, keeper: None, .. })));
		assert_eq!(count_events(|e| matches!(e, Event::NftShortLiquidated { .. })), 0);
		assert_eq!(size(ALICE), -5 * ONE as i128);
		assert_eq!(account(0, ALICE).liquidation_auctions, 0);
		assert_eq!(NextAuctionId::<Test>::get(), 0);
	});
}

/// The index alone decides. Alice (1 NFT, cash 5) sells exactly 1.25 (1.25·20 = 5 + 20: the
/// boundary is covered, one wei more is not); the index rising by one wei liquidates her.
/// The pool gives back exactly what she received: no loss, no debt, no auction — and the
/// keeper is paid its half of the liquidation fee from her cash.
#[test]
fn index_move_liquidates() {
	test(|| {
		create_floor20_market(no_fee_params());
		escrow_nfts(ALICE, [1]);
		deposit(ALICE, 5 * ONE);
		assert_noop!(
			trade_following(ALICE, Direction::Short, TradeAmount::Base(125 * ONE / 100 + 1), 0),
			Error::<Test>::InsufficientNftCover
		);
		short_base(ALICE, 125 * ONE / 100);
		let on = 24_968_789_013_732_833_957;
		assert_eq!(account(0, ALICE).position.open_notional, on);
		// 1.25% of the buy-back (rounded up)
		let fee = 312_109_862_671_660_425;
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		next_block();
		assert_eq!(count_events(|e| matches!(e, Event::NftShortLiquidated { .. })), 0);
		set_index(OCELOTS, FixedU128::from_inner(20 * ONE + 1));
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		assert!(events().contains(&Event::NftShortLiquidated {
			market: 0,
			who: ALICE,
			keeper: Some(KEEPER),
			closed: 125 * ONE / 100,
			quote: on,
			realised_pnl: 0,
			debt: 0,
			auctions: 0,
			index_price: FixedU128::from_inner(20 * ONE + 1),
			// 1.25% of the buy-back from her cash: the keeper is paid without an auction
			keeper_fee: fee / 2,
			fund_fee: fee - fee / 2,
		}));
		assert_eq!(count_events(|e| matches!(e, Event::AuctionStarted { .. })), 0);
		let a = account(0, ALICE);
		assert_eq!(a.position.size, 0);
		assert_eq!(a.cash, 5 * ONE - fee);
		assert_eq!(a.debt, 0);
		assert_eq!(a.liquidation_auctions, 0);
		assert_eq!(account(0, KEEPER).cash, fee / 2);
		// her NFT is free: she takes it and her cash home
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 5 * ONE - fee));
		assert_eq!(nft_owner(OCELOTS, 1), Some(ALICE));
		assert_eq!(weth(&ALICE), FUNDS - fee);
	});
}

/// The seed's liquidation auction, its NFT locked by the collection's Freezer after a bid: at
/// its end the bid is refunded and the debt it was to pay goes to the fund (then socialised).
#[test]
fn a_liquidation_auction_whose_nft_was_locked_resolves_its_debt() {
	test(|| {
		seed_liquidated();
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, RESERVE));
		let charlie = weth(&CHARLIE);
		assert_ok!(Nfts::lock_item_transfer(RuntimeOrigin::signed(ADMIN), OCELOTS, 1));
		jump_to(END);
		assert!(events().contains(&Event::AuctionVoided {
			auction: 0,
			market: 0,
			item: 1,
			refunded: Some((CHARLIE, RESERVE)),
			shortfall: DEBT,
		}));
		let bad = events()
			.into_iter()
			.find_map(|e| match e {
				Event::BadDebt { who: ALICE, covered, socialised, .. } => {
					Some(covered + socialised)
				},
				_ => None,
			})
			.expect("BadDebt");
		assert_eq!(bad, DEBT);
		assert_eq!(weth(&CHARLIE), charlie + RESERVE);
		let a = account(0, ALICE);
		assert_eq!((a.debt, a.liquidation_auctions), (0, 0));
		// the locked NFT is not auctioned again (one auction only: the first)
		assert_eq!(count_events(|e| matches!(e, Event::AuctionStarted { .. })), 1);
		assert!(Auctions::<Test>::iter().next().is_none());
		assert_eq!(market(0).bids_locked, 0);
	});
}

#[test]
fn a_one_block_push_of_the_index_does_not_liquidate_an_nft_short() {
	test(|| {
		create_floor20_market(no_fee_params());
		assert_eq!(market(0).params.nft_index_window, 150);
		escrow_nfts(ALICE, [1]);
		deposit(ALICE, 5 * ONE);
		short_base(ALICE, 125 * ONE / 100);
		// the spot index is pushed just past her cover; its TWAP is still 20: the lower of
		// the two decides, and she is covered there
		set_index(OCELOTS, FixedU128::from_inner(20 * ONE + 1));
		set_index_twap(OCELOTS, FixedU128::from_u32(20));
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::NotLiquidatable
		);
		next_block();
		assert_eq!(count_events(|e| matches!(e, Event::NftShortLiquidated { .. })), 0);
		// a TWAP that pushed up too (the rise lasted): liquidated
		set_index_twap(OCELOTS, FixedU128::from_inner(20 * ONE + 1));
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		// a spot back down with the TWAP up: not liquidatable either (the lower decides)
		set_index(OCELOTS, FixedU128::from_u32(20));
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		// with no window the spot alone decides
		assert_ok!(FloorPerp::set_market_params(
			RuntimeOrigin::root(),
			0,
			MarketParams { nft_index_window: 0, ..no_fee_params() }
		));
		set_index(OCELOTS, FixedU128::from_inner(20 * ONE + 1));
		set_index_twap(OCELOTS, FixedU128::from_u32(20));
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
	});
}

#[test]
fn a_pushed_down_index_frees_no_collateral() {
	test(|| {
		create_floor20_market(no_fee_params());
		// Alice: 2 NFTs, Bob: 1 NFT; each 5 WETH of cash and short 1.25 at the index 20
		escrow_nfts(ALICE, [1, 2]);
		escrow_nfts(BOB, [3]);
		for who in [ALICE, BOB] {
			deposit(who, 5 * ONE);
			short_base(who, 125 * ONE / 100);
		}
		// the spot index is pushed down to 10; its TWAP is still 20. At 10 Alice could take an
		// NFT home (1.25 · 10 · 1.1 = 13.75 ≤ 5 + 1 · 10) and Bob 1 WETH (13.75 ≤ 4 + 10); at
		// 20 neither is covered (27.5 > 25, 27.5 > 24)
		set_index(OCELOTS, FixedU128::from_u32(10));
		set_index_twap(OCELOTS, FixedU128::from_u32(20));
		assert_eq!(
			FloorPerp::nft_index(&market(0), NftDecision::Remove),
			Some(FixedU128::from_u32(20))
		);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 2),
			Error::<Test>::InsufficientNftCover
		);
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, ONE),
			Error::<Test>::InsufficientNftCover
		);
		// once the TWAP agrees, they leave
		set_index_twap(OCELOTS, FixedU128::from_u32(10));
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 2));
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, ONE));
		// the other way round (spot up, TWAP down) the higher, the spot, decides
		set_index(OCELOTS, FixedU128::from_u32(20));
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, ONE / 10),
			Error::<Test>::InsufficientNftCover
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Shortfall: the auction fetches less than the debt; the rest is charged to the insurance fund
// ---------------------------------------------------------------------------------------------

/// Pool 1_000 / 20_000, trading fee 0.1%, auction reserve 1% of the index. Alice (1 NFT,
/// cash 5) sells 1.2 for 23.971234518577706751 (fee 0.023971234518577707); Bob buys 100 for
/// 2_216.603280679252362766 (fee 2.216603280679252363): mark ≈ 24.63. The index goes to 25:
/// 1.2·25 = 30 > 4.976028765481422293 + 25. Buying back costs 29.590176061547566208: loss
/// 5.618941542969859457, cash 4.976028765481422293, debt 0.642912777488437164; reserve 0.25.
#[test]
fn shortfall_charged_to_the_insurance_fund() {
	test(|| {
		let params = MarketParams {
			auction_reserve_ratio: Perbill::from_percent(1),
			funding_period: 100_000,
			..seed_params()
		};
		create_floor20_market(params);
		escrow_nfts(ALICE, [1]);
		deposit(ALICE, 5 * ONE);
		short_base(ALICE, 12 * ONE / 10);
		let cash = 4_976_028_765_481_422_293;
		assert_eq!(account(0, ALICE).cash, cash);
		next_block();
		deposit(BOB, 3_000 * ONE);
		long_base(BOB, 100 * ONE);
		let fund = 23_971_234_518_577_707 + 2_216_603_280_679_252_363;
		assert_eq!(market(0).insurance_fund, fund);
		// index 24: 28.8 ≤ 28.976: covered; 25: not
		set_index(OCELOTS, price(24));
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		set_index(OCELOTS, price(25));
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		let debt = 642_912_777_488_437_164;
		let reserve = ONE / 4;
		assert!(events().contains(&Event::NftShortLiquidated {
			market: 0,
			who: ALICE,
			keeper: Some(KEEPER),
			closed: 12 * ONE / 10,
			quote: 29_590_176_061_547_566_208,
			realised_pnl: -5_618_941_542_969_859_457,
			debt,
			auctions: 1,
			index_price: price(25),
			keeper_fee: 0,
			fund_fee: 0,
		}));
		let end = System::block_number() + 1_800;
		assert!(events().contains(&Event::AuctionStarted {
			auction: 0,
			market: 0,
			item: 1,
			owner: ALICE,
			kind: AuctionKind::Liquidation,
			reserve,
			end: end as u32,
			round: 0,
		}));
		assert_eq!(market(0).float, cash);
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, reserve));
		jump_to(end);
		let shortfall = debt - reserve;
		assert!(events().contains(&Event::AuctionSettled {
			auction: 0,
			market: 0,
			item: 1,
			winner: CHARLIE,
			price: reserve,
			to_debt: reserve,
			fee: 0,
			to_owner: 0,
			shortfall,
		}));
		assert!(events().contains(&Event::BadDebt {
			market: 0,
			who: ALICE,
			covered: shortfall,
			socialised: 0
		}));
		let m = market(0);
		assert_eq!(m.insurance_fund, fund - shortfall);
		assert_eq!(m.socialised_loss, 0);
		// the float holds the whole loss: Alice's cash, the sale and the fund's payment
		assert_eq!(m.float, 5_618_941_542_969_859_457);
		// Alice's account is settled and gone
		assert!(!Accounts::<Test>::contains_key(0, ALICE));
		assert_eq!(nft_owner(OCELOTS, 1), Some(CHARLIE));
		assert_eq!(account(0, KEEPER).cash, 0);
	});
}

/// When the fund cannot pay the whole shortfall, the rest is socialised.
#[test]
fn shortfall_beyond_the_fund_is_socialised() {
	test(|| {
		let params = MarketParams {
			auction_reserve_ratio: Perbill::from_percent(1),
			funding_period: 100_000,
			..no_fee_params()
		};
		create_floor20_market(params);
		escrow_nfts(ALICE, [1]);
		deposit(ALICE, 5 * ONE);
		short_base(ALICE, 12 * ONE / 10);
		next_block();
		deposit(BOB, 3_000 * ONE);
		long_base(BOB, 100 * ONE);
		assert_eq!(market(0).insurance_fund, 0);
		// without the fee her cash is 5: 1.2·25 = 5 + 25 is still covered, 26 is not
		set_index(OCELOTS, price(25));
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::NotLiquidatable
		);
		set_index(OCELOTS, price(26));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		// same trades without fees: loss 5.618941542969859457 − cash 5
		let debt = 618_941_542_969_859_457;
		assert_eq!(account(0, ALICE).debt, debt);
		let reserve = 26 * ONE / 100;
		assert_eq!(Auctions::<Test>::get(0).unwrap().reserve, reserve);
		let end = System::block_number() + 1_800;
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, reserve));
		jump_to(end);
		let shortfall = debt - reserve;
		assert!(events().contains(&Event::BadDebt {
			market: 0,
			who: ALICE,
			covered: 0,
			socialised: shortfall
		}));
		assert_eq!(market(0).socialised_loss, shortfall);
	});
}

/// Alice (3 NFTs, cash 5) sells 3.25 for 64.789434338400199352; Bob buys 100 (mark ≈ 24.51);
/// the index goes to 25 (81.25 > 5 + 75). Buying back costs 79.958175723467724575: debt
/// 10.168741385067525223. With a reserve ratio of 50% one NFT (reserve 12.5) goes on auction,
/// two stay escrowed and free.
fn liquidated_with_free_nfts() -> [u32; 2] {
	let params = MarketParams {
		funding_period: 100_000,
		auction_reserve_ratio: Perbill::from_percent(50),
		..no_fee_params()
	};
	create_floor20_market(params);
	escrow_nfts(ALICE, [1, 2, 3]);
	deposit(ALICE, 5 * ONE);
	short_base(ALICE, 325 * ONE / 100);
	next_block();
	deposit(BOB, 3_000 * ONE);
	long_base(BOB, 100 * ONE);
	set_index(OCELOTS, price(25));
	assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
	let a = account(0, ALICE);
	assert_eq!(a.debt, 10_168_741_385_067_525_223);
	assert_eq!(a.liquidation_auctions, 1);
	assert_eq!(a.nft_count, 3);
	assert_eq!(Auctions::<Test>::get(0).unwrap().reserve, 12_500_000_000_000_000_000);
	let free: Vec<u32> = [1u32, 2, 3]
		.into_iter()
		.filter(|i| Escrow::<Test>::get(0, i).unwrap().auction.is_none())
		.collect();
	[free[0], free[1]]
}

/// A liquidated account whose debt awaits its auctions must not take its other escrowed NFTs
/// home: if the auction then fetches less than the debt, the fund (or the other traders) pay
/// while the owner kept NFTs that could have paid it.
#[test]
fn no_nft_withdrawal_while_in_debt() {
	test(|| {
		let free = liquidated_with_free_nfts();
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, free[0]),
			Error::<Test>::AccountInLiquidation
		);
	});
}

/// While the owner still has escrowed NFTs, the debt left by a liquidation auction should not
/// be charged to the insurance fund / socialised: the free NFTs still secure it. Here the
/// auction is unsold at 12.5, sells at 6.25 in its second round, and the remaining
/// 3.918741385067525223 is socialised although two NFTs (worth 50 at the index) are still in
/// escrow — and Alice may take them home afterwards.
#[test]
fn no_shortfall_while_free_nfts_remain() {
	test(|| {
		let free = liquidated_with_free_nfts();
		let end = System::block_number() + 1_800;
		jump_to(end);
		assert_eq!(count_events(|e| matches!(e, Event::AuctionUnsold { auction: 0, .. })), 1);
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, 6_250_000_000_000_000_000));
		jump_to(end + 1_800);
		assert_eq!(count_events(|e| matches!(e, Event::BadDebt { .. })), 0);
		assert_eq!(market(0).socialised_loss, 0);
		assert_eq!(account(0, ALICE).debt, 10_168_741_385_067_525_223 - 6_250_000_000_000_000_000);
		// the rest of the debt (3.92 < reserve 12.5) puts one more free NFT on auction
		assert_eq!(account(0, ALICE).liquidation_auctions, 1);
		let on_auction: Vec<u32> = free
			.iter()
			.copied()
			.filter(|i| crate::Escrow::<Test>::get(0, i).is_some_and(|r| r.auction.is_some()))
			.collect();
		assert_eq!(on_auction.len(), 1);
		assert_eq!(
			count_events(|e| matches!(e, Event::AuctionStarted { auction: 1, round: 0, .. })),
			1
		);
		let still_free = free.iter().copied().find(|i| !on_auction.contains(i)).unwrap();
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, still_free),
			Error::<Test>::AccountInLiquidation
		);
	});
}
