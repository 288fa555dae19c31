//! Algorithmic K (`k_policy.rs`): the decision of one boundary with hand-computed numbers, a
//! property test (the budget, the mark, `B·Q >= k`, one step) and a long simulated run in which
//! volume grows, slippage falls and the spending never exceeds what the fees funded.

use super::E;
use crate::k_policy::{decide, keeps_invariant, wanted_quote, KPolicy, PeriodFigures, PoolState};
use crate::math;
use crate::types::{Direction, SwapAmount};
use frame::arithmetic::{FixedU128, One, Perbill, Zero};
use frame::prelude::U256;
use proptest::prelude::*;

fn fx(n: u128) -> FixedU128 {
	FixedU128::from_inner(n * E)
}

/// Depth 5x the period's volume or 2x its open interest, +funding, k within 1/100..100x of
/// the seed pool's, 1% per boundary.
fn policy(k: U256) -> KPolicy {
	KPolicy {
		depth_per_volume: fx(5),
		depth_per_open_interest: fx(2),
		funding_weight: fx(10),
		min_k: k / 100,
		max_k: k * 100,
		max_step: Perbill::from_percent(1),
		fee_share: Perbill::from_percent(50),
	}
}

/// The seed pool (100 base / 10,000 quote, mark 100) with the traders net long `net` base.
fn pool_with_net(net: i128) -> PoolState {
	let (b, q) = (100 * E, 10_000 * E);
	let k = math::product(b, q);
	if net == 0 {
		return PoolState { base_reserve: b, quote_reserve: q, k, initial_base_reserve: b };
	}
	let (dir, size) = if net > 0 {
		(Direction::Long, net as u128)
	} else {
		(Direction::Short, net.unsigned_abs())
	};
	let r = math::swap(b, q, k, dir, SwapAmount::Base(size)).unwrap();
	PoolState {
		base_reserve: r.base_reserve,
		quote_reserve: r.quote_reserve,
		k,
		initial_base_reserve: b,
	}
}

#[test]
fn the_wanted_depth_follows_volume_open_interest_and_funding() {
	let p = policy(U256::one());
	let period = |volume, open_interest, rate| PeriodFigures {
		volume: volume * E,
		open_interest: open_interest * E,
		funding_rate: FixedU128::from_rational(rate, 1000),
	};
	// 5 x 3,000 volume beats 2 x 4,000 open interest
	assert_eq!(wanted_quote(&p, &period(3_000, 4_000, 0)), Some(15_000 * E));
	assert_eq!(wanted_quote(&p, &period(1_000, 4_000, 0)), Some(8_000 * E));
	// a 1% funding rate x 10 = +10%; capped at +100%
	assert_eq!(wanted_quote(&p, &period(3_000, 0, 10)), Some(16_500 * E));
	assert_eq!(wanted_quote(&p, &period(3_000, 0, 900)), Some(30_000 * E));
	assert_eq!(wanted_quote(&p, &period(0, 0, 0)), Some(0));
}

#[test]
fn busy_deepens_by_one_step_quiet_shallows_by_one_step() {
	let pool = pool_with_net(0);
	let p = policy(pool.k);
	// busy: wants 15,000 of quote depth against 10,000: (1.5)² = 2.25, clamped to +1%
	let busy = PeriodFigures { volume: 3_000 * E, ..Default::default() };
	let d = decide(&pool, &p, &busy, 0).unwrap();
	assert_eq!(d.wanted_quote, 15_000 * E);
	assert_eq!(d.ratio, FixedU128::from_rational(101, 100));
	let adj = d.adjustment.unwrap();
	// no net position: the step costs nothing, so a zero budget is enough
	assert_eq!(adj.cost, 0);
	assert_eq!(adj.k, math::product(adj.base_reserve, adj.quote_reserve));
	// quiet: shallower by 1/1.01 (rounded up)
	let d = decide(&pool, &p, &PeriodFigures::default(), 0).unwrap();
	assert_eq!(d.ratio, FixedU128::from_inner(990_099_009_900_990_100));
	assert!(d.adjustment.unwrap().k < pool.k);
	// at the depth asked for (10,000 = 5 x 2,000): no step
	let d =
		decide(&pool, &p, &PeriodFigures { volume: 2_000 * E, ..Default::default() }, 0).unwrap();
	assert_eq!((d.ratio, d.adjustment), (FixedU128::one(), None));
}

#[test]
fn a_deepening_with_a_net_position_is_paid_from_the_budget_or_halved() {
	// traders net long 10: deepening the pool raises what their close-out is worth
	let pool = pool_with_net(10 * E as i128);
	let p = policy(pool.k);
	let busy = PeriodFigures { volume: 3_000 * E, ..Default::default() };
	let full = decide(&pool, &p, &busy, u128::MAX).unwrap();
	let cost = full.adjustment.unwrap().cost;
	assert!(cost > 0);
	assert_eq!(full.ratio, FixedU128::from_rational(101, 100));
	// a budget that pays the half step only: the step is halved (1.005)
	let half_step = FixedU128::from_rational(1005, 1000);
	let half_cost = math::adjust_k(
		pool.base_reserve,
		pool.quote_reserve,
		pool.k,
		pool.initial_base_reserve,
		half_step,
	)
	.unwrap()
	.cost
	.unsigned_abs();
	assert!(half_cost < cost.unsigned_abs());
	let half = decide(&pool, &p, &busy, half_cost).unwrap();
	assert_eq!(half.ratio, half_step);
	assert_eq!(half.adjustment.unwrap().cost.unsigned_abs(), half_cost);
	// no budget at all: no step
	let none = decide(&pool, &p, &busy, 0).unwrap();
	assert_eq!((none.ratio, none.adjustment), (FixedU128::one(), None));
	// a shallowing credits the fund: taken with no budget
	let quiet = decide(&pool, &p, &PeriodFigures::default(), 0).unwrap();
	assert!(quiet.adjustment.unwrap().cost < 0);
}

#[test]
fn the_policy_stays_within_its_bounds() {
	let pool = pool_with_net(0);
	let mut p = policy(pool.k);
	p.max_k = pool.k;
	let busy = PeriodFigures { volume: 3_000 * E, ..Default::default() };
	assert_eq!(decide(&pool, &p, &busy, 0).unwrap().adjustment, None, "at max_k: no deepening");
	p.min_k = pool.k;
	assert_eq!(decide(&pool, &p, &PeriodFigures::default(), 0).unwrap().adjustment, None);
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(512))]

	/// Whatever the pool, the net position, the period and the budget: the step costs at most
	/// the budget, stays within one step, keeps the mark (rounded up by less than `1/B'`) and
	/// `B·Q >= k`, and keeps the traders' net base.
	#[test]
	fn a_step_spends_within_its_budget_and_keeps_the_mark(
		base in 10u128..=1_000_000,
		price in 1u128..=100_000,
		net_permille in -800i128..=800,
		volume in 0u128..=10_000_000,
		open_interest in 0u128..=10_000_000,
		rate_permille in 0u128..=200,
		budget in 0u128..=1_000_000,
	) {
		let (b, q) = (base * E, base * price * E);
		let k = math::product(b, q);
		let net = (base as i128) * net_permille / 1000 * (E as i128);
		let mut pool = PoolState { base_reserve: b, quote_reserve: q, k, initial_base_reserve: b };
		if net != 0 {
			let (dir, size) = if net > 0 { (Direction::Long, net as u128) } else { (Direction::Short, net.unsigned_abs()) };
			let r = math::swap(b, q, k, dir, SwapAmount::Base(size)).unwrap();
			pool.base_reserve = r.base_reserve;
			pool.quote_reserve = r.quote_reserve;
		}
		let p = policy(k);
		let period = PeriodFigures {
			volume: volume * E,
			open_interest: open_interest * E,
			funding_rate: FixedU128::from_rational(rate_permille, 1000),
		};
		let d = decide(&pool, &p, &period, budget * E).unwrap();
		prop_assert!(d.ratio >= FixedU128::from_rational(100, 101) && d.ratio <= FixedU128::from_rational(101, 100));
		if let Some(adj) = d.adjustment {
			prop_assert!(adj.cost <= 0 || adj.cost.unsigned_abs() <= budget * E, "cost {} > budget {}", adj.cost, budget * E);
			prop_assert!(keeps_invariant(&adj));
			let before = math::mark_price(pool.base_reserve, pool.quote_reserve).unwrap().into_inner();
			let after = math::mark_price(adj.base_reserve, adj.quote_reserve).unwrap().into_inner();
			let tolerance = E / adj.base_reserve + 1;
			prop_assert!(after + 1 >= before && after - before <= tolerance, "mark {} -> {}", before, after);
			let net_before = math::net_base(pool.initial_base_reserve, pool.base_reserve).unwrap();
			let net_after = math::net_base(adj.initial_base_reserve, adj.base_reserve).unwrap();
			prop_assert_eq!(net_before, net_after);
		}
	}
}

/// 300 funding periods in which the volume grows from 2,000 to about 42,000 quote a period:
/// traders make round trips against the pool (a long of 100 quote, then a short of the base it
/// bought) and each period ends with one more long of 1 quote (so the traders are net long and
/// a deepening costs the fund something); 0.1% of the volume is charged as fees and half of it
/// funds the K budget; the policy decides at every boundary. The price impact of a 1,000-quote
/// buy falls by more than half, the spending never exceeds what the fees funded, and the mark
/// is never moved by a step.
#[test]
fn a_long_run_deepens_the_pool_as_volume_grows_within_the_budget() {
	let (mut b, mut q) = (100 * E, 10_000 * E);
	let mut k = math::product(b, q);
	let mut initial = b;
	let p = policy(k);
	let (mut funded, mut spent, mut budget) = (0u128, 0u128, 0u128);
	// the price impact of a 1,000-quote buy, in parts per million of the mark
	let impact = |b: u128, q: u128, k: U256| -> u128 {
		let out = math::swap(b, q, k, Direction::Long, SwapAmount::Quote(1_000 * E)).unwrap();
		let mark = math::mark_price(b, q).unwrap().into_inner();
		// average price = 1,000 / base; impact = average / mark − 1
		let average = U256::from(1_000 * E) * U256::from(E) / U256::from(out.outcome.base);
		((average - U256::from(mark)) * U256::from(1_000_000u64) / U256::from(mark)).as_u128()
	};
	let first = impact(b, q, k);
	let mut steps = 0;
	for period in 0..300u128 {
		let volume_target = 2_000 * E + period * period * E * 4 / 9; // ~42,000 by the end
		let mut volume = 0u128;
		let swap = |b: &mut u128, q: &mut u128, volume: &mut u128, dir, amount| {
			let r = math::swap(*b, *q, k, dir, amount).unwrap();
			*b = r.base_reserve;
			*q = r.quote_reserve;
			*volume += r.outcome.quote;
			r.outcome
		};
		while volume < volume_target {
			let bought =
				swap(&mut b, &mut q, &mut volume, Direction::Long, SwapAmount::Quote(100 * E));
			swap(&mut b, &mut q, &mut volume, Direction::Short, SwapAmount::Base(bought.base));
		}
		swap(&mut b, &mut q, &mut volume, Direction::Long, SwapAmount::Quote(E));
		let share = volume / 1000 / 2;
		funded += share;
		budget += share;
		let pool =
			PoolState { base_reserve: b, quote_reserve: q, k, initial_base_reserve: initial };
		let figures = PeriodFigures { volume, open_interest: 0, funding_rate: FixedU128::zero() };
		let d = decide(&pool, &p, &figures, budget).unwrap();
		if let Some(adj) = d.adjustment {
			let before = math::mark_price(b, q).unwrap().into_inner();
			if adj.cost > 0 {
				budget -= adj.cost as u128;
				spent += adj.cost as u128;
			}
			b = adj.base_reserve;
			q = adj.quote_reserve;
			k = adj.k;
			initial = adj.initial_base_reserve;
			let after = math::mark_price(b, q).unwrap().into_inner();
			assert!(after >= before && after - before <= E / b + 1, "a step moved the mark");
			steps += 1;
		}
		assert!(spent <= funded, "period {period}: spent {spent} > funded {funded}");
	}
	let last = impact(b, q, k);
	println!(
		"impact of a 1,000-quote buy: {first} -> {last} ppm; {steps} steps; spent {spent} of {funded} funded"
	);
	assert!(steps > 100, "the policy acted ({steps} steps)");
	assert!(last * 2 < first, "impact of a 1,000-quote buy {first} -> {last} ppm");
}

mod wired {
	//! The policy on the pallet: governance sets it, the clearing house's funding boundary
	//! steps it, the budget is funded by the period's fees and spent by deepening, and the
	//! pools stored before the policy existed are migrated.
	use super::super::{pool, seed_pool, M};
	use super::*;
	use crate::mock::*;
	use crate::{KBudgets, KPolicies, VammInterface};
	use floorperp_primitives::FundingPeriod;
	use frame::testing_prelude::*;

	fn fee_period() -> FundingPeriod {
		FundingPeriod {
			open_interest: 0,
			funding_rate: FixedU128::zero(),
			trading_fee: Perbill::from_percent(1),
		}
	}

	#[test]
	fn governance_sets_a_policy_and_each_boundary_steps_it() {
		new_test_ext().execute_with(|| {
			seed_pool(100);
			let k0 = pool().k;
			let p = policy(k0);
			assert_noop!(Vamm::set_k_policy(RuntimeOrigin::signed(1), M, Some(p)), BadOrigin);
			let mut bad = p;
			bad.max_step = Perbill::from_percent(50);
			assert_noop!(
				Vamm::set_k_policy(RuntimeOrigin::root(), M, Some(bad)),
				crate::Error::<Test>::BadKPolicy
			);
			assert_ok!(Vamm::set_k_policy(RuntimeOrigin::root(), M, Some(p)));
			assert!(<Vamm as VammInterface>::k_step_wanted(M));
			// a busy period: 3,000 of volume (both ways, so the net stays small)
			for dir in [Direction::Long, Direction::Short].repeat(60) {
				assert_ok!(<Vamm as VammInterface>::swap(M, dir, SwapAmount::Quote(25 * E), false));
			}
			let volume = pool().period_volume;
			assert!(volume >= 3_000 * E);
			set_fund(1_000_000 * E);
			<Vamm as VammInterface>::step_k(M, fee_period());
			// deeper by one step, the period restarted, the budget funded by half of 1% of
			// the volume minus what the step cost
			assert_eq!(pool().period_volume, 0);
			assert!(pool().k > k0);
			let funded = Perbill::from_percent(50).mul_floor(volume / 100);
			assert!(KBudgets::<Test>::get(M) <= funded);
			System::assert_has_event(RuntimeEvent::Vamm(crate::Event::KPolicySet {
				market: M,
				policy: Some(p),
			}));
			// a quiet period: shallower
			let k1 = pool().k;
			<Vamm as VammInterface>::step_k(M, fee_period());
			assert!(pool().k < k1);
			// removed: no more steps wanted
			assert_ok!(Vamm::set_k_policy(RuntimeOrigin::root(), M, None));
			assert_eq!(KPolicies::<Test>::get(M), None);
			assert!(!<Vamm as VammInterface>::k_step_wanted(M));
			assert_eq!(Vamm::do_try_state(), Ok(()));
		});
	}

	#[test]
	fn a_governance_target_comes_before_the_policy() {
		new_test_ext().execute_with(|| {
			seed_pool(100);
			let k0 = pool().k;
			assert_ok!(Vamm::set_k_policy(RuntimeOrigin::root(), M, Some(policy(k0))));
			// governance wants a shallower pool; the step is the target's (no KPolicyStepped)
			assert_ok!(Vamm::adjust_k(RuntimeOrigin::root(), M, FixedU128::from_rational(1, 2)));
			System::reset_events();
			<Vamm as VammInterface>::step_k(M, fee_period());
			assert!(pool().k < k0);
			assert!(!System::events().iter().any(|r| matches!(
				r.event,
				RuntimeEvent::Vamm(crate::Event::KPolicyStepped { .. })
			)));
		});
	}

	#[test]
	fn pools_stored_at_version_0_are_migrated() {
		use crate::migrations::v1::{MigrateV0ToV1, PoolV0};
		use frame::deps::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade};
		new_test_ext().execute_with(|| {
			seed_pool(100);
			let now = pool();
			let old = PoolV0 {
				base_reserve: now.base_reserve,
				quote_reserve: now.quote_reserve,
				k: now.k,
				initial_base_reserve: now.initial_base_reserve,
				net_base: now.net_base,
				status: now.status,
				config: now.config,
				block_start_block: now.block_start_block,
				block_start_price: now.block_start_price,
				exemption_used_at: now.exemption_used_at,
				cumulative_price: now.cumulative_price,
				last_twap_update: now.last_twap_update,
			};
			// the stored bytes of version 0, and the version
			frame::deps::frame_support::storage::unhashed::put_raw(
				&crate::Pools::<Test>::hashed_key_for(M),
				&old.encode(),
			);
			StorageVersion::new(0).put::<Vamm>();
			assert!(crate::Pools::<Test>::try_get(M).is_err(), "v0 bytes do not decode as v1");
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Vamm::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(pool(), crate::types::Pool { period_volume: 0, ..now });
			assert_eq!(Vamm::do_try_state(), Ok(()));
			// at version 1 it does nothing but read the version
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
			type Db = <Test as frame_system::Config>::DbWeight;
			let one_read = <Db as frame::traits::Get<
				frame::deps::frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads(1);
			assert_eq!(weight, one_read);
		});
	}
}
