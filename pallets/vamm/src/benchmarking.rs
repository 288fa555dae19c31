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
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(event));
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

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: a net long position (two close-out computations, a charge to the fund)
	/// and a full TWAP history.
	#[benchmark]
	fn adjust_k() -> Result<(), BenchmarkError> {
		pool::<T>()?;
		fill_history::<T>()?;
		Vamm::<T>::do_swap(MARKET, Direction::Long, SwapAmount::Quote(10_000 * UNIT), false)
			.map_err(|_| BenchmarkError::Stop("open net long"))?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now + 1u32.into());
		let ratio = T::MaxKRatio::get();
		let p = Pools::<T>::get(MARKET).ok_or(BenchmarkError::Stop("pool"))?;
		let expected = math::adjust_k(
			p.base_reserve,
			p.quote_reserve,
			p.k,
			p.initial_base_reserve,
			ratio,
		)
		.map_err(|_| BenchmarkError::Stop("adjust math"))?;
		T::BenchmarkHelper::prepare_k_funding(MARKET, expected.cost.unsigned_abs());
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, MARKET, ratio);

		assert_last_event::<T>(Event::KAdjusted {
			market: MARKET,
			old_k: p.k,
			new_k: expected.k,
			cost: expected.cost,
		});
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
