
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
	fn set_k_policy() -> Weight {
		Weight::from_parts(100_530_000, 3647)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn step_k_policy() -> Weight {
		Weight::from_parts(303_181_000, 5791)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::KTargets` (r:0 w:1)
	/// Proof: `Vamm::KTargets` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn adjust_k() -> Weight {
		// Proof size: measured `284`, estimated `3647`.
		// Minimum execution time: 89_754_000 picoseconds.
		Weight::from_parts(100_530_000, 3647)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Vamm::KTargets` (r:1 w:0)
	/// Proof: `Vamm::KTargets` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(550), added: 3025, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn step_k() -> Weight {
		// Proof size: measured `1050`, estimated `5791`.
		// Minimum execution time: 292_464_000 picoseconds.
		Weight::from_parts(303_181_000, 5791)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn swap() -> Weight {
		// Proof size: measured `2601`, estimated `5791`.
		// Minimum execution time: 138_506_000 picoseconds.
		Weight::from_parts(142_942_000, 5791)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	fn quote() -> Weight {
		// Proof size: measured `284`, estimated `3647`.
		// Minimum execution time: 43_414_000 picoseconds.
		Weight::from_parts(46_600_000, 3647)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:0)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn mark_twap() -> Weight {
		// Proof size: measured `2601`, estimated `5791`.
		// Minimum execution time: 67_370_000 picoseconds.
		Weight::from_parts(70_825_000, 5791)
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}
}

/// The same measured weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn set_k_policy() -> Weight {
		Weight::from_parts(100_530_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn step_k_policy() -> Weight {
		Weight::from_parts(303_181_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn adjust_k() -> Weight {
		Weight::from_parts(100_530_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn step_k() -> Weight {
		Weight::from_parts(303_181_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn swap() -> Weight {
		Weight::from_parts(142_942_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn quote() -> Weight {
		Weight::from_parts(46_600_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn mark_twap() -> Weight {
		Weight::from_parts(70_825_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
	}
}
