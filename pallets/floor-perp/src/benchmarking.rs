//! Benchmarks (frame-benchmarking v2) for every call and both `on_initialize` paths.

use super::*;
use crate::pallet::{Accounts, Call, Config, Markets, NextMarketId, Pallet};
use frame::arithmetic::FixedU128;
use frame::benchmarking::prelude::*;
use frame::token::fungibles::Mutate;

const SEED: u32 = 0;

fn params() -> MarketParams {
	MarketParams { max_price_move: Perbill::from_percent(50), ..Default::default() }
}

fn setup_market<T: Config>(i: u32) -> Result<MarketId, BenchmarkError> {
	T::BenchmarkHelper::ensure_quote_asset(T::QuoteAsset::get());
	let c = T::BenchmarkHelper::collection(i);
	T::BenchmarkHelper::set_index(c, FixedU128::from_u32(100));
	let id = Pallet::<T>::do_create_market(c, 1_000 * ONE, 100_000 * ONE, params())
		.map_err(|_| BenchmarkError::Stop("create market"))?;
	Ok(id)
}

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, SEED);
	let _ = T::Assets::mint_into(T::QuoteAsset::get(), &who, 1_000_000 * ONE);
	who
}

fn trader<T: Config>(id: MarketId, i: u32, side: Side, cash: u128, size: u128) -> Result<T::AccountId, BenchmarkError> {
	let who = funded::<T>("trader", i);
	Pallet::<T>::do_deposit(&who, id, cash).map_err(|_| BenchmarkError::Stop("deposit"))?;
	let limit = if side == Side::Long { u128::MAX } else { 0 };
	Pallet::<T>::do_trade(&who, id, side, TradeAmount::Base(size), limit, false)
		.map_err(|_| BenchmarkError::Stop("trade"))?;
	Ok(who)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_market() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let c = T::BenchmarkHelper::collection(0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, c, 1_000 * ONE, 100_000 * ONE, params());
		assert!(Markets::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_market_params() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut p = params();
		p.trading_fee = Perbill::from_parts(2_000_000);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, p);
		assert_eq!(Markets::<T>::get(id).map(|m| m.params.trading_fee), Some(p.trading_fee));
		Ok(())
	}

	#[benchmark]
	fn deposit() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		let who = funded::<T>("who", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 100 * ONE);
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.cash), Some(100 * ONE));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// worst case: with a long position (margin check + dynamic requirement)
		let who = trader::<T>(id, 0, Side::Long, 1_000 * ONE, 10 * ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 100 * ONE);
		Ok(())
	}

	#[benchmark]
	fn open_position() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// worst case: a flip (two swaps) with funding to settle
		let who = trader::<T>(id, 0, Side::Short, 1_000 * ONE, 5 * ONE)?;
		let _other = trader::<T>(id, 1, Side::Long, 1_000 * ONE, 5 * ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, Side::Long, TradeAmount::Base(10 * ONE), u128::MAX);
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.position.size), Some(5 * ONE as i128));
		Ok(())
	}

	#[benchmark]
	fn close_position() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		let who = trader::<T>(id, 0, Side::Long, 1_000 * ONE, 10 * ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, None, 0u128);
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.position.size), Some(0));
		Ok(())
	}

	#[benchmark]
	fn liquidate() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// a 10x long, then the price falls ~10%
		let who = trader::<T>(id, 0, Side::Long, 110 * ONE, 10 * ONE)?;
		let _bear = trader::<T>(id, 1, Side::Short, 100_000 * ONE, 60 * ONE)?;
		let keeper = funded::<T>("keeper", 0);
		assert!(Pallet::<T>::is_liquidatable(id, &Accounts::<T>::get(id, &who).unwrap_or_default()));
		#[extrinsic_call]
		_(RawOrigin::Signed(keeper), id, who.clone());
		Ok(())
	}

	/// `m` markets all at their funding boundary, each with open positions (funding does not
	/// iterate positions: the weight does not depend on them).
	#[benchmark]
	fn on_initialize_funding(m: Linear<1, { T::MaxMarkets::get() }>) -> Result<(), BenchmarkError> {
		for i in 0..m {
			let id = setup_market::<T>(i)?;
			trader::<T>(id, i * 2, Side::Long, 1_000 * ONE, 10 * ONE)?;
			trader::<T>(id, i * 2 + 1, Side::Short, 1_000 * ONE, 5 * ONE)?;
		}
		let now: u32 = Pallet::<T>::now().saturating_add(params().funding_period);
		frame_system::Pallet::<T>::set_block_number(now.into());
		for i in 0..m {
			T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(i), FixedU128::from_u32(99));
		}
		#[block]
		{
			Pallet::<T>::process_funding(now);
		}
		assert_eq!(NextMarketId::<T>::get(), m);
		Ok(())
	}

	/// The sweep examining `n` healthy positions (the liquidations it triggers are charged
	/// separately with the weight of `liquidate`).
	#[benchmark]
	fn on_initialize_sweep(n: Linear<1, 64>) -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		for i in 0..n {
			trader::<T>(id, i, if i % 2 == 0 { Side::Long } else { Side::Short }, 100 * ONE, ONE)?;
		}
		#[block]
		{
			Pallet::<T>::sweep(n);
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
