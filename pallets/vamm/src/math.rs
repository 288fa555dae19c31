//! Pure math of the vAMM: no storage access, no panics.
//!
//! Every amount is a raw 18-decimal integer (`u128`): `1.0` is `10^18`. The invariant `k` is the
//! raw product `B*Q` and lives in `U256`; intermediate products are computed in `U256` (or
//! `U512` for the square root of a K change). Every function returns a [`MathError`] instead of
//! overflowing, dividing by zero or panicking.
//!
//! # Swap formulas, rounding in favour of the pool
//!
//! With reserves `B`, `Q` and invariant `k` (`B*Q >= k`):
//!
//! | trade | new reserves | trader |
//! |---|---|---|
//! | long by quote `dq` | `Q' = Q+dq`, `B' = ceil(k/Q')` | pays `dq`, receives `B-B'` base |
//! | long by base `db`  | `B' = B-db`, `Q' = ceil(k/B')` | receives `db`, pays `Q'-Q` |
//! | short by base `db` | `B' = B+db`, `Q' = ceil(k/B')` | gives `db`, receives `Q-Q'` |
//! | short by quote `dq`| `Q' = Q-dq`, `B' = ceil(k/Q')` | receives `dq`, gives `B'-B` base |
//!
//! The reserve that is *computed* is always rounded up, so the pool keeps the remainder: it pays
//! out at most, and receives at least, the exact real-number amount, and `B'*Q' >= k`.
//! A trade whose computed counter-amount is zero (dust) is rejected with
//! [`MathError::TradeTooSmall`] rather than executed for free.

use crate::types::{Direction, SwapAmount, SwapOutcome};
use frame::arithmetic::{FixedU128, Perbill, Zero};
use frame::prelude::{U256, U512};

pub use floorperp_primitives::{
	accumulate, price_move_allowed, to_u128, twap, within_slippage, MathError, ONE,
};

/// The reserves after a swap, and what changed hands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SwapResult {
	/// What the trader receives/pays (see [`SwapOutcome`]).
	pub outcome: SwapOutcome,
	/// `B'`.
	pub base_reserve: u128,
	/// `Q'`.
	pub quote_reserve: u128,
}

/// The raw invariant `B*Q` (cannot overflow `U256`).
pub fn product(base: u128, quote: u128) -> U256 {
	U256::from(base).saturating_mul(U256::from(quote))
}

/// `ceil(a/b)`.
pub fn ceil_div(a: U256, b: U256) -> Result<U256, MathError> {
	if b.is_zero() {
		return Err(MathError::InsufficientLiquidity);
	}
	let q = a.checked_div(b).ok_or(MathError::InsufficientLiquidity)?;
	if a.checked_rem(b).is_some_and(|r| r.is_zero()) {
		Ok(q)
	} else {
		q.checked_add(U256::one()).ok_or(MathError::Overflow)
	}
}

/// `U256 -> u128`, or [`MathError::Overflow`].
fn u128_to_i128(x: u128) -> Result<i128, MathError> {
	i128::try_from(x).map_err(|_| MathError::Overflow)
}

/// The single swap computation used by both the state-changing swap and the preview.
///
/// `base`, `quote`: current reserves; `k`: the invariant (`base*quote >= k`).
pub fn swap(
	base: u128,
	quote: u128,
	k: U256,
	direction: Direction,
	amount: SwapAmount,
) -> Result<SwapResult, MathError> {
	if base == 0 || quote == 0 || k.is_zero() {
		return Err(MathError::InsufficientLiquidity);
	}
	// Each subtraction below is guarded by the comparison before it (saturating only to say so).
	let (outcome, new_base, new_quote) = match (direction, amount) {
		(_, SwapAmount::Base(0)) | (_, SwapAmount::Quote(0)) => return Err(MathError::ZeroAmount),
		// Long by quote: Q' = Q + dq, B' = ceil(k/Q'), trader receives B - B'.
		(Direction::Long, SwapAmount::Quote(dq)) => {
			let new_quote = quote.checked_add(dq).ok_or(MathError::Overflow)?;
			let new_base = to_u128(ceil_div(k, U256::from(new_quote))?)?;
			if new_base >= base {
				return Err(MathError::TradeTooSmall);
			}
			(SwapOutcome { base: base.saturating_sub(new_base), quote: dq }, new_base, new_quote)
		},
		// Long by base: B' = B - db, Q' = ceil(k/B'), trader pays Q' - Q.
		(Direction::Long, SwapAmount::Base(db)) => {
			if db >= base {
				return Err(MathError::InsufficientLiquidity);
			}
			let new_base = base.saturating_sub(db);
			let new_quote = to_u128(ceil_div(k, U256::from(new_base))?)?;
			if new_quote <= quote {
				return Err(MathError::TradeTooSmall);
			}
			(SwapOutcome { base: db, quote: new_quote.saturating_sub(quote) }, new_base, new_quote)
		},
		// Short by base: B' = B + db, Q' = ceil(k/B'), trader receives Q - Q'.
		(Direction::Short, SwapAmount::Base(db)) => {
			let new_base = base.checked_add(db).ok_or(MathError::Overflow)?;
			let new_quote = to_u128(ceil_div(k, U256::from(new_base))?)?;
			if new_quote >= quote {
				return Err(MathError::TradeTooSmall);
			}
			(SwapOutcome { base: db, quote: quote.saturating_sub(new_quote) }, new_base, new_quote)
		},
		// Short by quote: Q' = Q - dq, B' = ceil(k/Q'), trader gives B' - B.
		(Direction::Short, SwapAmount::Quote(dq)) => {
			if dq >= quote {
				return Err(MathError::InsufficientLiquidity);
			}
			let new_quote = quote.saturating_sub(dq);
			let new_base = to_u128(ceil_div(k, U256::from(new_quote))?)?;
			if new_base <= base {
				return Err(MathError::TradeTooSmall);
			}
			(SwapOutcome { base: new_base.saturating_sub(base), quote: dq }, new_base, new_quote)
		},
	};
	Ok(SwapResult { outcome, base_reserve: new_base, quote_reserve: new_quote })
}

/// Mark price `Q/B` as [`FixedU128`], rounded down.
pub fn mark_price(base: u128, quote: u128) -> Result<FixedU128, MathError> {
	if base == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	let inner = U256::from(quote)
		.checked_mul(U256::from(ONE))
		.and_then(|x| x.checked_div(U256::from(base)))
		.ok_or(MathError::Overflow)?;
	Ok(FixedU128::from_inner(to_u128(inner)?))
}

/// The traders' net base position `B0 - B` (positive = net long).
pub fn net_base(initial_base: u128, base: u128) -> Result<i128, MathError> {
	u128_to_i128(initial_base)?
		.checked_sub(u128_to_i128(base)?)
		.ok_or(MathError::Overflow)
}

/// Close-out value of the traders' net position `net` against reserves (`base`, `quote`, `k`),
/// in quote, signed from the traders' side, computed with exactly the swap a close would do:
///
/// * `net > 0` (net long): `+` the quote the pool pays to take `net` base back
///   (a short by base `net`);
/// * `net < 0` (net short): `-` the quote the shorts must pay to buy `|net|` back
///   (a long by base `|net|`); [`MathError::InsufficientLiquidity`] if the pool does not hold
///   `|net|` base;
/// * `0` when `net == 0` or the close rounds to zero.
pub fn close_out_value(base: u128, quote: u128, k: U256, net: i128) -> Result<i128, MathError> {
	let (direction, size) = match net {
		0 => return Ok(0),
		n if n > 0 => (Direction::Short, n.unsigned_abs()),
		n => (Direction::Long, n.unsigned_abs()),
	};
	match swap(base, quote, k, direction, SwapAmount::Base(size)) {
		Ok(r) => {
			let v = u128_to_i128(r.outcome.quote)?;
			Ok(if direction == Direction::Short {
				v
			} else {
				v.checked_neg().ok_or(MathError::Overflow)?
			})
		},
		Err(MathError::TradeTooSmall) => Ok(0),
		Err(e) => Err(e),
	}
}

/// Result of [`adjust_k`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct KAdjustment {
	/// New `B = floor(B * sqrt(ratio))`.
	pub base_reserve: u128,
	/// New `Q = ceil(Q * B_new / B)`: the price `Q/B` is kept (rounded up by less than
	/// `1/B_new` quote-wei per base-wei).
	pub quote_reserve: u128,
	/// New `k = B_new * Q_new` (exact product, so `B*Q >= k` holds with equality).
	pub k: U256,
	/// New `B0 = B_new + N`: the net base `N` of the traders is unchanged.
	pub initial_base_reserve: u128,
	/// `close_out_value(after) - close_out_value(before)` of the net position `N`: positive is
	/// a cost to the insurance fund, negative a gain.
	pub cost: i128,
}

/// `k · ratio` (rounded down); `Overflow` beyond `U256`.
pub fn scale_k(k: U256, ratio: FixedU128) -> Result<U256, MathError> {
	let wide = U512::from(k)
		.checked_mul(U512::from(ratio.into_inner()))
		.and_then(|x| x.checked_div(U512::from(ONE)))
		.ok_or(MathError::Overflow)?;
	U256::try_from(wide).map_err(|_| MathError::Overflow)
}

/// The ratio of one step from `k` towards `target`: `target / k` clamped to
/// `[1 / (1 + max_step), 1 + max_step]`, and whether the step reaches the target (not
/// clamped). `ZeroAmount` for a zero `k`.
pub fn k_step_ratio(
	k: U256,
	target: U256,
	max_step: Perbill,
) -> Result<(FixedU128, bool), MathError> {
	if k.is_zero() {
		return Err(MathError::ZeroAmount);
	}
	let wanted = U512::from(target)
		.checked_mul(U512::from(ONE))
		.and_then(|x| x.checked_div(U512::from(k)))
		.ok_or(MathError::Overflow)?;
	let up = ONE.checked_add(max_step.mul_floor(ONE)).ok_or(MathError::Overflow)?;
	// 1 / (1 + max_step), rounded up (the step never exceeds the bound)
	let down = ceil_div(
		U256::from(ONE).checked_mul(U256::from(ONE)).ok_or(MathError::Overflow)?,
		U256::from(up),
	)?;
	let down = to_u128(down)?;
	if wanted > U512::from(up) {
		Ok((FixedU128::from_inner(up), false))
	} else if wanted < U512::from(down) {
		Ok((FixedU128::from_inner(down), false))
	} else {
		let w = U256::try_from(wanted).map_err(|_| MathError::Overflow)?;
		Ok((FixedU128::from_inner(to_u128(w)?), true))
	}
}

/// Scale the reserves by `sqrt(ratio)` (so `k` by `ratio`), keeping the price and the traders'
/// net base, and compute the cost of the change for the net position.
pub fn adjust_k(
	base: u128,
	quote: u128,
	k: U256,
	initial_base: u128,
	ratio: FixedU128,
) -> Result<KAdjustment, MathError> {
	if ratio.is_zero() {
		return Err(MathError::ZeroAmount);
	}
	if base == 0 || quote == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	let net = net_base(initial_base, base)?;
	// B_new = floor(sqrt(floor(B^2 * ratio_inner / 10^18))); B^2 * ratio_inner < 2^384.
	let b = U512::from(base);
	let radicand = b
		.checked_mul(b)
		.and_then(|x| x.checked_mul(U512::from(ratio.into_inner())))
		.and_then(|x| x.checked_div(U512::from(ONE)))
		.ok_or(MathError::Overflow)?;
	let root = radicand.integer_sqrt();
	if root.bits() > 128 {
		return Err(MathError::Overflow);
	}
	let new_base = root.low_u128();
	if new_base == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	// Q_new = ceil(Q * B_new / B): keeps Q/B, rounding the price up (towards the pool).
	let new_quote = to_u128(ceil_div(
		U256::from(quote).checked_mul(U256::from(new_base)).ok_or(MathError::Overflow)?,
		U256::from(base),
	)?)?;
	if new_quote == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	let new_k = product(new_base, new_quote);
	let new_initial = u128_to_i128(new_base)?.checked_add(net).ok_or(MathError::Overflow)?;
	if new_initial <= 0 {
		// The net short would be larger than the whole new base reserve: it could never close.
		return Err(MathError::InsufficientLiquidity);
	}
	let before = close_out_value(base, quote, k, net)?;
	let after = close_out_value(new_base, new_quote, new_k, net)?;
	let cost = after.checked_sub(before).ok_or(MathError::Overflow)?;
	Ok(KAdjustment {
		base_reserve: new_base,
		quote_reserve: new_quote,
		k: new_k,
		initial_base_reserve: new_initial.unsigned_abs(),
		cost,
	})
}

/// The base reserve at which the mark of the curve `k` is `price`: `sqrt(k · 10^18 / price)`
/// (raw units), rounded down or up.
pub fn base_at_price(k: U256, price: FixedU128, round_up: bool) -> Result<u128, MathError> {
	if price.is_zero() {
		return Err(MathError::ZeroAmount);
	}
	let p = U512::from(price.into_inner());
	let scaled = U512::from(k).checked_mul(U512::from(ONE)).ok_or(MathError::Overflow)?;
	let radicand = scaled.checked_div(p).ok_or(MathError::ZeroAmount)?;
	let exact = scaled.checked_rem(p).is_some_and(|r| r.is_zero());
	let mut root = radicand.integer_sqrt();
	if round_up && !(exact && root.saturating_mul(root) == radicand) {
		root = root.saturating_add(U512::one());
	}
	if root.bits() > 128 {
		return Err(MathError::Overflow);
	}
	Ok(root.low_u128())
}

/// The most base a swap in `direction` can move through the pool (`base` reserve, curve `k`)
/// without taking the mark past `limit`: below it for a `Short` (the trader sells base), above
/// it for a `Long` (one wei of base to spare for the quote's rounding). Zero when the mark is
/// already past `limit`.
pub fn max_base_to_price(
	base: u128,
	k: U256,
	direction: Direction,
	limit: FixedU128,
) -> Result<u128, MathError> {
	Ok(match direction {
		Direction::Short => base_at_price(k, limit, false)?.saturating_sub(base),
		Direction::Long => base.saturating_sub(base_at_price(k, limit, true)?.saturating_add(1)),
	})
}
