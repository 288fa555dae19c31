//! Mock runtime: `frame_system`, `Balances` (the preimage store's currency), `Scheduler`,
//! `Preimage` and `Timelock`; account 1 is the committee, and `frame_system::set_storage` the
//! calls that are scheduled.

use crate::{self as pallet_timelock, PreviewChange};
use frame::testing_prelude::*;
use frame::traits::{EitherOfDiverse, EqualPrivilegeOnly};
use polkadot_sdk::{pallet_balances, pallet_preimage, pallet_scheduler};

type Block = frame_system::mocking::MockBlock<Test>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Scheduler: pallet_scheduler,
		Preimage: pallet_preimage,
		Timelock: pallet_timelock,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

parameter_types! {
	pub MaximumSchedulerWeight: Weight = Weight::from_parts(1_000_000_000_000, u64::MAX);
	pub MaxCallWeight: Weight = Weight::from_parts(500_000_000_000, u64::MAX);
}

frame::deps::frame_support::ord_parameter_types! {
	pub const Committee: u64 = 1;
}

impl pallet_scheduler::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<u64>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<2>;
	type WeightInfo = ();
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_preimage::Config for Test {
	type WeightInfo = ();
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<u64>;
	type Consideration = ();
}

/// Previews how many bytes a `set_storage` writes: what a runtime's preview of, say, a K
/// change looks like.
pub struct WrittenLength;
impl PreviewChange<RuntimeCall> for WrittenLength {
	type Effect = u32;
	fn preview(call: &RuntimeCall) -> Option<u32> {
		match call {
			RuntimeCall::System(frame_system::Call::set_storage { items }) => {
				Some(items.iter().map(|(_, v)| v.len() as u32).sum())
			},
			_ => None,
		}
	}
}

impl pallet_timelock::Config for Test {
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type Scheduler = Scheduler;
	type Preimages = Preimage;
	type ProposeOrigin = EnsureSignedBy<Committee, u64>;
	type CancelOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureSignedBy<Committee, u64>>;
	type MinDelay = ConstU64<2>;
	type MaxDelay = ConstU64<1_000>;
	type DefaultDelay = ConstU64<500>;
	type MaxCallWeight = MaxCallWeight;
	type MaxPending = ConstU32<3>;
	type Preview = WrittenLength;
	type WeightInfo = ();
}

/// Genesis delay of the tests.
pub const DELAY: u64 = 10;

/// Fresh externalities at block 1 with delay [`DELAY`].
pub fn new_test_ext() -> TestState {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_timelock::GenesisConfig::<Test> { delay: Some(DELAY) }
		.assimilate_storage(&mut t)
		.unwrap();
	let mut ext: TestState = t.into();
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run blocks up to `n` (the scheduler's `on_initialize` at each), checking the invariants.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<Scheduler as Hooks<u64>>::on_initialize(next);
		Timelock::do_try_state().unwrap();
	}
}

/// The pallet's events so far.
pub fn timelock_events() -> Vec<pallet_timelock::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Timelock(e) => Some(e),
			_ => None,
		})
		.collect()
}
