//! Pure numerics of the clearing house: no storage access, no panics (every fallible step
//! returns `None`). Amounts are 18-decimal integers, prices `FixedU128` (also 18 decimals).
//!
//! Rounding always favours the system (the vault): what an account pays rounds up, what it
//! receives rounds down.

use crate::types::{Direction, Position, ONE};
use frame::arithmetic::{Bounded, FixedI128, FixedU128, One, PerThing, Perbill, Zero};
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

/// The edge of the mark–index band `index · (1 ± max_spread)` that closing a position moves
/// towards: the lower edge when a long is closed (selling), the upper one for a short.
pub fn band_edge(index: FixedU128, max_spread: Perbill, closing_long: bool) -> FixedU128 {
	let band = max_spread.mul_floor(index.into_inner());
	FixedU128::from_inner(if closing_long {
		index.into_inner().saturating_sub(band)
	} else {
		index.into_inner().saturating_add(band)
	})
}

/// The exact time-weighted mean price over a window of `blocks` blocks, from a cumulative
/// price accumulator read at the window's start (`start`) and end (`end`):
/// `(end − start) / blocks`. `None` for an empty window, an accumulator that went backwards or
/// a mean beyond `u128`.
pub fn window_mean(start: U256, end: U256, blocks: u32) -> Option<FixedU128> {
	if blocks == 0 || end < start {
		return None;
	}
	let mean = end.checked_sub(start)?.checked_div(U256::from(blocks))?;
	if mean > U256::from(u128::MAX) {
		return None;
	}
	Some(FixedU128::from_inner(mean.as_u128()))
}

/// The close-out value of a position valued at the worse, for the account, of the mark and a
/// `reference` price (the index): a long's value `close_out` (what closing it at the vAMM
/// yields) is scaled down by `reference / mark` when the reference is below the mark; a short's
/// cost (what closing it costs) is scaled up when the reference is above the mark. Otherwise
/// the vAMM close-out stands. Rounded against the account. `None` for a zero mark or overflow.
///
/// Why it works: with the mark kept within `max_spread` of the index by every trade but a
/// liquidation, an account valued this way at initial margin loses at most `max_spread` of its
/// value whatever the mark does inside the band, so it cannot be bankrupt by mark moves alone.
pub fn guarded_value(
	long: bool,
	close_out: u128,
	mark: FixedU128,
	reference: FixedU128,
) -> Option<u128> {
	if mark.is_zero() {
		return None;
	}
	if long && reference < mark {
		mul_div(close_out, reference.into_inner(), mark.into_inner(), false)
	} else if !long && reference > mark {
		mul_div(close_out, reference.into_inner(), mark.into_inner(), true)
	} else {
		Some(close_out)
	}
}

/// The close-out value of a position at the better, for its holder, of the mark and the
/// `reference` price — the mirror of [`guarded_value`]: a long's value is scaled up by
/// `reference / mark` when the reference is above the mark, a short's cost scaled down when it
/// is below. Rounded in the holder's favour. Variation margin takes an open loser's loss at
/// this value, so that pushing the mark inside a block cannot make anyone pay more.
pub fn favourable_value(
	long: bool,
	close_out: u128,
	mark: FixedU128,
	reference: FixedU128,
) -> Option<u128> {
	if mark.is_zero() {
		return None;
	}
	if long && reference > mark {
		mul_div(close_out, reference.into_inner(), mark.into_inner(), true)
	} else if !long && reference < mark {
		mul_div(close_out, reference.into_inner(), mark.into_inner(), false)
	} else {
		Some(close_out)
	}
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
pub fn apply_fill(
	position: &Position,
	direction: Direction,
	base: u128,
	quote: u128,
) -> Option<Fill> {
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
				last_growth: position.last_growth,
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
			last_growth: position.last_growth,
		},
		realised_pnl: pnl,
		closed: close_base,
		opened: open_base,
	})
}

// ---------------------------------------------------------------------------------------------
// NFT collateral (part 2)
// ---------------------------------------------------------------------------------------------

/// Funding a long pays (positive) or receives (negative) since its last settlement, with the
/// long index `C` weighted by the in-kind growth product: `q_last · (C_now − C_last) / G_last`
/// (rounded up when paying). `g_last = 0` means `G_last = 1`.
pub fn long_funding_payment(
	size: u128,
	last_index: i128,
	current_index: i128,
	g_last: FixedU128,
) -> Option<i128> {
	if size == 0 {
		return Some(0);
	}
	let g = if g_last.is_zero() { ONE } else { g_last.into_inner() };
	let delta = current_index.checked_sub(last_index)?;
	let pays = delta > 0;
	let mag = to_i128(mul_div(size, abs(delta), g, pays)?)?;
	Some(if pays { mag } else { mag.checked_neg()? })
}

/// Per-normalised-unit increment of the long index for a round paying `per_unit` (per unit of
/// current long size) while the growth product is `g`: `per_unit · G` (rounded up).
pub fn weighted_long_delta(per_unit: i128, g: FixedU128) -> Option<i128> {
	mul_signed(g.into_inner(), per_unit, true)
}

/// Size of a long settled at growth `g_last` now that the product is `g_now` (rounded down:
/// the dust stays with `long_growth_pending`). `g_last = 0` means no growth.
pub fn grow(size: u128, g_last: FixedU128, g_now: FixedU128) -> Option<u128> {
	if g_last.is_zero() || g_last == g_now {
		return Some(size);
	}
	mul_div(size, g_now.into_inner(), g_last.into_inner(), false).map(|s| s.max(size))
}

/// New growth product after `minted` base is credited pro rata to a long side of total size
/// `longs`: `G · (longs + minted) / longs` (rounded down). `None` without longs.
pub fn grown_product(g: FixedU128, longs: u128, minted: u128) -> Option<FixedU128> {
	if longs == 0 {
		return None;
	}
	let total = longs.checked_add(minted)?;
	mul_div(g.into_inner(), total, longs, false).map(FixedU128::from_inner)
}

/// Size to mint in kind for `owed` quote of funding at `mark`: `dq = owed / mark` (rounded up:
/// the payer pays the rounding). `None` for a zero mark.
pub fn in_kind_size(owed: u128, mark: FixedU128) -> Option<u128> {
	mul_div(owed, ONE, mark.into_inner(), true)
}

/// `n · i`: quote value of `n` NFTs at index `i` (one NFT covers one perp).
pub fn nft_value(n: u32, index: FixedU128) -> Option<u128> {
	(n as u128).checked_mul(index.into_inner())
}

/// Whether an NFT-backed short of `size` (base) with cash `c` and `n` NFTs is covered at index
/// `i` with an extra `safety` margin on the liability: `|q|·i·(1 + safety) ≤ c + n·i`.
/// Exact (U256, no rounding). The seed's liquidation test is `!nft_covered(.., 0)`, i.e.
/// `q·i > c + n·i`.
pub fn nft_covered(size: u128, cash: u128, n: u32, index: FixedU128, safety: Perbill) -> bool {
	let i = U256::from(index.into_inner());
	let one = U256::from(ONE);
	let billion = U256::from(Perbill::ACCURACY);
	// |q| · i / ONE · (1e9 + safety) ≤ (c + n·i) · 1e9, both sides times ONE
	let lhs = U256::from(size)
		.checked_mul(i)
		.and_then(|v| v.checked_mul(billion.saturating_add(U256::from(safety.deconstruct()))));
	let rhs = U256::from(cash)
		.checked_add(U256::from(n).saturating_mul(i))
		.and_then(|v| v.checked_mul(one))
		.and_then(|v| v.checked_mul(billion));
	match (lhs, rhs) {
		(Some(l), Some(r)) => l <= r,
		_ => false,
	}
}

/// How an NFT-backed short pays `owed` of funding: cash first, the rest in kind at `mark`.
/// Returns `(cash paid, value paid in kind, size minted)`.
pub fn split_in_kind(owed: u128, cash: u128, mark: FixedU128) -> Option<(u128, u128, u128)> {
	let from_cash = owed.min(cash);
	let rest = owed.saturating_sub(from_cash);
	let minted = if rest == 0 { 0 } else { in_kind_size(rest, mark)? };
	Some((from_cash, rest, minted))
}

/// Number of NFTs to auction for `debt` when each is expected to fetch at least `reserve`:
/// `ceil(debt / reserve)`, at least 1, at most `available`.
pub fn nfts_to_auction(debt: u128, reserve: u128, available: u32) -> u32 {
	if debt == 0 || available == 0 {
		return 0;
	}
	let k = if reserve == 0 { available as u128 } else { debt.div_ceil(reserve) };
	k.clamp(1, available as u128) as u32
}

/// Minimum acceptable next bid: the reserve without a bid, else `best + max(1, inc · best)`.
pub fn min_next_bid(reserve: u128, best: Option<u128>, increment: Perbill) -> u128 {
	match best {
		None => reserve.max(1),
		Some(b) => b.saturating_add(increment.mul_ceil(b).max(1)),
	}
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
		assert_eq!(funding_payment(1, 0, ONE as i128 / 3), Some(1));
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
		assert_eq!(
			s,
			FundingSplit { long_delta: ONE as i128, short_delta: ONE as i128, fund_delta: 0 }
		);
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
		let pos = Position {
			size: 10 * ONE as i128,
			open_notional: 100 * ONE,
			last_cumulative_funding: 0,
			..Default::default()
		};
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
		let s = Position {
			size: -(2 * ONE as i128),
			open_notional: 20 * ONE,
			last_cumulative_funding: 0,
			..Default::default()
		};
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
		let pos = Position {
			size: 10 * ONE as i128,
			open_notional: 100 * ONE,
			last_cumulative_funding: 0,
			..Default::default()
		};
		let lp =
			liquidation_price(&pos, 10 * ONE as i128, Perbill::from_parts(62_500_000)).unwrap();
		assert_eq!(lp, FixedU128::from_rational(96, 10));
		let pos = Position {
			size: -(10 * ONE as i128),
			open_notional: 100 * ONE,
			last_cumulative_funding: 0,
			..Default::default()
		};
		let lp =
			liquidation_price(&pos, 10 * ONE as i128, Perbill::from_parts(62_500_000)).unwrap();
		// 110 / 10.625
		assert_eq!(
			lp.into_inner(),
			mul_div(110 * ONE, ONE, 10_625_000_000_000_000_000, false).unwrap()
		);
	}

	// -----------------------------------------------------------------------------------------
	// NFT collateral (part 2)
	// -----------------------------------------------------------------------------------------

	#[test]
	fn split_in_kind_seed() {
		// seed: owed 0.2 · 0.5 = 0.1, no cash, mark 10 -> 0.01 minted; 0.5 + 0.01 = 0.51
		let (cash, value, minted) = split_in_kind(ONE / 10, 0, p(10)).unwrap();
		assert_eq!((cash, value, minted), (0, ONE / 10, ONE / 100));
		assert_eq!(ONE / 2 + minted, 510_000_000_000_000_000);
		// cash first: 0.04 of 0.1 -> 0.06 in kind -> 0.006
		assert_eq!(
			split_in_kind(ONE / 10, 4 * ONE / 100, p(10)),
			Some((4 * ONE / 100, 6 * ONE / 100, 6 * ONE / 1_000))
		);
		// enough cash: nothing in kind (even at a zero mark)
		assert_eq!(split_in_kind(ONE / 10, ONE, p(10)), Some((ONE / 10, 0, 0)));
		assert_eq!(split_in_kind(ONE / 10, ONE / 10, FixedU128::zero()), Some((ONE / 10, 0, 0)));
		// the payer pays the rounding: 1 wei at mark 10 mints 1 wei (not 0)
		assert_eq!(split_in_kind(1, 0, p(10)), Some((0, 1, 1)));
		assert_eq!(split_in_kind(11, 0, p(10)), Some((0, 11, 2)));
		// a zero mark cannot convert
		assert_eq!(split_in_kind(1, 0, FixedU128::zero()), None);
		assert_eq!(
			in_kind_size(ONE / 10, FixedU128::from_rational(3, 1)),
			Some(33_333_333_333_333_334)
		);
	}

	#[test]
	fn nft_covered_boundary() {
		let i = p(20);
		// 1 perp, 1 NFT at 20: exactly covered
		assert!(nft_covered(ONE, 0, 1, i, Perbill::zero()));
		assert!(!nft_covered(ONE + 1, 0, 1, i, Perbill::zero()));
		// 1 wei of size is worth 20 wei: 20 wei of cash covers it, 19 do not
		assert!(nft_covered(ONE + 1, 20, 1, i, Perbill::zero()));
		assert!(!nft_covered(ONE + 1, 19, 1, i, Perbill::zero()));
		// no NFT: cash alone
		assert!(nft_covered(ONE, 20 * ONE, 0, i, Perbill::zero()));
		assert!(!nft_covered(ONE, 20 * ONE - 1, 0, i, Perbill::zero()));
		// 10% safety: 10 · 20 · 1.1 = 220 ≤ 20 + 200
		let s = Perbill::from_percent(10);
		assert!(nft_covered(10 * ONE, 20 * ONE, 10, i, s));
		assert!(!nft_covered(10 * ONE, 20 * ONE - 1, 10, i, s));
		// index with decimals: 0.99485 · 10.2 ≤ 10.2; 1.0047985 · 10.2 > 10.2
		let i = FixedU128::from_rational(102, 10);
		assert!(nft_covered(994_850_000_000_000_000, 0, 1, i, Perbill::zero()));
		assert!(!nft_covered(1_004_798_500_000_000_000, 0, 1, i, Perbill::zero()));
		// a zero size is always covered; huge numbers do not panic (overflow = not covered)
		assert!(nft_covered(0, 0, 0, i, Perbill::zero()));
		assert!(!nft_covered(u128::MAX, 0, 1, FixedU128::from_inner(u128::MAX), Perbill::one()));
		assert_eq!(nft_value(10, p(20)), Some(200 * ONE));
		assert_eq!(nft_value(2, FixedU128::from_inner(u128::MAX)), None);
	}

	#[test]
	fn growth_product_and_grow() {
		let g1 = grown_product(FixedU128::one(), ONE / 2, ONE / 100).unwrap();
		assert_eq!(g1, FixedU128::from_inner(1_020_000_000_000_000_000));
		assert_eq!(grow(ONE / 2, FixedU128::one(), g1), Some(510_000_000_000_000_000));
		// two rounds multiply: 1.01 · 1.01
		let g = grown_product(FixedU128::one(), 985 * ONE / 1_000, 9_850_000_000_000_000).unwrap();
		assert_eq!(g, FixedU128::from_inner(1_010_000_000_000_000_000));
		let g2 = grown_product(g, 994_850_000_000_000_000, 9_948_500_000_000_000).unwrap();
		assert_eq!(g2, FixedU128::from_inner(1_020_100_000_000_000_000));
		assert_eq!(grow(985 * ONE / 1_000, FixedU128::one(), g2), Some(1_004_798_500_000_000_000));
		// a long settled after round 1 grows by round 2 only
		assert_eq!(grow(994_850_000_000_000_000, g, g2), Some(1_004_798_500_000_000_000));
		// rounded down (dust stays pending)
		assert_eq!(
			grown_product(FixedU128::one(), 3, 1),
			Some(FixedU128::from_inner(1_333_333_333_333_333_333))
		);
		assert_eq!(grow(ONE / 3, FixedU128::one(), g1), Some(339_999_999_999_999_999));
		assert_eq!(grow(10, FixedU128::from_inner(3), FixedU128::from_inner(4)), Some(13));
		// no growth: zero last (opened before any round) or the same product
		assert_eq!(grow(7, FixedU128::zero(), g1), Some(7));
		assert_eq!(grow(7, g1, g1), Some(7));
		// never shrinks
		assert_eq!(grow(100, g1, FixedU128::one()), Some(100));
		// no longs: no product
		assert_eq!(grown_product(FixedU128::one(), 0, ONE), None);
		assert_eq!(grown_product(FixedU128::one(), ONE, 0), Some(FixedU128::one()));
	}

	#[test]
	fn long_funding_payment_weighted_by_growth() {
		let half = ONE / 2;
		// plain: 0.5 · 0.2 = 0.1 paid; 0 means G_last = 1
		assert_eq!(
			long_funding_payment(half, 0, 200_000_000_000_000_000, FixedU128::zero()),
			Some(ONE as i128 / 10)
		);
		assert_eq!(
			long_funding_payment(half, 0, 200_000_000_000_000_000, FixedU128::one()),
			Some(ONE as i128 / 10)
		);
		// receiving
		assert_eq!(
			long_funding_payment(half, 0, -200_000_000_000_000_000, FixedU128::one()),
			Some(-(ONE as i128) / 10)
		);
		// the index is per normalised unit: divided by G_last
		assert_eq!(
			long_funding_payment(half, 0, 200_000_000_000_000_000, p(2)),
			Some(ONE as i128 / 20)
		);
		// seed round: credited −0.2, pays back +0.2 · G(=1): net zero
		let c = weighted_long_delta(-200_000_000_000_000_000, FixedU128::one()).unwrap();
		let c = c + weighted_long_delta(200_000_000_000_000_000, FixedU128::one()).unwrap();
		assert_eq!(long_funding_payment(half, 0, c, FixedU128::one()), Some(0));
		// after growth 1.02, a round of 0.1 per current unit: index + 0.102; a long of 0.5
		// settled at G = 1 (now 0.51) pays 0.51 · 0.1 = 0.051
		let d =
			weighted_long_delta(ONE as i128 / 10, FixedU128::from_inner(1_020_000_000_000_000_000))
				.unwrap();
		assert_eq!(d, 102_000_000_000_000_000);
		assert_eq!(
			long_funding_payment(half, 0, d, FixedU128::one()),
			Some(51_000_000_000_000_000)
		);
		// rounding: paying rounds up, receiving rounds down
		assert_eq!(long_funding_payment(1, 0, 1, p(3)), Some(1));
		assert_eq!(long_funding_payment(1, 0, -1, p(3)), Some(0));
		assert_eq!(long_funding_payment(0, 0, ONE as i128, FixedU128::one()), Some(0));
		assert_eq!(long_funding_payment(1, 0, 0, FixedU128::one()), Some(0));
	}

	#[test]
	fn nfts_to_auction_rounds_up_within_bounds() {
		// seed: debt 0.2178, reserve 9.18 -> one NFT
		assert_eq!(nfts_to_auction(217_784_057_794_326_419, 9_180_000_000_000_000_000, 1), 1);
		assert_eq!(nfts_to_auction(9, 3, 5), 3);
		assert_eq!(nfts_to_auction(10, 3, 5), 4);
		assert_eq!(nfts_to_auction(100, 3, 5), 5);
		assert_eq!(nfts_to_auction(1, 100, 5), 1);
		// no debt or nothing to sell: none
		assert_eq!(nfts_to_auction(0, 3, 5), 0);
		assert_eq!(nfts_to_auction(10, 3, 0), 0);
		// zero reserve: all
		assert_eq!(nfts_to_auction(10, 0, 5), 5);
		assert_eq!(nfts_to_auction(u128::MAX, 1, u32::MAX), u32::MAX);
	}

	#[test]
	fn min_next_bid_reserve_then_increment() {
		let inc = Perbill::from_percent(1);
		assert_eq!(min_next_bid(9_180_000_000_000_000_000, None, inc), 9_180_000_000_000_000_000);
		assert_eq!(min_next_bid(0, None, inc), 1);
		// best + 1% (rounded up), at least 1 wei more; the reserve no longer matters
		assert_eq!(
			min_next_bid(9_180_000_000_000_000_000, Some(9_180_000_000_000_000_000), inc),
			9_271_800_000_000_000_000
		);
		assert_eq!(min_next_bid(1_000 * ONE, Some(100), inc), 101);
		assert_eq!(min_next_bid(0, Some(1_001), inc), 1_012);
		assert_eq!(min_next_bid(0, Some(50), inc), 51);
		assert_eq!(min_next_bid(0, Some(50), Perbill::zero()), 51);
		assert_eq!(min_next_bid(0, Some(u128::MAX), inc), u128::MAX);
	}
}
