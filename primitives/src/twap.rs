//! The time-weighted price accumulator: `Σ price · blocks`, brought up to date lazily, and
//! the TWAP over any window read from a bounded history of its points.

use crate::{to_u128, MathError};
use frame::arithmetic::FixedU128;
use frame::prelude::*;

/// A point of a TWAP history: the value of the accumulator right after its update at `block`.
/// The venue keeps one history per pool (`BlockNumber` = the runtime's), the oracle one per
/// collection (`u32`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct TwapPoint<BlockNumber> {
	/// The block at which the accumulator was updated.
	pub block: BlockNumber,
	/// The accumulator (`Σ price · blocks`, `FixedU128` inner values) right after the update.
	pub cumulative: U256,
}

/// Append `point` to a bounded TWAP history: a point of the same block replaces the last one
/// (the accumulator is only brought up to a block once, the later value wins), and when the
/// history is full the oldest point is dropped first. Never fails.
pub fn record_point<B: PartialEq, S: Get<u32>>(
	history: &mut BoundedVec<TwapPoint<B>, S>,
	point: TwapPoint<B>,
) {
	match history.last_mut() {
		Some(last) if last.block == point.block => *last = point,
		_ => {
			let len = history.len();
			// Appends, dropping the oldest point when full (a no-op only for a zero bound).
			let _ = history.force_insert_keep_right(len, point);
		},
	}
}

/// The accumulator brought from block `last` to block `now` at constant price `price`:
/// `cumulative + price_inner * (now - last)`. Saturating: with prices below 2^128 and block
/// numbers below 2^64 the sum stays below 2^192, far from the `U256` limit.
pub fn accumulate(cumulative: U256, last: u64, now: u64, price: FixedU128) -> U256 {
	if now <= last {
		return cumulative;
	}
	cumulative.saturating_add(
		U256::from(price.into_inner()).saturating_mul(U256::from(now.saturating_sub(last))),
	)
}

/// Whether a TWAP history is in order: blocks strictly increasing, the accumulator never
/// decreasing (prices are non-negative). Both pallets' `try_state` check it.
pub fn is_in_order<B: PartialOrd>(history: &[TwapPoint<B>]) -> bool {
	history.windows(2).all(|w| match w {
		[a, b] => a.block < b.block && a.cumulative <= b.cumulative,
		_ => true,
	})
}

/// Time-weighted price over the `window` blocks before `now`: the mean of the closing prices
/// of blocks `now - window ..= now - 1`.
///
/// * `snapshots`: `(block, cumulative)` points in increasing block order, all `<= last`
///   (read through `point`, so the caller's storage type need not be converted);
/// * `last`, `cumulative`: the pool's accumulator, valid up to block `last`; the mark has been
///   `price` since then.
///
/// The accumulator is linear between two points (the price is constant between updates), so
/// the value at any block is interpolated exactly. When the window reaches before the oldest
/// point, the oldest point is used (the pool is younger than the window, or the ring buffer
/// dropped older points): the TWAP is then over the available history. With no elapsed block
/// the current mark is returned. Cost: a binary search, O(log n).
pub fn twap<S>(
	snapshots: &[S],
	point: impl Fn(&S) -> (u64, U256),
	last: u64,
	cumulative: U256,
	price: FixedU128,
	now: u64,
	window: u32,
) -> Result<FixedU128, MathError> {
	if window == 0 {
		return Ok(price);
	}
	let cum_now = accumulate(cumulative, last, now, price);
	let start = now.saturating_sub(u64::from(window));
	let (t0, c0) = if start >= last {
		(start, accumulate(cumulative, last, start, price))
	} else {
		let idx = snapshots.partition_point(|s| point(s).0 <= start);
		match idx.checked_sub(1).and_then(|i| snapshots.get(i)) {
			// The window starts before every point: use the oldest one.
			None => snapshots.first().map(&point).unwrap_or((last, cumulative)),
			Some(s) => {
				let (bi, ci) = point(s);
				let (bj, cj) = snapshots.get(idx).map(&point).unwrap_or((last, cumulative));
				let span = bj.saturating_sub(bi);
				let c = if span == 0 {
					ci
				} else {
					let delta = cj.saturating_sub(ci);
					ci.saturating_add(
						delta
							.checked_mul(U256::from(start.saturating_sub(bi)))
							.ok_or(MathError::Overflow)?
							.checked_div(U256::from(span))
							.ok_or(MathError::Overflow)?,
					)
				};
				(start, c)
			},
		}
	};
	if now <= t0 {
		return Ok(price);
	}
	let avg = cum_now
		.saturating_sub(c0)
		.checked_div(U256::from(now.saturating_sub(t0)))
		.ok_or(MathError::Overflow)?;
	Ok(FixedU128::from_inner(to_u128(avg)?))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::ONE as E;

	#[test]
	fn accumulator_and_twap() {
		let p = |x: u32| FixedU128::from_u32(x);
		let c = accumulate(U256::zero(), 1, 5, p(100));
		assert_eq!(c, U256::from(400 * E));
		assert_eq!(accumulate(c, 5, 5, p(7)), c);
		// points (1, 0) [100 during blocks 1..4] and (5, 400) [200 since]
		let snaps = [(1u64, U256::zero()), (5u64, U256::from(400 * E))];
		let at = |now, w| twap(&snaps, |s| *s, 5, U256::from(400 * E), p(200), now, w).unwrap();
		assert_eq!(at(9, 4), p(200));
		// blocks 3..8: (2·100 + 4·200) / 6
		assert_eq!(at(9, 6), FixedU128::from_inner(166_666_666_666_666_666_666));
		// beyond the history: blocks 1..8
		assert_eq!(at(9, 100), p(150));
		assert_eq!(at(9, 0), p(200));
		let young = [(5u64, U256::zero())];
		assert_eq!(twap(&young, |s| *s, 5, U256::zero(), p(3), 5, 10), Ok(p(3)));
	}

	#[test]
	fn a_history_keeps_its_newest_points_and_one_per_block() {
		let pt = |block: u32, c: u64| TwapPoint { block, cumulative: U256::from(c) };
		let mut h = BoundedVec::<TwapPoint<u32>, ConstU32<3>>::new();
		for (b, c) in [(1, 0), (2, 10), (2, 11), (3, 20), (4, 30)] {
			record_point(&mut h, pt(b, c));
		}
		assert_eq!(h.into_inner(), vec![pt(2, 11), pt(3, 20), pt(4, 30)]);
	}

	#[test]
	fn a_history_out_of_order_is_detected() {
		let pt = |block: u32, c: u64| TwapPoint { block, cumulative: U256::from(c) };
		assert!(is_in_order::<u32>(&[]));
		assert!(is_in_order(&[pt(1, 0), pt(2, 5), pt(4, 5)]));
		assert!(!is_in_order(&[pt(1, 0), pt(1, 5)]), "two points of one block");
		assert!(!is_in_order(&[pt(1, 6), pt(2, 5)]), "a decreasing accumulator");
	}

	#[test]
	fn a_point_encodes_as_the_block_then_the_accumulator() {
		// The layout both pallets stored before they shared this type (`u32`, `U256`): the
		// stored histories decode unchanged, no migration.
		let old = (7u32, U256::from(123_456u64)).encode();
		let new = TwapPoint { block: 7u32, cumulative: U256::from(123_456u64) };
		assert_eq!(TwapPoint::<u32>::decode(&mut &old[..]), Ok(new));
		assert_eq!(new.encode(), old);
	}

	#[test]
	fn to_u128_overflows_cleanly() {
		assert_eq!(to_u128(U256::from(u128::MAX)), Ok(u128::MAX));
		assert_eq!(to_u128(U256::from(u128::MAX) + 1), Err(MathError::Overflow));
	}
}
