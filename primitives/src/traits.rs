//! The interfaces the pallets talk through.
//!
//! * The clearing house (`pallet-floor-perp`) never touches reserves itself: it asks the venue
//!   (`pallet-vamm`) to swap through [`VammInterface`], and the venue asks the clearing house to
//!   pay or receive the cost of a K change through [`KAdjustmentFunding`] (the insurance fund).
//! * The clearing house reads the floor index of a collection through [`FloorIndex`]
//!   (implemented by `pallet-floor-index`).

use crate::market::{Direction, FundingPeriod, MarketId, PoolConfig, SwapAmount, SwapOutcome};
use frame::arithmetic::FixedU128;
use frame::prelude::*;

/// What the clearing house can do with the venue.
///
/// All amounts are 18-decimal fixed point integers (`u128`), base in perps, quote in the quote
/// asset. Directions are the *trader's*: `Long` buys base from the pool, `Short` sells base to it.
pub trait VammInterface {
	/// Create the pool of `market` with virtual reserves `base_reserve` (B) and
	/// `quote_reserve` (Q). The mark price starts at `Q/B`.
	fn create_pool(
		market: MarketId,
		base_reserve: u128,
		quote_reserve: u128,
		config: PoolConfig,
	) -> DispatchResult;

	/// Close the pool: no more swaps, no K changes. Previews keep working.
	fn close_pool(market: MarketId) -> DispatchResult;

	/// Swap against the pool and write the new reserves.
	///
	/// `liquidation` marks the close of a liquidated position: it may exceed the per-block
	/// fluctuation limit, once per block per market. Every other swap (a trader's open, reduce
	/// or close) stays inside the limit.
	fn swap(
		market: MarketId,
		direction: Direction,
		amount: SwapAmount,
		liquidation: bool,
	) -> Result<SwapOutcome, DispatchError>;

	/// The most base a swap in `direction` can take now without moving the mark past `limit`
	/// (below it for a `Short`, above it for a `Long`); zero when it is already past.
	fn max_base_to_price(
		market: MarketId,
		direction: Direction,
		limit: FixedU128,
	) -> Result<u128, DispatchError>;

	/// Change the per-block fluctuation limit of the pool of `market` (from the next swap on).
	fn set_max_price_move(market: MarketId, max_price_move: Perbill) -> DispatchResult;

	/// The same numbers as [`Self::swap`] would give now, without writing storage and without
	/// the fluctuation limit.
	fn quote(
		market: MarketId,
		direction: Direction,
		amount: SwapAmount,
	) -> Result<SwapOutcome, DispatchError>;

	/// Mark price `Q/B` now.
	fn mark_price(market: MarketId) -> Result<FixedU128, DispatchError>;

	/// Time-weighted mark price over the last `window` blocks: the mean of the closing marks of
	/// blocks `now-window ..= now-1` (trades of the current block do not count yet). O(log n)
	/// in the bounded history. When the pool (or its retained history) is younger than the
	/// window, the mean over what exists; the current mark when no block has elapsed or
	/// `window == 0`.
	fn mark_twap(market: MarketId, window: u32) -> Result<FixedU128, DispatchError>;

	/// Traders' net base position held against the pool, `B0 - B` (positive = net long).
	fn net_base(market: MarketId) -> Result<i128, DispatchError>;

	/// Ask for the depth `k` of `market` to become `k · ratio`, reached in bounded steps
	/// ([`Self::step_k`]); `ratio = 1` cancels a pending target. (What the governance call
	/// `adjust_k` does, for other pallets and benchmarks.)
	fn set_k_target(market: MarketId, ratio: FixedU128) -> DispatchResult;

	/// The `k` governance asked for and the pool has not reached yet, if any.
	fn k_target(market: MarketId) -> Option<U256>;

	/// Whether the pool of `market` wants a K step at the next funding boundary: governance
	/// set a target, or an algorithmic K policy.
	fn k_step_wanted(market: MarketId) -> bool;

	/// Move the pool of `market` one bounded step: towards governance's `k` target if it has
	/// one, else as its algorithmic K policy decides from `period` and the pool's volume since
	/// the last step; the step's cost is settled with the insurance fund. The clearing house
	/// calls it at each funding boundary of the market. Never fails: what cannot be done is
	/// reported as an event of the venue. Returns the weight it used (a storage read when
	/// there is nothing to do).
	fn step_k(market: MarketId, period: FundingPeriod) -> Weight;

	/// The mark's cumulative price brought up to now: the sum, over the blocks since the pool
	/// was created and before the current one, of each block's closing mark (`FixedU128`
	/// inner value). The exact mean mark over blocks `a .. now` is
	/// `(C(now) − C(a)) / (now − a)` for any `a`, whatever the trading pattern: O(1).
	fn cumulative_price(market: MarketId) -> Result<U256, DispatchError>;
}

/// The cost of a K change, as charged to or credited to the insurance fund of a market.
pub trait KAdjustmentFunding {
	/// Whether the fund of `market` can pay `cost` now (used before any state is written).
	fn can_pay(market: MarketId, cost: u128) -> bool;
	/// The most the fund of `market` can pay now.
	fn available(market: MarketId) -> u128;
	/// Take `cost` from the market's insurance fund (it has been checked with [`Self::can_pay`]).
	fn charge(market: MarketId, cost: u128) -> DispatchResult;
	/// Give `amount` to the market's insurance fund (K change that lowered the pool's debt).
	fn credit(market: MarketId, amount: u128) -> DispatchResult;
}

/// A venue that funds K changes from nowhere: for tests of the vAMM alone.
impl KAdjustmentFunding for () {
	fn can_pay(_: MarketId, _: u128) -> bool {
		true
	}
	fn available(_: MarketId) -> u128 {
		u128::MAX
	}
	fn charge(_: MarketId, _: u128) -> DispatchResult {
		Ok(())
	}
	fn credit(_: MarketId, _: u128) -> DispatchResult {
		Ok(())
	}
}

/// The floor-price index of NFT collections (the oracle, `pallet-floor-index`), as the clearing house reads it.
pub trait FloorIndex<CollectionId, BlockNumber> {
	/// The latest index price and the block it was updated at.
	fn index(collection: &CollectionId) -> Option<(FixedU128, BlockNumber)>;
	/// Time-weighted index over the last `window` blocks.
	fn index_twap(collection: &CollectionId, window: u32) -> Option<FixedU128>;
	/// The index's cumulative price brought up to now (sum over past blocks of the closing
	/// index, `FixedU128` inner value), if the source keeps one: funding then reads the exact
	/// mean over its window. `None`: funding falls back to [`Self::index_twap`].
	fn index_cumulative(_collection: &CollectionId) -> Option<U256> {
		None
	}
}

/// No index: every market is stale (no funding, no liquidation, reduce-only).
impl<C, B> FloorIndex<C, B> for () {
	fn index(_: &C) -> Option<(FixedU128, B)> {
		None
	}
	fn index_twap(_: &C, _: u32) -> Option<FixedU128> {
		None
	}
}
