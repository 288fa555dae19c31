//! Mock runtime: system and this pallet, with an in-memory oracle (latest report per operator,
//! median of the fresh ones) and `UintAuthorityId` operator keys (key `n` is account `n`).

use crate::{self as pallet_floor_index, ReportSink};
use core::cell::RefCell;
use frame::arithmetic::{FixedU128, Perbill};
use frame::deps::sp_runtime::testing::{TestXt, UintAuthorityId};
use frame::deps::sp_runtime::traits::{Convert, ConvertInto};
use frame::testing_prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub type AccountId = u64;
pub type Extrinsic = TestXt<RuntimeCall, frame_system::AuthorizeCall<Test>>;
type Block = frame::deps::sp_runtime::generic::Block<
	frame::deps::sp_runtime::generic::Header<u64, frame::deps::sp_runtime::traits::BlakeTwo256>,
	Extrinsic,
>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		FloorIndex: pallet_floor_index,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type RuntimeCall = RuntimeCall;
	type Extrinsic = Extrinsic;
}

impl<C> frame_system::offchain::CreateTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extension = frame_system::AuthorizeCall<Test>;
	fn create_transaction(call: RuntimeCall, extension: Self::Extension) -> Extrinsic {
		Extrinsic::new_transaction(call, extension)
	}
}

impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_extension() -> Self::Extension {
		frame_system::AuthorizeCall::<Test>::new()
	}
}

thread_local! {
	/// Operator accounts.
	pub static OPERATORS: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
	/// Latest report per (operator, collection): (price, block).
	pub static REPORTS: RefCell<BTreeMap<(u64, u32), (FixedU128, u32)>> = const { RefCell::new(BTreeMap::new()) };
}

/// Operators are the accounts in `OPERATORS`.
pub struct MockOperators;
impl frame::traits::SortedMembers<u64> for MockOperators {
	fn sorted_members() -> Vec<u64> {
		OPERATORS.with(|o| o.borrow().iter().copied().collect())
	}
}

pub fn set_operators(ops: &[u64]) {
	OPERATORS.with(|o| *o.borrow_mut() = ops.iter().copied().collect());
}

/// The oracle of the mock: the latest report per reporter, handed back to the pallet (which
/// keeps the fresh ones, checks the quorum and takes the median); refresh on every feed.
pub struct MockOracle;
impl ReportSink<u64, u32> for MockOracle {
	fn feed(who: &u64, collection: u32, price: FixedU128) -> DispatchResult {
		let now = System::block_number() as u32;
		REPORTS.with(|r| r.borrow_mut().insert((*who, collection), (price, now)));
		FloorIndex::refresh(&collection);
		Ok(())
	}
	fn reports(collection: &u32) -> Vec<(FixedU128, u32)> {
		REPORTS.with(|r| {
			r.borrow()
				.iter()
				.filter(|((_, c), _)| c == collection)
				.map(|(_, v)| *v)
				.collect()
		})
	}
}

/// Key `n` is account `n`.
pub struct KeyToAccount;
impl Convert<UintAuthorityId, u64> for KeyToAccount {
	fn convert(k: UintAuthorityId) -> u64 {
		ConvertInto::convert(k.0)
	}
}

parameter_types! {
	pub const MaxChange: Perbill = Perbill::from_percent(10);
	pub MaxPrice: FixedU128 = FixedU128::from_u32(1_000_000);
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, u32> for MockBenchmarkHelper {
	fn collection(i: u32) -> u32 {
		i
	}
	fn add_operator(who: &u64) {
		OPERATORS.with(|o| o.borrow_mut().insert(*who));
	}
}

impl pallet_floor_index::Config for Test {
	type AuthorityId = UintAuthorityId;
	type KeyToAccount = KeyToAccount;
	type Operators = MockOperators;
	type CollectionId = u32;
	type Sink = MockOracle;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type ReportInterval = ConstU32<5>;
	type ReportExpiry = ConstU32<10>;
	type MaxDeviation = MaxChange;
	type MaxPrice = MaxPrice;
	type MaxFeeds = ConstU32<4>;
	type MaxSources = ConstU32<3>;
	type MaxUrlLen = ConstU32<128>;
	type MaxPointerLen = ConstU32<64>;
	type TwapSnapshots = ConstU32<8>;
	type HttpTimeoutMs = ConstU64<2_000>;
	type MaxResponseBytes = ConstU32<1_024>;
	type ReportPriority = ConstU64<{ u64::MAX / 2 }>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub fn new_test_ext() -> TestState {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = TestState::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		OPERATORS.with(|o| o.borrow_mut().clear());
		REPORTS.with(|r| r.borrow_mut().clear());
	});
	ext
}
