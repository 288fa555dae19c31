//! Pure numerics of the floor index: decimal parsing, median, clamp. No storage, no panics.

use frame::arithmetic::{FixedU128, Perbill, Zero};

use floorperp_primitives::ONE;

/// Parse a non-negative decimal string (`digits[.digits]`, no sign, no exponent) carrying
/// `decimals` decimals into a `FixedU128` (18 decimals). Digits beyond 18 decimals after the
/// conversion are truncated. `None` for anything else or on overflow.
pub fn parse_decimal(s: &str, decimals: u8) -> Option<FixedU128> {
	let (int, frac) = match s.split_once('.') {
		Some((i, f)) => (i, f),
		None => (s, ""),
	};
	if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
		return None;
	}
	if s.contains('.') && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit())) {
		return None;
	}
	// value = int.frac / 10^decimals; keep 18 decimals: digits = int ++ frac, exponent
	// = 18 - frac.len() - decimals
	let mut digits: u128 = 0;
	for b in int.bytes().chain(frac.bytes()) {
		digits = digits.checked_mul(10)?.checked_add(u128::from(b.checked_sub(b'0')?))?;
	}
	let shift = 18i32
		.checked_sub(i32::try_from(frac.len()).ok()?)?
		.checked_sub(i32::from(decimals))?;
	let inner = if shift >= 0 {
		digits.checked_mul(10u128.checked_pow(shift as u32)?)?
	} else {
		let div = 10u128.checked_pow(shift.unsigned_abs())?;
		digits.checked_div(div)?
	};
	Some(FixedU128::from_inner(inner))
}

/// The price at a JSON value: a decimal string or a JSON number (integers up to `u64::MAX`
/// exactly; other numbers through the shortest decimal form of their `f64`, e.g. `20.1`),
/// scaled down by `decimals`. `None` for other JSON types and malformed numbers.
pub fn json_price(v: &serde_json::Value, decimals: u8) -> Option<FixedU128> {
	match v {
		serde_json::Value::String(s) => parse_decimal(s.trim(), decimals),
		serde_json::Value::Number(n) => {
			if let Some(i) = n.as_u64() {
				return parse_decimal(&alloc::format!("{i}"), decimals);
			}
			let f = n.as_f64()?;
			if !f.is_finite() || f < 0.0 {
				return None;
			}
			// Rust prints the shortest decimal that reads back as the same float, never in
			// exponent form ("20.1", "500000000000000000000")
			let s = alloc::format!("{f}");
			parse_decimal(&s, decimals)
		},
		_ => None,
	}
}

/// Median of `values` (the mean of the two middle values for an even count); `None` if empty.
pub fn median(values: &mut [FixedU128]) -> Option<FixedU128> {
	if values.is_empty() {
		return None;
	}
	values.sort();
	let mid = values.len().checked_div(2)?;
	if !values.len().is_multiple_of(2) {
		values.get(mid).copied()
	} else {
		let a = values.get(mid.checked_sub(1)?)?.into_inner();
		let b = values.get(mid)?.into_inner();
		// (a + b) / 2 without overflow: both halves, plus one when both are odd
		let both_odd = u128::from(a & 1 == 1 && b & 1 == 1);
		Some(FixedU128::from_inner((a >> 1).checked_add(b >> 1)?.checked_add(both_odd)?))
	}
}

/// `target` clamped into `[base · (1 − max), base · (1 + max)]`; a zero base (no index yet)
/// does not clamp.
pub fn clamp_change(base: FixedU128, target: FixedU128, max: Perbill) -> FixedU128 {
	if base.is_zero() {
		return target;
	}
	let b = base.into_inner();
	let d = max.mul_floor(b);
	FixedU128::from_inner(target.into_inner().clamp(b.saturating_sub(d), b.saturating_add(d)))
}

/// Whether a reported price is acceptable: above zero and at most `max`.
pub fn plausible(price: FixedU128, max: FixedU128) -> bool {
	!price.is_zero() && price <= max
}

/// `FixedU128` from a whole number of quote units.
pub fn units(n: u128) -> FixedU128 {
	FixedU128::from_inner(n.saturating_mul(ONE))
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;

	/// `1.0` in raw units.
	const E: u128 = ONE;

	fn fx(inner: u128) -> FixedU128 {
		FixedU128::from_inner(inner)
	}

	fn json(s: &str) -> serde_json::Value {
		serde_json::from_str(s).expect("valid JSON")
	}

	// ---- parse_decimal ----

	#[test]
	fn parse_decimal_integers_and_fractions() {
		assert_eq!(parse_decimal("20", 0), Some(fx(20 * E)));
		assert_eq!(parse_decimal("0", 0), Some(fx(0)));
		assert_eq!(parse_decimal("007", 0), Some(fx(7 * E)));
		assert_eq!(parse_decimal("20.5", 0), Some(fx(20 * E + E / 2)));
		assert_eq!(parse_decimal("20.50", 0), Some(fx(20 * E + E / 2)));
		assert_eq!(parse_decimal("0.000000000000000001", 0), Some(fx(1)));
		assert_eq!(
			parse_decimal("123.456789012345678901", 0),
			Some(fx(123_456_789_012_345_678_901))
		);
	}

	#[test]
	fn parse_decimal_scales_down_by_decimals() {
		// raw wei, 18 decimals
		assert_eq!(parse_decimal("20500000000000000000", 18), Some(fx(20 * E + E / 2)));
		assert_eq!(parse_decimal("1", 18), Some(fx(1)));
		// 2 decimals: 2050 cents
		assert_eq!(parse_decimal("2050", 2), Some(fx(20 * E + E / 2)));
		// a fraction with decimals
		assert_eq!(parse_decimal("20.5", 2), Some(fx(205 * E / 1000)));
		// 36 decimals (the maximum a source may carry)
		assert_eq!(parse_decimal("1000000000000000000000000000000000000", 36), Some(fx(E)));
	}

	#[test]
	fn parse_decimal_truncates_beyond_18_decimals() {
		// 19 fraction digits: the last one is dropped (not rounded)
		assert_eq!(parse_decimal("1.0000000000000000019", 0), Some(fx(E + 1)));
		assert_eq!(parse_decimal("0.0000000000000000009", 0), Some(fx(0)));
		// wei with more decimals than 18
		assert_eq!(parse_decimal("123", 20), Some(fx(1)));
		assert_eq!(parse_decimal("99", 20), Some(fx(0)));
		assert_eq!(
			parse_decimal("20999999999999999999999", 21),
			Some(fx(20 * E + 999_999_999_999_999_999))
		);
	}

	#[test]
	fn parse_decimal_rejects_malformed() {
		for s in [
			"", "-1", "+1", "1e5", "1E5", ".5", "5.", ".", "abc", "1.2.3", "1,5", " 1", "1 ",
			"0x10", "１",
		] {
			assert_eq!(parse_decimal(s, 0), None, "{s:?}");
			assert_eq!(parse_decimal(s, 18), None, "{s:?} with 18 decimals");
		}
	}

	#[test]
	fn parse_decimal_overflow_is_none() {
		// the largest FixedU128 parses exactly
		assert_eq!(
			parse_decimal("340282366920938463463.374607431768211455", 0),
			Some(fx(u128::MAX))
		);
		// one unit above it overflows
		assert_eq!(parse_decimal("340282366920938463463.374607431768211456", 0), None);
		// the digits alone overflow u128 (2^128)
		assert_eq!(parse_decimal("340282366920938463463374607431768211456", 18), None);
		// the scaling to 18 decimals overflows
		assert_eq!(parse_decimal("1000000000000000000000", 0), None);
		assert_eq!(parse_decimal("340282366920938463464", 0), None);
		assert_eq!(
			parse_decimal("340282366920938463463", 0),
			Some(fx(340_282_366_920_938_463_463 * E))
		);
	}

	// ---- json_price ----

	#[test]
	fn json_price_strings() {
		assert_eq!(json_price(&json(r#""20.5""#), 0), Some(fx(20 * E + E / 2)));
		assert_eq!(json_price(&json(r#"" 21 ""#), 0), Some(fx(21 * E)));
		assert_eq!(json_price(&json(r#""20500000000000000000""#), 18), Some(fx(20 * E + E / 2)));
		assert_eq!(json_price(&json(r#""-1""#), 0), None);
		assert_eq!(json_price(&json(r#""1e3""#), 0), None);
		assert_eq!(json_price(&json(r#""""#), 0), None);
	}

	#[test]
	fn json_price_integer_numbers() {
		assert_eq!(json_price(&json("21"), 0), Some(fx(21 * E)));
		assert_eq!(json_price(&json("0"), 0), Some(fx(0)));
		assert_eq!(json_price(&json("205"), 1), Some(fx(20 * E + E / 2)));
		// wei as a JSON integer within u64
		assert_eq!(json_price(&json("12500000000000000000"), 18), Some(fx(12 * E + E / 2)));
		assert_eq!(json_price(&json("18446744073709551615"), 18), Some(fx(u64::MAX as u128)));
	}

	#[test]
	fn json_price_float_numbers() {
		assert_eq!(json_price(&json("20.5"), 0), Some(fx(20 * E + E / 2)));
		assert_eq!(json_price(&json("20.0"), 0), Some(fx(20 * E)));
		assert_eq!(json_price(&json("0.25"), 0), Some(fx(E / 4)));
		assert_eq!(json_price(&json("2.05e1"), 0), Some(fx(20 * E + E / 2)));
		assert_eq!(json_price(&json("205.0"), 1), Some(fx(20 * E + E / 2)));
	}

	#[test]
	fn json_price_negative_and_other_types_are_none() {
		for s in [
			"-1",
			"-20.5",
			"-0.000001",
			"true",
			"false",
			"null",
			"{}",
			r#"{"price":"20"}"#,
			"[20]",
			"[]",
		] {
			assert_eq!(json_price(&json(s), 0), None, "{s}");
		}
	}

	/// The documentation of `json_price` promises "the shortest decimal form" of a JSON float:
	/// `20.1` is the shortest form of the double nearest to 20.1, so the price should be 20.1.
	#[test]
	fn json_price_float_uses_shortest_decimal_form() {
		assert_eq!(json_price(&json("20.1"), 0), Some(fx(20 * E + E / 10)));
		assert_eq!(json_price(&json("12.34"), 0), Some(fx(12 * E + 34 * E / 100)));
	}

	/// "integers exactly": a JSON integer above u64::MAX (a wei amount above ~18.4 ETH written as
	/// a number) goes through the f64 path; above ~3.4e20 the 18 forced fraction digits overflow
	/// and the price is lost, though 500 is a plausible price.
	#[test]
	fn json_price_large_integer_wei_number() {
		assert_eq!(json_price(&json("500000000000000000000"), 18), Some(fx(500 * E)));
	}

	// ---- median ----

	#[test]
	fn median_odd_even_empty() {
		assert_eq!(median(&mut []), None);
		assert_eq!(median(&mut [fx(7 * E)]), Some(fx(7 * E)));
		let mut v = vec![fx(25 * E), fx(20 * E), fx(21 * E)];
		assert_eq!(median(&mut v), Some(fx(21 * E)));
		// sorted as a side effect
		assert_eq!(v, vec![fx(20 * E), fx(21 * E), fx(25 * E)]);
		// even: mean of the two middle values
		assert_eq!(median(&mut [fx(4 * E), fx(E), fx(3 * E), fx(2 * E)]), Some(fx(2 * E + E / 2)));
		assert_eq!(median(&mut [fx(20 * E), fx(24 * E)]), Some(fx(22 * E)));
		// odd inners: floor of the mean
		assert_eq!(median(&mut [fx(1), fx(2)]), Some(fx(1)));
		assert_eq!(median(&mut [fx(3), fx(5)]), Some(fx(4)));
		assert_eq!(median(&mut [fx(3), fx(3)]), Some(fx(3)));
		// no overflow at the top of the range
		assert_eq!(median(&mut [fx(u128::MAX), fx(u128::MAX)]), Some(fx(u128::MAX)));
		assert_eq!(median(&mut [fx(u128::MAX), fx(u128::MAX - 2)]), Some(fx(u128::MAX - 1)));
		// an outlier does not move the median of 5
		assert_eq!(
			median(&mut [fx(100 * E), fx(101 * E), fx(100_000 * E), fx(99 * E), fx(0)]),
			Some(fx(100 * E))
		);
	}

	// ---- clamp_change ----

	#[test]
	fn clamp_change_zero_base_does_not_clamp() {
		let ten = Perbill::from_percent(10);
		assert_eq!(clamp_change(fx(0), fx(1_000_000 * E), ten), fx(1_000_000 * E));
		assert_eq!(clamp_change(fx(0), fx(1), ten), fx(1));
	}

	#[test]
	fn clamp_change_bounds() {
		let ten = Perbill::from_percent(10);
		let base = fx(100 * E);
		assert_eq!(clamp_change(base, fx(150 * E), ten), fx(110 * E));
		assert_eq!(clamp_change(base, fx(50 * E), ten), fx(90 * E));
		assert_eq!(clamp_change(base, fx(0), ten), fx(90 * E));
		assert_eq!(clamp_change(base, fx(u128::MAX), ten), fx(110 * E));
		// exactly on the bounds: unchanged
		assert_eq!(clamp_change(base, fx(110 * E), ten), fx(110 * E));
		assert_eq!(clamp_change(base, fx(90 * E), ten), fx(90 * E));
		// one unit beyond: clamped
		assert_eq!(clamp_change(base, fx(110 * E + 1), ten), fx(110 * E));
		assert_eq!(clamp_change(base, fx(90 * E - 1), ten), fx(90 * E));
		// inside: unchanged
		assert_eq!(clamp_change(base, fx(105 * E), ten), fx(105 * E));
		assert_eq!(clamp_change(base, fx(95 * E), ten), fx(95 * E));
		assert_eq!(clamp_change(base, base, ten), base);
		// the band is rounded down: 10% of 15 units is 1 unit
		assert_eq!(clamp_change(fx(15), fx(100), ten), fx(16));
		assert_eq!(clamp_change(fx(15), fx(0), ten), fx(14));
		// 0% freezes, 100% allows down to zero and up to double
		assert_eq!(clamp_change(base, fx(150 * E), Perbill::zero()), base);
		assert_eq!(clamp_change(base, fx(0), Perbill::one()), fx(0));
		assert_eq!(clamp_change(base, fx(500 * E), Perbill::one()), fx(200 * E));
		// no overflow at the top
		assert_eq!(clamp_change(fx(u128::MAX), fx(u128::MAX), ten), fx(u128::MAX));
	}

	// ---- plausible, units ----

	#[test]
	fn plausible_range() {
		let max = fx(1_000_000 * E);
		assert!(!plausible(fx(0), max));
		assert!(plausible(fx(1), max));
		assert!(plausible(fx(20 * E), max));
		assert!(plausible(max, max));
		assert!(!plausible(fx(1_000_000 * E + 1), max));
		assert!(!plausible(fx(u128::MAX), max));
	}

	#[test]
	fn units_scale() {
		assert_eq!(units(0), fx(0));
		assert_eq!(units(3), fx(3 * E));
		assert_eq!(units(u128::MAX), fx(u128::MAX));
	}
}
