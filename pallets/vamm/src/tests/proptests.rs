//! Property tests.
//!
//! * no round trip of trades leaves the traders with more quote than they started with;
//! * `B*Q >= k` after every swap, and what changed hands equals the change of the reserves;
//! * the net base held by traders equals `B0 - B` (and the incrementally tracked value);
//! * `adjust_k` keeps the price and the net base, and its cost equals the change of the net
//!   position's close-out value, as measured by real previews/swaps on the pool;
//! * the TWAP equals the brute-force mean of the closing marks.

use super::*;
use crate::math;
use crate::types::{Direction, SwapAmount};
use proptest::prelude::*;

/// A trade: direction, by base?, size in thousandths of the relevant reserve (1..=900).
fn trade() -> impl Strategy<Value = (bool, bool, u128)> {
	(any::<bool>(), any::<bool>(), 1u128..=900)
}

fn to_swap(
	(long, by_base, permille): (bool, bool, u128),
	b: u128,
	q: u128,
) -> (Direction, SwapAmount) {
	let direction = if long { Direction::Long } else { Direction::Short };
	let amount = if by_base {
		SwapAmount::Base((b / 1000).saturating_mul(permille).max(1))
	} else {
		SwapAmount::Quote((q / 1000).saturating_mul(permille).max(1))
	};
	(direction, amount)
}

/// Reserves between 0.001 and 10^7 units; prices between 10^-4 and 10^4 or so.
fn reserves() -> impl Strategy<Value = (u128, u128)> {
	(15u32..=25, 0u128..1000, 15u32..=25, 0u128..1000).prop_filter_map(
		"price in range",
		|(be, bm, qe, qm)| {
			let b = 10u128.pow(be) + bm * 10u128.pow(be - 3);
			let q = 10u128.pow(qe) + qm * 10u128.pow(qe - 3);
			(q / b <= 10_000 && b / q <= 10_000).then_some((b, q))
		},
	)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	/// Pure math: from a fresh pool, any sequence of trades followed by closing the net
	/// position leaves the traders (as a whole) with no more quote than they started with.
	#[test]
	fn no_round_trip_profit((b0, q0) in reserves(), trades in prop::collection::vec(trade(), 1..12)) {
		let k = math::product(b0, q0);
		let (mut b, mut q) = (b0, q0);
		// Quote received minus quote paid by the traders.
		let mut trader_quote: i128 = 0;
		for t in trades {
			let (direction, amount) = to_swap(t, b, q);
			let Ok(r) = math::swap(b, q, k, direction, amount) else { continue };
			// What changed hands is exactly the change of the reserves.
			match direction {
				Direction::Long => {
					prop_assert_eq!(b - r.base_reserve, r.outcome.base);
					prop_assert_eq!(r.quote_reserve - q, r.outcome.quote);
					trader_quote -= r.outcome.quote as i128;
				},
				Direction::Short => {
					prop_assert_eq!(r.base_reserve - b, r.outcome.base);
					prop_assert_eq!(q - r.quote_reserve, r.outcome.quote);
					trader_quote += r.outcome.quote as i128;
				},
			}
			prop_assert!(math::product(r.base_reserve, r.quote_reserve) >= k);
			// Preview semantics: the amount asked for is the amount traded.
			match amount {
				SwapAmount::Base(x) => prop_assert_eq!(r.outcome.base, x),
				SwapAmount::Quote(x) => prop_assert_eq!(r.outcome.quote, x),
			}
			b = r.base_reserve;
			q = r.quote_reserve;
		}
		// Close the net position (B back to B0).
		let net = b0 as i128 - b as i128;
		trader_quote += math::close_out_value(b, q, k, net).unwrap();
		prop_assert!(trader_quote <= 0, "traders gained {}", trader_quote);
	}

	/// Pallet: random trades in random blocks; after each, `B*Q >= k`, net base = B0 - B =
	/// sum of the trades, and `try_state` holds. The TWAP matches the brute-force mean.
	#[test]
	fn pallet_invariants_and_twap(
		(b0, q0) in reserves(),
		trades in prop::collection::vec((trade(), 0u64..4, any::<bool>()), 1..20),
		window in 1u32..40,
	) {
		new_test_ext().execute_with(|| -> Result<(), TestCaseError> {
			assert_ok!(<Vamm as VammInterface>::create_pool(
				M, b0, q0, PoolConfig { max_price_move: Perbill::from_percent(50) }
			));
			let mut block = 1u64;
			let mut net: i128 = 0;
			// Closing mark of every block since creation (block, inner).
			let mut closing: Vec<(u64, u128)> = vec![(1, mark())];
			for (t, gap, liquidation) in trades {
				block += gap;
				go_to_block(block);
				let p = pool();
				let (direction, amount) = to_swap(t, p.base_reserve, p.quote_reserve);
				let preview = <Vamm as VammInterface>::quote(M, direction, amount);
				let Ok(out) = <Vamm as VammInterface>::swap(M, direction, amount, liquidation) else { continue };
				prop_assert_eq!(preview, Ok(out));
				net += match direction { Direction::Long => out.base as i128, Direction::Short => -(out.base as i128) };
				let p = pool();
				prop_assert!(math::product(p.base_reserve, p.quote_reserve) >= p.k);
				prop_assert_eq!(<Vamm as VammInterface>::net_base(M), Ok(net));
				prop_assert_eq!(p.initial_base_reserve as i128 - p.base_reserve as i128, net);
				prop_assert_eq!(Vamm::do_try_state(), Ok(()));
				closing.retain(|(b, _)| *b != block);
				closing.push((block, mark()));
			}
			let now = block + 1 + window as u64 / 2;
			go_to_block(now);
			// Brute force over the retained history (capacity 8 points in the mock).
			let oldest = crate::TwapHistory::<Test>::get(M).first().unwrap().block;
			let from = now.saturating_sub(window as u64).max(oldest);
			let closing_at = |x: u64| closing.iter().rev().find(|(b, _)| *b <= x).unwrap().1;
			let expected = if from >= now {
				mark()
			} else {
				let sum: u128 = (from..now).map(closing_at).sum();
				sum / (now - from) as u128
			};
			prop_assert_eq!(<Vamm as VammInterface>::mark_twap(M, window).unwrap().into_inner(), expected);
			Ok(())
		})?;
	}

	/// Pallet: `adjust_k` keeps the price (to one FixedU128 unit when B >= 1 base) and the net
	/// base, and its cost is the change of the close-out value of the net position as given
	/// by the pool's own previews; closing the position afterwards returns B to B0.
	#[test]
	fn adjust_k_properties(
		(b0, q0) in reserves(),
		trades in prop::collection::vec(trade(), 0..6),
		ratio_permille in 500u128..=4000,
	) {
		new_test_ext().execute_with(|| -> Result<(), TestCaseError> {
			assert_ok!(<Vamm as VammInterface>::create_pool(
				M, b0, q0, PoolConfig { max_price_move: Perbill::from_percent(100) }
			));
			for t in trades {
				let p = pool();
				let (direction, amount) = to_swap(t, p.base_reserve, p.quote_reserve);
				let _ = <Vamm as VammInterface>::swap(M, direction, amount, true);
			}
			let net = <Vamm as VammInterface>::net_base(M).unwrap();
			let value = |net: i128| -> Option<i128> {
				if net > 0 {
					match <Vamm as VammInterface>::quote(M, Direction::Short, SwapAmount::Base(net as u128)) {
						Ok(o) => Some(o.quote as i128),
						Err(e) if e == crate::Error::<Test>::TradeTooSmall.into() => Some(0),
						Err(_) => None,
					}
				} else if net < 0 {
					match <Vamm as VammInterface>::quote(M, Direction::Long, SwapAmount::Base(net.unsigned_abs())) {
						Ok(o) => Some(-(o.quote as i128)),
						Err(e) if e == crate::Error::<Test>::TradeTooSmall.into() => Some(0),
						Err(_) => None,
					}
				} else {
					Some(0)
				}
			};
			let before = value(net);
			let price = mark();
			let ratio = FixedU128::from_rational(ratio_permille, 1000);
			if Vamm::apply_k_ratio(M, ratio).is_err() {
				// Only legitimate refusal: a net short the new pool could not absorb.
				prop_assert!(net < 0);
				return Ok(());
			}
			let p = pool();
			let after = value(net);
			let cost = match fund_ops().as_slice() {
				[] => 0,
				[FundOp::Charge(_, c)] => *c as i128,
				[FundOp::Credit(_, c)] => -(*c as i128),
				ops => return Err(TestCaseError::fail(format!("unexpected fund ops {ops:?}"))),
			};
			prop_assert_eq!(Some(cost), after.zip(before).map(|(a, b)| a - b));
			prop_assert_eq!(<Vamm as VammInterface>::net_base(M), Ok(net));
			// Price: rounded up by less than 1e18 / B' FixedU128 units.
			let new_price = mark();
			let tolerance = E / p.base_reserve + 1;
			prop_assert!(new_price >= price.saturating_sub(1) && new_price - price <= tolerance,
				"price {} -> {} (tolerance {})", price, new_price, tolerance);
			prop_assert_eq!(Vamm::do_try_state(), Ok(()));
			// Closing the net position returns B to B0 exactly.
			if net != 0 {
				let (direction, size) = if net > 0 { (Direction::Short, net as u128) } else { (Direction::Long, net.unsigned_abs()) };
				if <Vamm as VammInterface>::swap(M, direction, SwapAmount::Base(size), true).is_ok() {
					prop_assert_eq!(pool().base_reserve, pool().initial_base_reserve);
					prop_assert_eq!(<Vamm as VammInterface>::net_base(M), Ok(0));
				}
			}
			Ok(())
		})?;
	}
}
