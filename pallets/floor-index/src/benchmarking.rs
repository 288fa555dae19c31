//! Benchmarks (frame-benchmarking v2) for every call, and for the authorization of a report.

use super::*;
use crate::pallet::{Call, Config, FeedCount, Feeds, Indices, LastRound, Pallet, Rules};
use crate::OracleRules;
use alloc::vec::Vec;
use frame::benchmarking::prelude::*;

/// A source with the longest URL and pointer.
fn source<T: Config>() -> SourceOf<T> {
	let mut url = b"https://".to_vec();
	url.resize(T::MaxUrlLen::get() as usize, b'a');
	let mut pointer = b"/".to_vec();
	pointer.resize(T::MaxPointerLen::get() as usize, b'p');
	Source {
		url: url.try_into().unwrap_or_default(),
		pointer: pointer.try_into().unwrap_or_default(),
		decimals: 18,
	}
}

fn sources<T: Config>(s: u32) -> SourcesOf<T> {
	let v: Vec<SourceOf<T>> = (0..s).map(|_| source::<T>()).collect();
	v.try_into().unwrap_or_default()
}

/// `n` feeds, an operator key (whose account is an operator) and its report of all of them.
fn report<T: Config>(n: u32, round: u32) -> Result<(ReportOf<T>, SignatureOf<T>), BenchmarkError> {
	if round == 1 {
		// room for `MaxFeeds` feeds of our own (a genesis may have some)
		let _ = Feeds::<T>::clear(u32::MAX, None);
		FeedCount::<T>::kill();
	}
	for i in 0..n {
		let c = T::BenchmarkHelper::collection(i);
		if !Feeds::<T>::contains_key(c) {
			Pallet::<T>::do_add_feed(c, sources::<T>(1))
				.map_err(|_| BenchmarkError::Stop("feed"))?;
		}
	}
	let key = T::AuthorityId::all()
		.into_iter()
		.next()
		.unwrap_or_else(|| T::AuthorityId::generate_pair(None));
	T::BenchmarkHelper::add_operator(&T::KeyToAccount::convert(key.clone()));
	let prices: Vec<(T::CollectionId, FixedU128)> = (0..n)
		.map(|i| (T::BenchmarkHelper::collection(i), FixedU128::from_u32(100 + round)))
		.collect();
	let report = Report {
		operator: key.clone(),
		round,
		prices: prices.try_into().map_err(|_| BenchmarkError::Stop("prices"))?,
	};
	let signature = key
		.sign(&Pallet::<T>::signing_payload(&report))
		.ok_or(BenchmarkError::Stop("cannot sign"))?;
	Ok((report, signature))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_feed(s: Linear<1, { T::MaxSources::get() }>) -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let c = T::BenchmarkHelper::collection(0);
		let before = FeedCount::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, c, sources::<T>(s));
		assert_eq!(FeedCount::<T>::get(), before + 1);
		Ok(())
	}

	#[benchmark]
	fn set_sources(s: Linear<1, { T::MaxSources::get() }>) -> Result<(), BenchmarkError> {
		let c = T::BenchmarkHelper::collection(0);
		Pallet::<T>::do_add_feed(c, sources::<T>(1)).map_err(|_| BenchmarkError::Stop("feed"))?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, c, sources::<T>(s));
		assert_eq!(Feeds::<T>::get(c).map(|f| f.len() as u32), Some(s));
		Ok(())
	}

	#[benchmark]
	fn remove_feed() -> Result<(), BenchmarkError> {
		let c = T::BenchmarkHelper::collection(0);
		Pallet::<T>::do_add_feed(c, sources::<T>(1)).map_err(|_| BenchmarkError::Stop("feed"))?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let before = FeedCount::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, c);
		assert_eq!(FeedCount::<T>::get(), before - 1);
		assert!(!Feeds::<T>::contains_key(c));
		Ok(())
	}

	#[benchmark]
	fn set_rules() -> Result<(), BenchmarkError> {
		let operator: T::AccountId = account("operator", 0, 0);
		T::BenchmarkHelper::add_operator(&operator);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let window = Pallet::<T>::max_clamp_window();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1, window);
		assert_eq!(Rules::<T>::get(), OracleRules { quorum: 1, clamp_window: window });
		Ok(())
	}

	/// A report of `n` prices, each feeding the oracle and refreshing an existing index (the
	/// accumulator and history path).
	#[benchmark]
	fn submit_report(n: Linear<1, { T::MaxFeeds::get() }>) -> Result<(), BenchmarkError> {
		let (first, _) = report::<T>(n, 1)?;
		Pallet::<T>::do_submit_report(first).map_err(|_| BenchmarkError::Stop("first report"))?;
		let next = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(next);
		let (report, signature) = report::<T>(n, 2)?;
		let who = T::KeyToAccount::convert(report.operator.clone());
		#[extrinsic_call]
		_(frame_system::RawOrigin::Authorized, report, signature);
		assert_eq!(LastRound::<T>::get(&who), Some(2));
		assert!(Indices::<T>::get(T::BenchmarkHelper::collection(0)).is_some());
		Ok(())
	}

	/// The transaction-pool check of a report of `n` prices (signature verification).
	#[benchmark]
	fn authorize_report(n: Linear<1, { T::MaxFeeds::get() }>) -> Result<(), BenchmarkError> {
		let _ = Feeds::<T>::clear(u32::MAX, None);
		FeedCount::<T>::kill();
		let round = Pallet::<T>::round_of(Pallet::<T>::now());
		let (report, signature) = report::<T>(n, round)?;
		let result;
		#[block]
		{
			result =
				Pallet::<T>::authorize_report(TransactionSource::External, &report, &signature);
		}
		assert!(result.is_ok());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
