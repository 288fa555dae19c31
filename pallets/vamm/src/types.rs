//! Types of the vAMM venue.

use frame::arithmetic::FixedU128;
use frame::prelude::*;

pub use floorperp_primitives::{
	Direction, MarketId, PoolConfig, SwapAmount, SwapOutcome, TwapPoint,
};

/// Whether a pool accepts swaps.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum PoolStatus {
	/// Swaps and K changes are accepted.
	Open,
	/// The market is closed: no swaps, no K changes; previews, mark and TWAP keep working.
	Closed,
}

/// The state of one virtual pool (one market).
///
/// All amounts are raw 18-decimal integers. `k` is the raw product `B*Q` (up to 2^256, hence
/// `U256`). `initial_base_reserve` (`B0`) is the base reserve at which the traders' net position
/// is zero: `net base = B0 - B` (positive = traders are net long). After a K change `B0` is moved
/// with `B` so that the net base is unchanged.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Pool<BlockNumber> {
	/// Virtual base reserve `B`.
	pub base_reserve: u128,
	/// Virtual quote reserve `Q`.
	pub quote_reserve: u128,
	/// Invariant `k`; `B*Q >= k` at all times (rounding leaves the excess in the pool).
	pub k: U256,
	/// `B0`: the base reserve at which the traders' net position is zero.
	pub initial_base_reserve: u128,
	/// Traders' net base position, tracked incrementally by every swap. Always `B0 - B`
	/// (checked by `try_state`).
	pub net_base: i128,
	/// Open or closed.
	pub status: PoolStatus,
	/// Configuration chosen at creation.
	pub config: PoolConfig,
	/// Block in which `block_start_price` was recorded.
	pub block_start_block: BlockNumber,
	/// Mark price at the start of `block_start_block` (recorded lazily by the first swap).
	pub block_start_price: FixedU128,
	/// Block in which a liquidation last used its once-per-block exemption from the
	/// fluctuation limit.
	pub exemption_used_at: Option<BlockNumber>,
	/// TWAP accumulator: sum over past blocks of (`FixedU128` inner of the mark at the end of
	/// the block) x 1, up to `last_twap_update` (exclusive).
	pub cumulative_price: U256,
	/// Block at which `cumulative_price` was last brought up to date.
	pub last_twap_update: BlockNumber,
	/// Quote traded against the pool since its last algorithmic K step (the period's volume,
	/// read and reset by the step; kept whether or not the market has a policy). Added in
	/// storage version 1.
	pub period_volume: u128,
}

/// What a K change would do if it were made at once now ([`crate::Pallet::k_change_preview`]).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct KChangePreview {
	/// The pool's `k` now.
	pub k: U256,
	/// The `k` the change aims at.
	pub target_k: U256,
	/// Its cost to the insurance fund at the current net position (negative: a gain).
	pub cost: i128,
}
