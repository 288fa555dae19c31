
//! Weights for `pallet_floor_perp`, measured by the benchmark CLI 64.0.0 on 2026-12-02.
//!
//! Do not edit: regenerate with `scripts/bench pallet_floor_perp`.
//! Steps: `5`, repeat: `3`, wasm execution: `Compiled`,
//! chain: `Some("dev")`, CPU: `AMD EPYC`.
//!
//! Command:
//! /root/.cache/floorperp/target/debug/floorperp-node
//! benchmark
//! pallet
//! --chain
//! dev
//! --pallet
//! pallet_floor_perp
//! --extrinsic
//! *
//! --steps
//! 5
//! --repeat
//! 3
//! --wasm-execution
//! compiled
//! --heap-pages
//! 4096
//! --template
//! scripts/templates/weights.hbs
//! --output
//! pallets/floor-perp/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs, dead_code)]

use frame::weights_prelude::*;

/// Weight functions of `pallet_floor_perp`.
pub trait WeightInfo {
	fn create_market() -> Weight;
	fn set_market_params() -> Weight;
	fn deposit() -> Weight;
	fn withdraw() -> Weight;
	fn open_position() -> Weight;
	fn close_position() -> Weight;
	fn liquidate() -> Weight;
	fn settle_variation_margin() -> Weight;
	fn on_initialize_funding(m: u32, ) -> Weight;
	fn on_initialize_sweep(n: u32, ) -> Weight;
	fn deposit_nft() -> Weight;
	fn withdraw_nft() -> Weight;
	fn start_voluntary_auction() -> Weight;
	fn bid() -> Weight;
	fn settle_auction() -> Weight;
	fn liquidate_nft(n: u32, ) -> Weight;
	fn on_initialize_in_kind(n: u32, ) -> Weight;
	fn on_initialize_auctions(n: u32, ) -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Nfts::Collection` (r:1 w:0)
	/// Proof: `Nfts::Collection` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionRoleOf` (r:2 w:0)
	/// Proof: `Nfts::CollectionRoleOf` (`max_values`: None, `max_size`: Some(69), added: 2544, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::MarketByCollection` (r:1 w:1)
	/// Proof: `FloorPerp::MarketByCollection` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NextMarketId` (r:1 w:1)
	/// Proof: `FloorPerp::NextMarketId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:0 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:0 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	fn create_market() -> Weight {
		// Proof size: measured `552`, estimated `6078`.
		// Minimum execution time: 312_845_000 picoseconds.
		Weight::from_parts(414_716_000, 6078)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	fn set_market_params() -> Weight {
		// Proof size: measured `982`, estimated `4020`.
		// Minimum execution time: 129_762_000 picoseconds.
		Weight::from_parts(222_391_000, 4020)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn deposit() -> Weight {
		// Proof size: measured `1651`, estimated `6208`.
		// Minimum execution time: 356_609_000 picoseconds.
		Weight::from_parts(440_224_000, 6208)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size: measured `2290`, estimated `6208`.
		// Minimum execution time: 420_604_000 picoseconds.
		Weight::from_parts(447_715_000, 6208)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn open_position() -> Weight {
		// Proof size: measured `1548`, estimated `5791`.
		// Minimum execution time: 343_220_000 picoseconds.
		Weight::from_parts(370_020_000, 5791)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::OpenPositions` (r:0 w:1)
	/// Proof: `FloorPerp::OpenPositions` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	fn close_position() -> Weight {
		// Proof size: measured `1509`, estimated `5791`.
		// Minimum execution time: 272_665_000 picoseconds.
		Weight::from_parts(368_658_000, 5791)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::OpenPositions` (r:0 w:1)
	/// Proof: `FloorPerp::OpenPositions` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	fn liquidate() -> Weight {
		// Proof size: measured `1548`, estimated `5791`.
		// Minimum execution time: 336_340_000 picoseconds.
		Weight::from_parts(366_995_000, 5791)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	fn settle_variation_margin() -> Weight {
		// Proof size: measured `1501`, estimated `4020`.
		// Minimum execution time: 213_067_000 picoseconds.
		Weight::from_parts(280_587_000, 4020)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `FloorPerp::NextMarketId` (r:1 w:0)
	/// Proof: `FloorPerp::NextMarketId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:64 w:64)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:64 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:64 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::KTargets` (r:64 w:0)
	/// Proof: `Vamm::KTargets` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::KPolicies` (r:64 w:0)
	/// Proof: `Vamm::KPolicies` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 64]`.
	fn on_initialize_funding(m: u32, ) -> Weight {
		// Proof size: measured `581`, estimated `1489`.
		// Minimum execution time: 197_283_000 picoseconds.
		Weight::from_parts(232_005_000, 1489)
			.saturating_add(Weight::from_parts(168_293_975, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 3030).saturating_mul(m.into()))
	}
	/// Storage: `FloorPerp::LiquidationCursor` (r:1 w:1)
	/// Proof: `FloorPerp::LiquidationCursor` (`max_values`: Some(1), `max_size`: Some(258), added: 753, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::OpenPositions` (r:65 w:0)
	/// Proof: `FloorPerp::OpenPositions` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:64 w:0)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:0)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 64]`.
	fn on_initialize_sweep(n: u32, ) -> Weight {
		// Proof size: measured `1282`, estimated `4020`.
		// Minimum execution time: 201_179_000 picoseconds.
		Weight::from_parts(202_445_193, 4020)
			.saturating_add(Weight::from_parts(109_421_336, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2699).saturating_mul(n.into()))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Item` (r:1 w:1)
	/// Proof: `Nfts::Item` (`max_values`: None, `max_size`: Some(861), added: 3336, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Escrow` (r:1 w:1)
	/// Proof: `FloorPerp::Escrow` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Attribute` (r:1 w:0)
	/// Proof: `Nfts::Attribute` (`max_values`: None, `max_size`: Some(479), added: 2954, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemConfigOf` (r:1 w:0)
	/// Proof: `Nfts::ItemConfigOf` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Collection` (r:1 w:0)
	/// Proof: `Nfts::Collection` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AccountNfts` (r:0 w:1)
	/// Proof: `FloorPerp::AccountNfts` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NftAccounts` (r:0 w:1)
	/// Proof: `FloorPerp::NftAccounts` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Account` (r:0 w:2)
	/// Proof: `Nfts::Account` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemPriceOf` (r:0 w:1)
	/// Proof: `Nfts::ItemPriceOf` (`max_values`: None, `max_size`: Some(89), added: 2564, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::PendingSwapOf` (r:0 w:1)
	/// Proof: `Nfts::PendingSwapOf` (`max_values`: None, `max_size`: Some(71), added: 2546, mode: `MaxEncodedLen`)
	fn deposit_nft() -> Weight {
		// Proof size: measured `1223`, estimated `4326`.
		// Minimum execution time: 390_250_000 picoseconds.
		Weight::from_parts(681_191_000, 4326)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Escrow` (r:1 w:1)
	/// Proof: `FloorPerp::Escrow` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::TwapHistory` (r:1 w:0)
	/// Proof: `FloorIndex::TwapHistory` (`max_values`: None, `max_size`: Some(6934), added: 9409, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Collection` (r:1 w:0)
	/// Proof: `Nfts::Collection` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Attribute` (r:1 w:0)
	/// Proof: `Nfts::Attribute` (`max_values`: None, `max_size`: Some(479), added: 2954, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemConfigOf` (r:1 w:0)
	/// Proof: `Nfts::ItemConfigOf` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Item` (r:1 w:1)
	/// Proof: `Nfts::Item` (`max_values`: None, `max_size`: Some(861), added: 3336, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AccountNfts` (r:0 w:1)
	/// Proof: `FloorPerp::AccountNfts` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Account` (r:0 w:2)
	/// Proof: `Nfts::Account` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemPriceOf` (r:0 w:1)
	/// Proof: `Nfts::ItemPriceOf` (`max_values`: None, `max_size`: Some(89), added: 2564, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::PendingSwapOf` (r:0 w:1)
	/// Proof: `Nfts::PendingSwapOf` (`max_values`: None, `max_size`: Some(71), added: 2546, mode: `MaxEncodedLen`)
	fn withdraw_nft() -> Weight {
		// Proof size: measured `2126`, estimated `10399`.
		// Minimum execution time: 440_174_000 picoseconds.
		Weight::from_parts(510_088_000, 10399)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Escrow` (r:1 w:1)
	/// Proof: `FloorPerp::Escrow` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::TwapHistory` (r:1 w:0)
	/// Proof: `FloorIndex::TwapHistory` (`max_values`: None, `max_size`: Some(6934), added: 9409, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NextAuctionId` (r:1 w:1)
	/// Proof: `FloorPerp::NextAuctionId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AuctionsEndingAt` (r:1 w:1)
	/// Proof: `FloorPerp::AuctionsEndingAt` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Auctions` (r:0 w:1)
	/// Proof: `FloorPerp::Auctions` (`max_values`: None, `max_size`: Some(167), added: 2642, mode: `MaxEncodedLen`)
	fn start_voluntary_auction() -> Weight {
		// Proof size: measured `1414`, estimated `10399`.
		// Minimum execution time: 258_304_000 picoseconds.
		Weight::from_parts(321_577_000, 10399)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `FloorPerp::Auctions` (r:1 w:1)
	/// Proof: `FloorPerp::Auctions` (`max_values`: None, `max_size`: Some(167), added: 2642, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Attribute` (r:1 w:0)
	/// Proof: `Nfts::Attribute` (`max_values`: None, `max_size`: Some(479), added: 2954, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemConfigOf` (r:1 w:0)
	/// Proof: `Nfts::ItemConfigOf` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:3 w:3)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn bid() -> Weight {
		// Proof size: measured `2369`, estimated `8817`.
		// Minimum execution time: 548_395_000 picoseconds.
		Weight::from_parts(759_929_000, 8817)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `FloorPerp::Auctions` (r:1 w:1)
	/// Proof: `FloorPerp::Auctions` (`max_values`: None, `max_size`: Some(167), added: 2642, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AuctionsEndingAt` (r:1 w:1)
	/// Proof: `FloorPerp::AuctionsEndingAt` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Attribute` (r:1 w:0)
	/// Proof: `Nfts::Attribute` (`max_values`: None, `max_size`: Some(479), added: 2954, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemConfigOf` (r:1 w:0)
	/// Proof: `Nfts::ItemConfigOf` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Escrow` (r:1 w:1)
	/// Proof: `FloorPerp::Escrow` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Collection` (r:1 w:0)
	/// Proof: `Nfts::Collection` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Item` (r:1 w:1)
	/// Proof: `Nfts::Item` (`max_values`: None, `max_size`: Some(861), added: 3336, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AccountNfts` (r:0 w:1)
	/// Proof: `FloorPerp::AccountNfts` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Account` (r:0 w:2)
	/// Proof: `Nfts::Account` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemPriceOf` (r:0 w:1)
	/// Proof: `Nfts::ItemPriceOf` (`max_values`: None, `max_size`: Some(89), added: 2564, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::PendingSwapOf` (r:0 w:1)
	/// Proof: `Nfts::PendingSwapOf` (`max_values`: None, `max_size`: Some(71), added: 2546, mode: `MaxEncodedLen`)
	fn settle_auction() -> Weight {
		// Proof size: measured `2551`, estimated `5791`.
		// Minimum execution time: 680_030_000 picoseconds.
		Weight::from_parts(1_101_867_000, 5791)
			.saturating_add(T::DbWeight::get().reads(13_u64))
			.saturating_add(T::DbWeight::get().writes(13_u64))
	}
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::TwapHistory` (r:1 w:0)
	/// Proof: `FloorIndex::TwapHistory` (`max_values`: None, `max_size`: Some(6934), added: 9409, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AccountNfts` (r:64 w:0)
	/// Proof: `FloorPerp::AccountNfts` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Escrow` (r:64 w:64)
	/// Proof: `FloorPerp::Escrow` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Attribute` (r:64 w:0)
	/// Proof: `Nfts::Attribute` (`max_values`: None, `max_size`: Some(479), added: 2954, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemConfigOf` (r:64 w:0)
	/// Proof: `Nfts::ItemConfigOf` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NextAuctionId` (r:1 w:1)
	/// Proof: `FloorPerp::NextAuctionId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AuctionsEndingAt` (r:4 w:4)
	/// Proof: `FloorPerp::AuctionsEndingAt` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::OpenPositions` (r:0 w:1)
	/// Proof: `FloorPerp::OpenPositions` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Auctions` (r:0 w:64)
	/// Proof: `FloorPerp::Auctions` (`max_values`: None, `max_size`: Some(167), added: 2642, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 64]`.
	fn liquidate_nft(n: u32, ) -> Weight {
		// Proof size: measured `2101`, estimated `10399`.
		// Minimum execution time: 568_314_000 picoseconds.
		Weight::from_parts(700_609_814, 10399)
			.saturating_add(Weight::from_parts(190_690_929, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(7_u64))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2954).saturating_mul(n.into()))
	}
	/// Storage: `FloorPerp::NextMarketId` (r:1 w:0)
	/// Proof: `FloorPerp::NextMarketId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::InKindCursor` (r:1 w:1)
	/// Proof: `FloorPerp::InKindCursor` (`max_values`: None, `max_size`: Some(278), added: 2753, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NftAccounts` (r:65 w:0)
	/// Proof: `FloorPerp::NftAccounts` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:64 w:64)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 64]`.
	fn on_initialize_in_kind(n: u32, ) -> Weight {
		// Proof size: measured `1164`, estimated `4020`.
		// Minimum execution time: 321_848_000 picoseconds.
		Weight::from_parts(352_253_000, 4020)
			.saturating_add(Weight::from_parts(172_045_661, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2699).saturating_mul(n.into()))
	}
	/// Storage: `FloorPerp::AuctionsEndingAt` (r:1 w:1)
	/// Proof: `FloorPerp::AuctionsEndingAt` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Auctions` (r:16 w:16)
	/// Proof: `FloorPerp::Auctions` (`max_values`: None, `max_size`: Some(167), added: 2642, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:16 w:16)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(224), added: 2699, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Attribute` (r:16 w:0)
	/// Proof: `Nfts::Attribute` (`max_values`: None, `max_size`: Some(479), added: 2954, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::CollectionConfigOf` (r:1 w:0)
	/// Proof: `Nfts::CollectionConfigOf` (`max_values`: None, `max_size`: Some(73), added: 2548, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemConfigOf` (r:16 w:0)
	/// Proof: `Nfts::ItemConfigOf` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Escrow` (r:16 w:16)
	/// Proof: `FloorPerp::Escrow` (`max_values`: None, `max_size`: Some(77), added: 2552, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Collection` (r:1 w:0)
	/// Proof: `Nfts::Collection` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Item` (r:16 w:16)
	/// Proof: `Nfts::Item` (`max_values`: None, `max_size`: Some(861), added: 3336, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:1 w:0)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::OpenPositions` (r:0 w:16)
	/// Proof: `FloorPerp::OpenPositions` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::AccountNfts` (r:0 w:16)
	/// Proof: `FloorPerp::AccountNfts` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NftAccounts` (r:0 w:16)
	/// Proof: `FloorPerp::NftAccounts` (`max_values`: None, `max_size`: Some(68), added: 2543, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::Account` (r:0 w:32)
	/// Proof: `Nfts::Account` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::ItemPriceOf` (r:0 w:16)
	/// Proof: `Nfts::ItemPriceOf` (`max_values`: None, `max_size`: Some(89), added: 2564, mode: `MaxEncodedLen`)
	/// Storage: `Nfts::PendingSwapOf` (r:0 w:16)
	/// Proof: `Nfts::PendingSwapOf` (`max_values`: None, `max_size`: Some(71), added: 2546, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	fn on_initialize_auctions(n: u32, ) -> Weight {
		// Proof size: measured `1923`, estimated `5791`.
		// Minimum execution time: 690_726_000 picoseconds.
		Weight::from_parts(195_748_041, 5791)
			.saturating_add(Weight::from_parts(570_850_511, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((11_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3336).saturating_mul(n.into()))
	}
}

/// The same measured weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn create_market() -> Weight {
		Weight::from_parts(414_716_000, 6078)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn set_market_params() -> Weight {
		Weight::from_parts(222_391_000, 4020)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn deposit() -> Weight {
		Weight::from_parts(440_224_000, 6208)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(447_715_000, 6208)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn open_position() -> Weight {
		Weight::from_parts(370_020_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn close_position() -> Weight {
		Weight::from_parts(368_658_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn liquidate() -> Weight {
		Weight::from_parts(366_995_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn settle_variation_margin() -> Weight {
		Weight::from_parts(280_587_000, 4020)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_initialize_funding(m: u32, ) -> Weight {
		Weight::from_parts(232_005_000, 1489)
			.saturating_add(Weight::from_parts(168_293_975, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((5_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 3030).saturating_mul(m.into()))
	}
	fn on_initialize_sweep(n: u32, ) -> Weight {
		Weight::from_parts(202_445_193, 4020)
			.saturating_add(Weight::from_parts(109_421_336, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2699).saturating_mul(n.into()))
	}
	fn deposit_nft() -> Weight {
		Weight::from_parts(681_191_000, 4326)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(10_u64))
	}
	fn withdraw_nft() -> Weight {
		Weight::from_parts(510_088_000, 10399)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(9_u64))
	}
	fn start_voluntary_auction() -> Weight {
		Weight::from_parts(321_577_000, 10399)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn bid() -> Weight {
		Weight::from_parts(759_929_000, 8817)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn settle_auction() -> Weight {
		Weight::from_parts(1_101_867_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(13_u64))
			.saturating_add(RocksDbWeight::get().writes(13_u64))
	}
	fn liquidate_nft(n: u32, ) -> Weight {
		Weight::from_parts(700_609_814, 10399)
			.saturating_add(Weight::from_parts(190_690_929, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2954).saturating_mul(n.into()))
	}
	fn on_initialize_in_kind(n: u32, ) -> Weight {
		Weight::from_parts(352_253_000, 4020)
			.saturating_add(Weight::from_parts(172_045_661, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2699).saturating_mul(n.into()))
	}
	fn on_initialize_auctions(n: u32, ) -> Weight {
		Weight::from_parts(195_748_041, 5791)
			.saturating_add(Weight::from_parts(570_850_511, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().writes((11_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3336).saturating_mul(n.into()))
	}
}
