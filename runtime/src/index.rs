//! The floor index the clearing house reads.
//!
//! Operators (a governance-managed `pallet-membership` set, `OracleOperators`) report floor
//! prices per NFT collection into `pallet-oracle` (`FloorOracle`), which keeps each operator's
//! latest report and combines the fresh ones (younger than [`ReportExpiry`] blocks, at least
//! [`MinimumReports`] of them) into their median. Reports are fee-less when valid. Root (the
//! governance origin through sudo on the dev chain) may report as the oracle's own account.
//!
//! [`OracleFloorIndex`] adapts that median to `pallet_floor_perp::FloorIndex`: the price and the
//! block of the latest combined report, so the clearing house can tell a fresh index from a
//! stale one (`max_index_age`).

use super::*;
use frame_support::{parameter_types, traits::Time};
use polkadot_sdk::sp_runtime::FixedU128;

/// Oracle time is the block number: staleness and funding are counted in blocks.
pub struct BlockNumberTime;
impl Time for BlockNumberTime {
	type Moment = BlockNumber;
	fn now() -> BlockNumber {
		frame_system::Pallet::<Runtime>::block_number()
	}
}

parameter_types! {
	/// Reports older than this (in blocks; 10 minutes) no longer count towards the median.
	pub const ReportExpiry: BlockNumber = 10 * MINUTES;
	/// Reports needed to move the index.
	pub const MinimumReports: u32 = 1;
}

/// The median of fresh operator reports.
pub type FloorCombine =
	pallet_oracle::DefaultCombineData<Runtime, MinimumReports, ReportExpiry, FloorOracleInstance>;

/// The oracle instance holding floor prices.
pub type FloorOracleInstance = pallet_oracle::Instance1;
/// The membership instance holding the oracle operators.
pub type OracleOperatorsInstance = pallet_membership::Instance1;

/// `pallet_floor_perp::FloorIndex` over the floor oracle.
pub struct OracleFloorIndex;
impl pallet_floor_perp::FloorIndex<CollectionId, BlockNumber> for OracleFloorIndex {
	fn index(collection: &CollectionId) -> Option<(FixedU128, BlockNumber)> {
		let v = pallet_oracle::Pallet::<Runtime, FloorOracleInstance>::get(collection)?;
		Some((v.value, v.timestamp))
	}

	/// The oracle keeps no price history yet, so the TWAP over any window is the latest
	/// combined value (itself a median of operator reports). See README design notes.
	fn index_twap(collection: &CollectionId, _window: u32) -> Option<FixedU128> {
		Self::index(collection).map(|(price, _)| price)
	}
}
