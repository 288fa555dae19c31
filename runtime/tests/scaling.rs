//! How the clearing house's hooks scale with the number of positions (README "Performance",
//! issue #17), on the runtime with its real configuration and weights, the state built with
//! real calls (deposits and trades of many accounts, NFTs escrowed and sold against):
//!
//! * a funding round with few and with many open positions: the weight `on_initialize`
//!   charges, and the measured time of the round (the boundary block's `on_initialize` less
//!   the next block's, which does the same sweep work without the round);
//! * a 30% index crash under many leveraged positions: the blocks until no position is
//!   liquidatable, the latency from the block of the index update to the first and the last
//!   liquidation, and the largest `on_initialize` weight on the way against the share of
//!   the block the hooks may take;
//! * the in-kind funding sweep of a market with `MaxNftAccounts` NFT-backed shorts.
//!
//! `cargo test` runs them small (`scripts/test`); the sizes run by hand:
//! `FLOORPERP_SCALE=full cargo test -p floorperp-runtime --test scaling -- --nocapture
//! --test-threads 1` (figures in the README).

use floorperp_runtime::{
	collections::collection_custodian, genesis_config_presets, AccountId, AllPalletsWithSystem,
	Assets, Balances, FloorPerp, Nfts, Runtime, RuntimeEvent, RuntimeOrigin, UNIT, WETH,
};
use pallet_floor_perp::{Direction, MarketParams, TradeAmount, WeightInfo};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		traits::{
			fungibles::Mutate as _,
			tokens::nonfungibles_v2::{Create, Mutate as NftMutate},
			Currency, Get, OnIdle, OnInitialize,
		},
		weights::Weight,
	},
	frame_system, pallet_nfts, sp_io,
	sp_runtime::FixedU128,
};
use std::time::{Duration, Instant};

mod common;

const MARKET: u32 = 0;
const COLLECTION: u32 = 0;
const ONE: u128 = UNIT;

/// Sizes: small for `cargo test`, the with `FLOORPERP_SCALE=full`.
struct Size {
	/// Open positions of the large funding round (the small one has 10).
	funding: u32,
	/// Leveraged positions under the crash.
	crash: u32,
	/// NFT-backed shorts in the in-kind sweep (full: `MaxNftAccounts`).
	nft_accounts: u32,
}

fn size() -> Size {
	if std::env::var("FLOORPERP_SCALE").as_deref() == Ok("full") {
		Size {
			funding: 100_000,
			crash: 10_000,
			nft_accounts: <Runtime as pallet_floor_perp::Config>::MaxNftAccounts::get(),
		}
	} else {
		Size { funding: 1_000, crash: 400, nft_accounts: 64 }
	}
}

fn venue() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(common::genesis_storage(
		genesis_config_presets::development_config_genesis(),
	));
	ext.execute_with(|| frame_system::Pallet::<Runtime>::set_block_number(1));
	ext
}

/// The index of the market's collection is `price`, updated now (what an oracle round that
/// reached quorum writes; the clamp is bypassed so that a crash can be a gap).
fn set_index(price: FixedU128) {
	pallet_floor_index::Pallet::<Runtime>::force_index(&COLLECTION, price);
}

fn price(p: u128) -> FixedU128 {
	FixedU128::from_inner(p * ONE)
}

/// Collection 0 ceded to governance (the custodian holds it and every role, supply capped and
/// locked) and market 0 on it: a deep pool at mark 20, index 20, open interest caps lifted so
/// that the number of positions is the only limit.
fn market() {
	let custodian = collection_custodian();
	let _ = Balances::deposit_creating(&custodian, 1_000 * UNIT);
	let config = pallet_nfts::CollectionConfig {
		settings: pallet_nfts::CollectionSettings::from_disabled(
			pallet_nfts::CollectionSetting::UnlockedMaxSupply.into(),
		),
		max_supply: Some(u32::MAX),
		mint_settings: Default::default(),
	};
	assert_ok!(<Nfts as Create<AccountId, _>>::create_collection_with_id(
		COLLECTION, &custodian, &custodian, &config,
	));
	set_index(price(20));
	assert_ok!(FloorPerp::create_market(
		RuntimeOrigin::root(),
		COLLECTION,
		1_000_000 * ONE,
		20_000_000 * ONE,
		MarketParams { max_open_interest: 100_000_000 * ONE, ..MarketParams::default() },
	));
}

fn trader(i: u32) -> AccountId {
	let mut raw = [7u8; 32];
	raw[..4].copy_from_slice(&i.to_le_bytes());
	AccountId::new(raw)
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// `who` holds 1 FLOOR and `weth` WETH.
fn fund(who: &AccountId, weth: u128) {
	let _ = Balances::deposit_creating(who, UNIT);
	assert_ok!(Assets::mint_into(WETH, who, weth));
}

/// `who` deposits `margin` and trades `notional` on `side` (leverage `notional / margin`).
fn open(who: &AccountId, side: Direction, margin: u128, notional: u128) {
	fund(who, margin);
	assert_ok!(FloorPerp::deposit(signed(who), MARKET, margin));
	let limit = match side {
		Direction::Long => 0,
		Direction::Short => u128::MAX,
	};
	assert_ok!(FloorPerp::open_position(
		signed(who),
		MARKET,
		side,
		TradeAmount::Quote(notional),
		limit
	));
}

/// `n` traders alternately long and short, each with 10 WETH at 2x..9x (`leverage(i)`): the
/// book is balanced, the mark stays at the index.
fn positions(first: u32, n: u32) {
	for i in first..first + n {
		let side = if i % 2 == 0 { Direction::Long } else { Direction::Short };
		open(&trader(i), side, 10 * ONE, leverage(i) * 10 * ONE);
	}
}

fn leverage(i: u32) -> u128 {
	2 + u128::from(i / 2 % 8)
}

/// Run block `n`'s hooks (every pallet's `on_initialize`), as the executive does at the start
/// of a block; return the weight the hooks charged and how long they took. (No `on_finalize`:
/// none of the venue's pallets has one, and the timestamp's wants its inherent.)
fn start_block(n: u32) -> (Weight, Duration) {
	frame_system::Pallet::<Runtime>::reset_events();
	frame_system::Pallet::<Runtime>::set_block_number(n);
	let t = Instant::now();
	let w = <AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(n);
	(w, t.elapsed())
}

/// Block `n` with no transactions: its hooks, then every pallet's `on_idle` with what the
/// block has left (as the executive gives it); returns the weights of both.
fn empty_block(n: u32) -> (Weight, Weight) {
	let (hooks, _) = start_block(n);
	let left = max_block().saturating_sub(hooks);
	let idle = <AllPalletsWithSystem as OnIdle<u32>>::on_idle(n, left);
	assert!(idle.all_lte(left), "on_idle used {idle:?} of {left:?}");
	(hooks, idle)
}

/// Skip to the end of block `n - 1` (the blocks skipped had no scheduler agenda: else the
/// scheduler's catch-up over them is what the next block's hooks would measure).
fn skip_to(n: u32) {
	frame_system::Pallet::<Runtime>::set_block_number(n - 1);
	polkadot_sdk::pallet_scheduler::IncompleteSince::<Runtime>::put(n);
}

fn floor_perp_events() -> Vec<pallet_floor_perp::Event<Runtime>> {
	frame_system::Pallet::<Runtime>::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::FloorPerp(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn open_positions() -> u32 {
	pallet_floor_perp::OpenPositions::<Runtime>::iter_prefix(MARKET).count() as u32
}

fn liquidatable() -> u32 {
	pallet_floor_perp::OpenPositions::<Runtime>::iter_key_prefix(MARKET)
		.filter(|who| {
			pallet_floor_perp::Accounts::<Runtime>::get(MARKET, who)
				.is_some_and(|acc| FloorPerp::is_liquidatable(MARKET, &acc))
		})
		.count() as u32
}

fn max_block() -> Weight {
	<Runtime as frame_system::Config>::BlockWeights::get().max_block
}

fn pct(w: Weight) -> f64 {
	w.ref_time() as f64 * 100.0 / max_block().ref_time() as f64
}

fn median(mut v: Vec<Duration>) -> Duration {
	v.sort();
	v[v.len() / 2]
}

/// A funding round with `n` open positions: the weight the clearing house's hook charges in
/// the boundary block, and the median time of the round over `samples`: the hook of the
/// boundary block, less the same hook in the same block with the round not yet due (the same
/// sweep page, the same state), each run in a storage transaction that is rolled back.
fn funding_round_cost(n: u32, samples: usize) -> (Weight, Duration) {
	use polkadot_sdk::frame_support::storage::{with_transaction, TransactionOutcome};
	let mut ext = venue();
	ext.execute_with(|| {
		market();
		positions(0, n);
		assert_eq!(open_positions(), n);
	});
	// the positions were opened in past blocks: in the state's trie, not in this block's
	// overlay of changes (whose size would be measured, not the round's)
	ext.commit_all().expect("commit");
	ext.execute_with(|| {
		let boundary =
			pallet_floor_perp::Markets::<Runtime>::get(MARKET).unwrap().next_funding_block;
		// the index stays fresh (an oracle round just before the boundary)
		skip_to(boundary);
		set_index(price(20));
		frame_system::Pallet::<Runtime>::set_block_number(boundary);
		let hook =
			|round: bool| -> Result<(Weight, Duration), polkadot_sdk::sp_runtime::DispatchError> {
				with_transaction(|| {
					if !round {
						pallet_floor_perp::Markets::<Runtime>::mutate(MARKET, |m| {
							m.as_mut().expect("market").next_funding_block = boundary + 1
						});
					}
					frame_system::Pallet::<Runtime>::reset_events();
					let t = Instant::now();
					let w = <FloorPerp as OnInitialize<u32>>::on_initialize(boundary);
					let took = t.elapsed();
					let funded = floor_perp_events()
						.iter()
						.any(|e| matches!(e, pallet_floor_perp::Event::FundingUpdated { .. }));
					assert_eq!(funded, round, "the round runs exactly when due");
					TransactionOutcome::Rollback(Ok((w, took)))
				})
			};
		let mut weight = Weight::zero();
		let mut round = Vec::new();
		// each sample: 16 runs of each, interleaved (the jitter of one run is its size)
		for _ in 0..samples {
			let (mut with, mut without) = (Duration::ZERO, Duration::ZERO);
			for _ in 0..16 {
				let (w, t) = hook(true).expect("rolled back");
				weight = w;
				with += t;
				without += hook(false).expect("rolled back").1;
			}
			round.push(with.saturating_sub(without) / 16);
		}
		(weight, median(round))
	})
}

#[test]
fn a_funding_round_costs_the_same_with_many_positions() {
	let many = size().funding;
	let (w_few, t_few) = funding_round_cost(10, 31);
	let (w_many, t_many) = funding_round_cost(many, 31);
	// the hook's weight less its sweep page (10 accounts examined, or `LiquidationBudget`)
	let page = <Runtime as pallet_floor_perp::Config>::LiquidationBudget::get();
	let sweep =
		<pallet_floor_perp::weights::SubstrateWeight<Runtime> as WeightInfo>::on_initialize_sweep;
	let (r_few, r_many) = (w_few.saturating_sub(sweep(10)), w_many.saturating_sub(sweep(page)));
	let ratio = t_many.as_secs_f64() / t_few.as_secs_f64().max(1e-9);
	for (n, w, t) in [(10, r_few, t_few), (many, r_many, t_many)] {
		println!(
			"funding round, {n} positions: weight {:.3} ms ({:.2}% of the block), measured {t:?}",
			w.ref_time() as f64 / 1e9,
			pct(w),
		);
	}
	println!("funding round: measured ratio {many} / 10 positions = {ratio:.2} (goal <= 1.1)");
	assert_eq!(r_many, r_few, "the round's weight does not depend on the number of positions");
	// a generous bound on a timing (the goal 1.1 is read on the full run, by hand)
	assert!(ratio < 3.0, "a round with {many} positions took {ratio:.2}x the time of one with 10");
}

#[test]
fn after_a_30_percent_crash_the_chain_liquidates_every_position_by_itself() {
	let n = size().crash;
	let mut ext = venue();
	ext.execute_with(|| {
		market();
		positions(0, n);
		assert_eq!(liquidatable(), 0);
		// block 2, calm: the idle sweep stays within its cap
		let calm = <Runtime as pallet_floor_perp::Config>::IdleSweepWeight::get();
		let (_, idle) = empty_block(2);
		assert!(idle.all_lte(calm), "calm: on_idle {idle:?} within {calm:?}");
		// block 3: an oracle round moves the index 30% down (a report extrinsic: after the
		// block's hooks, before its `on_idle`); then empty blocks until none is liquidatable
		let crash = 3;
		let hooks_share = max_block().ref_time() / 4; // README "Guard rails"
		let (mut heaviest, mut heaviest_idle) = (Weight::zero(), Weight::zero());
		let (mut first, mut last, mut liquidations, mut failures) = (None, None, 0u32, 0u32);
		let page: u32 = <Runtime as pallet_floor_perp::Config>::LiquidationBudget::get();
		let limit = 4 * n / page + 50;
		let mut before = 0;
		let mut block = crash;
		loop {
			assert!(block - crash <= limit, "liquidatable positions left after {limit} blocks");
			let (w, _) = start_block(block);
			if block == crash || (block - crash) % 100 == 0 {
				set_index(price(14)); // the crash, then the oracle keeps it fresh
			}
			if block == crash {
				before = liquidatable();
				println!("crash to 70% of the index: {before} of {n} positions liquidatable");
				assert!(before > n / 4, "the crash makes the leveraged longs liquidatable");
			}
			let left = max_block().saturating_sub(w);
			let idle = <AllPalletsWithSystem as OnIdle<u32>>::on_idle(block, left);
			assert!(idle.all_lte(left), "on_idle used {idle:?} of {left:?}");
			heaviest = heaviest.max(w);
			heaviest_idle = heaviest_idle.max(idle);
			let events = floor_perp_events();
			let done = events
				.iter()
				.filter(|e| matches!(e, pallet_floor_perp::Event::Liquidated { .. }))
				.count() as u32;
			failures += events
				.iter()
				.filter(|e| matches!(e, pallet_floor_perp::Event::LiquidationFailed { .. }))
				.count() as u32;
			if done > 0 {
				first.get_or_insert(block);
				last = Some(block);
				liquidations += done;
			}
			if liquidatable() == 0 {
				break;
			}
			block += 1;
		}
		let (first, last) = (first.expect("liquidations"), last.expect("liquidations"));
		println!(
			"{before} liquidatable of {n}: {liquidations} liquidations ({failures} failed and \
			 retried); first in the crash block + {}, the last in crash + {} (goal: within 10 \
			 blocks); heaviest on_initialize {:.1}% of the block (hooks' share 25%), proof {} \
			 bytes; heaviest on_idle {:.1}% (what empty blocks leave)",
			first - crash,
			last - crash,
			pct(heaviest),
			heaviest.proof_size(),
			pct(heaviest_idle),
		);
		assert_eq!(first, crash, "the block of the index update liquidates, after it");
		assert!(heaviest_idle.any_gt(calm), "while it liquidates, on_idle takes what is left");
		assert!(heaviest.ref_time() <= hooks_share, "on_initialize stays within its share");
		assert_eq!(liquidatable(), 0);
	});
}

#[test]
fn the_in_kind_sweep_of_a_full_market() {
	let n = size().nft_accounts;
	let mut ext = venue();
	ext.execute_with(|| {
		market();
		// the index 2.5% above the mark all period: the shorts owe funding at the boundary
		let index = FixedU128::from_rational(205, 10);
		set_index(index);
		// `n` hedgers escrow one Ocelot each and sell 0.5 perp against it with no cash; as
		// many longs buy them back: the mark stays at 20
		for i in 0..n {
			let who = trader(1_000_000 + i);
			let _ = Balances::deposit_creating(&who, UNIT);
			assert_ok!(<Nfts as NftMutate<AccountId, pallet_nfts::ItemConfig>>::mint_into(
				&COLLECTION,
				&i,
				&who,
				&pallet_nfts::ItemConfig::default(),
				true
			));
			assert_ok!(FloorPerp::deposit_nft(signed(&who), MARKET, i));
			// the trading fee (0.1% of 10 WETH) and no more: the funding is paid in kind
			fund(&who, ONE / 99);
			assert_ok!(FloorPerp::deposit(signed(&who), MARKET, ONE / 99));
			assert_ok!(FloorPerp::open_position(
				signed(&who),
				MARKET,
				Direction::Short,
				TradeAmount::Base(ONE / 2),
				0
			));
			open(&trader(2_000_000 + i), Direction::Long, 10 * ONE, 10 * ONE);
		}
		// the shorts owe funding, paid in kind (they hold no cash); the index stays fresh
		let boundary =
			pallet_floor_perp::Markets::<Runtime>::get(MARKET).unwrap().next_funding_block;
		skip_to(boundary);
		set_index(index);
		let mut block = boundary;
		let (mut settled, mut heaviest, mut finalised) = (0u32, Weight::zero(), None);
		while finalised.is_none() {
			assert!(block - boundary <= n, "the in-kind round ends (started: shorts owe funding)");
			let (w, _) = empty_block(block);
			heaviest = heaviest.max(w);
			for e in floor_perp_events() {
				match e {
					pallet_floor_perp::Event::FundingPaidInKind { .. } => settled += 1,
					pallet_floor_perp::Event::InKindRoundFinalised { .. } => {
						finalised = Some(block)
					},
					_ => {},
				}
			}
			block += 1;
		}
		let blocks = finalised.unwrap() - boundary + 1;
		println!(
			"in-kind sweep of {n} NFT-backed shorts: {settled} paid in kind over {blocks} \
			 blocks; heaviest on_initialize {:.1}% of the block, proof {} bytes",
			pct(heaviest),
			heaviest.proof_size()
		);
		assert_eq!(settled, n, "every short paid its funding in kind");
		let per_block = <Runtime as pallet_floor_perp::Config>::InKindBudget::get();
		assert_eq!(blocks, n.div_ceil(per_block));
		assert!(heaviest.ref_time() <= max_block().ref_time() / 4);
	});
}
