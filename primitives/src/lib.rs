#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code never panics: no unchecked arithmetic, indexing, `unwrap` or `expect` outside
// tests (`scripts/test` runs clippy with `-D warnings`).
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used
	)
)]
//! # floorperp-primitives: what the Floorperp pallets share
//!
//! No storage, no pallet:
//!
//! * the fixed-point conventions ([`ONE`]: every amount is a `u128` with 18 decimals, prices
//!   are `FixedU128`) and the error of the pure math ([`MathError`]);
//! * the time-weighted price accumulator and its bounded history ([`twap`], one point type
//!   [`TwapPoint`]) that the venue (pallet-vamm, for the mark) and the oracle
//!   (pallet-floor-index, for the index) both keep;
//! * the market vocabulary ([`market`]: [`MarketId`], [`Direction`], [`SwapAmount`],
//!   [`SwapOutcome`], [`PoolConfig`]) and the limits a trade is checked against ([`limits`]);
//! * the interfaces the pallets talk through ([`traits`]: [`VammInterface`],
//!   [`KAdjustmentFunding`], [`FloorIndex`]).
//!
//! The oracle depends on this crate, not on the venue; the clearing house depends on the
//! venue's interface, not on its internals. Reading order: `docs/design.md` ("Conventions").

pub mod limits;
pub mod market;
pub mod traits;
pub mod twap;

pub use limits::{price_move_allowed, within_slippage};
pub use market::{Direction, FundingPeriod, MarketId, PoolConfig, SwapAmount, SwapOutcome};
pub use traits::{FloorIndex, KAdjustmentFunding, VammInterface};
pub use twap::{accumulate, is_in_order, record_point, twap, TwapPoint};

use frame::prelude::U256;

/// `1.0` in raw 18-decimal units (also the accuracy of `FixedU128`).
pub const ONE: u128 = 1_000_000_000_000_000_000;

/// Failures of the pure math. Each pallet maps them to its `Error` variant of the same name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MathError {
	/// A result does not fit its type (`u128`, `i128`, `FixedU128`).
	Overflow,
	/// The pool does not have the reserve the trade would take (or would be emptied).
	InsufficientLiquidity,
	/// A zero input amount (or zero reserve / zero ratio).
	ZeroAmount,
	/// The trade is so small that its counter-amount rounds to zero.
	TradeTooSmall,
}

/// `x` as a `u128`, or [`MathError::Overflow`].
pub fn to_u128(x: U256) -> Result<u128, MathError> {
	u128::try_from(x).map_err(|_| MathError::Overflow)
}
