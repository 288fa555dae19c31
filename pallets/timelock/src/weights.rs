
//! Weights for `pallet_timelock`, measured by the benchmark CLI 64.0.0 on 2026-12-01.
//!
//! Do not edit: regenerate with `scripts/bench pallet_timelock`.
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
//! pallet_timelock
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
//! pallets/timelock/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs, dead_code)]

use frame::weights_prelude::*;

/// Weight functions of `pallet_timelock`.
pub trait WeightInfo {
	fn schedule(l: u32, ) -> Weight;
	fn cancel() -> Weight;
	fn enact(l: u32, ) -> Weight;
	fn set_delay() -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Timelock::CounterForPending` (r:1 w:1)
	/// Proof: `Timelock::CounterForPending` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Timelock::NextIndex` (r:1 w:1)
	/// Proof: `Timelock::NextIndex` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Timelock::Delay` (r:1 w:0)
	/// Proof: `Timelock::Delay` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::StatusFor` (r:1 w:0)
	/// Proof: `Preimage::StatusFor` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::RequestStatusFor` (r:1 w:1)
	/// Proof: `Preimage::RequestStatusFor` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Scheduler::Lookup` (r:1 w:1)
	/// Proof: `Scheduler::Lookup` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Scheduler::Agenda` (r:1 w:1)
	/// Proof: `Scheduler::Agenda` (`max_values`: None, `max_size`: Some(10463), added: 12938, mode: `MaxEncodedLen`)
	/// Storage: `Timelock::Pending` (r:1 w:1)
	/// Proof: `Timelock::Pending` (`max_values`: None, `max_size`: Some(171), added: 2646, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::PreimageFor` (r:0 w:1)
	/// Proof: `Preimage::PreimageFor` (`max_values`: None, `max_size`: Some(4194344), added: 4196819, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[0, 65536]`.
	fn schedule(l: u32, ) -> Weight {
		// Proof size: measured `111`, estimated `13928`.
		// Minimum execution time: 162_181_000 picoseconds.
		Weight::from_parts(259_147_139, 13928)
			.saturating_add(Weight::from_parts(7_281, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Timelock::Pending` (r:1 w:1)
	/// Proof: `Timelock::Pending` (`max_values`: None, `max_size`: Some(171), added: 2646, mode: `MaxEncodedLen`)
	/// Storage: `Timelock::CounterForPending` (r:1 w:1)
	/// Proof: `Timelock::CounterForPending` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Scheduler::Lookup` (r:1 w:1)
	/// Proof: `Scheduler::Lookup` (`max_values`: None, `max_size`: Some(48), added: 2523, mode: `MaxEncodedLen`)
	/// Storage: `Scheduler::Agenda` (r:1 w:1)
	/// Proof: `Scheduler::Agenda` (`max_values`: None, `max_size`: Some(10463), added: 12938, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::StatusFor` (r:1 w:0)
	/// Proof: `Preimage::StatusFor` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::RequestStatusFor` (r:1 w:1)
	/// Proof: `Preimage::RequestStatusFor` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::PreimageFor` (r:0 w:1)
	/// Proof: `Preimage::PreimageFor` (`max_values`: None, `max_size`: Some(4194344), added: 4196819, mode: `Measured`)
	fn cancel() -> Weight {
		// Proof size: measured `515`, estimated `13928`.
		// Minimum execution time: 224_944_000 picoseconds.
		Weight::from_parts(250_302_000, 13928)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Timelock::Pending` (r:1 w:1)
	/// Proof: `Timelock::Pending` (`max_values`: None, `max_size`: Some(171), added: 2646, mode: `MaxEncodedLen`)
	/// Storage: `Timelock::CounterForPending` (r:1 w:1)
	/// Proof: `Timelock::CounterForPending` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::PreimageFor` (r:1 w:1)
	/// Proof: `Preimage::PreimageFor` (`max_values`: None, `max_size`: Some(4194344), added: 4196819, mode: `Measured`)
	/// Storage: `Preimage::StatusFor` (r:1 w:0)
	/// Proof: `Preimage::StatusFor` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// Storage: `Preimage::RequestStatusFor` (r:1 w:1)
	/// Proof: `Preimage::RequestStatusFor` (`max_values`: None, `max_size`: Some(91), added: 2566, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[0, 65536]`.
	fn enact(l: u32, ) -> Weight {
		// Proof size: measured `386`, estimated `3851`.
		// Minimum execution time: 111_555_000 picoseconds.
		Weight::from_parts(153_941_358, 3851)
			.saturating_add(Weight::from_parts(2_469, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(l.into()))
	}
	/// Storage: `Timelock::Delay` (r:0 w:1)
	/// Proof: `Timelock::Delay` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_delay() -> Weight {
		// Proof size: measured `0`, estimated `0`.
		// Minimum execution time: 38_107_000 picoseconds.
		Weight::from_parts(47_360_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same measured weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn schedule(l: u32, ) -> Weight {
		Weight::from_parts(259_147_139, 13928)
			.saturating_add(Weight::from_parts(7_281, 0).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(250_302_000, 13928)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn enact(l: u32, ) -> Weight {
		Weight::from_parts(153_941_358, 3851)
			.saturating_add(Weight::from_parts(2_469, 0).saturating_mul(l.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
			.saturating_add(Weight::from_parts(0, 1).saturating_mul(l.into()))
	}
	fn set_delay() -> Weight {
		Weight::from_parts(47_360_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
