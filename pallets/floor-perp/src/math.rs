//! Pure numerics of the clearing house: no storage access, no panics (every fallible step
//! returns `None`). Amounts are 18-decimal integers, prices `FixedU128` (also 18 decimals).
//!
//! Rounding always favours the system (the vault): what an account pays rounds up, what it
//! receives rounds down.

use crate::types::{Direction, Position, ONE};
use frame::arithmetic::{Bounded, FixedI128, FixedU128, One, PerThing, Perbill};
use frame::prelude::U256;

/// `a * b / c` in U256, rounded down or up; `None` on division by zero or overflow of `u128`.
pub fn mul_div(a: u128, b: u128, c: u128, round_up: bool) -> Option<u128> {
	if c == 0 {
		return None;
	}
	let num = U256::from(a).checked_mul(U256::from(b))?;
	let c = U256::from(c);
	let mut q = num.checked_div(c)?;
	if round_up && !num.checked_rem(c)?.is_zero() {
		q = q.checked_add(U256::one())?;
	}
	if q > U256::from(u128::MAX) {
		return None;
	}
	Some(q.as_u128())
}

/// `|v|` of an `i128` as `u128` (total, also for `i128::MIN`).
pub fn abs(v: i128) -> u128 {
	v.unsigned_abs()
}

/// `u128 -> i128`, `None` if it does not fit.
pub fn to_i128(v: u128) -> Option<i128> {
	i128::try_from(v).ok()
}

/// Signed `x * m / ONE` with `x` unsigned, `m` signed, rounded towards +∞ (`ceil = true`) or
/// towards −∞.
pub fn mul_signed(x: u128, m: i128, ceil: bool) -> Option<i128> {
	let neg = m < 0;
	// A positive result rounds up for ceil; a negative one rounds its magnitude down for ceil.
	let mag = mul_div(x, abs(m), ONE, ceil != neg)?;
	let mag = to_i128(mag)?;
	Some(if neg { mag.checked_neg()? } else { mag })
}

/// Quote value of `size` base at `price`, rounded down or up.
pub fn notional(size: u128, price: FixedU128, round_up: bool) -> Option<u128> {
	mul_div(size, price.into_inner(), ONE, round_up)
}

/// Price `quote / base` (rounded down); `None` for zero base.
pub fn average_price(base: u128, quote: u128) -> Option<FixedU128> {
	mul_div(quote, ONE, base, false).map(FixedU128::from_inner)
}

/// Unrealised PnL of `position` when closing it yields (long) or costs (short)
/// `position_notional`.
pub fn unrealised_pnl(position: &Position, position_notional: u128) -> Option<i128> {
	let value = to_i128(position_notional)?;
	let basis = to_i128(position.open_notional)?;
	if position.size > 0 {
		value.checked_sub(basis)
	} else if position.size < 0 {
		basis.checked_sub(value)
	} else {
		Some(0)
	}
}

/// Funding an account pays (positive) or receives (negative) since its last settlement.
///
/// Longs pay `size * (L_now - L_last)` (rounded up), shorts receive `|size| * (S_now - S_last)`
/// (rounded down); both indices are per unit of base.
pub fn funding_payment(size: i128, last_index: i128, current_index: i128) -> Option<i128> {
	if size == 0 {
		return Some(0);
	}
	let delta = current_index.checked_sub(last_index)?;
	if size > 0 {
		mul_signed(abs(size), delta, true)
	} else {
		// received = floor(|size| * delta); paid = -received
		mul_signed(abs(size), delta, false)?.checked_neg()
	}
}

/// Funding per unit of base for `elapsed` blocks: `clamp(mark - index, ±cap * index) * elapsed
/// / blocks_per_day`, truncated towards zero. Positive: longs pay.
pub fn funding_rate(
	mark_twap: FixedU128,
	index_twap: FixedU128,
	max_premium_per_day: Perbill,
	elapsed: u32,
	blocks_per_day: u32,
) -> Option<i128> {
	if blocks_per_day == 0 {
		return None;
	}
	let mark = to_i128(mark_twap.into_inner())?;
	let index = to_i128(index_twap.into_inner())?;
	let cap = to_i128(max_premium_per_day.mul_floor(index_twap.into_inner()))?;
	let premium = mark.checked_sub(index)?.clamp(cap.checked_neg()?, cap);
	let mag = mul_div(abs(premium), elapsed as u128, blocks_per_day as u128, false)?;
	let mag = to_i128(mag)?;
	Some(if premium < 0 { mag.checked_neg()? } else { mag })
}

/// How one funding round is split between longs, shorts and the insurance fund.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct FundingSplit {
	/// Added to the long index (paid per unit of long size).
	pub long_delta: i128,
	/// Added to the short index (received per unit of short size).
	pub short_delta: i128,
	/// The fund's share: received from the payers (positive; moved from the float now as far
	/// as it holds it, the rest as the payers settle) or paid by the fund into the float
	/// (negative).
	pub fund_delta: i128,
}

/// Split a funding `rate` (per unit, positive = longs pay) between longs and shorts given the
/// open interest. The vAMM is the counterparty of the imbalance `OI_long - OI_short`: its share
/// is received by the insurance fund (moved from the float, as far as the float holds it; the
/// payers refill the float when they settle) or paid by the fund, capped by the fund: the side
/// that is owed is paid less when the fund cannot pay (funding never creates money).
pub fn split_funding(
	rate: i128,
	oi_long: u128,
	oi_short: u128,
	fund: u128,
	float: u128,
) -> Option<FundingSplit> {
	let r = abs(rate);
	// payers and receivers by sign of the rate
	let (oi_pay, oi_recv) = if rate >= 0 { (oi_long, oi_short) } else { (oi_short, oi_long) };
	let (pay_delta, recv_delta, fund_delta): (u128, u128, i128) = if oi_recv > oi_pay {
		let deficit = mul_div(r, oi_recv.saturating_sub(oi_pay), ONE, true)?;
		let paid = deficit.min(fund);
		let paid_by_payers = mul_div(r, oi_pay, ONE, false)?;
		let recv = mul_div(paid_by_payers.checked_add(paid)?, ONE, oi_recv, false)?.min(r);
		(r, recv, to_i128(paid)?.checked_neg()?)
	} else {
		let surplus = mul_div(r, oi_pay.saturating_sub(oi_recv), ONE, false)?;
		let _ = float;
		(r, r, to_i128(surplus)?)
	};
	let pay_delta = to_i128(pay_delta)?;
	let recv_delta = to_i128(recv_delta)?;
	Some(if rate >= 0 {
		FundingSplit { long_delta: pay_delta, short_delta: recv_delta, fund_delta }
	} else {
		// shorts pay: their "received" index goes down; longs receive: their "paid" index
		// goes down.
		FundingSplit {
			long_delta: recv_delta.checked_neg()?,
			short_delta: pay_delta.checked_neg()?,
			fund_delta,
		}
	})
}

/// Equity `cash + uPnL - funding_owed`.
pub fn equity(cash: u128, upnl: i128, funding_owed: i128) -> Option<i128> {
	to_i128(cash)?.checked_add(upnl)?.checked_sub(funding_owed)
}

/// Margin ratio `equity / notional`; `None` for zero notional.
pub fn margin_ratio(equity: i128, notional: u128) -> Option<FixedI128> {
	if notional == 0 {
		return None;
	}
	let mag = mul_div(abs(equity), ONE, notional, false)?;
	let mag = to_i128(mag)?;
	Some(FixedI128::from_inner(if equity < 0 { mag.checked_neg()? } else { mag }))
}

/// Whether `equity >= ratio * notional` (the requirement rounded up).
pub fn meets_ratio(equity: i128, notional: u128, ratio: Perbill) -> bool {
	let need = ratio.mul_ceil(notional);
	match to_i128(need) {
		Some(need) => equity >= need,
		None => false,
	}
}

/// Mark price at which the margin ratio of `position` reaches `maintenance`, ignoring slippage
/// (`margin` = cash − funding owed):
/// long: `p = (ON − m) / (q (1 − mm))`; short: `p = (ON + m) / (q (1 + mm))`.
pub fn liquidation_price(
	position: &Position,
	margin: i128,
	maintenance: Perbill,
) -> Option<FixedU128> {
	let q = abs(position.size);
	if q == 0 {
		return None;
	}
	let on = to_i128(position.open_notional)?;
	let mm = maintenance.deconstruct() as u128;
	let parts = Perbill::ACCURACY as u128;
	if position.size > 0 {
		let num = on.checked_sub(margin)?;
		if num <= 0 {
			return None;
		}
		let denom = mul_div(q, parts.checked_sub(mm)?, parts, false)?;
		mul_div(abs(num), ONE, denom, false).map(FixedU128::from_inner)
	} else {
		let num = on.checked_add(margin)?;
		if num <= 0 {
			return None;
		}
		let denom = mul_div(q, parts.checked_add(mm)?, parts, false)?;
		mul_div(abs(num), ONE, denom, false).map(FixedU128::from_inner)
	}
}

/// Coverage of the longs' claims: `available / claims`, 1 when nothing is claimed; saturates.
///
/// `available` is the cash the market holds for the longs (their cash, the float, and the cash
/// of cash-margined shorts backing the shorts' unrealised loss); `claims` what the longs can
/// claim (their cash plus their unrealised profit at mark).
pub fn long_coverage(available: u128, claims: u128) -> FixedU128 {
	if claims == 0 {
		return FixedU128::one();
	}
	mul_div(available, ONE, claims, false)
		.map(FixedU128::from_inner)
		.unwrap_or(FixedU128::max_value())
}

/// Margin ratio a new or increased long must hold (dynamic collateral for longs).
///
/// With `im` the initial margin and `ρ` the coverage ([`long_coverage`]):
/// * `ρ >= 1`: `im` (the market can pay every long);
/// * `ρ <= 1 − im`: 100% (fully collateralised, 1x);
/// * in between, linear: `im + (1 − im) · (1 − ρ) / im` — continuous at both ends.
///
/// The floor `1 − im` is where the shortfall of the market exceeds the share of notional a
/// leveraged long brings in, so any leverage would add unbacked claims.
pub fn long_margin_requirement(initial_margin: Perbill, available: u128, claims: u128) -> Perbill {
	ramp(initial_margin, long_coverage(available, claims))
}

/// The ramp of [`long_margin_requirement`] as a function of the coverage.
pub fn ramp(initial_margin: Perbill, coverage: FixedU128) -> Perbill {
	let one = ONE;
	let cov = coverage.into_inner();
	if cov >= one {
		return initial_margin;
	}
	let im_parts = initial_margin.deconstruct() as u128;
	let acc = Perbill::ACCURACY as u128;
	if im_parts == 0 {
		return Perbill::one();
	}
	// shortfall (1 - ρ) in Perbill parts, rounded up
	let shortfall = match mul_div(one.saturating_sub(cov), acc, one, true) {
		Some(s) => s,
		None => return Perbill::one(),
	};
	if shortfall >= im_parts {
		return Perbill::one();
	}
	// im + (1 - im) * shortfall / im
	let extra = mul_div(acc.saturating_sub(im_parts), shortfall, im_parts, true).unwrap_or(acc);
	let total = im_parts.saturating_add(extra).min(acc);
	Perbill::from_parts(total as u32)
}

/// Result of applying a fill to a position.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Fill {
	/// The new position (funding index untouched).
	pub position: Position,
	/// Realised PnL of the reduced part.
	pub realised_pnl: i128,
	/// Base closed.
	pub closed: u128,
	/// Base opened (added, possibly on the other side).
	pub opened: u128,
}

/// Apply a fill of `base` against `quote` in `direction` to `position`: increase, reduce, close
/// or flip (past zero the quote is split pro rata, in the system's favour).
pub fn apply_fill(position: &Position, direction: Direction, base: u128, quote: u128) -> Option<Fill> {
	let base_i = to_i128(base)?;
	let delta = match direction {
		Direction::Long => base_i,
		Direction::Short => base_i.checked_neg()?,
	};
	let cur = position.size;
	let same = cur == 0 || (cur > 0) == (delta > 0);
	if same {
		return Some(Fill {
			position: Position {
				size: cur.checked_add(delta)?,
				open_notional: position.open_notional.checked_add(quote)?,
				last_cumulative_funding: position.last_cumulative_funding,
			},
			realised_pnl: 0,
			closed: 0,
			opened: base,
		});
	}
	let held = abs(cur);
	let is_long = cur > 0;
	let (close_base, close_quote, open_base, open_quote) = if base <= held {
		(base, quote, 0u128, 0u128)
	} else {
		// a long closing sells: receives less (round down); a short closing buys: pays more.
		let cq = mul_div(quote, held, base, !is_long)?.min(quote);
		(held, cq, base.saturating_sub(held), quote.saturating_sub(cq))
	};
	let removed = if close_base == held {
		position.open_notional
	} else {
		// longs: remove more basis (less pnl); shorts: remove less basis (less pnl)
		mul_div(position.open_notional, close_base, held, is_long)?.min(position.open_notional)
	};
	let pnl = if is_long {
		to_i128(close_quote)?.checked_sub(to_i128(removed)?)?
	} else {
		to_i128(removed)?.checked_sub(to_i128(close_quote)?)?
	};
	let size = cur.checked_add(delta)?;
	let open_notional =
		if open_base > 0 { open_quote } else { position.open_notional.saturating_sub(removed) };
	Some(Fill {
		position: Position {
			size,
			open_notional: if size == 0 { 0 } else { open_notional },
			last_cumulative_funding: position.last_cumulative_funding,
		},
		realised_pnl: pnl,
		closed: close_base,
		opened: open_base,
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	fn p(x: u128) -> FixedU128 {
		FixedU128::from_inner(x * ONE)
	}

	#[test]
	fn mul_div_rounds() {
		assert_eq!(mul_div(10, 1, 3, false), Some(3));
		assert_eq!(mul_div(10, 1, 3, true), Some(4));
		assert_eq!(mul_div(9, 1, 3, true), Some(3));
		assert_eq!(mul_div(1, 1, 0, true), None);
		assert_eq!(mul_div(u128::MAX, 2, 1, false), None);
	}

	#[test]
	fn signed_rounding_favours_system() {
		// long pays 1/3 -> rounds up to 1 unit
		assert_eq!(funding_payment(1, 0, ONE as i128 / 3 * 1), Some(1));
		// short receives floor
		assert_eq!(funding_payment(-1, 0, ONE as i128 / 3), Some(0));
		// short pays when index decreases: rounds up
		assert_eq!(funding_payment(-1, 0, -(ONE as i128) / 3), Some(1));
		// long receives when index decreases: rounds down (in magnitude)
		assert_eq!(funding_payment(1, 0, -(ONE as i128) / 3), Some(0));
		assert_eq!(funding_payment(2 * ONE as i128, 0, ONE as i128 / 10), Some(ONE as i128 / 5));
	}

	#[test]
	fn funding_rate_clamps_and_scales() {
		// mark 105, index 100, cap 10%/day -> premium 5, one hour of a 24h day -> 5/24
		let r = funding_rate(p(105), p(100), Perbill::from_percent(10), 1800, 43200).unwrap();
		assert_eq!(r, (5 * ONE / 24) as i128);
		// mark 150 clamps at 10
		let r = funding_rate(p(150), p(100), Perbill::from_percent(10), 43200, 43200).unwrap();
		assert_eq!(r, (10 * ONE) as i128);
		let r = funding_rate(p(50), p(100), Perbill::from_percent(10), 43200, 43200).unwrap();
		assert_eq!(r, -((10 * ONE) as i128));
	}

	#[test]
	fn split_balanced_and_capped() {
		// balanced: no fund
		let s = split_funding(ONE as i128, 5 * ONE, 5 * ONE, 0, 0).unwrap();
		assert_eq!(s, FundingSplit { long_delta: ONE as i128, short_delta: ONE as i128, fund_delta: 0 });
		// net short, f > 0: fund pays the extra shorts, capped by fund = 1
		let s = split_funding(ONE as i128, 2 * ONE, 4 * ONE, ONE, 0).unwrap();
		// shorts receive (2 + 1)/4 = 0.75 per unit
		assert_eq!(s.short_delta, (3 * ONE / 4) as i128);
		assert_eq!(s.fund_delta, -(ONE as i128));
		// net long, f > 0: surplus 2 goes to the fund
		let s = split_funding(ONE as i128, 4 * ONE, 2 * ONE, 0, ONE).unwrap();
		assert_eq!(s.fund_delta, 2 * ONE as i128);
		assert_eq!(s.short_delta, ONE as i128);
		// f < 0, net long: longs receive, fund pays the deficit
		let s = split_funding(-(ONE as i128), 4 * ONE, 2 * ONE, 10 * ONE, 0).unwrap();
		assert_eq!(s.long_delta, -(ONE as i128));
		assert_eq!(s.short_delta, -(ONE as i128));
		assert_eq!(s.fund_delta, -2 * ONE as i128);
	}

	#[test]
	fn fills_increase_reduce_flip() {
		let pos = Position { size: 10 * ONE as i128, open_notional: 100 * ONE, last_cumulative_funding: 0 };
		// reduce half at 12
		let f = apply_fill(&pos, Direction::Short, 5 * ONE, 60 * ONE).unwrap();
		assert_eq!(f.realised_pnl, 10 * ONE as i128);
		assert_eq!(f.position.size, 5 * ONE as i128);
		assert_eq!(f.position.open_notional, 50 * ONE);
		// flip: sell 15 for 150 -> close 10 for 100 (pnl 0), open short 5 for 50
		let f = apply_fill(&pos, Direction::Short, 15 * ONE, 150 * ONE).unwrap();
		assert_eq!(f.realised_pnl, 0);
		assert_eq!(f.position.size, -5 * ONE as i128);
		assert_eq!(f.position.open_notional, 50 * ONE);
		// increase
		let f = apply_fill(&pos, Direction::Long, ONE, 11 * ONE).unwrap();
		assert_eq!(f.position.size, 11 * ONE as i128);
		assert_eq!(f.position.open_notional, 111 * ONE);
		// short close all at a loss
		let s = Position { size: -(2 * ONE as i128), open_notional: 20 * ONE, last_cumulative_funding: 0 };
		let f = apply_fill(&s, Direction::Long, 2 * ONE, 26 * ONE).unwrap();
		assert_eq!(f.realised_pnl, -6 * ONE as i128);
		assert_eq!(f.position, Position::default());
	}

	#[test]
	fn dynamic_requirement_seed_example() {
		// Seed: Bob bought 1 perp at 1 fully paid (long cash 1), the perp is at 6: claims 1 + 5.
		// The market holds 1 (float 0): coverage 1/6 -> 100%: Charlie must post the full 6.
		let im = Perbill::from_percent(50); // Charlie wants 2x
		let req = long_margin_requirement(im, ONE, 6 * ONE);
		assert_eq!(req, Perbill::one());
		assert_eq!(req.mul_ceil(6 * ONE), 6 * ONE);
		// covered market: plain initial margin
		assert_eq!(long_margin_requirement(im, 6 * ONE, 6 * ONE), im);
		// ramp is continuous and monotone
		let im = Perbill::from_percent(10);
		assert_eq!(ramp(im, FixedU128::one()), im);
		assert_eq!(ramp(im, FixedU128::from_rational(95, 100)), Perbill::from_percent(55));
		assert_eq!(ramp(im, FixedU128::from_rational(90, 100)), Perbill::one());
		let mut last = Perbill::zero();
		for c in (80..=101).rev() {
			let r = ramp(im, FixedU128::from_rational(c, 100));
			assert!(r >= last);
			last = r;
		}
	}

	#[test]
	fn liquidation_price_long_short() {
		// long 10 @ 10 (ON 100) with margin 10, mm 6.25%: p = 90 / (10 * 0.9375) = 9.6
		let pos = Position { size: 10 * ONE as i128, open_notional: 100 * ONE, last_cumulative_funding: 0 };
		let lp = liquidation_price(&pos, 10 * ONE as i128, Perbill::from_parts(62_500_000)).unwrap();
		assert_eq!(lp, FixedU128::from_rational(96, 10));
		let pos = Position { size: -(10 * ONE as i128), open_notional: 100 * ONE, last_cumulative_funding: 0 };
		let lp = liquidation_price(&pos, 10 * ONE as i128, Perbill::from_parts(62_500_000)).unwrap();
		// 110 / 10.625
		assert_eq!(lp.into_inner(), mul_div(110 * ONE, ONE, 10_625_000_000_000_000_000, false).unwrap());
	}
}
