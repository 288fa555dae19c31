//! Benchmarks of pallet-vamm (frame-benchmarking v2): every call, plus the hot paths the
//! clearing house uses through [`VammInterface`] (`swap`, `quote`, `mark_twap`), benchmarked
//! as `#[block]`s.

use super::*;
use crate::Pallet as Vamm;
use frame::benchmarking::prelude::*;

const MARKET: MarketId = 7;
/// 1.0 in raw units.
const UNIT: u128 = math::ONE;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

/// A pool of 1,000 base / 100,000 quote (mark 100), fluctuation limit 100%.
fn pool<T: Config>() -> Result<(), BenchmarkError> {
	Vamm::<T>::do_create_pool(
		MARKET,
		1_000 * UNIT,
		100_000 * UNIT,
		PoolConfig { max_price_move: Perbill::from_percent(100) },
	)
	.map_err(|_| BenchmarkError::Stop("create pool"))
}

/// Fill the TWAP history to capacity: one small swap in each of `TwapSnapshots` blocks.
fn fill_history<T: Config>() -> Result<(), BenchmarkError> {
	let start = frame_system::Pallet::<T>::block_number();
	for i in 1..=T::TwapSnapshots::get() {
		frame_system::Pallet::<T>::set_block_number(start + i.into());
		let direction = if i % 2 == 0 { Direction::Long } else { Direction::Short };
		Vamm::<T>::do_swap(MARKET, direction, SwapAmount::Quote(UNIT), false)
			.map_err(|_| BenchmarkError::Stop("fill history"))?;
	}
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
	Ok(())
}

/// A policy that asks for a pool 100x deeper than the period's volume: always a deepening.
fn busy_policy<T: Config>() -> Result<k_policy::KPolicy, BenchmarkError> {
	let p = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
	Ok(k_policy::KPolicy {
		depth_per_volume: FixedU128::from_u32(100),
		depth_per_open_interest: FixedU128::from_u32(2),
		funding_weight: FixedU128::from_u32(10),
		min_k: p.k / 100,
		max_k: p.k.saturating_mul(100u32.into()),
		max_step: T::MaxKStep::get(),
		fee_share: Perbill::from_percent(50),
	})
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Setting a target: the pool is read, the target written.
	#[benchmark]
	fn adjust_k() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		let ratio = T::MaxKRatio::get();
		let p = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
		let target = math::scale_k(p.k, ratio).map_err(|_| BenchmarkError::Stop("target"))?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, MARKET, ratio);

		assert_eq!(KTargets::<T>::get(MARKET), Some(target));
		assert_last_event::<T>(Event::KTargetSet {
			market: MARKET,
			k: p.k,
			target_k: Some(target),
		});
		Ok(())
	}

	/// Worst case of one step towards a target: a net long position (two close-out
	/// computations per try, a charge to the fund), a full TWAP history, and a fund that can
	/// pay only the step halved 8 times (9 tries).
	#[benchmark]
	fn step_k() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		fill_history::<T>()?;
		Vamm::<T>::do_swap(MARKET, Direction::Long, SwapAmount::Quote(10_000 * UNIT), false)
			.map_err(|_| BenchmarkError::Stop("open net long"))?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
		Vamm::<T>::do_set_k_target(MARKET, T::MaxKRatio::get())
			.map_err(|_| BenchmarkError::Stop("target"))?;
		let p = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
		let target = KTargets::<T>::get(MARKET).ok_or(BenchmarkError::Stop("target"))?;
		let (ratio, _) = math::k_step_ratio(p.k, target, T::MaxKStep::get())
			.map_err(|_| BenchmarkError::Stop("step"))?;
		let full =
			math::adjust_k(p.base_reserve, p.quote_reserve, p.k, p.initial_base_reserve, ratio)
				.map_err(|_| BenchmarkError::Stop("adjust math"))?;
		T::BenchmarkHelper::prepare_k_funding(MARKET, full.cost.unsigned_abs() / 200);

		#[block]
		{
			Vamm::<T>::do_step_k(MARKET);
		}

		let after = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
		assert!(after.k > p.k && after.k < full.k, "a step halved 8 times was taken");
		Ok(())
	}

	/// Setting a policy: the pool's existence is read, the policy written.
	#[benchmark]
	fn set_k_policy() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		let policy = busy_policy::<T>()?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, MARKET, Some(policy));

		assert_eq!(KPolicies::<T>::get(MARKET), Some(policy));
		Ok(())
	}

	/// Worst case of an algorithmic K step: a net long position (two close-out computations
	/// per try, a charge to the fund), a full TWAP history, a busy period asking for a deeper
	/// pool, and a budget that pays only the step halved 8 times (9 tries).
	#[benchmark]
	fn step_k_policy() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		fill_history::<T>()?;
		Vamm::<T>::do_swap(MARKET, Direction::Long, SwapAmount::Quote(10_000 * UNIT), false)
			.map_err(|_| BenchmarkError::Stop("open net long"))?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
		let policy = busy_policy::<T>()?;
		Vamm::<T>::do_set_k_policy(MARKET, Some(policy))
			.map_err(|_| BenchmarkError::Stop("policy"))?;
		let p = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
		let up = FixedU128::one().saturating_add(FixedU128::from_perbill(policy.max_step));
		let full = math::adjust_k(p.base_reserve, p.quote_reserve, p.k, p.initial_base_reserve, up)
			.map_err(|_| BenchmarkError::Stop("adjust math"))?;
		let budget = full.cost.unsigned_abs() / 200;
		KBudgets::<T>::insert(MARKET, budget);
		T::BenchmarkHelper::prepare_k_funding(MARKET, full.cost.unsigned_abs());
		let period = FundingPeriod {
			open_interest: 0,
			funding_rate: FixedU128::zero(),
			trading_fee: Perbill::zero(),
		};

		#[block]
		{
			Vamm::<T>::do_policy_step(MARKET, &policy, period);
		}

		let after = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
		assert!(after.k > p.k && after.k < full.k, "a step halved 8 times was taken");
		assert!(KBudgets::<T>::get(MARKET) < budget, "the budget paid for it");
		Ok(())
	}

	/// Worst case: first swap of a block (block-start price recorded, TWAP point appended to a
	/// full history, the oldest dropped).
	#[benchmark]
	fn swap() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		fill_history::<T>()?;
		let result;

		#[block]
		{
			result = <Vamm<T> as VammInterface>::swap(
				MARKET,
				Direction::Long,
				SwapAmount::Quote(1_000 * UNIT),
				false,
			);
		}

		assert!(result.is_ok());
		Ok(())
	}

	#[benchmark]
	fn quote() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		let result;

		#[block]
		{
			result = <Vamm<T> as VammInterface>::quote(
				MARKET,
				Direction::Short,
				SwapAmount::Quote(1_000 * UNIT),
			);
		}

		assert!(result.is_ok());
		Ok(())
	}

	/// Worst case: full history, window reaching into the middle of it (interpolation).
	#[benchmark]
	fn mark_twap() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		fill_history::<T>()?;
		let window = T::TwapSnapshots::get() / 2 + 1;
		let result;

		#[block]
		{
			result = <Vamm<T> as VammInterface>::mark_twap(MARKET, window);
		}

		assert!(result.is_ok());
		Ok(())
	}

	impl_benchmark_test_suite!(Vamm, crate::mock::new_test_ext(), crate::mock::Test);
}
