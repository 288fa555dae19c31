//! Benchmarks of pallet-timelock (frame-benchmarking v2). The scheduled call is
//! `frame_system::remark` with `l` bytes: past 128 bytes it goes through the preimage store,
//! the worst case of `schedule`, `cancel` and `enact`.

use super::*;
use crate::Pallet as Timelock;
use frame::benchmarking::prelude::*;

/// Longest call benchmarked (a runtime upgrade is scheduled as `authorize_upgrade`, a hash).
const MAX_LEN: u32 = 64 * 1024;

fn remark<T: Config>(l: u32) -> <T as Config>::RuntimeCall {
	let call: <T as frame_system::Config>::RuntimeCall =
		frame_system::Call::<T>::remark { remark: alloc::vec![1u8; l as usize] }.into();
	call.into()
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn schedule(l: Linear<0, MAX_LEN>) -> Result<(), BenchmarkError> {
		let origin =
			T::ProposeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call = remark::<T>(l);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));
		assert_eq!(Pending::<T>::count(), 1);
		Ok(())
	}

	#[benchmark(pov_mode = MaxEncodedLen { Preimage::PreimageFor: Measured })]
	fn cancel() -> Result<(), BenchmarkError> {
		let index = Timelock::<T>::do_schedule(remark::<T>(MAX_LEN))
			.map_err(|_| BenchmarkError::Stop("schedule"))?;
		let origin =
			T::CancelOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, index);
		assert_last_event::<T>(Event::Cancelled { index });
		Ok(())
	}

	// the preimage's proof is its measured size (`l`), not the store's 4 MiB maximum
	#[benchmark(pov_mode = MaxEncodedLen { Preimage::PreimageFor: Measured })]
	fn enact(l: Linear<0, MAX_LEN>) -> Result<(), BenchmarkError> {
		let index = Timelock::<T>::do_schedule(remark::<T>(l))
			.map_err(|_| BenchmarkError::Stop("schedule"))?;
		let change = Pending::<T>::get(index).ok_or(BenchmarkError::Stop("pending"))?;
		#[extrinsic_call]
		_(RawOrigin::Root, index, change.weight, change.len);
		assert_last_event::<T>(Event::Enacted { index, result: Ok(()) });
		Ok(())
	}

	#[benchmark]
	fn set_delay() {
		let delay = T::MaxDelay::get();
		#[extrinsic_call]
		_(RawOrigin::Root, delay);
		assert_eq!(Delay::<T>::get(), delay);
	}

	impl_benchmark_test_suite!(Timelock, crate::mock::new_test_ext(), crate::mock::Test);
}
