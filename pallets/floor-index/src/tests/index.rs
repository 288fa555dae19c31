//! The index: the median of a quorum of fresh reports, clamped around its TWAP.

use super::*;
use crate::{math, IndexState, Indices, TwapHistory, TwapPoint};
use frame::arithmetic::Perbill;
use frame::prelude::U256;

const C: u32 = 0;

/// A fresh chain with the feed of `C` and operators 1, 2, 3.
fn setup() -> TestState {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		add_feed(C);
		System::reset_events();
	});
	ext
}

/// Operator `op` reports `price` for `C` in the current block.
fn report_c(op: u64, price: FixedU128) {
	submit(op, &[(C, price)]);
}

fn updated(price: FixedU128, median: FixedU128, clamped: bool) -> Event<Test> {
	Event::IndexUpdated { collection: C, price, median, clamped }
}

fn price() -> FixedU128 {
	FloorIndex::current_index(&C).expect("index set").0
}

/// `Σ price · blocks` as the accumulator stores it.
fn cum(units_blocks: u128) -> U256 {
	U256::from(units_blocks) * U256::from(E)
}

#[test]
fn first_report_sets_the_index_exactly() {
	setup().execute_with(|| {
		go_to(3);
		assert_eq!(FloorIndex::current_index(&C), None);
		assert_eq!(FloorIndex::index_twap(&C, 10), None);
		report_c(1, fx(20 * E + E / 2));
		assert_eq!(
			events(),
			vec![
				updated(fx(20 * E + E / 2), fx(20 * E + E / 2), false),
				Event::ReportAccepted { operator: 1, round: 0, accepted: 1, rejected: 0 },
			]
		);
		assert_eq!(
			Indices::<Test>::get(C),
			Some(IndexState {
				price: fx(20 * E + E / 2),
				updated_at: 3,
				anchor: fx(0),
				cumulative: U256::zero(),
				last_accumulated: 3,
			})
		);
		assert_eq!(
			TwapHistory::<Test>::get(C).into_inner(),
			vec![TwapPoint { block: 3, cumulative: U256::zero() }]
		);
		assert_eq!(FloorIndex::current_index(&C), Some((fx(20 * E + E / 2), 3)));
		// no elapsed block: the TWAP is the index
		assert_eq!(FloorIndex::index_twap(&C, 10), Some(fx(20 * E + E / 2)));
		check();
	});
}

#[test]
fn a_large_move_is_clamped() {
	setup().execute_with(|| {
		report_c(1, units(100));
		go_to(2);
		System::reset_events();
		report_c(1, units(150));
		assert_eq!(events()[0], updated(units(110), units(150), true));
		assert_eq!(
			Indices::<Test>::get(C),
			Some(IndexState {
				price: units(110),
				updated_at: 2,
				anchor: units(100),
				cumulative: cum(100),
				last_accumulated: 2,
			})
		);
		// down: 10% of the new opening price 110
		go_to(3);
		System::reset_events();
		report_c(1, units(50));
		assert_eq!(index_updates(), vec![updated(units(99), units(50), true)]);
		// exactly 10% is not clamped
		go_to(4);
		System::reset_events();
		report_c(1, fx(99 * E - 99 * E / 10));
		assert_eq!(index_updates(), vec![updated(fx(891 * E / 10), fx(891 * E / 10), false)]);
		assert_eq!(FloorIndex::current_index(&C), Some((fx(891 * E / 10), 4)));
		check();
	});
}

#[test]
fn reports_in_one_block_stay_within_the_opening_band() {
	setup().execute_with(|| {
		report_c(1, units(100));
		go_to(2);
		System::reset_events();
		report_c(1, units(150));
		assert_eq!(price(), units(110));
		// a second report of the same block: 150 is clamped to 110 again, not to 121
		report_c(2, units(150));
		assert_eq!(price(), units(110));
		report_c(3, units(150));
		assert_eq!(price(), units(110));
		assert_eq!(
			index_updates(),
			vec![
				updated(units(110), units(150), true),
				updated(units(110), units(150), true),
				updated(units(110), units(150), true),
			]
		);
		// and down within the same block: bounded by 90 (100 - 10%), not 99 (110 - 10%)
		report_c(3, units(80));
		report_c(2, units(80));
		assert_eq!(price(), units(90));
		let st = Indices::<Test>::get(C).unwrap();
		assert_eq!((st.anchor, st.updated_at, st.cumulative), (units(100), 2, cum(100)));
		// one point for the block
		assert_eq!(
			TwapHistory::<Test>::get(C).into_inner(),
			vec![
				TwapPoint { block: 1, cumulative: U256::zero() },
				TwapPoint { block: 2, cumulative: cum(100) },
			]
		);
		// the next block opens at 90: median 80 (ops 2, 3) → 81
		go_to(3);
		report_c(1, units(80));
		assert_eq!(price(), units(81));
		assert_eq!(Indices::<Test>::get(C).unwrap().anchor, units(90));
		check();
	});
}

#[test]
fn the_median_outvotes_an_outlier() {
	setup().execute_with(|| {
		report_c(1, units(100));
		report_c(2, units(100));
		report_c(3, units(100));
		assert_eq!(price(), units(100));
		go_to(2);
		System::reset_events();
		// operator 1 reports 1000x: the median stays at 100
		report_c(1, units(100_000));
		assert_eq!(index_updates(), vec![updated(units(100), units(100), false)]);
		assert_eq!(price(), units(100));
		go_to(3);
		System::reset_events();
		report_c(2, units(102));
		assert_eq!(index_updates(), vec![updated(units(102), units(102), false)]);
		go_to(4);
		System::reset_events();
		report_c(3, units(101));
		// median of 101, 102, 100_000
		assert_eq!(index_updates(), vec![updated(units(102), units(102), false)]);
		assert_eq!(FloorIndex::current_index(&C), Some((units(102), 4)));
		check();
	});
}

fn awaiting(fresh: u32, quorum: u32) -> Event<Test> {
	Event::AwaitingQuorum { collection: C, fresh, quorum }
}

#[test]
fn the_quorum_is_needed_even_for_the_first_index() {
	setup().execute_with(|| {
		assert_ok!(FloorIndex::set_rules(RuntimeOrigin::root(), 2, 1));
		System::reset_events();
		report_c(1, units(20));
		assert_eq!(
			events(),
			vec![
				awaiting(1, 2),
				Event::ReportAccepted { operator: 1, round: 0, accepted: 1, rejected: 0 }
			]
		);
		assert_eq!(FloorIndex::current_index(&C), None);
		assert!(!Indices::<Test>::contains_key(C));
		assert!(TwapHistory::<Test>::get(C).is_empty());
		// the second report makes a median (the mean of two), taken as it is
		go_to(2);
		report_c(2, units(22));
		assert_eq!(index_updates(), vec![updated(units(21), units(21), false)]);
		assert_eq!(FloorIndex::current_index(&C), Some((units(21), 2)));
		// the reports of operators 1 and 2 (blocks 1, 2) expire at block 12 (ReportExpiry 10):
		// one fresh report does not move the index, nor does it make it look fresh
		go_to(12);
		System::reset_events();
		report_c(3, units(23));
		assert_eq!(index_updates(), vec![]);
		assert_eq!(events()[0], awaiting(1, 2));
		assert_eq!(FloorIndex::current_index(&C), Some((units(21), 2)));
		// a second operator agrees: the index moves (and is fresh again)
		report_c(1, units(23));
		assert_eq!(FloorIndex::current_index(&C), Some((units(23), 12)));
		check();
	});
}

#[test]
fn expired_reports_do_not_count() {
	setup().execute_with(|| {
		assert_ok!(FloorIndex::set_rules(RuntimeOrigin::root(), 2, 1));
		report_c(1, units(100));
		report_c(2, units(100));
		assert_eq!(FloorIndex::current_index(&C), Some((units(100), 1)));
		// block 10: the reports of block 1 are 9 blocks old, still fresh: median of 100, 100, 105
		go_to(10);
		System::reset_events();
		report_c(3, units(105));
		assert_eq!(index_updates(), vec![updated(units(100), units(100), false)]);
		assert_eq!(FloorIndex::current_index(&C), Some((units(100), 10)));
		// block 11: they are 10 blocks old and expired; operator 3's alone is not a quorum
		go_to(11);
		System::reset_events();
		report_c(3, units(106));
		assert_eq!(index_updates(), vec![]);
		assert_eq!(
			events(),
			vec![
				awaiting(1, 2),
				Event::ReportAccepted { operator: 3, round: 2, accepted: 1, rejected: 0 }
			]
		);
		assert_eq!(FloorIndex::current_index(&C), Some((units(100), 10)));
		// a fresh second report moves it again
		report_c(1, units(106));
		assert_eq!(FloorIndex::current_index(&C), Some((units(106), 11)));
		check();
	});
}

#[test]
fn implausible_reports_do_not_count() {
	setup().execute_with(|| {
		report_c(1, units(100));
		go_to(2);
		System::reset_events();
		// put what a misbehaving oracle could hold, and refresh
		REPORTS.with(|r| r.borrow_mut().insert((1, C), (fx(0), 2)));
		FloorIndex::refresh(&C);
		REPORTS.with(|r| r.borrow_mut().insert((1, C), (fx(1_000_000 * E + 1), 2)));
		FloorIndex::refresh(&C);
		assert_eq!(events(), vec![awaiting(0, 1), awaiting(0, 1)]);
		assert_eq!(FloorIndex::current_index(&C), Some((units(100), 1)));
		// no report at all: nothing either
		FloorIndex::refresh(&42);
		assert!(!Indices::<Test>::contains_key(42));
		check();
	});
}

#[test]
fn the_clamp_around_the_twap_does_not_compound() {
	setup().execute_with(|| {
		assert_ok!(FloorIndex::set_rules(RuntimeOrigin::root(), 1, 10));
		report_c(1, units(100));
		// an operator reports 200 every block for 12 blocks: each update is at most 10% above
		// the TWAP of the blocks before (not of the last index)
		let mut last = units(100);
		for b in 2..=13u64 {
			go_to(b);
			let twap = FloorIndex::index_twap(&C, 10).unwrap();
			report_c(1, units(200));
			let bound = math::clamp_change(twap, units(200), Perbill::from_percent(10));
			assert_eq!(price(), bound, "block {b}");
			assert!(price() > last);
			last = price();
			// a second report in the block does not move it further
			report_c(2, units(200));
			report_c(3, units(200));
			assert_eq!(price(), bound);
		}
		// after 12 blocks: below 1.5x (the mock keeps 8 history points: the window is 8 blocks
		// here), where a per-block clamp reaches the reported 200 in 8 blocks
		// (`a_per_block_window_compounds`)
		assert!(price() < units(150), "{:?}", price());
		assert!(price() > units(130));
		check();
	});
}

#[test]
fn a_per_block_window_compounds() {
	setup().execute_with(|| {
		report_c(1, units(100));
		for b in 2..=9u64 {
			go_to(b);
			report_c(1, units(200));
		}
		// 100 · 1.1^7 = 194.87 at block 8, 200 at block 9
		assert_eq!(price(), units(200));
		check();
	});
}

#[test]
fn set_rules_is_governance_and_bounded() {
	setup().execute_with(|| {
		assert_noop!(
			FloorIndex::set_rules(RuntimeOrigin::signed(1), 2, 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			FloorIndex::set_rules(RuntimeOrigin::root(), 0, 10),
			crate::Error::<Test>::BadQuorum
		);
		// three operators
		assert_noop!(
			FloorIndex::set_rules(RuntimeOrigin::root(), 4, 10),
			crate::Error::<Test>::BadQuorum
		);
		assert_noop!(
			FloorIndex::set_rules(RuntimeOrigin::root(), 3, 0),
			crate::Error::<Test>::BadClampWindow
		);
		// 8 snapshots · 5 blocks per round
		assert_eq!(FloorIndex::max_clamp_window(), 40);
		assert_noop!(
			FloorIndex::set_rules(RuntimeOrigin::root(), 3, 41),
			crate::Error::<Test>::BadClampWindow
		);
		assert_ok!(FloorIndex::set_rules(RuntimeOrigin::root(), 3, 40));
		assert_eq!(events(), vec![Event::RulesSet { quorum: 3, clamp_window: 40 }]);
		assert_eq!(crate::Rules::<Test>::get(), crate::OracleRules { quorum: 3, clamp_window: 40 });
		check();
	});
}

#[test]
fn current_index_gives_price_and_block() {
	setup().execute_with(|| {
		assert_eq!(FloorIndex::current_index(&C), None);
		go_to(4);
		report_c(1, units(50));
		assert_eq!(FloorIndex::current_index(&C), Some((units(50), 4)));
		// the block of the last update, not now
		go_to(30);
		assert_eq!(FloorIndex::current_index(&C), Some((units(50), 4)));
		go_to(31);
		report_c(1, units(52));
		assert_eq!(FloorIndex::current_index(&C), Some((units(52), 31)));
		assert_eq!(FloorIndex::current_index(&1), None);
		check();
	});
}

#[test]
fn index_twap_is_time_weighted() {
	setup().execute_with(|| {
		// 100 from block 1, 110 from block 11
		report_c(1, units(100));
		go_to(11);
		// operator 1's report of block 1 has expired from the oracle: the median is 110
		report_c(1, units(110));
		assert_eq!(index_updates().last(), Some(&updated(units(110), units(110), false)));
		assert_eq!(
			TwapHistory::<Test>::get(C).into_inner(),
			vec![
				TwapPoint { block: 1, cumulative: U256::zero() },
				TwapPoint { block: 11, cumulative: cum(1000) },
			]
		);
		// at block 11: closing prices of blocks 1..=10 were all 100
		assert_eq!(FloorIndex::index_twap(&C, 10), Some(units(100)));
		assert_eq!(FloorIndex::index_twap(&C, 5), Some(units(100)));
		assert_eq!(FloorIndex::index_twap(&C, 0), Some(units(110)));
		// at block 16: blocks 6..=10 at 100, 11..=15 at 110
		go_to(16);
		assert_eq!(FloorIndex::index_twap(&C, 10), Some(units(105)));
		assert_eq!(FloorIndex::index_twap(&C, 5), Some(units(110)));
		// at block 21: 10 blocks at 100, 10 at 110
		go_to(21);
		assert_eq!(FloorIndex::index_twap(&C, 20), Some(units(105)));
		assert_eq!(FloorIndex::index_twap(&C, 10), Some(units(110)));
		// 5 blocks at 100 + 10 at 110 = 1600 / 15
		assert_eq!(FloorIndex::index_twap(&C, 15), Some(fx(106_666_666_666_666_666_666)));
		// a window longer than the history: over the history (blocks 1..=20)
		assert_eq!(FloorIndex::index_twap(&C, 30), Some(units(105)));
		assert_eq!(FloorIndex::index_twap(&C, u32::MAX), Some(units(105)));
		check();
	});
}

#[test]
fn index_cumulative_gives_exact_means_beyond_the_history() {
	setup().execute_with(|| {
		assert_eq!(FloorIndex::index_cumulative(&C), None);
		// 12 updates in blocks 1..=12 (100 in odd blocks, 101 in even): the history keeps 8
		let p = |b: u128| if b % 2 == 1 { 100 } else { 101 };
		for b in 1..=12u64 {
			go_to(b);
			report_c(1, units(p(b as u128)));
		}
		let c12 = FloorIndex::index_cumulative(&C).unwrap();
		assert_eq!(c12, cum(1105));
		// at block 20: blocks 12..=19 closed at 101; the accumulator needs no update
		go_to(20);
		let c20 = FloorIndex::index_cumulative(&C).unwrap();
		assert_eq!(c20, cum(1105 + 8 * 101));
		// the exact mean of blocks 1..=19 from the two ends, although the history lost 1..=4
		let at1 = U256::zero();
		assert_eq!((c20 - at1) / U256::from(19u32), U256::from((1105 + 808) * E / 19));
		check();
	});
}

#[test]
fn twap_history_is_bounded() {
	setup().execute_with(|| {
		// 12 updates in blocks 1..=12: 100 in odd blocks, 101 in even blocks
		let p = |b: u128| if b % 2 == 1 { 100 } else { 101 };
		for b in 1..=12u64 {
			go_to(b);
			report_c(1, units(p(b as u128)));
			assert_eq!(price(), units(p(b as u128)));
			check();
		}
		assert_eq!(index_updates().len(), 12);
		let h = TwapHistory::<Test>::get(C).into_inner();
		assert_eq!(h.len(), 8);
		// the oldest 4 were dropped: blocks 5..=12 remain, cumulative Σ p(1..b)
		let expected: Vec<TwapPoint<u32>> = (5..=12u128)
			.map(|b| TwapPoint { block: b as u32, cumulative: cum((1..b).map(p).sum()) })
			.collect();
		assert_eq!(h, expected);
		assert_eq!(h[0], TwapPoint { block: 5, cumulative: cum(402) });
		assert_eq!(h[7], TwapPoint { block: 12, cumulative: cum(1105) });
		// a window before the oldest point is taken over the history kept: blocks 5..=11,
		// 100 + 101 + 100 + 101 + 100 + 101 + 100 = 703 over 7 blocks
		assert_eq!(FloorIndex::index_twap(&C, 11), Some(fx(100_428_571_428_571_428_571)));
		// within the history: blocks 8..=11 = 101 + 100 + 101 + 100
		assert_eq!(FloorIndex::index_twap(&C, 4), Some(fx(100_500_000_000_000_000_000)));
		// one more update keeps 8 points
		go_to(13);
		report_c(1, units(100));
		let h = TwapHistory::<Test>::get(C);
		assert_eq!(h.len(), 8);
		assert_eq!((h[0].block, h[7].block), (6, 13));
		check();
	});
}
