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
//! # pallet-vamm: the virtual AMM venue of Floorperp
//!
//! The price-discovery engine of a perpetual market: one virtual constant-product pool
//! (`x*y=k`) per market. It holds **no positions and no money**: the clearing house
//! (`pallet-floor-perp`) keeps margin and positions, and asks this pallet to swap virtual
//! reserves through [`VammInterface`]. Governance can create/close pools (for testing; the
//! clearing house uses the trait) and change the depth `k` ([`Pallet::adjust_k`]).
//!
//! ## Model
//!
//! * State per market ([`Pool`]): virtual base reserve `B`, virtual quote reserve `Q`, invariant
//!   `k` (`U256`, the raw product at creation), `B0` (the base reserve at which the traders' net
//!   position is zero), status, config, fluctuation-limit and TWAP state.
//! * Units: every amount is a `u128` with 18 decimals; prices are [`FixedU128`]
//!   (quote per base). Products and quotients are computed in `U256` (`U512` for the square
//!   root of a K change). Nothing panics: every failure is an [`Error`].
//! * Mark price `P = Q/B` (rounded down to 18 decimals).
//! * The traders' net base is `N = B0 - B` (positive = net long), see [`VammInterface::net_base`].
//!   The pool is the counterparty of `N`.
//! * Directions are the trader's: `Long` takes base out of the pool, `Short` puts base in.
//!
//! ## Rounding rules
//!
//! All swap formulas live in [`math::swap`], shared by [`VammInterface::swap`] and
//! [`VammInterface::quote`]:
//!
//! * long by quote `dq`: `Q' = Q+dq`, `B' = ceil(k/Q')`, the trader receives `B-B'` base;
//! * long by base `db`: `B' = B-db`, `Q' = ceil(k/B')`, the trader pays `Q'-Q`;
//! * short by base `db`: `B' = B+db`, `Q' = ceil(k/B')`, the trader receives `Q-Q'`;
//! * short by quote `dq`: `Q' = Q-dq`, `B' = ceil(k/Q')`, the trader gives `B'-B` base.
//!
//! The computed reserve is always rounded **up**, so the pool receives at least and pays at
//! most the exact amount, and `B*Q >= k` after every swap. Consequently, from any state where
//! `Q = ceil(k/B)` (e.g. a fresh pool), no sequence of trades that returns the pool to the same
//! `B` leaves the traders with more quote than they put in. Dust trades whose counter-amount
//! rounds to zero fail with [`Error::TradeTooSmall`] instead of being free.
//!
//! Example of the seed (Perp Protocol): `B = 100`, `Q = 10_000` (`k = 10^6`, raw `10^42`).
//! A long of 1,000 quote gives `B' = ceil(10^42 / 11_000e18) = 90.909090909090909091`, so the
//! trader receives `9.090909090909090909` base and the mark becomes
//! `11_000 / 90.909090909090909091 = 120.999999999999999999` (rounded down). Shorting those
//! `9.090909090909090909` base gives back exactly `1,000` quote and the pool is again exactly
//! `100 / 10_000`.
//!
//! ## Fluctuation limit
//!
//! The mark at the start of each block is recorded lazily by the first swap of the block. A
//! swap whose resulting mark is outside `start * (1 ± max_price_move)` fails with
//! [`Error::PriceMoveTooLarge`], unless it brings an out-of-band mark back towards the start
//! price ([`math::price_move_allowed`]). Only the close of a liquidation may
//! exceed the limit, **once per block per market**; the block of the exemption is recorded in
//! [`Pool::exemption_used_at`].
//!
//! ## TWAP model (block numbers)
//!
//! Uniswap-v2 style: [`Pool::cumulative_price`] is the sum over past blocks of the
//! `FixedU128` inner value of the mark *at the end* of each block. It is brought up to date
//! (with the mark before the change) before every reserve change, so a price set during block
//! `n` starts counting at block `n+1`, and only the last price of a block counts: trades inside
//! the current block cannot move the TWAP. Each update at a new block appends
//! `(block, cumulative)` to a bounded ring buffer ([`TwapHistory`], capacity
//! `Config::TwapSnapshots`, oldest dropped first). Between two points the price was constant,
//! so the accumulator at any block is interpolated exactly; `mark_twap(market, w)` at block
//! `n` is the mean of the closing marks of blocks `n-w ..= n-1`, found by a binary search
//! (O(log n)). If the pool (or the retained history) is younger than the window, the TWAP
//! covers what exists; if nothing changed in the window it is the mark; at the creation block
//! (no elapsed block) it is the current mark. The accumulator is a `U256`: with prices below
//! 2^128 and block numbers below 2^64 it stays below 2^192, and it saturates rather than wraps.
//!
//! ## K governance
//!
//! [`Pallet::adjust_k`] (governance) does not change the pool at once: it sets a **target**
//! `k · ratio` ([`KTargets`]) that the clearing house moves the pool towards at each funding
//! boundary ([`VammInterface::step_k`]), by at most `MaxKStep` of `k` per step. A change
//! applied at once could be sandwiched (open before, close on the deeper pool after, collect
//! the cost the fund just paid); a step is too small for that: the sandwich's gain per unit of
//! notional is about `(n/B)·(1 − 1/sqrt(1 + MaxKStep))`, with `n/B` bounded by the
//! mark–index band, far below the two trading fees of the round trip (README "Guard rails").
//!
//! Each step scales `B` and `Q` by `sqrt(ratio)`: `B' = floor(B*sqrt(ratio))`,
//! `Q' = ceil(Q*B'/B)` (price kept, rounded up by less than one quote-wei per `B'` base-wei,
//! i.e. at most one `FixedU128` unit when `B' >= 1` base), `k' = B'*Q'`, and moves `B0` by the
//! same amount as `B` so the traders' net base `N` is unchanged. The cost
//! `close_out_value_after(N) - close_out_value_before(N)` ([`math::close_out_value`]: what
//! closing `N` against the pool would pay the traders, negative when they pay) is charged to
//! the insurance fund through [`KAdjustmentFunding`] when positive, credited when negative. A
//! step the fund cannot pay is halved (up to 8 times) until it can; if even that fails the
//! step waits for the next boundary ([`Event::KStepDeferred`]): a small fund slows a deepening
//! down, it does not block it.

extern crate alloc;

pub mod k_policy;
pub mod math;
pub mod migrations;
pub mod types;
pub mod weights;

// Benchmark set-up is not runtime code: a failed step should stop the benchmark loudly.
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	clippy::expect_used
)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use floorperp_primitives::{KAdjustmentFunding, VammInterface};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use floorperp_primitives::FundingPeriod;
use frame::arithmetic::FixedU128;
use frame::prelude::*;

/// Benchmark set-up that only the runtime can do.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Make the insurance fund of `market` able to pay a K change costing `cost`
	/// (`T::KFunding::can_pay(market, cost)` true and `charge` succeeding). The pool of
	/// `market` already exists when this is called; do not create it again.
	fn prepare_k_funding(_market: MarketId, _cost: u128) {}
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {}

/// The pool type of a runtime.
pub type PoolOf<T> = Pool<BlockNumberFor<T>>;
/// The TWAP history point of a runtime.
pub type TwapPointOf<T> = TwapPoint<BlockNumberFor<T>>;

// FRAME's macros expand to `expect` (storage prefixes, error encoding) inside this module;
// the calls here only delegate, and a genesis that does not validate must panic.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	/// The version of this pallet's storage layout: a change to a stored type bumps it and
	/// ships with a `VersionedMigration` from the previous one.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Origin of K changes.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Pays or receives the cost of a K change (the clearing house's insurance fund).
		type KFunding: KAdjustmentFunding;
		/// Smallest accepted `adjust_k` ratio (`<= 1`).
		#[pallet::constant]
		type MinKRatio: Get<FixedU128>;
		/// Largest accepted `adjust_k` ratio (`>= 1`).
		#[pallet::constant]
		type MaxKRatio: Get<FixedU128>;
		/// Largest change of `k` in one step towards a governance target (a fraction of `k`:
		/// `k` is multiplied by at most `1 + MaxKStep` or divided by at most that).
		#[pallet::constant]
		type MaxKStep: Get<Perbill>;
		/// Capacity of the TWAP ring buffer per market (one point per block with a change);
		/// at least 2.
		#[pallet::constant]
		type TwapSnapshots: Get<u32>;
		/// Weights of the calls and hot paths.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up provided by the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// The pools, by market.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Blake2_128Concat, MarketId, PoolOf<T>, OptionQuery>;

	/// TWAP history per market: `(block, cumulative)` points in increasing block order, the
	/// newest equal to the pool's accumulator; oldest dropped when full.
	#[pallet::storage]
	pub type TwapHistory<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		MarketId,
		BoundedVec<TwapPointOf<T>, T::TwapSnapshots>,
		ValueQuery,
	>;

	/// The `k` governance asked for, per market: the pool moves towards it one bounded step at
	/// each funding boundary of the clearing house, and the entry is removed when reached.
	#[pallet::storage]
	pub type KTargets<T: Config> = StorageMap<_, Blake2_128Concat, MarketId, U256, OptionQuery>;

	/// The algorithmic K policy of a market, if governance set one (`k_policy.rs`): at each
	/// funding boundary without a governance target, the pool takes the step the period asks
	/// for.
	#[pallet::storage]
	pub type KPolicies<T: Config> =
		StorageMap<_, Blake2_128Concat, MarketId, k_policy::KPolicy, OptionQuery>;

	/// What the algorithmic K policy of a market may still charge the insurance fund: funded
	/// by `fee_share` of the fees each period's volume paid, spent by deepening steps.
	#[pallet::storage]
	pub type KBudgets<T: Config> = StorageMap<_, Blake2_128Concat, MarketId, u128, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A pool was created with mark `quote_reserve / base_reserve`.
		PoolCreated {
			/// The market.
			market: MarketId,
			/// Initial virtual base reserve `B` (perps, 18 decimals).
			base_reserve: u128,
			/// Initial virtual quote reserve `Q` (WETH, 18 decimals).
			quote_reserve: u128,
			/// Initial mark `Q/B` (WETH per perp).
			mark_price: FixedU128,
			/// Fluctuation limit: largest move of the mark within one block.
			max_price_move: Perbill,
		},
		/// A pool was closed: no more swaps or K changes.
		PoolClosed {
			/// The market.
			market: MarketId,
		},
		/// A swap: for a `Long` the trader received `base` and paid `quote`; for a `Short` the
		/// trader gave `base` and received `quote`. `mark_price` is the mark after the swap.
		Swapped {
			/// The market.
			market: MarketId,
			/// The trader's direction.
			direction: Direction,
			/// Base received (long) or given (short) (perps, 18 decimals).
			base: u128,
			/// Quote paid (long) or received (short) (WETH, 18 decimals).
			quote: u128,
			/// Mark after the swap (WETH per perp).
			mark_price: FixedU128,
		},
		/// `k` changed from `old_k` to `new_k`. `cost > 0` was charged to the insurance fund,
		/// `cost < 0` was credited to it.
		KAdjusted {
			/// The market.
			market: MarketId,
			/// `k` before the change (raw product `B·Q`).
			old_k: U256,
			/// `k` after the change (raw product `B·Q`).
			new_k: U256,
			/// Change of the traders' close-out value (WETH, 18 decimals): positive charged to
			/// the insurance fund, negative credited to it.
			cost: i128,
		},
		/// Governance set the target depth of `market` to `target_k` (`None`: cancelled, the
		/// pool keeps its `k`). The pool moves towards it in steps.
		KTargetSet {
			/// The market.
			market: MarketId,
			/// The pool's current `k` (raw product `B·Q`).
			k: U256,
			/// The target `k`, or `None` when the target is cancelled.
			target_k: Option<U256>,
		},
		/// The pool of `market` reached its target `k`.
		KTargetReached {
			/// The market.
			market: MarketId,
			/// The pool's `k` after the last step (raw product `B·Q`).
			k: U256,
		},
		/// The insurance fund cannot pay even a small step towards the target: retried at the
		/// next funding boundary.
		KStepDeferred {
			/// The market.
			market: MarketId,
			/// The pool's `k`, unchanged (raw product `B·Q`).
			k: U256,
			/// The target `k`, kept.
			target_k: U256,
		},
		/// Governance set (or with `None` removed) the algorithmic K policy of `market`.
		KPolicySet {
			/// The market.
			market: MarketId,
			/// The policy, or `None` when removed.
			policy: Option<k_policy::KPolicy>,
		},
		/// The algorithmic K policy of `market` decided at a funding boundary (`ratio = 1`: no
		/// step; the pool's `k` is then unchanged).
		KPolicyStepped {
			/// The market.
			market: MarketId,
			/// Quote traded against the pool in the period.
			volume: u128,
			/// Open interest, both sides, in quote at the mark.
			open_interest: u128,
			/// The period's funding rate (absolute, a fraction of the mark).
			funding_rate: FixedU128,
			/// The quote depth the period asked for.
			wanted_quote: u128,
			/// The ratio `k` was scaled by.
			ratio: FixedU128,
			/// `k` after the step (raw product `B·Q`).
			k: U256,
			/// What the step cost the insurance fund (negative: credited to it).
			cost: i128,
			/// The policy's budget left.
			budget: u128,
		},
		/// The algorithmic K step of `market` could not be made (e.g. the fund could not pay
		/// what the budget allowed): the pool is unchanged, the budget kept.
		KPolicyStepFailed {
			/// The market.
			market: MarketId,
			/// Why.
			error: DispatchError,
		},
		/// A step towards the target failed (e.g. the new pool would be smaller than the net
		/// short): the target is dropped.
		KStepFailed {
			/// The market.
			market: MarketId,
			/// The target `k` that was dropped.
			target_k: U256,
			/// Why the step failed.
			error: DispatchError,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No pool for this market.
		MarketNotFound,
		/// A pool already exists for this market.
		MarketAlreadyExists,
		/// The pool is closed.
		MarketClosed,
		/// Zero amount, reserve or ratio.
		ZeroAmount,
		/// The trade's counter-amount rounds to zero.
		TradeTooSmall,
		/// The pool does not hold enough of the reserve the operation takes.
		InsufficientLiquidity,
		/// A number does not fit its type.
		Overflow,
		/// The trade moves the mark more than `max_price_move` from the block-start price.
		PriceMoveTooLarge,
		/// `adjust_k` ratio outside `[MinKRatio, MaxKRatio]`.
		KRatioOutOfBounds,
		/// The insurance fund cannot pay the cost of the K change.
		InsuranceFundCannotPay,
		/// A K policy whose `min_k` exceeds its `max_k`, or whose `max_step` is zero or beyond
		/// `MaxKStep`.
		BadKPolicy,
	}

	impl<T> From<math::MathError> for Error<T> {
		fn from(e: math::MathError) -> Self {
			match e {
				math::MathError::Overflow => Error::<T>::Overflow,
				math::MathError::InsufficientLiquidity => Error::<T>::InsufficientLiquidity,
				math::MathError::ZeroAmount => Error::<T>::ZeroAmount,
				math::MathError::TradeTooSmall => Error::<T>::TradeTooSmall,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MinKRatio::get() <= FixedU128::one() && FixedU128::one() <= T::MaxKRatio::get(),
				"MinKRatio <= 1 <= MaxKRatio"
			);
			assert!(!T::MinKRatio::get().is_zero(), "MinKRatio > 0");
			assert!(T::TwapSnapshots::get() >= 2, "TwapSnapshots >= 2");
			assert!(!T::MaxKStep::get().is_zero(), "MaxKStep > 0");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Ask for the depth `k` of `market` to become `k · ratio` (reserves scaled by
		/// `sqrt(ratio)`, mark unchanged, traders' net base unchanged). The pool moves towards
		/// the target by at most `MaxKStep` of `k` at each funding boundary; each step's change
		/// in what closing the net position would pay the traders is charged to the insurance
		/// fund (`KFunding::charge`) when positive, credited (`KFunding::credit`) when
		/// negative. A new call replaces the target (the ratio applies to the current `k`);
		/// `ratio = 1` cancels it.
		///
		/// Origin: `GovernanceOrigin`. Fails with `KRatioOutOfBounds` outside
		/// `[MinKRatio, MaxKRatio]`, `MarketNotFound`, `MarketClosed`. Emits
		/// [`Event::KTargetSet`]; each step emits [`Event::KAdjusted`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::adjust_k())]
		pub fn adjust_k(
			origin: OriginFor<T>,
			market: MarketId,
			ratio: FixedU128,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_k_target(market, ratio)
		}

		/// Set (`Some`) or remove (`None`) the algorithmic K policy of `market`: at each of
		/// its funding boundaries without a governance target, the pool's `k` is scaled by
		/// the step the period's volume, open interest and funding ask for (`k_policy.rs`),
		/// within `[min_k, max_k]` and `max_step`, a deepening paid by the insurance fund only
		/// up to the policy's budget (`fee_share` of the fees the volume paid). A new policy
		/// keeps the budget already funded.
		///
		/// Origin: `GovernanceOrigin`. Fails with `BadKPolicy`, `MarketNotFound`. Emits
		/// [`Event::KPolicySet`]; each boundary emits [`Event::KPolicyStepped`] (and
		/// [`Event::KAdjusted`] for a step taken).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_k_policy())]
		pub fn set_k_policy(
			origin: OriginFor<T>,
			market: MarketId,
			policy: Option<k_policy::KPolicy>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_k_policy(market, policy)
		}
	}
}

fn block_u64<N: SaturatedConversion + UniqueSaturatedInto<u64>>(n: N) -> u64 {
	n.saturated_into::<u64>()
}

impl<T: Config> Pallet<T> {
	/// The pool of `market`, if any.
	pub fn pool(market: MarketId) -> Option<PoolOf<T>> {
		Pools::<T>::get(market)
	}

	fn existing(market: MarketId) -> Result<PoolOf<T>, DispatchError> {
		Pools::<T>::get(market).ok_or_else(|| Error::<T>::MarketNotFound.into())
	}

	/// Create a pool (shared by the call and the trait).
	pub fn do_create_pool(
		market: MarketId,
		base_reserve: u128,
		quote_reserve: u128,
		config: PoolConfig,
	) -> DispatchResult {
		ensure!(!Pools::<T>::contains_key(market), Error::<T>::MarketAlreadyExists);
		ensure!(base_reserve > 0 && quote_reserve > 0, Error::<T>::ZeroAmount);
		ensure!(base_reserve <= i128::MAX as u128, Error::<T>::Overflow);
		let mark_price = math::mark_price(base_reserve, quote_reserve).map_err(Error::<T>::from)?;
		let now = frame_system::Pallet::<T>::block_number();
		let pool = Pool {
			base_reserve,
			quote_reserve,
			k: math::product(base_reserve, quote_reserve),
			initial_base_reserve: base_reserve,
			net_base: 0,
			status: PoolStatus::Open,
			config,
			block_start_block: now,
			block_start_price: mark_price,
			exemption_used_at: None,
			cumulative_price: U256::zero(),
			last_twap_update: now,
			period_volume: 0,
		};
		Pools::<T>::insert(market, pool);
		let mut history = BoundedVec::<TwapPointOf<T>, T::TwapSnapshots>::new();
		let _ = history.try_push(TwapPoint { block: now, cumulative: U256::zero() });
		TwapHistory::<T>::insert(market, history);
		Self::deposit_event(Event::PoolCreated {
			market,
			base_reserve,
			quote_reserve,
			mark_price,
			max_price_move: config.max_price_move,
		});
		Ok(())
	}

	/// Close a pool (shared by the call and the trait).
	pub fn do_close_pool(market: MarketId) -> DispatchResult {
		Pools::<T>::try_mutate(market, |maybe| -> DispatchResult {
			let pool = maybe.as_mut().ok_or(Error::<T>::MarketNotFound)?;
			ensure!(pool.status == PoolStatus::Open, Error::<T>::MarketClosed);
			pool.status = PoolStatus::Closed;
			Ok(())
		})?;
		Self::deposit_event(Event::PoolClosed { market });
		Ok(())
	}

	/// Bring the TWAP accumulator of `pool` up to block `now` with the current mark (call
	/// *before* changing the reserves) and record a history point if it moved to a new block.
	fn accumulate_twap(
		market: MarketId,
		pool: &mut PoolOf<T>,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		if now <= pool.last_twap_update {
			return Ok(());
		}
		let price =
			math::mark_price(pool.base_reserve, pool.quote_reserve).map_err(Error::<T>::from)?;
		pool.cumulative_price = math::accumulate(
			pool.cumulative_price,
			block_u64(pool.last_twap_update),
			block_u64(now),
			price,
		);
		pool.last_twap_update = now;
		let point = TwapPoint { block: now, cumulative: pool.cumulative_price };
		TwapHistory::<T>::mutate(market, |history| {
			floorperp_primitives::record_point(history, point)
		});
		Ok(())
	}

	/// Swap against the pool of `market`, with the fluctuation limit (shared by the trait);
	/// `liquidation`: may exceed the limit once per block.
	pub fn do_swap(
		market: MarketId,
		direction: Direction,
		amount: SwapAmount,
		liquidation: bool,
	) -> Result<SwapOutcome, DispatchError> {
		let mut pool = Self::existing(market)?;
		ensure!(pool.status == PoolStatus::Open, Error::<T>::MarketClosed);
		let now = frame_system::Pallet::<T>::block_number();

		let result = math::swap(pool.base_reserve, pool.quote_reserve, pool.k, direction, amount)
			.map_err(Error::<T>::from)?;
		let before =
			math::mark_price(pool.base_reserve, pool.quote_reserve).map_err(Error::<T>::from)?;
		let after = math::mark_price(result.base_reserve, result.quote_reserve)
			.map_err(Error::<T>::from)?;
		// Keep `B` within `i128` so that the net base `B0 - B` is always representable.
		ensure!(result.base_reserve <= i128::MAX as u128, Error::<T>::Overflow);
		let net_base = match direction {
			Direction::Long => pool.net_base.checked_add_unsigned(result.outcome.base),
			Direction::Short => pool.net_base.checked_sub_unsigned(result.outcome.base),
		}
		.ok_or(Error::<T>::Overflow)?;

		// Lazily record the mark at the start of this block (nothing moves it between blocks).
		if pool.block_start_block != now {
			pool.block_start_block = now;
			pool.block_start_price = before;
		}
		if !math::price_move_allowed(
			pool.block_start_price,
			before,
			after,
			pool.config.max_price_move,
		) {
			ensure!(
				liquidation && pool.exemption_used_at != Some(now),
				Error::<T>::PriceMoveTooLarge
			);
			pool.exemption_used_at = Some(now);
		}

		// All checks passed: write.
		Self::accumulate_twap(market, &mut pool, now)?;
		pool.base_reserve = result.base_reserve;
		pool.quote_reserve = result.quote_reserve;
		pool.net_base = net_base;
		pool.period_volume = pool.period_volume.saturating_add(result.outcome.quote);
		Pools::<T>::insert(market, pool);
		Self::deposit_event(Event::Swapped {
			market,
			direction,
			base: result.outcome.base,
			quote: result.outcome.quote,
			mark_price: after,
		});
		Ok(result.outcome)
	}

	/// Preview of a swap: same computation as [`Self::do_swap`], no write, no fluctuation limit,
	/// works on closed pools.
	pub fn do_quote(
		market: MarketId,
		direction: Direction,
		amount: SwapAmount,
	) -> Result<SwapOutcome, DispatchError> {
		let pool = Self::existing(market)?;
		let result = math::swap(pool.base_reserve, pool.quote_reserve, pool.k, direction, amount)
			.map_err(Error::<T>::from)?;
		Ok(result.outcome)
	}

	/// TWAP of the mark over the last `window` blocks (see the crate docs).
	pub fn do_mark_twap(market: MarketId, window: u32) -> Result<FixedU128, DispatchError> {
		let pool = Self::existing(market)?;
		let price =
			math::mark_price(pool.base_reserve, pool.quote_reserve).map_err(Error::<T>::from)?;
		let history = TwapHistory::<T>::get(market);
		let now = block_u64(frame_system::Pallet::<T>::block_number());
		math::twap(
			&history,
			|s| (block_u64(s.block), s.cumulative),
			block_u64(pool.last_twap_update),
			pool.cumulative_price,
			price,
			now,
			window,
		)
		.map_err(|e| Error::<T>::from(e).into())
	}

	/// What closing the traders' whole net position against the pool now would pay them
	/// (negative: what they would pay). See [`math::close_out_value`].
	pub fn close_out_value(market: MarketId) -> Result<i128, DispatchError> {
		let pool = Self::existing(market)?;
		math::close_out_value(pool.base_reserve, pool.quote_reserve, pool.k, pool.net_base)
			.map_err(|e| Error::<T>::from(e).into())
	}

	/// What `adjust_k(market, ratio)` aims at and what reaching it at once would cost the
	/// insurance fund at the current net position (the time lock's preview of a pending K
	/// change). The chain reaches it in steps of at most `MaxKStep`, each priced at the net
	/// position of its own boundary.
	pub fn k_change_preview(
		market: MarketId,
		ratio: FixedU128,
	) -> Result<KChangePreview, DispatchError> {
		let pool = Self::existing(market)?;
		let adj = math::adjust_k(
			pool.base_reserve,
			pool.quote_reserve,
			pool.k,
			pool.initial_base_reserve,
			ratio,
		)
		.map_err(Error::<T>::from)?;
		let target_k = math::scale_k(pool.k, ratio).map_err(Error::<T>::from)?;
		Ok(KChangePreview { k: pool.k, target_k, cost: adj.cost })
	}

	/// Set (or with `ratio = 1` cancel) the governance target `k · ratio` of `market`.
	pub fn do_set_k_target(market: MarketId, ratio: FixedU128) -> DispatchResult {
		ensure!(
			ratio >= T::MinKRatio::get() && ratio <= T::MaxKRatio::get(),
			Error::<T>::KRatioOutOfBounds
		);
		let pool = Self::existing(market)?;
		ensure!(pool.status == PoolStatus::Open, Error::<T>::MarketClosed);
		let target = if ratio == FixedU128::one() {
			KTargets::<T>::remove(market);
			None
		} else {
			let t = math::scale_k(pool.k, ratio).map_err(Error::<T>::from)?;
			KTargets::<T>::insert(market, t);
			Some(t)
		};
		Self::deposit_event(Event::KTargetSet { market, k: pool.k, target_k: target });
		Ok(())
	}

	/// One step of `market`'s pool towards its target `k` (none: nothing to do): at most
	/// `MaxKStep` of `k`, halved while the insurance fund cannot pay it. Never fails: a step
	/// that cannot be made now is reported ([`Event::KStepDeferred`], [`Event::KStepFailed`]).
	pub fn do_step_k(market: MarketId) {
		let Some(target) = KTargets::<T>::get(market) else { return };
		let Some(pool) = Pools::<T>::get(market).filter(|p| p.status == PoolStatus::Open) else {
			KTargets::<T>::remove(market);
			return;
		};
		let fail = |error: DispatchError| {
			KTargets::<T>::remove(market);
			Self::deposit_event(Event::KStepFailed { market, target_k: target, error });
		};
		let (mut ratio, mut last) = match math::k_step_ratio(pool.k, target, T::MaxKStep::get()) {
			Ok(r) => r,
			Err(e) => return fail(Error::<T>::from(e).into()),
		};
		for _ in 0..=8u8 {
			let adj = match math::adjust_k(
				pool.base_reserve,
				pool.quote_reserve,
				pool.k,
				pool.initial_base_reserve,
				ratio,
			) {
				Ok(a) => a,
				Err(e) => return fail(Error::<T>::from(e).into()),
			};
			if adj.cost <= 0 || T::KFunding::can_pay(market, adj.cost.unsigned_abs()) {
				if let Err(e) = Self::apply_k(market, pool.clone(), adj) {
					return fail(e);
				}
				if last {
					KTargets::<T>::remove(market);
					Self::deposit_event(Event::KTargetReached { market, k: adj.k });
				}
				return;
			}
			// the fund cannot pay it: half the step (a deepening costs, a shallowing does not)
			let excess = ratio.saturating_sub(FixedU128::one());
			ratio = FixedU128::one()
				.saturating_add(FixedU128::from_inner(excess.into_inner().saturating_div(2)));
			last = false;
		}
		Self::deposit_event(Event::KStepDeferred { market, k: pool.k, target_k: target });
	}

	/// Set or remove the algorithmic K policy of `market` (see [`Pallet::set_k_policy`]).
	pub fn do_set_k_policy(market: MarketId, policy: Option<k_policy::KPolicy>) -> DispatchResult {
		ensure!(Pools::<T>::contains_key(market), Error::<T>::MarketNotFound);
		match &policy {
			Some(p) => {
				ensure!(
					p.min_k <= p.max_k && !p.max_step.is_zero() && p.max_step <= T::MaxKStep::get(),
					Error::<T>::BadKPolicy
				);
				KPolicies::<T>::insert(market, p);
			},
			None => KPolicies::<T>::remove(market),
		}
		Self::deposit_event(Event::KPolicySet { market, policy });
		Ok(())
	}

	/// One algorithmic K step of `market` at a funding boundary: fund the budget with the
	/// period's fees, decide ([`k_policy::decide`]), apply the step and charge or credit the
	/// fund, spend the budget, start a new period. Never fails: a step that cannot be applied
	/// is reported ([`Event::KPolicyStepFailed`]) and the pool is left as it was.
	pub fn do_policy_step(market: MarketId, policy: &k_policy::KPolicy, period: FundingPeriod) {
		let Some(mut pool) = Pools::<T>::get(market).filter(|p| p.status == PoolStatus::Open)
		else {
			return;
		};
		let volume = core::mem::take(&mut pool.period_volume);
		let fees = period.trading_fee.mul_floor(volume);
		let mut budget =
			KBudgets::<T>::get(market).saturating_add(policy.fee_share.mul_floor(fees));
		let state = k_policy::PoolState {
			base_reserve: pool.base_reserve,
			quote_reserve: pool.quote_reserve,
			k: pool.k,
			initial_base_reserve: pool.initial_base_reserve,
		};
		let figures = k_policy::PeriodFigures {
			volume,
			open_interest: period.open_interest,
			funding_rate: period.funding_rate,
		};
		// a deepening is paid only as far as both the budget and the fund go
		let spendable = budget.min(T::KFunding::available(market));
		// the period is over whatever happens: its volume restarts, its fees fund the budget
		let fail = |pool: &PoolOf<T>, budget: u128, error: DispatchError| {
			Pools::<T>::insert(market, pool);
			KBudgets::<T>::insert(market, budget);
			Self::deposit_event(Event::KPolicyStepFailed { market, error });
		};
		let decision = match k_policy::decide(&state, policy, &figures, spendable) {
			Ok(d) => d,
			Err(e) => return fail(&pool, budget, Error::<T>::from(e).into()),
		};
		let mut cost = 0i128;
		if let Some(adj) = decision.adjustment {
			if let Err(error) = Self::apply_k(market, pool.clone(), adj) {
				return fail(&pool, budget, error);
			}
			// (`apply_k` wrote the new reserves with the period's volume restarted from zero)
			cost = adj.cost;
			budget = budget.saturating_sub(adj.cost.max(0).unsigned_abs());
		} else {
			Pools::<T>::insert(market, &pool);
		}
		KBudgets::<T>::insert(market, budget);
		let k = decision.adjustment.map_or(pool.k, |adj| adj.k);
		Self::deposit_event(Event::KPolicyStepped {
			market,
			volume,
			open_interest: period.open_interest,
			funding_rate: period.funding_rate,
			wanted_quote: decision.wanted_quote,
			ratio: decision.ratio,
			k,
			cost,
			budget,
		});
	}

	/// Change the depth of `market` by `ratio` at once and settle the cost with the insurance
	/// fund (one step of [`Self::do_step_k`]; no bounds: tests and steps only).
	pub fn apply_k_ratio(market: MarketId, ratio: FixedU128) -> DispatchResult {
		let pool = Self::existing(market)?;
		ensure!(pool.status == PoolStatus::Open, Error::<T>::MarketClosed);
		let adj = math::adjust_k(
			pool.base_reserve,
			pool.quote_reserve,
			pool.k,
			pool.initial_base_reserve,
			ratio,
		)
		.map_err(Error::<T>::from)?;
		if adj.cost > 0 {
			ensure!(
				T::KFunding::can_pay(market, adj.cost.unsigned_abs()),
				Error::<T>::InsuranceFundCannotPay
			);
		}
		Self::apply_k(market, pool, adj)
	}

	/// Write a K change computed by [`math::adjust_k`], settling its cost with the fund. In its
	/// own storage layer: a failure (after the fund was charged) leaves neither the fund nor
	/// the pool changed — the hooks' steps call it outside any transaction.
	fn apply_k(market: MarketId, mut pool: PoolOf<T>, adj: math::KAdjustment) -> DispatchResult {
		frame::deps::frame_support::storage::with_storage_layer(|| {
			if adj.cost > 0 {
				T::KFunding::charge(market, adj.cost.unsigned_abs())?;
			} else if adj.cost < 0 {
				T::KFunding::credit(market, adj.cost.unsigned_abs())?;
			}
			let now = frame_system::Pallet::<T>::block_number();
			Self::accumulate_twap(market, &mut pool, now)?;
			let old_k = pool.k;
			pool.base_reserve = adj.base_reserve;
			pool.quote_reserve = adj.quote_reserve;
			pool.k = adj.k;
			pool.initial_base_reserve = adj.initial_base_reserve;
			Pools::<T>::insert(market, pool);
			Self::deposit_event(Event::KAdjusted { market, old_k, new_k: adj.k, cost: adj.cost });
			Ok(())
		})
	}

	/// Every invariant of the venue: the named checks below, for every pool.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), &'static str> {
		for (market, pool) in Pools::<T>::iter() {
			Self::try_state_reserves(&pool)?;
			Self::try_state_twap_history(market, &pool)?;
		}
		Ok(())
	}

	/// A pool's reserves.
	///
	/// # Invariants
	///
	/// * both reserves are non-zero and `B*Q >= k` (rounding leaves the excess in the pool);
	/// * `B0 > 0` (the traders' net position can always be closed);
	/// * the incrementally tracked net base equals `B0 − B`.
	#[cfg(any(feature = "try-runtime", test))]
	fn try_state_reserves(pool: &PoolOf<T>) -> Result<(), &'static str> {
		if pool.base_reserve == 0 || pool.quote_reserve == 0 {
			return Err("vamm: zero reserve");
		}
		if math::product(pool.base_reserve, pool.quote_reserve) < pool.k {
			return Err("vamm: B*Q < k");
		}
		if pool.initial_base_reserve == 0 {
			return Err("vamm: B0 == 0");
		}
		let net = math::net_base(pool.initial_base_reserve, pool.base_reserve)
			.map_err(|_| "vamm: net base overflow")?;
		if net != pool.net_base {
			return Err("vamm: tracked net base != B0 - B");
		}
		Ok(())
	}

	/// A pool's TWAP history.
	///
	/// # Invariants
	///
	/// * the history is in order (blocks increasing, accumulator never decreasing);
	/// * it ends at the pool's accumulator (its block and value).
	#[cfg(any(feature = "try-runtime", test))]
	fn try_state_twap_history(market: MarketId, pool: &PoolOf<T>) -> Result<(), &'static str> {
		let history = TwapHistory::<T>::get(market);
		if !floorperp_primitives::is_in_order(&history) {
			return Err("vamm: TWAP history not increasing");
		}
		match history.last() {
			Some(s)
				if s.block == pool.last_twap_update && s.cumulative == pool.cumulative_price =>
			{
				Ok(())
			},
			_ => Err("vamm: TWAP history does not end at the accumulator"),
		}
	}
}

impl<T: Config> VammInterface for Pallet<T> {
	fn create_pool(
		market: MarketId,
		base_reserve: u128,
		quote_reserve: u128,
		config: PoolConfig,
	) -> DispatchResult {
		Self::do_create_pool(market, base_reserve, quote_reserve, config)
	}

	fn close_pool(market: MarketId) -> DispatchResult {
		Self::do_close_pool(market)
	}

	fn swap(
		market: MarketId,
		direction: Direction,
		amount: SwapAmount,
		liquidation: bool,
	) -> Result<SwapOutcome, DispatchError> {
		Self::do_swap(market, direction, amount, liquidation)
	}

	fn max_base_to_price(
		market: MarketId,
		direction: Direction,
		limit: FixedU128,
	) -> Result<u128, DispatchError> {
		let pool = Self::existing(market)?;
		math::max_base_to_price(pool.base_reserve, pool.k, direction, limit)
			.map_err(|e| Error::<T>::from(e).into())
	}

	fn set_max_price_move(market: MarketId, max_price_move: Perbill) -> DispatchResult {
		Pools::<T>::try_mutate(market, |maybe| -> DispatchResult {
			let pool = maybe.as_mut().ok_or(Error::<T>::MarketNotFound)?;
			pool.config.max_price_move = max_price_move;
			Ok(())
		})
	}

	fn quote(
		market: MarketId,
		direction: Direction,
		amount: SwapAmount,
	) -> Result<SwapOutcome, DispatchError> {
		Self::do_quote(market, direction, amount)
	}

	fn mark_price(market: MarketId) -> Result<FixedU128, DispatchError> {
		let pool = Self::existing(market)?;
		math::mark_price(pool.base_reserve, pool.quote_reserve)
			.map_err(|e| Error::<T>::from(e).into())
	}

	fn mark_twap(market: MarketId, window: u32) -> Result<FixedU128, DispatchError> {
		Self::do_mark_twap(market, window)
	}

	fn net_base(market: MarketId) -> Result<i128, DispatchError> {
		let pool = Self::existing(market)?;
		math::net_base(pool.initial_base_reserve, pool.base_reserve)
			.map_err(|e| Error::<T>::from(e).into())
	}

	fn set_k_target(market: MarketId, ratio: FixedU128) -> DispatchResult {
		Self::do_set_k_target(market, ratio)
	}

	fn k_target(market: MarketId) -> Option<U256> {
		KTargets::<T>::get(market)
	}

	fn k_step_wanted(market: MarketId) -> bool {
		KTargets::<T>::contains_key(market) || KPolicies::<T>::contains_key(market)
	}

	fn step_k(market: MarketId, period: FundingPeriod) -> Weight {
		if KTargets::<T>::contains_key(market) {
			Self::do_step_k(market);
			T::WeightInfo::step_k()
		} else if let Some(policy) = KPolicies::<T>::get(market) {
			Self::do_policy_step(market, &policy, period);
			// (the benchmark measures the step; the target and policy reads come first)
			T::WeightInfo::step_k_policy().saturating_add(T::DbWeight::get().reads(2))
		} else {
			T::DbWeight::get().reads(2)
		}
	}

	fn cumulative_price(market: MarketId) -> Result<U256, DispatchError> {
		let pool = Self::existing(market)?;
		let price =
			math::mark_price(pool.base_reserve, pool.quote_reserve).map_err(Error::<T>::from)?;
		let now = block_u64(frame_system::Pallet::<T>::block_number());
		Ok(math::accumulate(pool.cumulative_price, block_u64(pool.last_twap_update), now, price))
	}
}
