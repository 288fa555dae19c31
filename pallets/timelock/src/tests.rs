//! Unit and property tests of the time lock.

use crate::mock::*;
use crate::{Error, Event, Pending, PendingChangeInfo};
use frame::deps::frame_support::traits::QueryPreimage;
use frame::testing_prelude::*;
use polkadot_sdk::pallet_scheduler;

const KEY: &[u8] = b"timelock-test";

fn committee() -> RuntimeOrigin {
	RuntimeOrigin::signed(1)
}

fn set_delay(delay: u64) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::Timelock(crate::Call::set_delay { delay }))
}

/// A Root-only call of `len` bytes of payload: writes them under [`KEY`].
fn remark(len: usize) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(KEY.to_vec(), vec![7; len])],
	}))
}

fn written() -> Option<usize> {
	frame::deps::sp_io::storage::get(KEY).map(|v| v.len())
}

#[test]
fn a_committee_decision_is_enacted_as_root_after_the_delay_and_not_before() {
	new_test_ext().execute_with(|| {
		assert_ok!(Timelock::schedule(committee(), set_delay(42)));
		let when = 1 + DELAY;
		let call_hash = BlakeTwo256::hash_of(&set_delay(42));
		assert_eq!(
			timelock_events(),
			vec![Event::Scheduled { index: 0, when, call_hash, call_len: 10 }]
		);
		assert_eq!(Pending::<Test>::get(0).unwrap().when, when);
		run_to(when - 1);
		assert_eq!(crate::Delay::<Test>::get(), DELAY, "not enacted before its block");
		run_to(when);
		assert_eq!(crate::Delay::<Test>::get(), 42, "dispatched as Root at its block");
		assert!(timelock_events().contains(&Event::Enacted { index: 0, result: Ok(()) }));
		assert!(Pending::<Test>::get(0).is_none());
		assert_eq!(Pending::<Test>::count(), 0);
	});
}

#[test]
fn only_the_propose_origin_schedules_and_only_root_enacts_or_sets_the_delay() {
	new_test_ext().execute_with(|| {
		assert_noop!(Timelock::schedule(RuntimeOrigin::signed(2), set_delay(42)), BadOrigin);
		assert_noop!(Timelock::schedule(RuntimeOrigin::root(), set_delay(42)), BadOrigin);
		assert_noop!(Timelock::set_delay(committee(), 42), BadOrigin);
		assert_ok!(Timelock::schedule(committee(), set_delay(42)));
		// the committee cannot skip the wait by enacting itself
		assert_noop!(Timelock::enact(committee(), 0, Weight::MAX, u32::MAX), BadOrigin);
		assert_noop!(Timelock::cancel(RuntimeOrigin::signed(2), 0), BadOrigin);
		assert_eq!(crate::Delay::<Test>::get(), DELAY);
	});
}

#[test]
fn a_cancelled_change_is_never_enacted_and_its_preimage_is_dropped() {
	new_test_ext().execute_with(|| {
		// 300 bytes: longer than an inline call, so noted in the preimage store
		assert_ok!(Timelock::schedule(committee(), remark(300)));
		let bounded = Pending::<Test>::get(0).unwrap().call;
		assert!(bounded.lookup_needed());
		assert!(<Preimage as QueryPreimage>::have(&bounded));
		run_to(5);
		assert_ok!(Timelock::cancel(committee(), 0));
		assert!(!<Preimage as QueryPreimage>::have(&bounded), "preimage dropped");
		assert_eq!(
			pallet_scheduler::Lookup::<Test>::get(crate::task_name(0)),
			None,
			"task left the agenda"
		);
		run_to(1 + DELAY + 2);
		assert!(!timelock_events().iter().any(|e| matches!(e, Event::Enacted { .. })));
		assert_eq!(written(), None);
		assert_noop!(Timelock::cancel(committee(), 0), Error::<Test>::UnknownChange);
		// Root may cancel too
		assert_ok!(Timelock::schedule(committee(), set_delay(42)));
		assert_ok!(Timelock::cancel(RuntimeOrigin::root(), 1));
	});
}

#[test]
fn a_long_call_goes_through_the_preimage_store_and_is_previewed() {
	new_test_ext().execute_with(|| {
		assert_ok!(Timelock::schedule(committee(), remark(1_000)));
		let bounded = Pending::<Test>::get(0).unwrap().call;
		let pending = Timelock::pending_changes();
		assert_eq!(
			pending,
			vec![PendingChangeInfo {
				index: 0,
				proposed_at: 1,
				when: 1 + DELAY,
				call_hash: BlakeTwo256::hash_of(&remark(1_000)),
				call_len: remark(1_000).encoded_size() as u32,
				call: Some(remark(1_000).encode()),
				effect: Some(1_000),
			}]
		);
		run_to(1 + DELAY);
		assert_eq!(written(), Some(1_000), "dispatched as Root");
		assert!(!<Preimage as QueryPreimage>::have(&bounded), "preimage dropped once enacted");
		assert!(Timelock::pending_changes().is_empty());
	});
}

#[test]
fn twin_changes_each_hold_their_preimage() {
	new_test_ext().execute_with(|| {
		assert_ok!(Timelock::schedule(committee(), remark(300)));
		assert_ok!(Timelock::schedule(committee(), remark(300)));
		let bounded = Pending::<Test>::get(0).unwrap().call;
		assert_eq!(Pending::<Test>::get(1).unwrap().call, bounded);
		assert_ok!(Timelock::cancel(committee(), 0));
		assert!(<Preimage as QueryPreimage>::have(&bounded), "the twin still holds it");
		Timelock::do_try_state().unwrap();
		run_to(1 + DELAY);
		assert_eq!(written(), Some(300), "the twin is enacted");
		assert!(!<Preimage as QueryPreimage>::have(&bounded), "released by the last holder");
	});
}

#[test]
fn a_call_that_fails_is_reported_and_leaves_nothing_pending() {
	new_test_ext().execute_with(|| {
		assert_ok!(Timelock::schedule(committee(), set_delay(0)));
		run_to(1 + DELAY);
		assert!(timelock_events().contains(&Event::Enacted {
			index: 0,
			result: Err(Error::<Test>::DelayOutOfBounds.into())
		}));
		assert_eq!(Pending::<Test>::count(), 0);
		assert_eq!(crate::Delay::<Test>::get(), DELAY);
	});
}

#[test]
fn limits_refuse_without_losing_anything() {
	new_test_ext().execute_with(|| {
		// too heavy: a call declaring more than MaxCallWeight
		let heavy = Box::new(RuntimeCall::Timelock(crate::Call::enact {
			index: 9,
			weight_bound: Weight::MAX,
			len_bound: 0,
		}));
		assert_noop!(Timelock::schedule(committee(), heavy), Error::<Test>::CallTooHeavy);
		// the scheduler's agenda of the enactment block holds 2: a third is refused in full
		assert_ok!(Timelock::schedule(committee(), remark(1)));
		assert_ok!(Timelock::schedule(committee(), remark(2)));
		let big = remark(500);
		let big_hash = BlakeTwo256::hash_of(&big);
		assert_noop!(Timelock::schedule(committee(), big), DispatchError::Exhausted);
		assert!(!pallet_preimage::PreimageFor::<Test>::iter_keys().any(|(h, _)| h == big_hash));
		// at most MaxPending (3) changes wait
		run_to(2);
		assert_ok!(Timelock::schedule(committee(), remark(3)));
		run_to(3);
		assert_noop!(Timelock::schedule(committee(), remark(4)), Error::<Test>::TooManyPending);
		// enact with a bound below the call's weight dispatches nothing
		let w = Pending::<Test>::get(0).unwrap().weight;
		assert!(w.any_gt(Weight::zero()));
		assert_noop!(
			Timelock::enact(RuntimeOrigin::root(), 0, Weight::zero(), u32::MAX),
			Error::<Test>::BoundTooLow
		);
		assert_noop!(
			Timelock::enact(RuntimeOrigin::root(), 0, Weight::MAX, 0),
			Error::<Test>::BoundTooLow
		);
		assert_noop!(
			Timelock::enact(RuntimeOrigin::root(), 7, Weight::MAX, u32::MAX),
			Error::<Test>::UnknownChange
		);
		// the delay stays within its bounds
		assert_noop!(
			Timelock::set_delay(RuntimeOrigin::root(), 1),
			Error::<Test>::DelayOutOfBounds
		);
		assert_noop!(
			Timelock::set_delay(RuntimeOrigin::root(), 1_001),
			Error::<Test>::DelayOutOfBounds
		);
		assert_ok!(Timelock::set_delay(RuntimeOrigin::root(), 2));
		assert_eq!(timelock_events().last(), Some(&Event::DelaySet { delay: 2 }));
	});
}

#[test]
fn a_genesis_without_a_delay_gets_the_default() {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	TestState::from(t).execute_with(|| {
		assert_eq!(crate::Delay::<Test>::get(), 500);
	});
}

use polkadot_sdk::pallet_preimage;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Schedule(u16),
	Cancel(u8),
	Advance(u8),
	Delay(u16),
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0u16..400).prop_map(Op::Schedule),
		any::<u8>().prop_map(Op::Cancel),
		(0u8..8).prop_map(Op::Advance),
		(0u16..40).prop_map(Op::Delay),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]
	/// Whatever the committee, Root and time do: every change is enacted exactly at its block
	/// (never before, never twice), a cancelled one never, the invariants hold after each
	/// block, and what was scheduled ends up enacted, cancelled or still pending.
	#[test]
	fn every_change_is_enacted_at_its_block_or_cancelled(ops in prop::collection::vec(op(), 1..40)) {
		new_test_ext().execute_with(|| {
			let mut scheduled: Vec<(u32, u64)> = Vec::new();
			let mut cancelled: Vec<u32> = Vec::new();
			let mut enacted: Vec<(u32, u64)> = Vec::new();
			let mut seen = 0usize;
			let mut advance = |n: u64, enacted: &mut Vec<(u32, u64)>| {
				for _ in 0..n {
					run_to(System::block_number() + 1);
					let events = timelock_events();
					for e in &events[seen..] {
						if let Event::Enacted { index, result } = e {
							assert_eq!(*result, Ok(()));
							enacted.push((*index, System::block_number()));
						}
					}
					seen = events.len();
				}
			};
			for o in ops {
				match o {
					Op::Schedule(len) => {
						let next = crate::NextIndex::<Test>::get();
						if Timelock::schedule(committee(), remark(len as usize)).is_ok() {
							scheduled.push((next, System::block_number() + crate::Delay::<Test>::get()));
						}
					},
					Op::Cancel(i) => {
						let i = i as u32 % (crate::NextIndex::<Test>::get() + 1);
						if Timelock::cancel(committee(), i).is_ok() {
							cancelled.push(i);
						}
					},
					Op::Advance(n) => advance(n as u64, &mut enacted),
					Op::Delay(d) => { let _ = Timelock::set_delay(RuntimeOrigin::root(), d as u64); },
				}
				Timelock::do_try_state().unwrap();
			}
			advance(1_001, &mut enacted);
			// every scheduled change: enacted once, exactly at its block, or cancelled
			for (i, when) in &scheduled {
				let at: Vec<u64> = enacted.iter().filter(|(e, _)| e == i).map(|(_, b)| *b).collect();
				if cancelled.contains(i) {
					prop_assert!(at.is_empty());
				} else {
					prop_assert_eq!(at, vec![*when]);
				}
			}
			prop_assert_eq!(enacted.len() + cancelled.len(), scheduled.len());
			prop_assert_eq!(Pending::<Test>::count(), 0);
			Ok(())
		})?;
	}
}
