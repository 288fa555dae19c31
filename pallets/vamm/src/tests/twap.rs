//! TWAP over block numbers: mean of the closing marks of the `window` blocks before the current.

use super::*;
use crate::types::{Direction::*, SwapAmount::*};
use crate::TwapHistory;

/// p1 = mark after the seed long = 120.999999999999999999.
const P1: u128 = 120_999_999_999_999_999_999;

fn twap(window: u32) -> u128 {
	<Vamm as VammInterface>::mark_twap(M, window).unwrap().into_inner()
}

#[test]
fn seed_scenario() {
	new_test_ext().execute_with(|| {
		seed_pool(25);
		// Block 1 (creation block): nothing elapsed yet: the mark.
		assert_eq!(twap(10), 100 * E);
		// The long in block 1 sets the closing mark of block 1 to p1.
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false));
		// A trade in the current block does not move the TWAP (only closed blocks count)...
		go_to_block(2);
		assert_eq!(twap(1), P1);
		go_to_block(5);
		// ... blocks 1..=4 closed at p1; a window longer than the pool's life uses what exists.
		assert_eq!(twap(4), P1);
		assert_eq!(twap(1_000), P1);
		// The short back in block 5 sets the closing mark of blocks 5.. to 100.
		let base = 9_090_909_090_909_090_909;
		assert_ok!(<Vamm as VammInterface>::swap(M, Short, Base(base), true));
		assert_eq!(twap(4), P1);
		assert_eq!(twap(0), 100 * E);
		go_to_block(9);
		// Blocks 5..=8 at 100.
		assert_eq!(twap(4), 100 * E);
		assert_eq!(twap(2), 100 * E);
		// Blocks 1..=8: (4 p1 + 4 * 100) / 8 = 110.4999999999999999995 -> ...999
		assert_eq!(twap(8), 110_499_999_999_999_999_999);
		// Blocks 3..=8 (interpolated inside the history): (2 p1 + 4 * 100) / 6 = 106.99..99667
		assert_eq!(twap(6), 106_999_999_999_999_999_999);
		// Accumulator: 4 blocks at p1, brought up to block 5.
		assert_eq!(pool().cumulative_price, U256::from(4 * P1));
		assert_eq!(pool().last_twap_update, 5);
		let history: Vec<_> =
			TwapHistory::<Test>::get(M).iter().map(|s| (s.block, s.cumulative)).collect();
		assert_eq!(history, vec![(1, U256::zero()), (5, U256::from(4 * P1))]);
		check();
	});
}

#[test]
fn one_point_per_block_with_a_change() {
	new_test_ext().execute_with(|| {
		seed_pool(100);
		go_to_block(3);
		for _ in 0..3 {
			assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(10 * E), false));
		}
		assert_eq!(TwapHistory::<Test>::get(M).len(), 2);
		go_to_block(4);
		assert_ok!(<Vamm as VammInterface>::swap(M, Short, Quote(10 * E), false));
		assert_eq!(TwapHistory::<Test>::get(M).len(), 3);
		check();
	});
}

#[test]
fn ring_buffer_drops_the_oldest_and_twap_uses_the_history_it_has() {
	new_test_ext().execute_with(|| {
		seed_pool(100);
		// Closing marks per block, as a reference.
		let mut closing: Vec<(u64, u128)> = vec![];
		closing.push((1, mark()));
		// One trade in each of blocks 2..=13 (12 points + creation > capacity 8).
		for b in 2..=13u64 {
			go_to_block(b);
			let direction = if b % 3 == 0 { Short } else { Long };
			assert_ok!(<Vamm as VammInterface>::swap(
				M,
				direction,
				Quote((b as u128) * 37 * E),
				false
			));
			closing.push((b, mark()));
		}
		let history = TwapHistory::<Test>::get(M);
		assert_eq!(history.len(), 8);
		assert_eq!(history.first().unwrap().block, 6);
		assert_eq!(history.last().unwrap().block, 13);
		go_to_block(20);
		let closing_at = |block: u64| closing.iter().rev().find(|(b, _)| *b <= block).unwrap().1;
		let mean = |from: u64, to: u64| {
			let sum: u128 = (from..=to).map(closing_at).sum();
			sum / (to - from + 1) as u128
		};
		// Within the retained history: exact mean of the closing marks.
		for window in [1u32, 3, 7, 10, 14] {
			assert_eq!(twap(window), mean(20 - window as u64, 19), "window {window}");
		}
		// Beyond it (blocks before 6 were dropped): the mean since block 6.
		assert_eq!(twap(19), mean(6, 19));
		assert_eq!(twap(1_000), mean(6, 19));
		check();
	});
}

#[test]
fn nothing_changed_in_the_window_gives_the_mark() {
	new_test_ext().execute_with(|| {
		seed_pool(100);
		go_to_block(2);
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(10 * E), false));
		go_to_block(50);
		assert_eq!(twap(10), mark());
		assert_eq!(twap(48), mark());
		// The window starts in block 1 (closing mark 100): 1 block at 100, 48 at the mark.
		assert_eq!(twap(49), (100 * E + 48 * mark()) / 49);
		check();
	});
}
