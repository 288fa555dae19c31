//! The pallets benchmarked by `floorperp-node benchmark pallet` (see `scripts/bench`).

pub use super::*;
pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::Pallet as SystemBench;

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_assets, Assets]
	[pallet_floor_index, FloorIndex]
	[pallet_timestamp, Timestamp]
	[pallet_vamm, Vamm]
	[pallet_floor_perp, FloorPerp]
	[pallet_timelock, Timelock]
);

/// Lets the vAMM's `adjust_k` benchmark charge a real insurance fund: registers a clearing-house
/// market over the benchmark's existing pool and funds its insurance fund.
pub struct VammBenchmarkHelper;
impl pallet_vamm::BenchmarkHelper for VammBenchmarkHelper {
	fn prepare_k_funding(market: pallet_vamm::MarketId, cost: u128) {
		// `create_market` creates its own pool: park the benchmark's pool meanwhile.
		let pool = pallet_vamm::Pools::<Runtime>::take(market);
		pallet_floor_perp::NextMarketId::<Runtime>::put(market);
		// a market needs a collection ceded to governance
		<FloorPerpBenchmarkHelper as pallet_floor_perp::BenchmarkHelper<_, _, _, AccountId>>::ensure_collection(market);
		let created = FloorPerp::do_create_market(
			market,
			UNIT,
			UNIT,
			pallet_floor_perp::MarketParams::default(),
		);
		assert_eq!(created.ok(), Some(market), "benchmark market");
		if let Some(pool) = pool {
			pallet_vamm::Pools::<Runtime>::insert(market, pool);
		}
		pallet_floor_perp::Markets::<Runtime>::mutate(market, |m| {
			if let Some(m) = m {
				m.insurance_fund = m.insurance_fund.saturating_add(cost);
			}
		});
	}
}

/// Clearing-house benchmark set-up: collections, a fresh oracle index, the quote asset.
pub struct FloorPerpBenchmarkHelper;
impl pallet_floor_perp::BenchmarkHelper<CollectionId, ItemId, AssetId, AccountId>
	for FloorPerpBenchmarkHelper
{
	fn collection(i: u32) -> CollectionId {
		i
	}

	fn set_index(collection: CollectionId, price: sp_runtime::FixedU128) {
		// the oracle's median and the clearing house's index agree, both fresh now
		pallet_oracle::Values::<Runtime, index::FloorOracleInstance>::insert(
			collection,
			pallet_oracle::TimestampedValue {
				value: price,
				timestamp: frame_system::Pallet::<Runtime>::block_number(),
			},
		);
		pallet_floor_index::Pallet::<Runtime>::force_index(&collection, price);
	}

	fn ensure_quote_asset(asset: AssetId) {
		use frame_support::traits::fungibles::{Create, Inspect};
		if !<Assets as Inspect<AccountId>>::asset_exists(asset) {
			let owner: AccountId = frame_benchmarking::account("weth-owner", 0, 0);
			let _ = <Assets as Create<AccountId>>::create(asset, owner, true, 1);
		}
	}

	/// A collection ceded as `collections::CededCollections` requires: owner and every role
	/// the custodian, items transferable, a maximum supply set and locked.
	fn ensure_collection(collection: CollectionId) {
		use frame_support::traits::{
			tokens::nonfungibles_v2::{Create, Inspect},
			Currency,
		};
		if <Nfts as Inspect<AccountId>>::collection_owner(&collection).is_none() {
			let custodian = crate::collections::collection_custodian();
			let _ = Balances::deposit_creating(&custodian, 1_000 * crate::UNIT);
			let config = pallet_nfts::CollectionConfig {
				settings: pallet_nfts::CollectionSettings::from_disabled(
					pallet_nfts::CollectionSetting::UnlockedMaxSupply.into(),
				),
				max_supply: Some(u32::MAX),
				mint_settings: Default::default(),
			};
			let _ = <Nfts as Create<AccountId, _>>::create_collection_with_id(
				collection, &custodian, &custodian, &config,
			);
		}
	}

	fn mint_nft(collection: CollectionId, item: u32, owner: &AccountId) -> ItemId {
		use frame_support::traits::tokens::nonfungibles_v2::Mutate;
		Self::ensure_collection(collection);
		let _ = <Nfts as Mutate<AccountId, pallet_nfts::ItemConfig>>::mint_into(
			&collection,
			&item,
			owner,
			&pallet_nfts::ItemConfig::default(),
			true,
		);
		item
	}
}

/// Benchmark set-up of `pallet_floor_index`.
pub struct FloorIndexBenchmarkHelper;
impl pallet_floor_index::BenchmarkHelper<AccountId, CollectionId> for FloorIndexBenchmarkHelper {
	/// Clear of the genesis demo feed (collection 0).
	fn collection(i: u32) -> CollectionId {
		1_000 + i
	}
	fn add_operator(who: &AccountId) {
		let _ = OracleOperators::add_member(
			RuntimeOrigin::root(),
			sp_runtime::MultiAddress::Id(who.clone()),
		);
	}
}
