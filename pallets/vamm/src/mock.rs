//! Mock runtime: `frame_system` + `Vamm`, with a recording insurance-fund double.

use crate::{self as pallet_vamm, KAdjustmentFunding, MarketId};
use core::cell::RefCell;
use frame::arithmetic::FixedU128;
use frame::testing_prelude::*;

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Vamm: pallet_vamm,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub MinKRatio: FixedU128 = FixedU128::from_rational(1, 2);
	pub MaxKRatio: FixedU128 = FixedU128::from_u32(4);
	pub MaxKStep: Perbill = Perbill::from_percent(1);
	pub const TwapSnapshots: u32 = 8;
}

/// What the fund double saw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FundOp {
	Charge(MarketId, u128),
	Credit(MarketId, u128),
}

thread_local! {
	/// Balance of the (single, all-markets) insurance fund double.
	pub static FUND: RefCell<u128> = const { RefCell::new(u128::MAX / 2) };
	/// Every charge/credit, in order.
	pub static FUND_OPS: RefCell<Vec<FundOp>> = const { RefCell::new(Vec::new()) };
}

/// Set the balance of the fund double.
pub fn set_fund(amount: u128) {
	FUND.with(|f| *f.borrow_mut() = amount);
}

/// The balance of the fund double.
pub fn fund() -> u128 {
	FUND.with(|f| *f.borrow())
}

/// Charges and credits seen so far.
pub fn fund_ops() -> Vec<FundOp> {
	FUND_OPS.with(|o| o.borrow().clone())
}

/// The insurance fund double: a balance that charges take from and credits add to.
pub struct TestFund;
impl KAdjustmentFunding for TestFund {
	fn can_pay(_market: MarketId, cost: u128) -> bool {
		fund() >= cost
	}
	fn available(_market: MarketId) -> u128 {
		fund()
	}
	fn charge(market: MarketId, cost: u128) -> DispatchResult {
		let balance = fund().checked_sub(cost).ok_or(DispatchError::Other("fund cannot pay"))?;
		set_fund(balance);
		FUND_OPS.with(|o| o.borrow_mut().push(FundOp::Charge(market, cost)));
		Ok(())
	}
	fn credit(market: MarketId, amount: u128) -> DispatchResult {
		set_fund(fund().saturating_add(amount));
		FUND_OPS.with(|o| o.borrow_mut().push(FundOp::Credit(market, amount)));
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct TestBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for TestBenchmarkHelper {
	fn prepare_k_funding(_market: MarketId, cost: u128) {
		set_fund(cost);
	}
}

impl pallet_vamm::Config for Test {
	type GovernanceOrigin = EnsureRoot<u64>;
	type KFunding = TestFund;
	type MinKRatio = MinKRatio;
	type MaxKRatio = MaxKRatio;
	type MaxKStep = MaxKStep;
	type TwapSnapshots = TwapSnapshots;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestBenchmarkHelper;
}

/// Fresh externalities at block 1 (events are recorded from block 1 on), fund reset.
pub fn new_test_ext() -> TestState {
	set_fund(u128::MAX / 2);
	FUND_OPS.with(|o| o.borrow_mut().clear());
	let mut ext: TestState =
		frame_system::GenesisConfig::<Test>::default().build_storage().unwrap().into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Move to block `n` (the pallet has no per-block hooks to run).
pub fn go_to_block(n: u64) {
	System::set_block_number(n);
}

/// The last event of the pallet.
pub fn last_event() -> pallet_vamm::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Vamm(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event of the pallet")
}
