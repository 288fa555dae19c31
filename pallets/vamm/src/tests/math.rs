//! The pure math, with hand-computed numbers.
//!
//! Seed pool: `B = 100e18`, `Q = 10_000e18`, `k = 10^42` (raw).

use super::{fx, E};
use crate::math::{self, MathError, SwapResult};
use crate::types::{Direction::*, SwapAmount::*, SwapOutcome};
use frame::arithmetic::{FixedU128, One, Perbill, Zero};
use frame::prelude::U256;

const B: u128 = 100 * E;
const Q: u128 = 10_000 * E;

fn k() -> U256 {
	math::product(B, Q)
}

fn seed(direction: crate::types::Direction, amount: crate::types::SwapAmount) -> SwapResult {
	math::swap(B, Q, k(), direction, amount).expect("swap")
}

#[test]
fn seed_example_long_by_quote() {
	// Q' = 11_000e18, B' = ceil(1e42 / 11_000e18) = ceil(90_909_090_909_090_909_090.909..)
	let r = seed(Long, Quote(1_000 * E));
	assert_eq!(r.quote_reserve, 11_000 * E);
	assert_eq!(r.base_reserve, 90_909_090_909_090_909_091);
	// The trader receives 9.090909090909090909 base (the exact 9.0909..09090.. rounded down).
	assert_eq!(r.outcome, SwapOutcome { base: 9_090_909_090_909_090_909, quote: 1_000 * E });
	// Mark 11_000 / 90.909090909090909091 = 120.99999999999999999879 -> 120.999999999999999999
	assert_eq!(
		math::mark_price(r.base_reserve, r.quote_reserve),
		Ok(fx(120_999_999_999_999_999_999))
	);
	assert!(math::product(r.base_reserve, r.quote_reserve) >= k());
}

#[test]
fn seed_example_short_back_restores_pool_exactly() {
	let long = seed(Long, Quote(1_000 * E));
	// B'' = 90.909090909090909091 + 9.090909090909090909 = 100 exactly, Q'' = ceil(1e42/1e20).
	let back =
		math::swap(long.base_reserve, long.quote_reserve, k(), Short, Base(long.outcome.base))
			.unwrap();
	assert_eq!((back.base_reserve, back.quote_reserve), (B, Q));
	assert_eq!(back.outcome, SwapOutcome { base: 9_090_909_090_909_090_909, quote: 1_000 * E });
	assert_eq!(math::mark_price(B, Q), Ok(FixedU128::from_u32(100)));
}

#[test]
fn long_by_base_rounds_the_payment_up() {
	// B' = 90e18, Q' = ceil(1e42 / 90e18) = ceil(11_111.111..e18) = 11_111.111111111111111112
	let r = seed(Long, Base(10 * E));
	assert_eq!((r.base_reserve, r.quote_reserve), (90 * E, 11_111_111_111_111_111_111_112));
	assert_eq!(r.outcome, SwapOutcome { base: 10 * E, quote: 1_111_111_111_111_111_111_112 });
	assert_eq!(
		math::mark_price(r.base_reserve, r.quote_reserve),
		Ok(fx(123_456_790_123_456_790_123))
	);
}

#[test]
fn short_by_base_rounds_the_receipt_down() {
	// B' = 110e18, Q' = ceil(1e42 / 110e18) = 9_090.909090909090909091
	let r = seed(Short, Base(10 * E));
	assert_eq!((r.base_reserve, r.quote_reserve), (110 * E, 9_090_909_090_909_090_909_091));
	assert_eq!(r.outcome, SwapOutcome { base: 10 * E, quote: 909_090_909_090_909_090_909 });
	assert_eq!(
		math::mark_price(r.base_reserve, r.quote_reserve),
		Ok(fx(82_644_628_099_173_553_719))
	);
}

#[test]
fn short_by_quote_rounds_the_base_given_up() {
	// Q' = 9_000e18, B' = ceil(1e42 / 9_000e18) = 111.111111111111111112
	let r = seed(Short, Quote(1_000 * E));
	assert_eq!((r.base_reserve, r.quote_reserve), (111_111_111_111_111_111_112, 9_000 * E));
	assert_eq!(r.outcome, SwapOutcome { base: 11_111_111_111_111_111_112, quote: 1_000 * E });
	assert_eq!(
		math::mark_price(r.base_reserve, r.quote_reserve),
		Ok(fx(80_999_999_999_999_999_999))
	);
}

#[test]
fn rounding_on_a_tiny_pool() {
	// B = 3, Q = 7, k = 21 (raw).
	let k = math::product(3, 7);
	// long by quote 3: Q' = 10, B' = ceil(21/10) = 3 -> nothing to receive: too small.
	assert_eq!(math::swap(3, 7, k, Long, Quote(3)), Err(MathError::TradeTooSmall));
	// long by quote 4: Q' = 11, B' = ceil(21/11) = 2 -> receives 1.
	let r = math::swap(3, 7, k, Long, Quote(4)).unwrap();
	assert_eq!((r.outcome.base, r.base_reserve, r.quote_reserve), (1, 2, 11));
	// long by base 1: B' = 2, Q' = ceil(21/2) = 11 -> pays 4 (exact 3.5).
	let r = math::swap(3, 7, k, Long, Base(1)).unwrap();
	assert_eq!((r.outcome.quote, r.quote_reserve), (4, 11));
	// short by base 1: B' = 4, Q' = ceil(21/4) = 6 -> receives 1 (exact 1.75).
	let r = math::swap(3, 7, k, Short, Base(1)).unwrap();
	assert_eq!((r.outcome.quote, r.quote_reserve), (1, 6));
	// short by quote 1: Q' = 6, B' = ceil(21/6) = 4 -> gives 1 (exact 0.5).
	let r = math::swap(3, 7, k, Short, Quote(1)).unwrap();
	assert_eq!((r.outcome.base, r.base_reserve), (1, 4));
}

#[test]
fn slack_never_makes_a_trade_free() {
	// After long by quote 4 above the pool is (2, 11) with k = 21: B*Q = 22 > 21.
	let k = math::product(3, 7);
	// short by quote 1: Q' = 10, B' = ceil(21/10) = 3 -> gives 1.
	assert_eq!(math::swap(2, 11, k, Short, Quote(1)).unwrap().outcome.base, 1);
	// A pool state with a lot of slack: (10, 10) on k = 21: long by base 1 -> Q' = ceil(21/9) = 3
	// < 10: the trader would pay nothing: refused.
	assert_eq!(math::swap(10, 10, k, Long, Base(1)), Err(MathError::TradeTooSmall));
	assert_eq!(math::swap(10, 10, k, Short, Quote(1)), Err(MathError::TradeTooSmall));
}

#[test]
fn errors() {
	let k = k();
	assert_eq!(math::swap(B, Q, k, Long, Quote(0)), Err(MathError::ZeroAmount));
	assert_eq!(math::swap(B, Q, k, Short, Base(0)), Err(MathError::ZeroAmount));
	assert_eq!(math::swap(B, Q, k, Long, Base(B)), Err(MathError::InsufficientLiquidity));
	assert_eq!(math::swap(B, Q, k, Short, Quote(Q)), Err(MathError::InsufficientLiquidity));
	assert_eq!(math::swap(B, Q, k, Short, Base(u128::MAX)), Err(MathError::Overflow));
	assert_eq!(math::swap(B, Q, k, Long, Quote(u128::MAX)), Err(MathError::Overflow));
	// Buying all but one wei of base: Q' = 1e42 > u128::MAX.
	assert_eq!(math::swap(B, Q, k, Long, Base(B - 1)), Err(MathError::Overflow));
	assert_eq!(math::swap(0, Q, k, Long, Base(1)), Err(MathError::InsufficientLiquidity));
	assert_eq!(math::mark_price(0, 1), Err(MathError::InsufficientLiquidity));
	assert_eq!(math::mark_price(1, u128::MAX), Err(MathError::Overflow));
}

#[test]
fn within_slippage_semantics() {
	let o = SwapOutcome { base: 10, quote: 1_000 };
	// Long by base: max quote paid.
	assert!(math::within_slippage(Long, Base(10), &o, 1_000));
	assert!(!math::within_slippage(Long, Base(10), &o, 999));
	// Long by quote: min base received.
	assert!(math::within_slippage(Long, Quote(1_000), &o, 10));
	assert!(!math::within_slippage(Long, Quote(1_000), &o, 11));
	// Short by base: min quote received.
	assert!(math::within_slippage(Short, Base(10), &o, 1_000));
	assert!(!math::within_slippage(Short, Base(10), &o, 1_001));
	// Short by quote: max base given.
	assert!(math::within_slippage(Short, Quote(1_000), &o, 10));
	assert!(!math::within_slippage(Short, Quote(1_000), &o, 9));
}

#[test]
fn close_out_value_of_net_positions() {
	let long = seed(Long, Quote(1_000 * E));
	let n = (B - long.base_reserve) as i128;
	// Net long 9.0909..: the pool would pay back exactly 1,000.
	assert_eq!(
		math::close_out_value(long.base_reserve, long.quote_reserve, k(), n),
		Ok(1_000 * E as i128)
	);
	// Net short 11.111111111111111112 (after a short of 1,000 quote): buying it back costs
	// Q'' - Q' with Q'' = ceil(1e42 / 100e18) = 10_000e18 -> 1,000.
	let short = seed(Short, Quote(1_000 * E));
	let n = B as i128 - short.base_reserve as i128;
	assert_eq!(n, -11_111_111_111_111_111_112);
	assert_eq!(
		math::close_out_value(short.base_reserve, short.quote_reserve, k(), n),
		Ok(-(1_000 * E as i128))
	);
	assert_eq!(math::close_out_value(B, Q, k(), 0), Ok(0));
	// A net short larger than the pool cannot be closed.
	assert_eq!(
		math::close_out_value(B, Q, k(), -(B as i128)),
		Err(MathError::InsufficientLiquidity)
	);
}

#[test]
fn price_move_band() {
	let start = FixedU128::from_u32(100);
	let ten = Perbill::from_percent(10);
	let p = |x: u32| FixedU128::from_u32(x);
	// Within [90, 110], bounds included.
	assert!(math::price_move_allowed(start, start, p(110), ten));
	assert!(math::price_move_allowed(start, start, p(90), ten));
	assert!(!math::price_move_allowed(start, start, fx(110 * E + 1), ten));
	assert!(!math::price_move_allowed(start, start, fx(90 * E - 1), ten));
	// Out of band but back towards the start price: allowed.
	assert!(math::price_move_allowed(start, p(121), p(115), ten));
	assert!(math::price_move_allowed(start, p(80), p(85), ten));
	// Out of band and further away, or jumping across the start out of band: refused.
	assert!(!math::price_move_allowed(start, p(121), p(122), ten));
	assert!(!math::price_move_allowed(start, p(121), p(80), ten));
	assert!(!math::price_move_allowed(start, p(80), p(79), ten));
}

#[test]
fn accumulator_and_twap_pure() {
	let p = |x: u32| FixedU128::from_u32(x);
	let c = math::accumulate(U256::zero(), 1, 5, p(100));
	assert_eq!(c, U256::from(400 * E));
	assert_eq!(math::accumulate(c, 5, 5, p(7)), c);
	// Points: (1, 0) [price 100 during blocks 1..4], (5, 400) [price 200 since].
	let snaps = [(1u64, U256::zero()), (5u64, U256::from(400 * E))];
	let twap = |now, w| math::twap(&snaps, |s| *s, 5, U256::from(400 * E), p(200), now, w).unwrap();
	// Blocks 5..8 -> 200.
	assert_eq!(twap(9, 4), p(200));
	// Blocks 3..8 -> (2*100 + 4*200) / 6 = 166.666666666666666666
	assert_eq!(twap(9, 6), fx(166_666_666_666_666_666_666));
	// Window larger than the history: blocks 1..8 -> 150.
	assert_eq!(twap(9, 100), p(150));
	// Window 0 or nothing elapsed: the mark.
	assert_eq!(twap(9, 0), p(200));
	let young = [(5u64, U256::zero())];
	assert_eq!(math::twap(&young, |s| *s, 5, U256::zero(), p(3), 5, 10), Ok(p(3)));
}

#[test]
fn adjust_k_scales_reserves_keeps_price_and_net_base() {
	// Net long after the seed trade: B = 90.909090909090909091, Q = 11_000, N = 9.0909..09.
	let long = seed(Long, Quote(1_000 * E));
	let adj = math::adjust_k(long.base_reserve, long.quote_reserve, k(), B, FixedU128::from_u32(4))
		.unwrap();
	// sqrt(4) = 2 exactly: B' = 2B, Q' = 2Q, k' = B'Q'.
	assert_eq!(adj.base_reserve, 181_818_181_818_181_818_182);
	assert_eq!(adj.quote_reserve, 22_000 * E);
	assert_eq!(adj.k, math::product(181_818_181_818_181_818_182, 22_000 * E));
	// B0' = B' + N.
	assert_eq!(adj.initial_base_reserve, 190_909_090_909_090_909_091);
	// Close-out before: 1,000. After: 22,000 - ceil(k'/190.909..091) = 1,047.619047619047619036.
	assert_eq!(adj.cost, 47_619_047_619_047_619_036);
	assert_eq!(
		math::mark_price(adj.base_reserve, adj.quote_reserve),
		math::mark_price(long.base_reserve, long.quote_reserve)
	);
	// Ratio 1 keeps the reserves; k becomes B*Q = 10^42 + 10^21 (the rounding slack of the
	// seed trade is folded into the curve), which lowers the longs' close-out by 10 wei
	// (ceil((10^42 + 10^21) / 10^20) = 10^22 + 10): credited to the fund.
	let same =
		math::adjust_k(long.base_reserve, long.quote_reserve, k(), B, FixedU128::one()).unwrap();
	assert_eq!((same.base_reserve, same.quote_reserve), (long.base_reserve, long.quote_reserve));
	assert_eq!(same.k, k() + U256::from(1_000 * E));
	assert_eq!(same.cost, -10);
	assert_eq!(math::adjust_k(B, Q, k(), B, FixedU128::zero()), Err(MathError::ZeroAmount));
}

#[test]
fn adjust_k_refuses_a_net_short_bigger_than_the_new_pool() {
	// B0 = 1, B = 100 (net short 99): halving k gives B' = 70.71.. < 99.
	assert_eq!(
		math::adjust_k(
			100 * E,
			100 * E,
			math::product(100 * E, 100 * E),
			E,
			FixedU128::from_rational(1, 2)
		),
		Err(MathError::InsufficientLiquidity)
	);
}
