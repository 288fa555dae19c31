//! K governance: `adjust_k` sets a target reached in bounded steps (`step_k`); each step
//! scales the reserves by sqrt(ratio), keeps the price and the net base, and settles its cost
//! with the insurance fund (`apply_k_ratio` applies one change at once, for the math).

use super::*;
use crate::types::{Direction::*, SwapAmount::*};
use crate::{Error, Event};

/// Seed pool with Alice's 1,000-quote long: net long 9.090909090909090909.
fn net_long_pool() {
	seed_pool(25);
	assert_ok!(<Vamm as VammInterface>::swap(M, Long, Quote(1_000 * E), false));
}

/// Seed pool with a 1,000-quote short: net short 11.111111111111111112.
fn net_short_pool() {
	seed_pool(25);
	assert_ok!(<Vamm as VammInterface>::swap(M, Short, Quote(1_000 * E), false));
}

#[test]
fn origin_bounds_and_existence() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		assert_noop!(
			Vamm::adjust_k(RuntimeOrigin::signed(1), M, FixedU128::from_u32(2)),
			BadOrigin
		);
		// Mock bounds: [0.5, 4].
		assert_noop!(
			Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_inner(E / 2 - 1)),
			Error::<Test>::KRatioOutOfBounds
		);
		assert_noop!(
			Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_inner(4 * E + 1)),
			Error::<Test>::KRatioOutOfBounds
		);
		assert_noop!(
			Vamm::adjust_k(RuntimeOrigin::root(), 9, FixedU128::from_u32(2)),
			Error::<Test>::MarketNotFound
		);
		// a target, not a change
		let k = pool().k;
		assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_inner(E / 2)));
		assert_eq!(crate::KTargets::<Test>::get(M), Some(k / 2));
		assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_u32(4)));
		assert_eq!(crate::KTargets::<Test>::get(M), Some(k * 4));
		assert_eq!(last_event(), Event::KTargetSet { market: M, k, target_k: Some(k * 4) });
		assert_eq!(pool().k, k);
		assert_eq!(fund_ops(), vec![]);
		// ratio 1 cancels
		assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::one()));
		assert_eq!(crate::KTargets::<Test>::get(M), None);
		assert_eq!(last_event(), Event::KTargetSet { market: M, k, target_k: None });
		check();
	});
}

#[test]
fn deeper_pool_with_net_long_charges_the_fund() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		let old_k = pool().k;
		let fund_before = fund();
		go_to_block(3);
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_u32(4)));
		// sqrt(4) = 2: B' = 2 * 90.909090909090909091, Q' = 22,000; B0' = B' + N.
		let p = pool();
		assert_eq!((p.base_reserve, p.quote_reserve), (181_818_181_818_181_818_182, 22_000 * E));
		assert_eq!(p.initial_base_reserve, 190_909_090_909_090_909_091);
		assert_eq!(p.k, crate::math::product(181_818_181_818_181_818_182, 22_000 * E));
		// Price and net base unchanged.
		assert_eq!(mark(), 120_999_999_999_999_999_999);
		assert_eq!(Vamm::net_base(M), Ok(9_090_909_090_909_090_909));
		// The longs' close-out went from 1,000 to 1,047.619047619047619036.
		let cost = 47_619_047_619_047_619_036u128;
		assert_eq!(fund_ops(), vec![FundOp::Charge(M, cost)]);
		assert_eq!(fund(), fund_before - cost);
		assert_eq!(
			last_event(),
			Event::KAdjusted { market: M, old_k, new_k: p.k, cost: cost as i128 }
		);
		// Closing the net long now really pays that amount.
		let close =
			<Vamm as VammInterface>::swap(M, Short, Base(9_090_909_090_909_090_909), true).unwrap();
		assert_eq!(close.quote, 1_000 * E + cost);
		assert_eq!(Vamm::net_base(M), Ok(0));
		assert_eq!(pool().base_reserve, pool().initial_base_reserve);
		check();
	});
}

#[test]
fn shallower_pool_with_net_long_credits_the_fund() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		let price = mark();
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_rational(1, 2)));
		// Close-out 1,000 -> 963.710722590775045532: the pool owes less.
		assert_eq!(fund_ops(), vec![FundOp::Credit(M, 36_289_277_409_224_954_468)]);
		assert!(matches!(last_event(), Event::KAdjusted { cost: -36_289_277_409_224_954_468, .. }));
		let p = pool();
		assert_eq!(
			(p.base_reserve, p.quote_reserve),
			(64_282_434_653_322_502_218, 7_778_174_593_052_022_768_371)
		);
		// Price kept within one FixedU128 unit (rounded up, towards the pool).
		assert!(mark() >= price && mark() - price <= 1, "{} vs {}", mark(), price);
		assert_eq!(Vamm::net_base(M), Ok(9_090_909_090_909_090_909));
		check();
	});
}

#[test]
fn net_short_costs() {
	new_test_ext().execute_with(|| {
		net_short_pool();
		assert_eq!(Vamm::net_base(M), Ok(-11_111_111_111_111_111_112));
		// Deeper: the shorts buy back for 947.368421052631579020 instead of 1,000.
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_u32(4)));
		assert_eq!(fund_ops(), vec![FundOp::Charge(M, 52_631_578_947_368_420_980)]);
		assert_eq!(
			(pool().base_reserve, pool().quote_reserve),
			(222_222_222_222_222_222_224, 18_000 * E)
		);
		assert_eq!(Vamm::net_base(M), Ok(-11_111_111_111_111_111_112));
		check();
	});
	new_test_ext().execute_with(|| {
		net_short_pool();
		// Shallower: they would pay 1,048.244102666916892328: the fund gains the difference.
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_rational(1, 2)));
		assert_eq!(fund_ops(), vec![FundOp::Credit(M, 48_244_102_666_916_892_328)]);
		assert_eq!(Vamm::net_base(M), Ok(-11_111_111_111_111_111_112));
		check();
	});
}

#[test]
fn no_net_position_costs_nothing() {
	new_test_ext().execute_with(|| {
		seed_pool(25);
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_u32(4)));
		assert_eq!(fund_ops(), vec![]);
		assert_eq!((pool().base_reserve, pool().quote_reserve), (200 * E, 20_000 * E));
		assert_eq!(pool().initial_base_reserve, 200 * E);
		assert!(matches!(last_event(), Event::KAdjusted { cost: 0, .. }));
		check();
	});
}

#[test]
fn fund_that_cannot_pay_rejects_the_change() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		set_fund(47_619_047_619_047_619_035); // one wei short
		assert_noop!(
			Vamm::apply_k_ratio(M, FixedU128::from_u32(4)),
			Error::<Test>::InsuranceFundCannotPay
		);
		assert_eq!(fund_ops(), vec![]);
		// A credit needs no funds.
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_rational(1, 2)));
		check();
	});
}

#[test]
fn twap_is_not_disturbed_by_a_k_change() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		go_to_block(5);
		let before = <Vamm as VammInterface>::mark_twap(M, 4).unwrap();
		assert_ok!(Vamm::apply_k_ratio(M, FixedU128::from_u32(4)));
		go_to_block(9);
		assert_eq!(<Vamm as VammInterface>::mark_twap(M, 8).unwrap(), before);
		check();
	});
}

/// A 4x target is reached in steps of at most 1% of `k` (the mock's `MaxKStep`), each charged
/// to the fund; the total cost is the one-shot cost to within rounding, the last step lands
/// exactly on the target.
#[test]
fn a_target_is_reached_in_bounded_steps() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		let k0 = pool().k;
		assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_u32(4)));
		let mut steps = 0u32;
		while crate::KTargets::<Test>::get(M).is_some() {
			let before = pool().k;
			<Vamm as VammInterface>::step_k(M, Default::default());
			let after = pool().k;
			assert!(after > before);
			// at most 1% per step (B and Q rounding aside)
			assert!(
				after <= before + before / 100 + before / U256::from(1_000_000_000_000u64),
				"step {}: {} -> {}",
				steps,
				before,
				after
			);
			steps += 1;
			assert!(steps < 200);
		}
		// ln 4 / ln 1.01 = 139.3
		assert_eq!(steps, 140);
		assert!(matches!(last_event(), Event::KTargetReached { .. }));
		let k = pool().k;
		let target = k0 * 4;
		assert!(
			k.max(target) - k.min(target) <= k / U256::from(1_000_000_000_000_000u64),
			"{} vs {}",
			k,
			target
		);
		// the fund paid about the one-shot cost, 47.619 (each step rounds the price up)
		let paid: u128 = fund_ops()
			.iter()
			.map(|op| match op {
				FundOp::Charge(_, c) => *c,
				FundOp::Credit(..) => panic!("a deepening with a net long only costs"),
			})
			.sum();
		assert!(paid.abs_diff(47_619_047_619_047_619_036) < E / 1_000, "paid {}", paid);
		// nothing more to do
		<Vamm as VammInterface>::step_k(M, Default::default());
		assert_eq!(pool().k, k);
		check();
	});
}

/// A fund that cannot pay a full step pays a smaller one; an empty fund defers the step
/// (reported), a shallowing needs no fund.
#[test]
fn a_small_fund_slows_a_deepening_down_without_blocking_it() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_u32(4)));
		// a full 1% step costs ~0.24; the fund holds 0.1
		set_fund(E / 10);
		let k = pool().k;
		<Vamm as VammInterface>::step_k(M, Default::default());
		assert!(pool().k > k && pool().k < k + k / 100);
		assert!(fund() < E / 10);
		// empty: deferred, nothing changes
		set_fund(0);
		let k = pool().k;
		<Vamm as VammInterface>::step_k(M, Default::default());
		assert_eq!(pool().k, k);
		assert!(matches!(last_event(), Event::KStepDeferred { .. }));
		assert!(crate::KTargets::<Test>::get(M).is_some());
		// a shallowing target credits the fund: never deferred
		assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_rational(1, 2)));
		<Vamm as VammInterface>::step_k(M, Default::default());
		assert!(pool().k < k);
		assert!(fund() > 0);
		check();
	});
}

#[test]
fn the_preview_of_a_k_change_is_what_applying_it_at_once_would_cost() {
	new_test_ext().execute_with(|| {
		net_long_pool();
		let k = pool().k;
		// the seed's figures: deepening 4x under the net long costs the fund 47.619...036
		assert_eq!(
			Vamm::k_change_preview(M, FixedU128::from_u32(4)),
			Ok(crate::KChangePreview { k, target_k: k * 4, cost: 47_619_047_619_047_619_036 })
		);
		// a preview changes nothing
		assert_eq!(pool().k, k);
		assert_eq!(fund_ops(), vec![]);
		let shallow = Vamm::k_change_preview(M, FixedU128::from_inner(E / 2)).unwrap();
		assert_eq!(shallow.target_k, k / 2);
		assert!(shallow.cost < 0, "a shallower pool under a net long is a gain");
		assert_eq!(
			Vamm::k_change_preview(9, FixedU128::from_u32(2)),
			Err(Error::<Test>::MarketNotFound.into())
		);
	});
}
