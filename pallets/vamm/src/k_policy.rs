//! Algorithmic K: the depth a market's own trading asks for, reached within a budget.
//!
//! Drift v2's "formulaic K" is the anchor: at each funding boundary the chain scales the pool's
//! `k` from what the period showed — deeper when trading is busy, shallower when it is quiet —
//! and pays for a deepening only from a budget the market's trading fees fund. This module is
//! the pure decision (no storage): given the pool, the policy governance set and the period's
//! figures, it returns the step to take and what it costs.
//!
//! # The rule
//!
//! * The **wanted quote depth** is `Q* = max(V · depth_per_volume, OI · depth_per_open_interest)
//!   · (1 + min(|f| · funding_weight, 1))`: `V` the quote volume traded in the period, `OI` the
//!   open interest (both sides, quote at the mark), `f` the period's funding rate (a persistent
//!   premium asks for a deeper pool, up to twice the depth).
//! * At a fixed mark `k = Q² / P`, so the **wanted ratio** is `(Q* / Q)²`; with no volume and no
//!   open interest the pool becomes shallower by the most a step allows.
//! * The ratio is clamped to one **step** (`[1 / (1 + max_step), 1 + max_step]`, the same bound
//!   as governance's K targets, so a step cannot be sandwiched for profit) and to the policy's
//!   **bounds** `[min_k, max_k]`.
//! * The step's **cost** is [`adjust_k`]'s: what the traders' net position gains from the new
//!   curve, paid by the insurance fund (negative: the fund gains). A step costing more than the
//!   budget is halved (up to eight times), else not taken. A step never moves the mark (the
//!   reserves scale together, the price rounded up by less than `1 / B` per base unit) and
//!   keeps `B · Q >= k`.

use crate::math::{adjust_k, k_step_ratio, product, scale_k, KAdjustment};
use floorperp_primitives::{MathError, ONE};
use frame::arithmetic::{FixedU128, Perbill};
use frame::prelude::*;

/// What governance sets for one market (`Vamm::set_k_policy`).
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
pub struct KPolicy {
	/// Quote reserve wanted per unit of quote volume of a funding period.
	pub depth_per_volume: FixedU128,
	/// Quote reserve wanted per unit of open interest (quote, both sides).
	pub depth_per_open_interest: FixedU128,
	/// Extra depth per unit of `|funding rate|` of the period (capped at +100%).
	pub funding_weight: FixedU128,
	/// The shallowest `k` the policy may reach.
	pub min_k: U256,
	/// The deepest `k` the policy may reach.
	pub max_k: U256,
	/// The largest change of `k` at one funding boundary (at most the venue's `MaxKStep`).
	pub max_step: Perbill,
	/// The share of the trading fees the period's volume paid that funds the policy's budget
	/// (the budget only caps what the policy may charge the insurance fund).
	pub fee_share: Perbill,
}

/// What a funding period showed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct PeriodFigures {
	/// Quote traded against the pool in the period.
	pub volume: u128,
	/// Open interest at the boundary, both sides, in quote at the mark.
	pub open_interest: u128,
	/// The period's funding rate per unit of base, as a fraction of the mark (absolute).
	pub funding_rate: FixedU128,
}

/// The pool a step is decided for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PoolState {
	/// `B`.
	pub base_reserve: u128,
	/// `Q`.
	pub quote_reserve: u128,
	/// `k`.
	pub k: U256,
	/// `B0`.
	pub initial_base_reserve: u128,
}

/// The decision for one boundary.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KDecision {
	/// The depth the period asked for (`Q*`).
	pub wanted_quote: u128,
	/// The ratio `k` is scaled by (`1`: no change).
	pub ratio: FixedU128,
	/// The new pool and the step's cost, if a step is taken.
	pub adjustment: Option<KAdjustment>,
}

/// `a · b` for fixed-point `b`, rounded down; `None` on overflow.
fn mul_fixed(a: u128, b: FixedU128) -> Option<u128> {
	let wide = U256::from(a)
		.checked_mul(U256::from(b.into_inner()))?
		.checked_div(U256::from(ONE))?;
	u128::try_from(wide).ok()
}

/// The quote depth the period asks for (`Q*`, see the module docs).
pub fn wanted_quote(policy: &KPolicy, period: &PeriodFigures) -> Option<u128> {
	let by_volume = mul_fixed(period.volume, policy.depth_per_volume)?;
	let by_interest = mul_fixed(period.open_interest, policy.depth_per_open_interest)?;
	let boost = period
		.funding_rate
		.checked_mul(&policy.funding_weight)
		.unwrap_or(FixedU128::one())
		.min(FixedU128::one());
	mul_fixed(by_volume.max(by_interest), FixedU128::one().saturating_add(boost))
}

/// `(wanted / have)²` as a fixed-point ratio, saturating at the largest `FixedU128`.
fn squared_ratio(wanted: u128, have: u128) -> Option<FixedU128> {
	if have == 0 {
		return None;
	}
	let r = U256::from(wanted).checked_mul(U256::from(ONE))?.checked_div(U256::from(have))?;
	let sq = r.checked_mul(r).and_then(|x| x.checked_div(U256::from(ONE)));
	Some(FixedU128::from_inner(sq.map_or(u128::MAX, |x| u128::try_from(x).unwrap_or(u128::MAX))))
}

/// The step of one funding boundary: the ratio the period asks for, clamped, and the
/// adjustment it makes, halved while it costs more than `budget` (none if it still does, or if
/// the ratio is 1). Errors only for a pool the math cannot scale (zero reserves or `k`).
pub fn decide(
	pool: &PoolState,
	policy: &KPolicy,
	period: &PeriodFigures,
	budget: u128,
) -> Result<KDecision, MathError> {
	let wanted = wanted_quote(policy, period).ok_or(MathError::Overflow)?;
	let asked = if wanted == 0 {
		FixedU128::zero()
	} else {
		squared_ratio(wanted, pool.quote_reserve).ok_or(MathError::InsufficientLiquidity)?
	};
	// the depth asked for, within the policy's bounds, reached by one step of at most
	// `max_step` — the same step as a governance target's ([`k_step_ratio`])
	let target = scale_k(pool.k, asked).unwrap_or(U256::MAX).max(policy.min_k).min(policy.max_k);
	let (mut ratio, _) = k_step_ratio(pool.k, target, policy.max_step)?;
	let none = |ratio| KDecision { wanted_quote: wanted, ratio, adjustment: None };
	for _ in 0..=8u8 {
		if ratio == FixedU128::one() {
			return Ok(none(ratio));
		}
		let adj = adjust_k(
			pool.base_reserve,
			pool.quote_reserve,
			pool.k,
			pool.initial_base_reserve,
			ratio,
		)?;
		if adj.cost <= 0 || adj.cost.unsigned_abs() <= budget {
			return Ok(KDecision { wanted_quote: wanted, ratio, adjustment: Some(adj) });
		}
		// too dear: half the step (towards 1, from either side)
		let one = ONE;
		let inner = ratio.into_inner();
		ratio = FixedU128::from_inner(if inner > one {
			one.saturating_add(inner.saturating_sub(one).saturating_div(2))
		} else {
			one.saturating_sub(one.saturating_sub(inner).saturating_div(2))
		});
	}
	Ok(none(FixedU128::one()))
}

/// `B · Q` of an adjustment is at least its `k` (exact product: equal).
pub fn keeps_invariant(adj: &KAdjustment) -> bool {
	product(adj.base_reserve, adj.quote_reserve) >= adj.k
}
