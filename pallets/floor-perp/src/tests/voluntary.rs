//! Voluntary auctions: the owner of an NFT-backed short sells an escrowed NFT; the proceeds go
//! to her cash and buy back up to one perp of her short. Unsold, the NFT stays escrowed.

use super::*;

const VOLUNTARY: u32 = 7_200;

fn params() -> MarketParams {
	MarketParams { funding_period: 100_000, ..no_fee_params() }
}

/// Pool 1_000 / 20_000. Alice (3 NFTs) sells 2 perps for 39.920159680638722554; Bob buys 100
/// (mark ≈ 24.58). Charlie buys her NFT for 20; she buys back one perp for
/// 24.609266373160149723 against a basis of 19.960079840319361277: a loss of
/// 4.649186532840788446 paid from the proceeds into the float — and advanced back to her at
/// once out of her remaining open notional (she is still an NFT-backed short).
#[test]
fn voluntary_sale_buys_back_one_perp() {
	test(|| {
		create_floor20_market(params());
		escrow_nfts(ALICE, [1, 2, 3]);
		short_base(ALICE, 2 * ONE);
		let on = 39_920_159_680_638_722_554;
		assert_eq!(account(0, ALICE).position.open_notional, on);
		next_block();
		deposit(BOB, 3_000 * ONE);
		long_base(BOB, 100 * ONE);
		assert_eq!(mark().into_inner(), 24_581_983_372_746_446_674);

		let start = |who, item, reserve| {
			FloorPerp::start_voluntary_auction(RuntimeOrigin::signed(who), 0, item, reserve)
		};
		assert_noop!(start(ALICE, 1, 0), Error::<Test>::ZeroReservePrice);
		assert_noop!(start(BOB, 1, 15 * ONE), Error::<Test>::NftNotEscrowed);
		assert_noop!(start(ALICE, 9, 15 * ONE), Error::<Test>::NftNotEscrowed);
		assert_noop!(
			FloorPerp::start_voluntary_auction(RuntimeOrigin::signed(ALICE), 5, 1, ONE),
			Error::<Test>::MarketNotFound
		);
		assert_ok!(start(ALICE, 1, 15 * ONE));
		let end = System::block_number() + VOLUNTARY as u64;
		assert!(events().contains(&Event::AuctionStarted {
			auction: 0,
			market: 0,
			item: 1,
			owner: ALICE,
			kind: AuctionKind::Voluntary,
			reserve: 15 * ONE,
			end: end as u32,
			round: 0,
		}));
		assert_noop!(start(ALICE, 1, 15 * ONE), Error::<Test>::NftOnAuction);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::NftOnAuction
		);
		let info = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!((info.nft_count, info.voluntary_auctions, info.liquidation_auctions), (3, 1, 0));
		assert_eq!(Auctions::<Test>::get(0).unwrap().keeper, None);

		assert_noop!(
			FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, 15 * ONE - 1),
			Error::<Test>::BidTooLow
		);
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, 20 * ONE));
		assert_eq!(weth(&CHARLIE), FUNDS - 20 * ONE);
		jump_to(end);
		assert!(events().contains(&Event::AuctionSettled {
			auction: 0,
			market: 0,
			item: 1,
			winner: CHARLIE,
			price: 20 * ONE,
			to_debt: 0,
			fee: 0,
			to_owner: 20 * ONE,
			shortfall: 0,
		}));
		assert!(events().contains(&Event::ShortBoughtBack { market: 0, who: ALICE, closed: ONE }));
		let loss = 4_649_186_532_840_788_446;
		assert!(events().iter().any(|e| matches!(e, Event::PositionChanged {
			who: ALICE, side: Direction::Long, base, quote: 24_609_266_373_160_149_723, new_size, realised_pnl, ..
		} if *base == ONE && *new_size == -(ONE as i128) && *realised_pnl == -(loss as i128))));
		assert!(events().contains(&Event::ProceedsAdvanced {
			market: 0,
			who: ALICE,
			amount: loss,
			cash: 20 * ONE
		}));
		let a = account(0, ALICE);
		assert_eq!(a.position.size, -(ONE as i128));
		assert_eq!(a.cash, 20 * ONE);
		assert_eq!(a.position.open_notional, on - on / 2 - loss);
		assert_eq!(a.nft_count, 2);
		assert_eq!(a.voluntary_auctions, 0);
		assert_eq!(nft_owner(OCELOTS, 1), Some(CHARLIE));
		assert_eq!(Escrow::<Test>::get(0, 1), None);
		let m = market(0);
		assert_eq!(m.bids_locked, 0);
		assert_eq!(m.float, 0);
		assert_eq!(m.insurance_fund, 0);
		assert_eq!(m.totals.open_interest_short, ONE);
	});
}

#[test]
fn unsold_voluntary_auction_returns_to_escrow() {
	test(|| {
		create_floor20_market(params());
		escrow_nfts(ALICE, [1, 2]);
		short_base(ALICE, ONE / 2);
		assert_ok!(FloorPerp::start_voluntary_auction(
			RuntimeOrigin::signed(ALICE),
			0,
			2,
			50 * ONE
		));
		let end = System::block_number() + VOLUNTARY as u64;
		assert_eq!(
			Escrow::<Test>::get(0, 2),
			Some(EscrowRecord { owner: ALICE, auction: Some(0) })
		);
		jump_to(end);
		assert!(events().contains(&Event::AuctionUnsold {
			auction: 0,
			market: 0,
			item: 2,
			kind: AuctionKind::Voluntary
		}));
		// no new round for a voluntary auction
		assert_eq!(count_events(|e| matches!(e, Event::AuctionStarted { .. })), 1);
		assert_eq!(Auctions::<Test>::get(0), None);
		assert_eq!(Escrow::<Test>::get(0, 2), Some(EscrowRecord { owner: ALICE, auction: None }));
		assert_eq!(nft_owner(OCELOTS, 2), Some(FloorPerp::vault()));
		let a = account(0, ALICE);
		assert_eq!(a.voluntary_auctions, 0);
		assert_eq!(a.nft_count, 2);
		assert_eq!(a.position.size, -(ONE as i128) / 2);
		assert_eq!(a.cash, 0);
		assert_eq!(count_events(|e| matches!(e, Event::ShortBoughtBack { .. })), 0);
		// it may go on auction again, or home (0.5·20·1.1 ≤ 20 with a fresh index)
		set_index(OCELOTS, price(20));
		assert_ok!(FloorPerp::start_voluntary_auction(
			RuntimeOrigin::signed(ALICE),
			0,
			2,
			40 * ONE
		));
		assert!(events().iter().any(|e| matches!(e, Event::AuctionStarted { auction: 1, item: 2, reserve, .. } if *reserve == 40 * ONE)));
		assert_noop!(
			FloorPerp::settle_auction(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::AuctionNotFound
		);
		jump_to(System::block_number() + VOLUNTARY as u64);
		assert_eq!(Escrow::<Test>::get(0, 2), Some(EscrowRecord { owner: ALICE, auction: None }));
		set_index(OCELOTS, price(20));
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 2));
		assert_eq!(nft_owner(OCELOTS, 2), Some(ALICE));
	});
}

/// Without a short the proceeds simply go to the owner's cash.
#[test]
fn voluntary_sale_without_a_short() {
	test(|| {
		create_floor20_market(params());
		escrow_nfts(ALICE, [1]);
		assert_ok!(FloorPerp::start_voluntary_auction(
			RuntimeOrigin::signed(ALICE),
			0,
			1,
			10 * ONE
		));
		let end = System::block_number() + VOLUNTARY as u64;
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(DAVE), 0, 12 * ONE));
		// outbid: 12 + 1% = 12.12
		assert_noop!(
			FloorPerp::bid(RuntimeOrigin::signed(BOB), 0, 12_120_000_000_000_000_000 - 1),
			Error::<Test>::BidTooLow
		);
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(BOB), 0, 12_120_000_000_000_000_000));
		assert_eq!(weth(&DAVE), FUNDS);
		jump_to(end);
		assert!(events().contains(&Event::AuctionSettled {
			auction: 0,
			market: 0,
			item: 1,
			winner: BOB,
			price: 12_120_000_000_000_000_000,
			to_debt: 0,
			fee: 0,
			to_owner: 12_120_000_000_000_000_000,
			shortfall: 0,
		}));
		assert_eq!(count_events(|e| matches!(e, Event::ShortBoughtBack { .. })), 0);
		assert_eq!(nft_owner(OCELOTS, 1), Some(BOB));
		assert_eq!(account(0, ALICE).cash, 12_120_000_000_000_000_000);
		assert_eq!(account(0, ALICE).nft_count, 0);
		assert_ok!(FloorPerp::withdraw(
			RuntimeOrigin::signed(ALICE),
			0,
			12_120_000_000_000_000_000
		));
		assert_eq!(weth(&ALICE), FUNDS + 12_120_000_000_000_000_000);
		assert_eq!(weth(&BOB), FUNDS - 12_120_000_000_000_000_000);
		assert!(!Accounts::<Test>::contains_key(0, ALICE));
	});
}

/// When the proceeds (and cash) cannot pay the loss of buying back a perp, the buy-back is
/// skipped and the proceeds stay as cash (same trades as above, the NFT sells for 1 only:
/// buying back one perp would lose 4.649186532840788446).
#[test]
fn sale_too_small_to_buy_back() {
	test(|| {
		create_floor20_market(params());
		// (a fourth NFT: the auction at a reserve of 1 must leave the short covered)
		escrow_nfts(ALICE, [1, 2, 3, 4]);
		short_base(ALICE, 2 * ONE);
		next_block();
		deposit(BOB, 3_000 * ONE);
		long_base(BOB, 100 * ONE);
		assert_ok!(FloorPerp::start_voluntary_auction(RuntimeOrigin::signed(ALICE), 0, 1, ONE));
		let end = System::block_number() + VOLUNTARY as u64;
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, ONE));
		jump_to(end);
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::AuctionSettled { winner: CHARLIE, price, to_owner, .. }
			if *price == ONE && *to_owner == ONE)));
		assert_eq!(count_events(|e| matches!(e, Event::ShortBoughtBack { .. })), 0);
		let a = account(0, ALICE);
		assert_eq!(a.position.size, -2 * ONE as i128);
		assert_eq!(a.position.open_notional, 39_920_159_680_638_722_554);
		assert_eq!(a.cash, ONE);
		assert_eq!(a.nft_count, 3);
		assert_eq!(count_events(|e| matches!(e, Event::BuyBackFailed { .. })), 1);
		assert_eq!(nft_owner(OCELOTS, 1), Some(CHARLIE));
		assert_eq!(market(0).float, 0);
	});
}

/// An auction whose NFT cannot move (the collection's Freezer locked it) strands nothing: no
/// more bids are taken, and at its end it is voided — the best bid goes back, the NFT stays
/// escrowed as its owner's.
#[test]
fn an_auction_whose_nft_was_locked_is_voided_and_its_bid_refunded() {
	test(|| {
		create_floor20_market(params());
		escrow_nfts(ALICE, [1]);
		assert_ok!(FloorPerp::start_voluntary_auction(
			RuntimeOrigin::signed(ALICE),
			0,
			1,
			15 * ONE
		));
		assert_ok!(FloorPerp::bid(RuntimeOrigin::signed(CHARLIE), 0, 20 * ONE));
		let charlie = weth(&CHARLIE);
		let end = System::block_number() + VOLUNTARY as u64;
		// the collection's Freezer locks the escrowed item: no more bids are taken on it
		assert_ok!(Nfts::lock_item_transfer(RuntimeOrigin::signed(ADMIN), OCELOTS, 1));
		assert_noop!(
			FloorPerp::bid(RuntimeOrigin::signed(BOB), 0, 30 * ONE),
			Error::<Test>::NftLocked
		);
		jump_to(end);
		// voided at its end: Charlie has his bid back, the NFT stays Alice's in escrow
		assert!(events().contains(&Event::AuctionVoided {
			auction: 0,
			market: 0,
			item: 1,
			refunded: Some((CHARLIE, 20 * ONE)),
			shortfall: 0,
		}));
		assert!(!events().iter().any(|e| matches!(e, Event::AuctionSettlementFailed { .. })));
		assert!(Auctions::<Test>::get(0).is_none());
		assert_eq!(market(0).bids_locked, 0);
		assert_eq!(weth(&CHARLIE), charlie + 20 * ONE);
		assert_eq!(Escrow::<Test>::get(0, 1), Some(EscrowRecord { owner: ALICE, auction: None }));
		assert_eq!(account(0, ALICE).voluntary_auctions, 0);
		assert_eq!(nft_owner(OCELOTS, 1), Some(FloorPerp::vault()));
		// unlocked, Alice can take it home
		assert_ok!(Nfts::unlock_item_transfer(RuntimeOrigin::signed(ADMIN), OCELOTS, 1));
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(nft_owner(OCELOTS, 1), Some(ALICE));
	});
}
