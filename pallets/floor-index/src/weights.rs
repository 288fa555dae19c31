
//! Weights for `pallet_floor_index`, measured by the benchmark CLI 64.0.0 on 2026-12-01.
//!
//! Do not edit: regenerate with `scripts/bench pallet_floor_index`.
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
//! pallet_floor_index
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
//! pallets/floor-index/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs, dead_code)]

use frame::weights_prelude::*;

/// Weight functions of `pallet_floor_index`.
pub trait WeightInfo {
	fn add_feed(s: u32, ) -> Weight;
	fn set_sources(s: u32, ) -> Weight;
	fn remove_feed() -> Weight;
	fn set_rules() -> Weight;
	fn submit_report(n: u32, ) -> Weight;
	fn authorize_report(n: u32, ) -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `FloorIndex::Feeds` (r:1 w:1)
	/// Proof: `FloorIndex::Feeds` (`max_values`: None, `max_size`: Some(3133), added: 5608, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::FeedCount` (r:1 w:1)
	/// Proof: `FloorIndex::FeedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[1, 8]`.
	fn add_feed(s: u32, ) -> Weight {
		// Proof size: measured `135`, estimated `6598`.
		// Minimum execution time: 95_412_000 picoseconds.
		Weight::from_parts(107_808_041, 6598)
			.saturating_add(Weight::from_parts(2_231_543, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `FloorIndex::Feeds` (r:1 w:1)
	/// Proof: `FloorIndex::Feeds` (`max_values`: None, `max_size`: Some(3133), added: 5608, mode: `MaxEncodedLen`)
	/// The range of component `s` is `[1, 8]`.
	fn set_sources(s: u32, ) -> Weight {
		// Proof size: measured `533`, estimated `6598`.
		// Minimum execution time: 94_060_000 picoseconds.
		Weight::from_parts(126_313_372, 6598)
			.saturating_add(Weight::from_parts(4_338_107, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `FloorIndex::Feeds` (r:1 w:1)
	/// Proof: `FloorIndex::Feeds` (`max_values`: None, `max_size`: Some(3133), added: 5608, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::FeedCount` (r:1 w:1)
	/// Proof: `FloorIndex::FeedCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn remove_feed() -> Weight {
		// Proof size: measured `533`, estimated `6598`.
		// Minimum execution time: 93_819_000 picoseconds.
		Weight::from_parts(108_211_000, 6598)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `OracleOperators::Members` (r:1 w:0)
	/// Proof: `OracleOperators::Members` (`max_values`: Some(1), `max_size`: Some(513), added: 1008, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Rules` (r:0 w:1)
	/// Proof: `FloorIndex::Rules` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn set_rules() -> Weight {
		// Proof size: measured `134`, estimated `1998`.
		// Minimum execution time: 68_242_000 picoseconds.
		Weight::from_parts(79_629_000, 1998)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `FloorIndex::Feeds` (r:16 w:0)
	/// Proof: `FloorIndex::Feeds` (`max_values`: None, `max_size`: Some(3133), added: 5608, mode: `MaxEncodedLen`)
	/// Storage: `OracleOperators::Members` (r:1 w:0)
	/// Proof: `OracleOperators::Members` (`max_values`: Some(1), `max_size`: Some(513), added: 1008, mode: `MaxEncodedLen`)
	/// Storage: `FloorOracle::RawValues` (r:32 w:16)
	/// Proof: `FloorOracle::RawValues` (`max_values`: None, `max_size`: Some(72), added: 2547, mode: `MaxEncodedLen`)
	/// Storage: `FloorOracle::Values` (r:16 w:16)
	/// Proof: `FloorOracle::Values` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Rules` (r:1 w:0)
	/// Proof: `FloorIndex::Rules` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::Indices` (r:16 w:16)
	/// Proof: `FloorIndex::Indices` (`max_values`: None, `max_size`: Some(92), added: 2567, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::TwapHistory` (r:16 w:16)
	/// Proof: `FloorIndex::TwapHistory` (`max_values`: None, `max_size`: Some(6934), added: 9409, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::LastRound` (r:0 w:1)
	/// Proof: `FloorIndex::LastRound` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	fn submit_report(n: u32, ) -> Weight {
		// Proof size: measured `465`, estimated `1998`.
		// Minimum execution time: 335_198_000 picoseconds.
		Weight::from_parts(97_050_004, 1998)
			.saturating_add(Weight::from_parts(255_460_337, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 9409).saturating_mul(n.into()))
	}
	/// Storage: `OracleOperators::Members` (r:1 w:0)
	/// Proof: `OracleOperators::Members` (`max_values`: Some(1), `max_size`: Some(513), added: 1008, mode: `MaxEncodedLen`)
	/// Storage: `FloorIndex::LastRound` (r:1 w:0)
	/// Proof: `FloorIndex::LastRound` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 16]`.
	fn authorize_report(n: u32, ) -> Weight {
		// Proof size: measured `259`, estimated `3517`.
		// Minimum execution time: 134_350_000 picoseconds.
		Weight::from_parts(144_341_540, 3517)
			.saturating_add(Weight::from_parts(177_102, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
	}
}

/// The same measured weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn add_feed(s: u32, ) -> Weight {
		Weight::from_parts(107_808_041, 6598)
			.saturating_add(Weight::from_parts(2_231_543, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_sources(s: u32, ) -> Weight {
		Weight::from_parts(126_313_372, 6598)
			.saturating_add(Weight::from_parts(4_338_107, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn remove_feed() -> Weight {
		Weight::from_parts(108_211_000, 6598)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_rules() -> Weight {
		Weight::from_parts(79_629_000, 1998)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn submit_report(n: u32, ) -> Weight {
		Weight::from_parts(97_050_004, 1998)
			.saturating_add(Weight::from_parts(255_460_337, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 9409).saturating_mul(n.into()))
	}
	fn authorize_report(n: u32, ) -> Weight {
		Weight::from_parts(144_341_540, 3517)
			.saturating_add(Weight::from_parts(177_102, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3_u64))
	}
}
