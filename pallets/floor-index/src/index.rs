//! The index itself: the median of a quorum of fresh reports, clamped around its own TWAP,
//! with a TWAP accumulator.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::ReportSink;
use alloc::vec::Vec;
use frame::arithmetic::FixedU128;
use frame::prelude::*;

impl<T: Config> Pallet<T> {
	/// Take the oracle's reports of `collection` into the index (called by the oracle's
	/// `OnNewData` for every accepted report). The reports younger than `ReportExpiry` and
	/// inside `(0, MaxPrice]` count; fewer than the quorum leave the index as it is
	/// (`AwaitingQuorum`: a first index needs the quorum too); otherwise their median, clamped
	/// to `MaxDeviation` around the index TWAP over the clamp window, is the new index
	/// (`IndexUpdated`). The TWAP accumulator is brought up to now first.
	pub fn refresh(collection: &T::CollectionId) {
		let now = Self::now();
		let rules = Rules::<T>::get();
		let mut fresh: Vec<FixedU128> = T::Sink::reports(collection)
			.into_iter()
			.filter(|(p, at)| {
				now.saturating_sub(*at) < T::ReportExpiry::get()
					&& math::plausible(*p, T::MaxPrice::get())
			})
			.map(|(p, _)| p)
			.collect();
		let count = fresh.len() as u32;
		let median = match math::median(&mut fresh) {
			Some(m) if count >= rules.quorum => m,
			_ => {
				Self::deposit_event(Event::AwaitingQuorum {
					collection: *collection,
					fresh: count,
					quorum: rules.quorum,
				});
				return;
			},
		};
		let mut st = Indices::<T>::get(collection).unwrap_or_default();
		if st.price.is_zero() || st.updated_at != now {
			// the block's first update fixes what every update of the block is clamped around
			st.anchor = Self::clamp_anchor(collection, &st, now, rules.clamp_window);
		}
		let price = math::clamp_change(st.anchor, median, T::MaxDeviation::get());
		Self::write_index(collection, st, price, now);
		Self::deposit_event(Event::IndexUpdated {
			collection: *collection,
			price,
			median,
			clamped: price != median,
		});
	}

	/// What the updates of this block are clamped around, taken before its first update: the
	/// index TWAP over the `window` blocks before now (the closing index of past blocks; over
	/// the history kept if shorter); zero (no clamp) before the first index. `st` is the state
	/// before the block's first update.
	fn clamp_anchor(
		collection: &T::CollectionId,
		st: &IndexState,
		now: u32,
		window: u32,
	) -> FixedU128 {
		if st.price.is_zero() {
			return st.price;
		}
		let history = TwapHistory::<T>::get(collection);
		floorperp_primitives::twap(
			&history,
			|p| (u64::from(p.block), p.cumulative),
			u64::from(st.last_accumulated),
			st.cumulative,
			st.price,
			u64::from(now),
			window,
		)
		.unwrap_or(st.price)
	}

	/// Append `point` to the TWAP history of `collection` (replacing a point of the same
	/// block; the oldest dropped when full).
	fn record_twap_point(collection: &T::CollectionId, point: TwapPoint<u32>) {
		TwapHistory::<T>::mutate(collection, |h| floorperp_primitives::record_point(h, point));
	}

	/// Benchmark set-up: make the index of `collection` exactly `price`, updated now, without
	/// the oracle and the clamp (the accumulator is brought up to now first, as a refresh does).
	#[cfg(any(feature = "runtime-benchmarks", test))]
	pub fn force_index(collection: &T::CollectionId, price: FixedU128) {
		let st = Indices::<T>::get(collection).unwrap_or_default();
		Self::write_index(collection, IndexState { anchor: price, ..st }, price, Self::now());
	}

	/// Set the index of `collection` to `price` at block `now`: bring the TWAP accumulator up
	/// to now with the previous price first (a first index starts it), store, and record a
	/// history point.
	fn write_index(collection: &T::CollectionId, mut st: IndexState, price: FixedU128, now: u32) {
		if st.price.is_zero() {
			st.last_accumulated = now;
		} else {
			st.cumulative = floorperp_primitives::accumulate(
				st.cumulative,
				u64::from(st.last_accumulated),
				u64::from(now),
				st.price,
			);
			st.last_accumulated = now.max(st.last_accumulated);
		}
		st.price = price;
		st.updated_at = now;
		Indices::<T>::insert(collection, st);
		Self::record_twap_point(collection, TwapPoint { block: now, cumulative: st.cumulative });
	}

	/// The index of `collection` and the block of its last update.
	pub fn current_index(collection: &T::CollectionId) -> Option<(FixedU128, u32)> {
		Indices::<T>::get(collection)
			.filter(|s| !s.price.is_zero())
			.map(|s| (s.price, s.updated_at))
	}

	/// The index's cumulative price brought up to now (the sum over past blocks of each
	/// block's closing index, `FixedU128` inner value): the exact mean over blocks `a .. now`
	/// is `(C(now) − C(a)) / (now − a)`.
	pub fn index_cumulative(collection: &T::CollectionId) -> Option<U256> {
		let st = Indices::<T>::get(collection).filter(|s| !s.price.is_zero())?;
		Some(floorperp_primitives::accumulate(
			st.cumulative,
			u64::from(st.last_accumulated),
			u64::from(Self::now()),
			st.price,
		))
	}

	/// Time-weighted index over the `window` blocks before now (the closing index of each
	/// block; over the available history if shorter).
	pub fn index_twap(collection: &T::CollectionId, window: u32) -> Option<FixedU128> {
		let st = Indices::<T>::get(collection).filter(|s| !s.price.is_zero())?;
		let history = TwapHistory::<T>::get(collection);
		floorperp_primitives::twap(
			&history,
			|p| (u64::from(p.block), p.cumulative),
			u64::from(st.last_accumulated),
			st.cumulative,
			st.price,
			u64::from(Self::now()),
			window,
		)
		.ok()
	}

	/// Every invariant of the oracle: the named checks below.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), DispatchError> {
		Self::try_state_feeds()?;
		Self::try_state_indices()
	}

	/// The feeds.
	///
	/// # Invariants
	///
	/// * every feed's sources are valid (as `set_feed` checks them);
	/// * `FeedCount` is the number of feeds.
	#[cfg(any(feature = "try-runtime", test))]
	fn try_state_feeds() -> Result<(), DispatchError> {
		let mut n: u32 = 0;
		for (_c, sources) in Feeds::<T>::iter() {
			Self::validate_sources(&sources)?;
			n = n.saturating_add(1);
		}
		ensure!(n == FeedCount::<T>::get(), "FeedCount mismatch");
		Ok(())
	}

	/// The indices and their TWAP histories.
	///
	/// # Invariants
	///
	/// * every index's TWAP history is in order (blocks increasing, accumulator never
	///   decreasing) and ends at the index's last update;
	/// * the accumulator is brought up to the last update.
	#[cfg(any(feature = "try-runtime", test))]
	fn try_state_indices() -> Result<(), DispatchError> {
		for (c, st) in Indices::<T>::iter() {
			let h = TwapHistory::<T>::get(c);
			ensure!(floorperp_primitives::is_in_order(&h), "TWAP history not increasing");
			ensure!(h.last().map(|p| p.block) == Some(st.updated_at), "TWAP history stale");
			ensure!(st.last_accumulated == st.updated_at, "accumulator not at the last update");
		}
		Ok(())
	}
}

/// The index as the clearing house reads it: the clamped index, the block of its last update,
/// its TWAP and its cumulative price.
impl<T: Config> floorperp_primitives::FloorIndex<T::CollectionId, u32> for Pallet<T> {
	fn index(collection: &T::CollectionId) -> Option<(FixedU128, u32)> {
		Self::current_index(collection)
	}
	fn index_twap(collection: &T::CollectionId, window: u32) -> Option<FixedU128> {
		Self::index_twap(collection, window)
	}
	fn index_cumulative(collection: &T::CollectionId) -> Option<U256> {
		Self::index_cumulative(collection)
	}
}
