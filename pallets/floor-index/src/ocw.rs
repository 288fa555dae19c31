//! The offchain worker: fetch every feed's sources over HTTP, take the median, sign and submit
//! one report per local operator key.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::{ReportOf, SourceOf};
use alloc::vec::Vec;
use frame::arithmetic::FixedU128;
use frame::deps::sp_io;
use frame::deps::sp_runtime::offchain::{
	http,
	storage::{MutateStorageError, StorageRetrievalError, StorageValueRef},
	storage_lock::{BlockAndTime, StorageLock},
	Duration,
};
use frame::deps::sp_runtime::traits::Convert;
use frame::deps::sp_runtime::RuntimeAppPublic;
use frame::prelude::*;
use frame::traits::SortedMembers;
use frame_system::offchain::{CreateAuthorizedTransaction, SubmitTransaction};

const LOG: &str = "floor-index";
const LOCK_KEY: &[u8] = b"floor-index::lock";
const ROUND_KEY: &[u8] = b"floor-index::last-round";

/// Why a source gave no price.
#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
	/// The URL is not UTF-8.
	BadUrl,
	/// The request could not be sent.
	Io,
	/// No answer before the deadline.
	Deadline,
	/// A non-2xx status.
	Status(u16),
	/// The body is larger than `MaxResponseBytes`.
	TooLarge,
	/// The body is not JSON.
	Malformed,
	/// Nothing (or not a number) at the pointer.
	NoPrice,
	/// Zero, or above `MaxPrice`.
	Implausible,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn run_offchain_worker(now: u32) {
		if !now.is_multiple_of(T::ReportInterval::get().max(1)) {
			return;
		}
		let keys: Vec<T::AuthorityId> = T::AuthorityId::all()
			.into_iter()
			.filter(|k| T::Operators::contains(&T::KeyToAccount::convert(k.clone())))
			.collect();
		if keys.is_empty() {
			return;
		}
		// one worker at a time (a slow round must not overlap the next one's start); the
		// per-round record below keeps a round from being reported twice
		let mut lock =
			StorageLock::<BlockAndTime<frame_system::Pallet<T>>>::with_block_and_time_deadline(
				LOCK_KEY,
				1,
				Duration::from_millis(T::HttpTimeoutMs::get().saturating_mul(2)),
			);
		let Ok(guard) = lock.try_lock() else {
			log::debug!(target: LOG, "another worker holds the lock");
			return;
		};
		let round = Self::round_of(now);
		if !Self::claim_round(round) {
			log::debug!(target: LOG, "round {round} already reported");
			return;
		}
		let prices = Self::fetch_all();
		if prices.is_empty() {
			log::warn!(target: LOG, "round {round}: no source answered");
			return;
		}
		for key in keys {
			Self::submit(key, round, prices.clone());
		}
		drop(guard);
	}

	/// Record that this node reports `round`; false if it already did.
	fn claim_round(round: u32) -> bool {
		let last = StorageValueRef::persistent(ROUND_KEY);
		let res = last.mutate(|prev: Result<Option<u32>, StorageRetrievalError>| match prev {
			Ok(Some(r)) if r >= round => Err(()),
			_ => Ok(round),
		});
		!matches!(
			res,
			Err(MutateStorageError::ValueFunctionFailed(_))
				| Err(MutateStorageError::ConcurrentModification(_))
		)
	}

	/// The median price of every feed with at least one answering source.
	pub(crate) fn fetch_all() -> BoundedVec<(T::CollectionId, FixedU128), T::MaxFeeds> {
		let mut out = BoundedVec::new();
		for (collection, sources) in Feeds::<T>::iter() {
			let mut prices: Vec<FixedU128> = Vec::new();
			for s in sources.iter() {
				match Self::fetch_price(s) {
					Ok(p) => prices.push(p),
					Err(e) => log::warn!(
						target: LOG,
						"{collection:?}: source {} refused: {e:?}",
						core::str::from_utf8(&s.url).unwrap_or("<non-utf8>")
					),
				}
			}
			if let Some(m) = math::median(&mut prices) {
				if out.try_push((collection, m)).is_err() {
					break;
				}
			}
		}
		out
	}

	/// Fetch one source and read its price.
	pub(crate) fn fetch_price(s: &SourceOf<T>) -> Result<FixedU128, FetchError> {
		let body = Self::http_get(&s.url)?;
		Self::parse_price(&body, &s.pointer, s.decimals)
	}

	/// Parse the price at `pointer` in the JSON `body`.
	pub fn parse_price(body: &[u8], pointer: &[u8], decimals: u8) -> Result<FixedU128, FetchError> {
		let json: serde_json::Value =
			serde_json::from_slice(body).map_err(|_| FetchError::Malformed)?;
		let pointer = core::str::from_utf8(pointer).map_err(|_| FetchError::NoPrice)?;
		let v = json.pointer(pointer).ok_or(FetchError::NoPrice)?;
		let price = math::json_price(v, decimals).ok_or(FetchError::NoPrice)?;
		if !math::plausible(price, T::MaxPrice::get()) {
			return Err(FetchError::Implausible);
		}
		Ok(price)
	}

	/// GET `url` with the deadline and the size cap; only a 2xx answer is read.
	fn http_get(url: &[u8]) -> Result<Vec<u8>, FetchError> {
		let url = core::str::from_utf8(url).map_err(|_| FetchError::BadUrl)?;
		let deadline =
			sp_io::offchain::timestamp().add(Duration::from_millis(T::HttpTimeoutMs::get()));
		let pending =
			http::Request::get(url).deadline(deadline).send().map_err(|_| FetchError::Io)?;
		let response = pending
			.try_wait(deadline)
			.map_err(|_| FetchError::Deadline)?
			.map_err(|_| FetchError::Deadline)?;
		if !(200..300).contains(&response.code) {
			return Err(FetchError::Status(response.code));
		}
		let max = T::MaxResponseBytes::get() as usize;
		let mut body = response.body();
		body.deadline(deadline);
		let bytes: Vec<u8> = body.by_ref().take(max.saturating_add(1)).collect();
		if body.error().is_some() {
			return Err(FetchError::Deadline);
		}
		if bytes.len() > max {
			return Err(FetchError::TooLarge);
		}
		Ok(bytes)
	}

	/// Sign and submit `key`'s report.
	fn submit(
		key: T::AuthorityId,
		round: u32,
		prices: BoundedVec<(T::CollectionId, FixedU128), T::MaxFeeds>,
	) {
		let report: ReportOf<T> = Report { operator: key.clone(), round, prices };
		let Some(signature) = key.sign(&Pallet::<T>::signing_payload(&report)) else {
			log::error!(target: LOG, "cannot sign with the operator key");
			return;
		};
		let call = Call::<T>::submit_report { report, signature };
		let xt =
			<T as CreateAuthorizedTransaction<Call<T>>>::create_authorized_transaction(call.into());
		match SubmitTransaction::<T, Call<T>>::submit_transaction(xt) {
			Ok(()) => log::info!(target: LOG, "round {round}: report submitted"),
			Err(()) => log::warn!(target: LOG, "round {round}: report refused by the pool"),
		}
	}
}
