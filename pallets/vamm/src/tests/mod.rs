//! Tests of pallet-vamm, split by feature. Every pallet-level test ends with `do_try_state`.

use crate::{mock::*, types::*, Pools, VammInterface};
use frame::arithmetic::{FixedU128, Perbill};
use frame::testing_prelude::*;

mod adjust_k;
mod k_policy;
mod math;
mod proptests;
mod swaps;
mod twap;

/// `1.0` in raw 18-decimal units.
pub const E: u128 = 1_000_000_000_000_000_000;
/// The market of most tests.
pub const M: MarketId = 1;

/// The seed pool (Perp Protocol example): 100 base / 10,000 quote, mark 100.
pub fn seed_pool(max_move_percent: u32) {
	assert_ok!(<Vamm as VammInterface>::create_pool(
		M,
		100 * E,
		10_000 * E,
		PoolConfig { max_price_move: Perbill::from_percent(max_move_percent) },
	));
}

/// The pool of market `M`.
pub fn pool() -> crate::PoolOf<Test> {
	Pools::<Test>::get(M).expect("pool exists")
}

/// Mark of market `M` as raw `FixedU128` inner.
pub fn mark() -> u128 {
	<Vamm as VammInterface>::mark_price(M).expect("pool exists").into_inner()
}

/// A `FixedU128` from its raw inner value.
pub fn fx(inner: u128) -> FixedU128 {
	FixedU128::from_inner(inner)
}

/// The invariants hold.
pub fn check() {
	assert_eq!(Vamm::do_try_state(), Ok(()));
}
