
//! Weights for `pallet_floor_perp`, measured by the benchmark CLI 64.0.0 on 2026-11-21.
//!
//! Do not edit: regenerate with `scripts/bench pallet_floor_perp`.
//! Steps: `10`, repeat: `5`, wasm execution: `Compiled`,
//! chain: `Some("dev")`, CPU: `Intel(R) Xeon(R) Processor`.
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
//! 10
//! --repeat
//! 5
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
	fn on_initialize_funding(m: u32, ) -> Weight;
	fn on_initialize_sweep(n: u32, ) -> Weight;
}

/// Measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `FloorPerp::MarketByCollection` (r:1 w:1)
	/// Proof: `FloorPerp::MarketByCollection` (`max_values`: None, `max_size`: Some(24), added: 2499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::NextMarketId` (r:1 w:1)
	/// Proof: `FloorPerp::NextMarketId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:0 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:0 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	fn create_market() -> Weight {
		// Proof size: measured `136`, estimated `3647`.
		// Minimum execution time: 242_016_000 picoseconds.
		Weight::from_parts(400_998_000, 3647)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	fn set_market_params() -> Weight {
		// Proof size: measured `535`, estimated `3873`.
		// Minimum execution time: 109_799_000 picoseconds.
		Weight::from_parts(191_850_000, 3873)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn deposit() -> Weight {
		// Proof size: measured `1504`, estimated `6208`.
		// Minimum execution time: 483_522_000 picoseconds.
		Weight::from_parts(752_180_000, 6208)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: Some(210), added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: Some(134), added: 2609, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size: measured `1824`, estimated `6208`.
		// Minimum execution time: 511_385_000 picoseconds.
		Weight::from_parts(598_162_000, 6208)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `FloorOracle::Values` (r:1 w:0)
	/// Proof: `FloorOracle::Values` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn open_position() -> Weight {
		// Proof size: measured `1142`, estimated `5791`.
		// Minimum execution time: 394_658_000 picoseconds.
		Weight::from_parts(654_843_000, 5791)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn close_position() -> Weight {
		// Proof size: measured `1043`, estimated `5791`.
		// Minimum execution time: 296_885_000 picoseconds.
		Weight::from_parts(470_208_000, 5791)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `FloorPerp::Markets` (r:1 w:1)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:1 w:1)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `FloorOracle::Values` (r:1 w:0)
	/// Proof: `FloorOracle::Values` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:1)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:1 w:1)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	fn liquidate() -> Weight {
		// Proof size: measured `1142`, estimated `5791`.
		// Minimum execution time: 548_477_000 picoseconds.
		Weight::from_parts(642_192_000, 5791)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `FloorPerp::NextMarketId` (r:1 w:0)
	/// Proof: `FloorPerp::NextMarketId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:64 w:64)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `FloorOracle::Values` (r:64 w:0)
	/// Proof: `FloorOracle::Values` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:64 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::TwapHistory` (r:64 w:0)
	/// Proof: `Vamm::TwapHistory` (`max_values`: None, `max_size`: Some(2326), added: 4801, mode: `MaxEncodedLen`)
	/// The range of component `m` is `[1, 64]`.
	fn on_initialize_funding(m: u32, ) -> Weight {
		// Proof size: measured `432`, estimated `1489`.
		// Minimum execution time: 403_537_000 picoseconds.
		Weight::from_parts(705_100_143, 1489)
			.saturating_add(Weight::from_parts(236_736_472, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 4801).saturating_mul(m.into()))
	}
	/// Storage: `FloorPerp::LiquidationCursor` (r:1 w:1)
	/// Proof: `FloorPerp::LiquidationCursor` (`max_values`: Some(1), `max_size`: Some(258), added: 753, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Accounts` (r:65 w:0)
	/// Proof: `FloorPerp::Accounts` (`max_values`: None, `max_size`: Some(152), added: 2627, mode: `MaxEncodedLen`)
	/// Storage: `FloorPerp::Markets` (r:1 w:0)
	/// Proof: `FloorPerp::Markets` (`max_values`: None, `max_size`: Some(408), added: 2883, mode: `MaxEncodedLen`)
	/// Storage: `FloorOracle::Values` (r:1 w:0)
	/// Proof: `FloorOracle::Values` (`max_values`: None, `max_size`: Some(32), added: 2507, mode: `MaxEncodedLen`)
	/// Storage: `Vamm::Pools` (r:1 w:0)
	/// Proof: `Vamm::Pools` (`max_values`: None, `max_size`: Some(182), added: 2657, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 64]`.
	fn on_initialize_sweep(n: u32, ) -> Weight {
		// Proof size: measured `1028`, estimated `3873`.
		// Minimum execution time: 213_576_000 picoseconds.
		Weight::from_parts(205_917_473, 3873)
			.saturating_add(Weight::from_parts(110_075_882, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2627).saturating_mul(n.into()))
	}
}

/// The same measured weights with RocksDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn create_market() -> Weight {
		Weight::from_parts(400_998_000, 3647)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn set_market_params() -> Weight {
		Weight::from_parts(191_850_000, 3873)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn deposit() -> Weight {
		Weight::from_parts(752_180_000, 6208)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(598_162_000, 6208)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn open_position() -> Weight {
		Weight::from_parts(654_843_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn close_position() -> Weight {
		Weight::from_parts(470_208_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn liquidate() -> Weight {
		Weight::from_parts(642_192_000, 5791)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn on_initialize_funding(m: u32, ) -> Weight {
		Weight::from_parts(705_100_143, 1489)
			.saturating_add(Weight::from_parts(236_736_472, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 4801).saturating_mul(m.into()))
	}
	fn on_initialize_sweep(n: u32, ) -> Weight {
		Weight::from_parts(205_917_473, 3873)
			.saturating_add(Weight::from_parts(110_075_882, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(Weight::from_parts(0, 2627).saturating_mul(n.into()))
	}
}
