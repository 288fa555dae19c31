//! Random sequences mixing NFT-backed accounts (escrow, NFT-backed shorts, in-kind funding
//! rounds, index liquidation, auctions and bids) with cash accounts: after every step
//! try_state holds (aggregates, `long + pending − short == vAMM net base`, escrow and auction
//! records, locked bids) and no value is created or lost (the vault holds exactly the buckets,
//! and with the users' balances sums to the initial supply). Failing operations are ignored.

use super::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	DepositNft(usize, u32),
	WithdrawNft(usize, u32),
	Deposit(usize, u128),
	Withdraw(usize, u128),
	Open(usize, bool, u128),
	Close(usize, Option<u128>),
	Index(u128),
	Wait(u64),
	Liquidate(usize, usize),
	Voluntary(usize, u32, u128),
	Bid(usize, u32, u128),
	Settle(u32),
	/// An NFT owner shorts as much as its NFTs and cash cover at the index (what in-kind
	/// funding or a rising index then uncovers).
	ShortToCover(usize),
	/// Index `pct`% above the mark, then run to the next funding boundary: shorts pay.
	ShortsPay(u128),
}

/// Accounts trading: the first three own NFTs.
const WHO: [AccountId; 5] = [ALICE, BOB, CHARLIE, DAVE, KEEPER];
const NFT_OWNERS: usize = 3;
const NFTS_EACH: u32 = 4;

fn item(w: usize, j: u32) -> u32 {
	w as u32 * 10 + j
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (0..NFT_OWNERS, 0..NFTS_EACH).prop_map(|(w, j)| Op::DepositNft(w, j)),
		1 => (0..NFT_OWNERS, 0..NFTS_EACH).prop_map(|(w, j)| Op::WithdrawNft(w, j)),
		2 => (0..5usize, prop_oneof![1..20u128, 10..500u128]).prop_map(|(w, a)| Op::Deposit(w, a * ONE / 10)),
		1 => (0..5usize, 1..300u128).prop_map(|(w, a)| Op::Withdraw(w, a * ONE / 10)),
		6 => (0..5usize, any::<bool>(), 1..30u128).prop_map(|(w, l, a)| Op::Open(w, l, a * ONE / 10 + 7)),
		2 => (0..5usize, proptest::option::of(1..30u128)).prop_map(|(w, s)| Op::Close(w, s.map(|s| s * ONE / 10))),
		1 => (95..116u128).prop_map(Op::Index),
		4 => prop_oneof![1..4u64, 40..60u64, 590..620u64].prop_map(Op::Wait),
		2 => (0..5usize, 0..5usize).prop_map(|(k, w)| Op::Liquidate(k, w)),
		1 => (0..NFT_OWNERS, 0..NFTS_EACH, 1..150u128).prop_map(|(w, j, r)| Op::Voluntary(w, j, r * ONE / 10)),
		4 => (0..5usize, 0..6u32, 0..50u128).prop_map(|(w, a, pct)| Op::Bid(w, a, pct)),
		2 => (0..4u32).prop_map(Op::Settle),
		3 => (0..NFT_OWNERS).prop_map(Op::ShortToCover),
		2 => (1..10u128).prop_map(Op::ShortsPay),
	]
}

/// The `a`-th existing auction (modulo their number) and its minimum next bid.
fn pick_auction(a: u32) -> Option<(u32, u128)> {
	let mut all: Vec<_> = Auctions::<Test>::iter().collect();
	all.sort_by_key(|(id, _)| *id);
	if all.is_empty() {
		return None;
	}
	let (id, auction) = &all[a as usize % all.len()];
	let inc = market(0).params.auction_min_increment;
	Some((*id, math::min_next_bid(auction.reserve, auction.best_bid.as_ref().map(|b| b.1), inc)))
}

fn apply(op: &Op) {
	let o = |i: usize| RuntimeOrigin::signed(WHO[i]);
	let _ = match *op {
		Op::DepositNft(w, j) => FloorPerp::deposit_nft(o(w), 0, item(w, j)),
		Op::WithdrawNft(w, j) => FloorPerp::withdraw_nft(o(w), 0, item(w, j)),
		Op::Deposit(w, a) => FloorPerp::deposit(o(w), 0, a),
		Op::Withdraw(w, a) => FloorPerp::withdraw(o(w), 0, a),
		Op::Open(w, long, a) => FloorPerp::open_position(
			o(w),
			0,
			if long { Direction::Long } else { Direction::Short },
			TradeAmount::Base(a),
			if long { u128::MAX } else { 0 },
		),
		Op::Close(w, s) => {
			let limit = if size(WHO[w]) > 0 { 0 } else { u128::MAX };
			FloorPerp::close_position(o(w), 0, s, limit)
		},
		Op::Index(p) => {
			set_index(OCELOTS, FixedU128::from_inner(p * ONE / 10));
			Ok(())
		},
		Op::Wait(n) => {
			let target = System::block_number() + n;
			// keep the index fresh (it is refreshed at the block before the jump)
			let p = INDEX.with(|i| i.borrow().get(&OCELOTS).map(|p| p.0)).unwrap_or(price(10));
			if n <= 100 {
				run_to_block(target);
			} else {
				// jump: the hooks of the skipped blocks do not run, funding catches up at once.
				// With an even `n` the hooks of the blocks where auctions end still run (with
				// an odd one, auctions ending there need settle_auction).
				if n % 2 == 0 {
					let mut ends: Vec<u64> = Auctions::<Test>::iter_values()
						.map(|a| a.end as u64)
						.filter(|e| *e > System::block_number() && *e < target)
						.collect();
					ends.sort();
					ends.dedup();
					for e in ends {
						if e > System::block_number() + 1 {
							System::set_block_number(e - 1);
						}
						set_index(OCELOTS, p);
						run_to_block(e);
					}
				}
				System::set_block_number(target - 1);
				set_index(OCELOTS, p);
				run_to_block(target);
			}
			Ok(())
		},
		Op::Liquidate(k, w) => FloorPerp::liquidate(o(k), 0, WHO[w]),
		Op::Voluntary(w, j, r) => FloorPerp::start_voluntary_auction(o(w), 0, item(w, j), r),
		Op::Bid(w, a, pct) => match pick_auction(a) {
			// an existing auction: its minimum acceptable bid plus `pct`%, or (pct ≥ 30) a raw
			// amount that may be too low
			Some((id, min)) if pct < 30 => FloorPerp::bid(o(w), id, min + min * pct / 100),
			Some((id, _)) => FloorPerp::bid(o(w), id, (pct - 29) * ONE / 2),
			None => FloorPerp::bid(o(w), a, pct * ONE),
		},
		Op::Settle(a) => FloorPerp::settle_auction(o(4), pick_auction(a).map_or(a, |p| p.0)),
		Op::ShortsPay(pct) => {
			let p = FixedU128::from_inner(mark().into_inner() * (100 + pct) / 100);
			let next = market(0).next_funding_block as u64;
			if next > System::block_number() + 1 {
				System::set_block_number(next - 1);
			}
			set_index(OCELOTS, p);
			run_to_block(next.max(System::block_number() + 1));
			Ok(())
		},
		Op::ShortToCover(w) => {
			let a = account(0, WHO[w]);
			let i = INDEX.with(|i| i.borrow().get(&OCELOTS).map(|p| p.0)).unwrap_or(price(10));
			// (c + n·i) / i − |q|, rounded down
			let cover = a.cash + a.nft_cover() as u128 * i.into_inner();
			let max = math::mul_div(cover, ONE, i.into_inner(), false).unwrap();
			let held = if a.position.size < 0 { a.position.size.unsigned_abs() } else { 0 };
			if max > held {
				FloorPerp::open_position(
					o(w),
					0,
					Direction::Short,
					TradeAmount::Base(max - held),
					0,
				)
			} else {
				Ok(())
			}
		},
	};
}

/// One random case: set-up, then every op followed by the invariants.
fn run_case(ops: &[Op], with_fee: bool) {
	new_test_ext().execute_with(|| {
		let params = MarketParams {
			trading_fee: if with_fee { Perbill::from_parts(1_000_000) } else { Perbill::zero() },
			max_price_move: Perbill::from_percent(50),
			funding_period: 600,
			max_index_age: 700,
			auction_duration: 50,
			voluntary_auction_duration: 100,
			..Default::default()
		};
		// mark 10, index 10.2: shorts pay funding (in kind when they have no cash)
		create_market_with(
			1_000 * ONE,
			10_000 * ONE,
			FixedU128::from_inner(10_200_000_000_000_000_000),
			params,
		);
		for (w, who) in WHO.iter().enumerate().take(NFT_OWNERS) {
			for j in 0..NFTS_EACH {
				mint_nft(OCELOTS, item(w, j), *who);
			}
		}
		// a start that makes NFT-backed shorts and their counterparties likely: two NFTs
		// escrowed each, some cash for the fees, two cash traders
		for w in 0..NFT_OWNERS {
			apply(&Op::DepositNft(w, 0));
			apply(&Op::DepositNft(w, 1));
			if with_fee {
				apply(&Op::Deposit(w, ONE / 10));
			}
		}
		apply(&Op::Deposit(3, 100 * ONE));
		apply(&Op::Deposit(4, 100 * ONE));
		check_invariants();
		for op in ops {
			apply(op);
			check_invariants();
			let m = market(0);
			assert!(m.totals.cash <= weth(&FloorPerp::vault()));
			// the market's count of escrowed NFTs is its number of escrow records
			assert_eq!(m.escrowed_nfts as usize, Escrow::<Test>::iter_prefix(0).count());
		}
	});
}

proptest! {
	// no failure persistence: the regression file would be written outside src/
	#![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, .. ProptestConfig::default() })]
	#[test]
	fn nft_accounts_conserve_value(ops in proptest::collection::vec(op(), 1..60), with_fee in any::<bool>()) {
		run_case(&ops, with_fee);
	}
}

/// A fixed sequence through every NFT path, so that the paths the random test may miss are
/// exercised too (deposit, short, funding in kind, liquidation, bids, settlement, withdrawal).
#[test]
fn nft_sequence_conserves_value() {
	use Op::*;
	let ops = [
		// Alice (2 NFTs) and Bob (1 NFT) short exactly what their NFTs cover, Dave and the
		// keeper buy: the first in-kind round uncovers both shorts
		DepositNft(0, 0),
		DepositNft(0, 1),
		Open(0, false, 2 * ONE),
		DepositNft(1, 0),
		Open(1, false, ONE),
		Deposit(3, 50 * ONE),
		Open(3, true, 2 * ONE),
		Deposit(4, 20 * ONE),
		Open(4, true, ONE),
		// funding at 601: both pay in kind, are uncovered and liquidated by the sweep
		Wait(600),
		Liquidate(2, 0),
		Liquidate(2, 1),
		// Charlie bids the reserve on auction 0, Dave outbids him by 5%; Charlie takes auction 1
		Bid(2, 0, 0),
		Bid(3, 0, 5),
		Bid(2, 1, 0),
		Wait(2),
		// jump over the end block (odd: its hook does not run): anybody settles
		Wait(101),
		Settle(0),
		Settle(1),
		Wait(1),
		DepositNft(0, 2),
		Voluntary(0, 2, ONE),
		Bid(4, 0, 0),
		Wait(105),
		Settle(2),
		WithdrawNft(1, 0),
		Close(3, None),
		Close(4, None),
		Withdraw(0, 100 * ONE),
		Withdraw(1, 100 * ONE),
		Wait(600),
	];
	new_test_ext().execute_with(|| {
		let params = MarketParams {
			funding_period: 600,
			max_index_age: 700,
			auction_duration: 50,
			voluntary_auction_duration: 100,
			max_price_move: Perbill::from_percent(50),
			trading_fee: Perbill::zero(),
			..Default::default()
		};
		create_market_with(
			1_000 * ONE,
			10_000 * ONE,
			FixedU128::from_inner(10_200_000_000_000_000_000),
			params,
		);
		for (w, who) in WHO.iter().enumerate().take(NFT_OWNERS) {
			for j in 0..NFTS_EACH {
				mint_nft(OCELOTS, item(w, j), *who);
			}
		}
		for op in ops.iter() {
			apply(op);
			check_invariants();
		}
		// the path was really taken: in-kind funding, liquidation, auctions
		assert!(count_events(|e| matches!(e, Event::FundingPaidInKind { .. })) > 0);
		assert!(count_events(|e| matches!(e, Event::InKindRoundFinalised { .. })) > 0);
		assert!(count_events(|e| matches!(e, Event::NftShortLiquidated { .. })) > 0);
		assert_eq!(count_events(|e| matches!(e, Event::AuctionSettled { .. })), 3);
		assert_eq!(count_events(|e| matches!(e, Event::AuctionUnsold { .. })), 0);
		assert_eq!(nft_owner(OCELOTS, item(0, 0)), Some(DAVE));
		assert_eq!(nft_owner(OCELOTS, item(1, 0)), Some(CHARLIE));
		assert_eq!(nft_owner(OCELOTS, item(0, 2)), Some(KEEPER));
	});
}
