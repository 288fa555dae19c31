//! The floor index the clearing house reads.
//!
//! Operators (a governance-managed `pallet-membership` set, `OracleOperators`) report floor
//! prices per NFT collection into `pallet-oracle` (`FloorOracle`), which keeps each operator's
//! latest report. Offchain workers of operator nodes report through `FloorIndex::submit_report`
//! (signed over the chain's genesis hash, checked, fee-less when valid; [`OracleSink`] feeds the
//! oracle). Operators cannot call `FloorOracle::feed_values` themselves (the runtime's call
//! filter refuses it to signed origins); root (governance) may, and its report counts as one
//! more reporter's.
//!
//! Every new report refreshes `FloorIndex` ([`RefreshIndex`]): the median of the fresh reports
//! (younger than [`ReportExpiry`]) once a quorum of them exists (`FloorIndex::Rules`, set per
//! chain at genesis and by governance), clamped around the index TWAP. The clearing house reads that
//! index through `floorperp_primitives::FloorIndex`, which `FloorIndex` implements.

use super::*;
use frame_support::{pallet_prelude::DispatchResult, parameter_types, traits::Time};
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
}

/// The quorum of `FloorIndex` (its `Rules`), so that `FloorOracle`'s own combined value (read
/// by its runtime API) follows the same rule as the index.
pub struct MinimumReports;
impl frame_support::traits::Get<u32> for MinimumReports {
	fn get() -> u32 {
		pallet_floor_index::Rules::<Runtime>::get().quorum
	}
}

/// The median of fresh operator reports (`FloorOracle::Values`; the index takes its own median
/// from the raw reports, [`OracleSink::reports`]).
pub type FloorCombine =
	pallet_oracle::DefaultCombineData<Runtime, MinimumReports, ReportExpiry, FloorOracleInstance>;

/// The oracle instance holding floor prices.
pub type FloorOracleInstance = pallet_oracle::Instance1;
/// The membership instance holding the oracle operators.
pub type OracleOperatorsInstance = pallet_membership::Instance1;

/// Operator reports go into `FloorOracle` as the operator's own report; the index reads back
/// the latest report of every operator (and of governance, the oracle's own account).
pub struct OracleSink;
impl pallet_floor_index::ReportSink<AccountId, CollectionId> for OracleSink {
	fn feed(who: &AccountId, collection: CollectionId, price: FixedU128) -> DispatchResult {
		<pallet_oracle::Pallet<Runtime, FloorOracleInstance> as pallet_oracle::DataFeeder<
			CollectionId,
			FixedU128,
			AccountId,
		>>::feed_value(Some(who.clone()), collection, price)
	}
	fn reports(collection: &CollectionId) -> alloc::vec::Vec<(FixedU128, u32)> {
		pallet_oracle::Pallet::<Runtime, FloorOracleInstance>::read_raw_values(collection)
			.into_iter()
			.map(|v| (v.value, v.timestamp))
			.collect()
	}
}

/// Every new report (by an operator's offchain worker through `FloorIndex`, or fed directly to
/// `FloorOracle` by root) refreshes the collection's index.
pub struct RefreshIndex;
impl pallet_oracle::OnNewData<AccountId, CollectionId, FixedU128> for RefreshIndex {
	fn on_new_data(_who: &AccountId, collection: &CollectionId, _value: &FixedU128) {
		pallet_floor_index::Pallet::<Runtime>::refresh(collection);
	}
}

/// An operator key's account: the sr25519 public key is the account id (so the `//Alice`
/// operator key is Alice's account).
pub struct OperatorAccount;
impl sp_runtime::traits::Convert<pallet_floor_index::crypto::Public, AccountId>
	for OperatorAccount
{
	fn convert(key: pallet_floor_index::crypto::Public) -> AccountId {
		AccountId::from(sp_core::sr25519::Public::from(key))
	}
}
