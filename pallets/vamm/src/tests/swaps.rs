//! Pool lifecycle, swaps through the trait, previews, fluctuation limit.

use super::*;
use crate::types::{Direction::*, SwapAmount::*};
use crate::{Error, Event, TwapHistory};

fn create(market: MarketId, b: u128, q: u128, max_price_move: Perbill) -> DispatchResult {
	<Vamm as VammInterface>::create_pool(market, b, q, PoolConfig { max_price_move })
}

/// Pools are created only through the clearing house's trait (no dispatchable: nobody can take
/// a market id from under it).
#[test]
fn create_pool_through_the_trait() {
	new_test_ext().execute_with(|| {
		assert_ok!(create(M, 100 * E, 10_000 * E, Perbill::from_percent(10)));
		assert_eq!(
			last_event(),
			Event::PoolCreated {
				market: M,
				base_reserve: 100 * E,
				quote_reserve: 10_000 * E,
				mark_price: FixedU128::from_u32(100),
				max_price_move: Perbill::from_percent(10),
			}
		);
		let p = pool();
		assert_eq!(
			(p.base_reserve, p.quote_reserve, p.initial_base_reserve),
			(100 * E, 10_000 * E, 100 * E)
		);
		assert_eq!(p.k, U256::from(10u128.pow(21)) * U256::from(10u128.pow(21)));
		assert_eq!(p.status, PoolStatus::Open);
		assert_eq!(Vamm::net_base(M), Ok(0));
		assert_eq!(TwapHistory::<Test>::get(M).len(), 1);
		assert_noop!(create(M, 1, 1, Perbill::zero()), Error::<Test>::MarketAlreadyExists);
		assert_noop!(create(2, 0, 1, Perbill::zero()), Error::<Test>::ZeroAmount);
		assert_noop!(create(2, 1, 0, Perbill::zero()), Error::<Test>::ZeroAmount);
		// A mark that does not fit FixedU128.
		assert_noop!(create(2, 1, u128::MAX, Perbill::zero()), Error::<Test>::Overflow);
		check();
	});
}

#[test]
fn close_pool_stops_swaps_but_not_previews() {
	new_test_ext().execute_with(|| {
		seed_pool(25);
		assert_noop!(<Vamm as VammInterface>::close_pool(9), Error::<Test>::MarketNotFound);
		assert_ok!(<Vamm as VammInterface>::close_pool(M));
		assert_eq!(last_event(), Event::PoolClosed { market: M });
		assert_eq!(pool().status, PoolStatus::Closed);
		assert_noop!(<Vamm as VammInterface>::close_pool(M), Error::<Test>::MarketClosed);
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(E), false),
			Error::<Test>::MarketClosed
		);
		assert_noop!(
			Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_u32(2)),
			Error::<Test>::MarketClosed
		);
		assert_noop!(Vamm::apply_k_ratio(M, FixedU128::from_u32(2)), Error::<Test>::MarketClosed);
		assert_eq!(
			<Vamm as VammInterface>::quote(M, Long, Quote(1_000 * E)),
			Ok(SwapOutcome { base: 9_090_909_090_909_090_909, quote: 1_000 * E })
		);
		assert_eq!(mark(), 100 * E);
		assert_eq!(<Vamm as VammInterface>::mark_twap(M, 10), Ok(FixedU128::from_u32(100)));
		assert_eq!(Vamm::net_base(M), Ok(0));
		check();
	});
}

#[test]
fn unknown_market() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			<Vamm as VammInterface>::swap(9, Long, Quote(E), false),
			Error::<Test>::MarketNotFound
		);
		assert_noop!(
			<Vamm as VammInterface>::quote(9, Long, Quote(E)),
			Error::<Test>::MarketNotFound
		);
		assert_noop!(<Vamm as VammInterface>::mark_price(9), Error::<Test>::MarketNotFound);
		assert_noop!(<Vamm as VammInterface>::mark_twap(9, 1), Error::<Test>::MarketNotFound);
		assert_noop!(<Vamm as VammInterface>::net_base(9), Error::<Test>::MarketNotFound);
		assert_noop!(<Vamm as VammInterface>::close_pool(9), Error::<Test>::MarketNotFound);
		assert_noop!(
			Vamm::adjust_k(RuntimeOrigin::root(), 9, FixedU128::from_u32(2)),
			Error::<Test>::MarketNotFound
		);
	});
}

#[test]
fn seed_example_round_trip() {
	new_test_ext().execute_with(|| {
		seed_pool(25);
		go_to_block(2);
		// Alice goes long with 1,000 quote.
		let out = <Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false).unwrap();
		assert_eq!(out, SwapOutcome { base: 9_090_909_090_909_090_909, quote: 1_000 * E });
		assert_eq!(
			last_event(),
			Event::Swapped {
				market: M,
				direction: Long,
				base: 9_090_909_090_909_090_909,
				quote: 1_000 * E,
				mark_price: fx(120_999_999_999_999_999_999),
			}
		);
		assert_eq!(
			(pool().base_reserve, pool().quote_reserve),
			(90_909_090_909_090_909_091, 11_000 * E)
		);
		assert_eq!(mark(), 120_999_999_999_999_999_999);
		assert_eq!(Vamm::net_base(M), Ok(9_090_909_090_909_090_909));
		check();
		// She sells the same base back: the pool is again exactly 100 / 10,000.
		let back = <Vamm as VammInterface>::swap(M, Short, Base(out.base), true).unwrap();
		assert_eq!(back, SwapOutcome { base: 9_090_909_090_909_090_909, quote: 1_000 * E });
		assert_eq!((pool().base_reserve, pool().quote_reserve), (100 * E, 10_000 * E));
		assert_eq!(mark(), 100 * E);
		assert_eq!(Vamm::net_base(M), Ok(0));
		check();
	});
}

#[test]
fn all_four_directions_through_the_trait() {
	let cases = [
		(
			Long,
			Quote(1_000 * E),
			SwapOutcome { base: 9_090_909_090_909_090_909, quote: 1_000 * E },
			9_090_909_090_909_090_909i128,
		),
		(
			Long,
			Base(10 * E),
			SwapOutcome { base: 10 * E, quote: 1_111_111_111_111_111_111_112 },
			10 * E as i128,
		),
		(
			Short,
			Base(10 * E),
			SwapOutcome { base: 10 * E, quote: 909_090_909_090_909_090_909 },
			-(10 * E as i128),
		),
		(
			Short,
			Quote(1_000 * E),
			SwapOutcome { base: 11_111_111_111_111_111_112, quote: 1_000 * E },
			-11_111_111_111_111_111_112,
		),
	];
	for (direction, amount, expected, net) in cases {
		new_test_ext().execute_with(|| {
			seed_pool(50);
			// The preview gives the same numbers and writes nothing.
			assert_storage_noop!(assert_eq!(
				<Vamm as VammInterface>::quote(M, direction, amount),
				Ok(expected)
			));
			assert_eq!(<Vamm as VammInterface>::swap(M, direction, amount, false), Ok(expected));
			assert_eq!(Vamm::net_base(M), Ok(net));
			assert!(crate::math::product(pool().base_reserve, pool().quote_reserve) >= pool().k);
			check();
		});
	}
}

#[test]
fn swap_errors_leave_no_trace() {
	new_test_ext().execute_with(|| {
		seed_pool(100);
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(0), false),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Base(100 * E), false),
			Error::<Test>::InsufficientLiquidity
		);
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Short, Quote(10_000 * E), false),
			Error::<Test>::InsufficientLiquidity
		);
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Short, Base(u128::MAX), false),
			Error::<Test>::Overflow
		);
		// 1 wei of quote buys nothing (B' = ceil(1e42 / (1e22 + 1)) = B).
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(1), false),
			Error::<Test>::TradeTooSmall
		);
		check();
	});
}

#[test]
fn fluctuation_limit_seed_trade() {
	// 10% refuses the +21% seed trade...
	new_test_ext().execute_with(|| {
		seed_pool(10);
		go_to_block(2);
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false),
			Error::<Test>::PriceMoveTooLarge
		);
		// ... the preview ignores the limit.
		assert!(<Vamm as VammInterface>::quote(M, Long, Quote(1_000 * E)).is_ok());
	});
	// ... 25% allows it.
	new_test_ext().execute_with(|| {
		seed_pool(25);
		go_to_block(2);
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false));
		check();
	});
}

#[test]
fn block_start_price_is_recorded_lazily() {
	new_test_ext().execute_with(|| {
		seed_pool(10);
		go_to_block(5);
		// +8.16%: mark (10_400)^2 / 1e6 = 108.16 (slightly less with rounding).
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(400 * E), false));
		assert_eq!(pool().block_start_block, 5);
		assert_eq!(pool().block_start_price, FixedU128::from_u32(100));
		let after_first = mark();
		// Another +3.9% in the same block: 112.36% of the block start: refused.
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(200 * E), false),
			Error::<Test>::PriceMoveTooLarge
		);
		// Next block: the start price is the mark left by the previous block.
		go_to_block(6);
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(200 * E), false));
		assert_eq!(pool().block_start_block, 6);
		assert_eq!(pool().block_start_price.into_inner(), after_first);
		check();
	});
}

#[test]
fn a_liquidation_may_exceed_the_limit_once_per_block() {
	new_test_ext().execute_with(|| {
		seed_pool(10);
		go_to_block(2);
		// A liquidation/close moves the mark +21%: allowed once.
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), true));
		assert_eq!(pool().exemption_used_at, Some(2));
		// Twice in the same block: refused.
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(10 * E), true),
			Error::<Test>::PriceMoveTooLarge
		);
		// Not a liquidation, further away: refused.
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(10 * E), false),
			Error::<Test>::PriceMoveTooLarge
		);
		// Back towards the block-start price (still out of band): anyone may.
		assert_ok!(<Vamm as VammInterface>::swap(M, Short, Base(E), false));
		// Across the start price and out of band on the other side: refused.
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Short, Quote(3_000 * E), false),
			Error::<Test>::PriceMoveTooLarge
		);
		// Next block: the exemption is available again.
		go_to_block(3);
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(2_000 * E), true));
		assert_eq!(pool().exemption_used_at, Some(3));
		check();
	});
}

#[test]
fn a_liquidation_within_the_band_does_not_use_the_exemption() {
	new_test_ext().execute_with(|| {
		seed_pool(10);
		go_to_block(2);
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(100 * E), true));
		assert_eq!(pool().exemption_used_at, None);
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), true));
		assert_eq!(pool().exemption_used_at, Some(2));
		check();
	});
}

#[test]
fn net_base_tracks_every_trade() {
	new_test_ext().execute_with(|| {
		seed_pool(100);
		let mut expected: i128 = 0;
		let trades = [
			(Long, Quote(500 * E)),
			(Short, Base(3 * E)),
			(Short, Quote(2_000 * E)),
			(Long, Base(7 * E)),
			(Long, Quote(123 * E)),
		];
		for (i, (direction, amount)) in trades.into_iter().enumerate() {
			go_to_block(2 + i as u64);
			let out = <Vamm as VammInterface>::swap(M, direction, amount, false).unwrap();
			expected += match direction {
				Long => out.base as i128,
				Short => -(out.base as i128),
			};
			assert_eq!(Vamm::net_base(M), Ok(expected));
			assert_eq!(pool().net_base, expected);
			check();
		}
	});
}

/// The cumulative mark is the sum of the closing marks of the blocks since creation: the mean
/// over any window is exact from its two ends, however many swaps happened.
#[test]
fn cumulative_price_is_the_sum_of_closing_marks() {
	new_test_ext().execute_with(|| {
		seed_pool(100);
		let start = System::block_number();
		let c0 = <Vamm as VammInterface>::cumulative_price(M).unwrap();
		System::set_block_number(start + 10);
		let c10 = <Vamm as VammInterface>::cumulative_price(M).unwrap();
		assert_eq!(c10 - c0, U256::from(100 * E) * U256::from(10u32));
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false));
		let m = mark();
		// the swap of this block counts from this block on (its closing mark)
		System::set_block_number(start + 30);
		let c30 = <Vamm as VammInterface>::cumulative_price(M).unwrap();
		assert_eq!(c30 - c10, U256::from(m) * U256::from(20u32));
		check();
	});
}

/// The clearing house can change a pool's fluctuation limit (`set_market_params`).
#[test]
fn set_max_price_move_changes_the_band() {
	new_test_ext().execute_with(|| {
		seed_pool(10);
		// the seed's 1,000-quote long moves the mark by 21%
		assert_noop!(
			<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false),
			Error::<Test>::PriceMoveTooLarge
		);
		assert_ok!(<Vamm as VammInterface>::set_max_price_move(M, Perbill::from_percent(25)));
		assert_eq!(pool().config.max_price_move, Perbill::from_percent(25));
		assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false));
		assert_noop!(
			<Vamm as VammInterface>::set_max_price_move(9, Perbill::one()),
			Error::<Test>::MarketNotFound
		);
		check();
	});
}
