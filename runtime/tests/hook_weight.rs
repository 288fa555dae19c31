//! The worst case of the clearing house's `on_initialize`, computed from the runtime's measured
//! weights and constants, stays under a quarter of the block (README "Guard rails"): funding of
//! `MaxMarkets` markets and `MaxKStepsPerBlock` K steps towards governance targets, a full
//! in-kind page, `MaxAuctionsPerBlock` auction settlements that
//! each start one more auction, a full liquidation sweep and its liquidation budget (the first
//! liquidation always runs, so the heaviest one — an NFT-backed short with `MaxNftsPerAccount`
//! NFTs — may stand in for the budget).

use floorperp_runtime::Runtime;
use pallet_floor_perp::WeightInfo;
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system,
};

type W = pallet_floor_perp::weights::SubstrateWeight<Runtime>;
type P = Runtime;

fn worst_case_on_initialize() -> Weight {
	let markets: u32 = <P as pallet_floor_perp::Config>::MaxMarkets::get();
	let k_steps: u32 = <P as pallet_floor_perp::Config>::MaxKStepsPerBlock::get();
	let in_kind = <P as pallet_floor_perp::Config>::InKindBudget::get();
	let auctions = <P as pallet_floor_perp::Config>::MaxAuctionsPerBlock::get();
	let sweep = <P as pallet_floor_perp::Config>::LiquidationBudget::get();
	let nfts = <P as pallet_floor_perp::Config>::MaxNftsPerAccount::get();
	let liquidations = <P as pallet_floor_perp::Config>::MaxLiquidationWeight::get()
		.max(W::liquidate_nft(nfts))
		.max(W::liquidate())
		.max(W::settle_variation_margin());
	let db = <P as frame_system::Config>::DbWeight::get();
	W::on_initialize_funding(markets)
		.saturating_add(
			<pallet_vamm::weights::SubstrateWeight<Runtime> as pallet_vamm::WeightInfo>::step_k()
				.max(
					<pallet_vamm::weights::SubstrateWeight<Runtime> as pallet_vamm::WeightInfo>::step_k_policy()
						.saturating_add(db.reads(2)),
				)
				.saturating_mul(k_steps as u64),
		)
		.saturating_add(db.reads(markets.saturating_sub(1) as u64))
		.saturating_add(W::on_initialize_in_kind(in_kind))
		.saturating_add(W::on_initialize_auctions(auctions))
		.saturating_add(W::start_voluntary_auction().saturating_mul(auctions as u64))
		.saturating_add(W::on_initialize_sweep(sweep))
		.saturating_add(liquidations)
}

#[test]
fn worst_case_on_initialize_is_under_a_quarter_of_the_block() {
	let max_block = <P as frame_system::Config>::BlockWeights::get().max_block;
	let worst = worst_case_on_initialize();
	println!(
		"worst-case on_initialize: {} ps of {} ps ({:.1}%), proof {} bytes",
		worst.ref_time(),
		max_block.ref_time(),
		worst.ref_time() as f64 * 100.0 / max_block.ref_time() as f64,
		worst.proof_size()
	);
	assert!(
		worst.ref_time() <= max_block.ref_time() / 4,
		"worst-case on_initialize {} ps exceeds a quarter of the block ({} ps)",
		worst.ref_time(),
		max_block.ref_time()
	);
	// a solochain block has no proof limit; the parachain's will be 5 MiB
	assert!(worst.proof_size() <= 5 * 1024 * 1024 / 4, "proof {} bytes", worst.proof_size());
}

/// The heaviest single liquidation fits the sweep's budget: no position is too heavy for the
/// chain to liquidate by itself in one block.
#[test]
fn the_heaviest_liquidation_fits_the_sweep_budget() {
	let nfts = <P as pallet_floor_perp::Config>::MaxNftsPerAccount::get();
	let budget = <P as pallet_floor_perp::Config>::MaxLiquidationWeight::get();
	assert!(W::liquidate_nft(nfts).all_lte(budget));
	assert!(W::liquidate().all_lte(budget));
}

/// The in-kind sweep's budget is shared by all markets: with every market full of NFT-backed
/// accounts at once it still finishes inside the default funding period.
#[test]
fn the_in_kind_sweep_of_every_market_fits_the_funding_period() {
	let markets: u32 = <P as pallet_floor_perp::Config>::MaxMarkets::get();
	let accounts: u32 = <P as pallet_floor_perp::Config>::MaxNftAccounts::get();
	let per_block: u32 = <P as pallet_floor_perp::Config>::InKindBudget::get();
	let blocks = (markets * accounts).div_ceil(per_block);
	let period = pallet_floor_perp::MarketParams::default().funding_period;
	println!("in-kind sweep of {markets} full markets: {blocks} blocks of a {period}-block period");
	assert!(blocks < period, "{blocks} blocks >= funding period {period}");
}

/// The heaviest change the committee can schedule (`MaxCallWeight`), with `enact` reading a
/// 4 MiB call and the scheduler's own service, fits the scheduler's budget — so the first due
/// change of a block always runs and none is dropped as permanently overweight — and the
/// scheduler's budget with the clearing house's worst-case hooks stays under the block.
#[test]
fn a_governance_change_always_fits_the_scheduler_and_the_block() {
	use pallet_timelock::WeightInfo as _;
	use polkadot_sdk::pallet_scheduler::WeightInfo as _;
	type S = polkadot_sdk::pallet_scheduler::weights::SubstrateWeight<Runtime>;
	let max_block = <P as frame_system::Config>::BlockWeights::get().max_block;
	let budget = floorperp_runtime::configs::MaximumSchedulerWeight::get();
	let heaviest = <P as pallet_timelock::Config>::MaxCallWeight::get()
		.saturating_add(pallet_timelock::weights::SubstrateWeight::<Runtime>::enact(4 << 20))
		.saturating_add(S::service_agendas_base())
		.saturating_add(S::service_agenda_base(50))
		.saturating_add(S::service_task_named())
		.saturating_add(S::execute_dispatch_unsigned());
	assert!(heaviest.all_lte(budget), "{heaviest:?} > scheduler budget {budget:?}");
	let worst_block = budget.saturating_add(worst_case_on_initialize());
	println!(
		"scheduler budget + worst-case hooks: {:.1}% of the block",
		worst_block.ref_time() as f64 * 100.0 / max_block.ref_time() as f64
	);
	assert!(worst_block.ref_time() <= max_block.ref_time());
}
