
//! Weights for `pallet_vamm`, measured by the benchmark CLI 64.0.0 on 2026-12-01.
//!
//! Do not edit: regenerate with `scripts/bench pallet_vamm`.
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
//! pallet_vamm
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
//! pallets/vamm/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs, dead_code)]

use frame::weights_prelude::*;

/// Weight functions of `pallet_vamm`.
pub trait WeightInfo {
	fn adjust_k() -> Weight;
	fn step_k() -> Weight;
	fn set_k_policy() -> Weight;
	fn step_k_policy() -> Weight;
	fn swap() -> Weight;
	fn quote() -> Weight;
	fn mark_twap() -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::KTargets` (r:0 w:1)
	/// Proof: `Vamm::KTargets` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn adjust_k() -> Weight {
		// Proof size: measured `300`, estimated `3663`.
		// Minimum execution time: 91_886_000 picoseconds.
		Weight::from_parts(145_726_000, 3663)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Vamm::KTargets` (r:1 w:0)
	/// Proof: `Vamm::KTargets` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn step_k() -> Weight {
		// Proof size: measured `1071`, estimated `5791`.
		// Minimum execution time: 297_732_000 picoseconds.
		Weight::from_parts(392_042_000, 5791)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::KPolicies` (r:0 w:1)
	/// Proof: `Vamm::KPolicies` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn set_k_policy() -> Weight {
		// Proof size: measured `155`, estimated `3663`.
		// Minimum execution time: 91_806_000 picoseconds.
		Weight::from_parts(133_689_000, 3663)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::KBudgets` (r:1 w:1)
	/// Proof: `Vamm::KBudgets` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(555), added: 3030, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn step_k_policy() -> Weight {
		// Proof size: measured `1087`, estimated `5791`.
		// Minimum execution time: 291_052_000 picoseconds.
		Weight::from_parts(411_481_000, 5791)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn swap() -> Weight {
		// Proof size: measured `2617`, estimated `5791`.
		// Minimum execution time: 143_643_000 picoseconds.
		Weight::from_parts(202_080_000, 5791)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	fn quote() -> Weight {
		// Proof size: measured `300`, estimated `3663`.
		// Minimum execution time: 44_406_000 picoseconds.
		Weight::from_parts(65_507_000, 3663)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(198), added: 2673, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:0)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn mark_twap() -> Weight {
		// Proof size: measured `2617`, estimated `5791`.
		// Minimum execution time: 70_424_000 picoseconds.
		Weight::from_parts(113_949_000, 5791)
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}
}

/// The same measured weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn adjust_k() -> Weight {
		Weight::from_parts(145_726_000, 3663)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn step_k() -> Weight {
		Weight::from_parts(392_042_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_k_policy() -> Weight {
		Weight::from_parts(133_689_000, 3663)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn step_k_policy() -> Weight {
		Weight::from_parts(411_481_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn swap() -> Weight {
		Weight::from_parts(202_080_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn quote() -> Weight {
		Weight::from_parts(65_507_000, 3663)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn mark_twap() -> Weight {
		Weight::from_parts(113_949_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
	}
}
