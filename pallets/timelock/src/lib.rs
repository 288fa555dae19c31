#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code never panics: no unchecked arithmetic, indexing, `unwrap` or `expect` outside
// tests (`scripts/test` runs clippy with `-D warnings`).
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used
	)
)]
//! # pallet-timelock: governance decisions enacted after a delay everyone can see
//!
//! The only way the technical committee reaches `Root` (runtime upgrades, markets, market
//! parameters, K, oracle feeds, membership): a 2/3 motion calls [`Pallet::schedule`] with the
//! call to make; the chain stores it as a *pending change* ([`Pending`]) and asks the
//! scheduler (`frame_support::traits::schedule::v3::Named`, pallet-scheduler in the runtime) to
//! dispatch [`Pallet::enact`] at `now + Delay` with the `Root` origin. Until then the change is
//! visible on chain (storage, events, the [`api::TimelockApi`] runtime API with a preview of what
//! it does — for a K change, its cost to the insurance fund at the current net position) and
//! can be cancelled ([`Pallet::cancel`]). At the enactment block the scheduler calls `enact`,
//! which removes the pending change and dispatches the call as `Root`; the outcome is in
//! [`Event::Enacted`].
//!
//! Why not pallet-scheduler alone: the scheduler dispatches a task with the origin of whoever
//! scheduled it, so the committee's motion origin would never become `Root`. Why not
//! referenda or whitelist: no token-holder vote here, and neither has a per-chain delay in its
//! genesis (see `docs/governance.md`).
//!
//! ## Rules
//!
//! * `schedule`: `ProposeOrigin` (the runtime: 2/3 of the committee). The call's weight must be
//!   at most `MaxCallWeight`; at most `MaxPending` changes wait at once. Calls longer than 128
//!   bytes are noted in the preimage store (`StorePreimage::bound`) and dropped again when the
//!   change is enacted or cancelled.
//! * `cancel`: `CancelOrigin` (the runtime: Root or 2/3 of the committee).
//! * `enact`: `Root` only — the scheduler's task; the call is dispatched as `Root` and its
//!   result, success or failure, is reported; `enact` itself fails only if the change is not
//!   pending or its weight bound is short (nothing is dispatched then).
//! * `set_delay`: `Root` only, so a change of the delay is itself time-locked; within
//!   `[MinDelay, MaxDelay]`.
//!
//! Delay is a storage value with a genesis field (short on a dev chain, long on a live one);
//! a chain spec that leaves it out gets `DefaultDelay`.

extern crate alloc;

pub mod api;
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	clippy::expect_used
)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use api::{PendingChangeInfo, PreviewChange};
pub use pallet::*;
pub use weights::WeightInfo;

use alloc::boxed::Box;
use frame::deps::frame_support::dispatch::{extract_actual_weight, GetDispatchInfo};
use frame::deps::frame_support::traits::{
	schedule::{v3::Named as ScheduleNamed, DispatchTime, HARD_DEADLINE},
	Bounded, QueryPreimage, StorePreimage,
};
use frame::prelude::*;
use frame::traits::{Dispatchable, Hash as HashT};

/// Index of a pending change: counts every change ever scheduled.
pub type ChangeIndex = u32;

/// The call of a runtime, bounded for storage (inline up to 128 bytes, else a preimage hash).
pub type BoundedCallOf<T> =
	Bounded<<T as Config>::RuntimeCall, <T as frame_system::Config>::Hashing>;

/// A change waiting for its enactment block.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen,
)]
pub struct PendingChange<BlockNumber, Call> {
	/// Block of the decision.
	pub proposed_at: BlockNumber,
	/// Block at whose start the scheduler enacts it.
	pub when: BlockNumber,
	/// The call, dispatched as `Root`.
	pub call: Call,
	/// The call's dispatch weight when it was scheduled (the bound `enact` is given).
	pub weight: Weight,
	/// The call's encoded length (the bound `enact` is given: it reads the call).
	pub len: u32,
}

/// The pending change of a runtime.
pub type PendingChangeOf<T> = PendingChange<BlockNumberFor<T>, BoundedCallOf<T>>;

/// What the runtime's preview says a change does.
pub type EffectOf<T> =
	<<T as Config>::Preview as PreviewChange<<T as Config>::RuntimeCall>>::Effect;

/// A pending change of a runtime as its runtime API returns it.
pub type PendingChangeInfoOf<T> =
	PendingChangeInfo<BlockNumberFor<T>, <T as frame_system::Config>::Hash, EffectOf<T>>;

/// The scheduler's name of the task that enacts change `index`.
pub fn task_name(index: ChangeIndex) -> [u8; 32] {
	(b"floorperp/timelock", index).using_encoded(frame::hashing::blake2_256)
}

// FRAME's macros expand to `expect` (storage prefixes, error encoding) inside this module;
// the calls here only delegate, and a genesis that does not validate must panic.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The runtime's call: what a change dispatches.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<Call<Self>>
			+ IsType<<Self as frame_system::Config>::RuntimeCall>;
		/// The origins the scheduler stores (the runtime's `OriginCaller`).
		type PalletsOrigin: From<frame_system::RawOrigin<Self::AccountId>>;
		/// Dispatches `enact` at the enactment block (pallet-scheduler).
		type Scheduler: ScheduleNamed<
			BlockNumberFor<Self>,
			<Self as Config>::RuntimeCall,
			Self::PalletsOrigin,
			Hasher = Self::Hashing,
		>;
		/// Holds the calls longer than 128 bytes until they are enacted (pallet-preimage).
		type Preimages: QueryPreimage<H = Self::Hashing> + StorePreimage;
		/// Who may schedule a change.
		type ProposeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Who may cancel a pending change.
		type CancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Shortest delay `set_delay` accepts (at least 1: a change is never enacted in the
		/// block that decides it).
		#[pallet::constant]
		type MinDelay: Get<BlockNumberFor<Self>>;
		/// Longest delay `set_delay` accepts.
		#[pallet::constant]
		type MaxDelay: Get<BlockNumberFor<Self>>;
		/// The delay of a chain whose genesis does not set one.
		#[pallet::constant]
		type DefaultDelay: Get<BlockNumberFor<Self>>;
		/// Heaviest call that may be scheduled (it runs inside the scheduler's block budget).
		#[pallet::constant]
		type MaxCallWeight: Get<Weight>;
		/// Most changes pending at once.
		#[pallet::constant]
		type MaxPending: Get<u32>;
		/// What the runtime API says a change does (e.g. a K change's cost).
		type Preview: PreviewChange<<Self as Config>::RuntimeCall>;
		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Blocks between a decision and its enactment.
	#[pallet::storage]
	pub type Delay<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultDelay>;

	/// Index of the next change.
	#[pallet::storage]
	pub type NextIndex<T: Config> = StorageValue<_, ChangeIndex, ValueQuery>;

	/// The changes waiting for their enactment block, by index.
	#[pallet::storage]
	pub type Pending<T: Config> =
		CountedStorageMap<_, Twox64Concat, ChangeIndex, PendingChangeOf<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The chain's delay (`None`: `DefaultDelay`).
		pub delay: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(delay) = self.delay {
				assert!(
					delay >= T::MinDelay::get() && delay <= T::MaxDelay::get(),
					"timelock: genesis delay outside [MinDelay, MaxDelay]"
				);
				Delay::<T>::put(delay);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A change was scheduled: `call_hash` (blake2-256 of the encoded call) is enacted at
		/// the start of block `when`.
		Scheduled {
			/// Its index.
			index: ChangeIndex,
			/// Its enactment block.
			when: BlockNumberFor<T>,
			/// Hash of the encoded call.
			call_hash: T::Hash,
			/// Length of the encoded call.
			call_len: u32,
		},
		/// A pending change was cancelled.
		Cancelled {
			/// Its index.
			index: ChangeIndex,
		},
		/// A change was enacted: its call was dispatched as `Root`, with this result.
		Enacted {
			/// Its index.
			index: ChangeIndex,
			/// The call's result.
			result: DispatchResult,
		},
		/// The delay changed (for changes scheduled from now on).
		DelaySet {
			/// The new delay in blocks.
			delay: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The call's weight is above `MaxCallWeight`.
		CallTooHeavy,
		/// `MaxPending` changes are already waiting.
		TooManyPending,
		/// No pending change has this index.
		UnknownChange,
		/// The delay is outside `[MinDelay, MaxDelay]`.
		DelayOutOfBounds,
		/// The enactment block or the change index overflows.
		Overflow,
		/// `enact` was given a weight or length bound below the call's.
		BoundTooLow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::MinDelay::get().is_zero(), "MinDelay >= 1");
			assert!(T::MinDelay::get() <= T::MaxDelay::get(), "MinDelay <= MaxDelay");
			assert!(
				T::MinDelay::get() <= T::DefaultDelay::get()
					&& T::DefaultDelay::get() <= T::MaxDelay::get(),
				"DefaultDelay within [MinDelay, MaxDelay]"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state().map_err(Into::into)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Schedule `call` to be dispatched as `Root` at the start of block `now + Delay`.
		///
		/// Origin: `ProposeOrigin` (the runtime: 2/3 of the technical committee). Fails with
		/// `CallTooHeavy`, `TooManyPending`, `Overflow`, or the scheduler's error (e.g. the
		/// enactment block's agenda is full). Emits [`Event::Scheduled`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::schedule(call.encoded_size().saturated_into()))]
		pub fn schedule(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			T::ProposeOrigin::ensure_origin(origin)?;
			Self::do_schedule(*call).map(|_| ())
		}

		/// Cancel pending change `index`: its task leaves the scheduler's agenda and its call
		/// the preimage store.
		///
		/// Origin: `CancelOrigin` (the runtime: Root or 2/3 of the technical committee).
		/// Fails with `UnknownChange`. Emits [`Event::Cancelled`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, index: ChangeIndex) -> DispatchResult {
			T::CancelOrigin::ensure_origin(origin)?;
			Self::do_cancel(index)
		}

		/// Enact pending change `index`: remove it and dispatch its call as `Root`. The
		/// scheduler's task at the enactment block; `weight_bound` and `len_bound` (set when it
		/// was scheduled) are the most the call may weigh and its encoding may be long.
		///
		/// Origin: `Root`. Fails with `UnknownChange` or `BoundTooLow` (nothing is dispatched
		/// then); the call's own failure is reported, not returned. Emits [`Event::Enacted`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::enact(*len_bound).saturating_add(*weight_bound))]
		pub fn enact(
			origin: OriginFor<T>,
			index: ChangeIndex,
			weight_bound: Weight,
			len_bound: u32,
		) -> DispatchResultWithPostInfo {
			ensure_root(origin)?;
			Self::do_enact(index, weight_bound, len_bound)
		}

		/// Set the delay of changes scheduled from now on.
		///
		/// Origin: `Root` (so a new delay waits for the current one). Fails with
		/// `DelayOutOfBounds` outside `[MinDelay, MaxDelay]`. Emits [`Event::DelaySet`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_delay())]
		pub fn set_delay(origin: OriginFor<T>, delay: BlockNumberFor<T>) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_delay(delay)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Schedule `call` (see [`Pallet::schedule`]); returns its index.
	pub fn do_schedule(call: <T as Config>::RuntimeCall) -> Result<ChangeIndex, DispatchError> {
		let weight = call.get_dispatch_info().call_weight;
		ensure!(weight.all_lte(T::MaxCallWeight::get()), Error::<T>::CallTooHeavy);
		ensure!(Pending::<T>::count() < T::MaxPending::get(), Error::<T>::TooManyPending);
		let index = NextIndex::<T>::get();
		let next = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let now = frame_system::Pallet::<T>::block_number();
		let when = now.checked_add(&Delay::<T>::get()).ok_or(Error::<T>::Overflow)?;
		let call_len: u32 = call.encoded_size().saturated_into();
		let call_hash = T::Hashing::hash_of(&call);
		let bounded = Self::hold(call)?;
		let task = T::Preimages::bound(<T as Config>::RuntimeCall::from(Call::<T>::enact {
			index,
			weight_bound: weight,
			len_bound: call_len,
		}))?;
		// the scheduler orders a block's tasks by priority; one that does not fit its weight
		// budget waits for the next block (`MaxCallWeight` keeps any one within it)
		if let Err(e) = T::Scheduler::schedule_named(
			task_name(index),
			DispatchTime::At(when),
			None,
			HARD_DEADLINE,
			frame_system::RawOrigin::Root.into(),
			task,
		) {
			T::Preimages::drop(&bounded);
			return Err(e);
		}
		let change = PendingChange { proposed_at: now, when, call: bounded, weight, len: call_len };
		Pending::<T>::insert(index, change);
		NextIndex::<T>::put(next);
		Self::deposit_event(Event::Scheduled { index, when, call_hash, call_len });
		Ok(index)
	}

	/// Bound `call` for storage: inline up to 128 bytes, else noted in the preimage store with
	/// one more request (so that twin changes — the same call scheduled twice — each hold it
	/// and each `drop` releases one).
	fn hold(call: <T as Config>::RuntimeCall) -> Result<BoundedCallOf<T>, DispatchError> {
		let encoded = call.encode();
		let hash = T::Hashing::hash(&encoded);
		if encoded.len() > 128 && T::Preimages::is_requested(&hash) {
			T::Preimages::request(&hash);
			let len = encoded.len().saturated_into();
			if let Err(e) = T::Preimages::note(encoded.into()) {
				T::Preimages::unrequest(&hash);
				return Err(e);
			}
			return Ok(Bounded::Lookup { hash, len });
		}
		T::Preimages::bound(call)
	}

	/// Cancel pending change `index` (see [`Pallet::cancel`]).
	pub fn do_cancel(index: ChangeIndex) -> DispatchResult {
		let change = Pending::<T>::take(index).ok_or(Error::<T>::UnknownChange)?;
		T::Scheduler::cancel_named(task_name(index))?;
		T::Preimages::drop(&change.call);
		Self::deposit_event(Event::Cancelled { index });
		Ok(())
	}

	/// Enact pending change `index` (see [`Pallet::enact`]).
	pub fn do_enact(
		index: ChangeIndex,
		weight_bound: Weight,
		len_bound: u32,
	) -> DispatchResultWithPostInfo {
		let change = Pending::<T>::get(index).ok_or(Error::<T>::UnknownChange)?;
		ensure!(
			change.weight.all_lte(weight_bound) && change.len <= len_bound,
			Error::<T>::BoundTooLow
		);
		Pending::<T>::remove(index);
		let (result, used) = match T::Preimages::realize(&change.call) {
			Ok((call, _len)) => {
				let info = call.get_dispatch_info();
				let post = call.dispatch(frame_system::RawOrigin::Root.into());
				(post.map(|_| ()).map_err(|e| e.error), extract_actual_weight(&post, &info))
			},
			Err(e) => (Err(e), Weight::zero()),
		};
		Self::deposit_event(Event::Enacted { index, result });
		Ok(Some(T::WeightInfo::enact(change.len).saturating_add(used)).into())
	}

	/// Set the delay (see [`Pallet::set_delay`]).
	pub fn do_set_delay(delay: BlockNumberFor<T>) -> DispatchResult {
		ensure!(
			delay >= T::MinDelay::get() && delay <= T::MaxDelay::get(),
			Error::<T>::DelayOutOfBounds
		);
		Delay::<T>::put(delay);
		Self::deposit_event(Event::DelaySet { delay });
		Ok(())
	}

	/// The pending changes, oldest first, with their calls and what they do
	/// (`TimelockApi::pending_changes`). At most `MaxPending` entries.
	pub fn pending_changes() -> alloc::vec::Vec<PendingChangeInfoOf<T>> {
		let mut all: alloc::vec::Vec<_> = Pending::<T>::iter()
			.map(|(index, change)| {
				let call = T::Preimages::peek(&change.call).ok().map(|(c, _)| c);
				PendingChangeInfo {
					index,
					proposed_at: change.proposed_at,
					when: change.when,
					call_hash: change.call.hash(),
					call_len: change.len,
					effect: call.as_ref().and_then(T::Preview::preview),
					call: call.map(|c| c.encode()),
				}
			})
			.collect();
		all.sort_by_key(|c| c.index);
		all
	}
}

#[cfg(any(test, feature = "try-runtime"))]
impl<T: Config> Pallet<T> {
	/// The pallet's invariants, each a named check.
	///
	/// # Invariants
	///
	/// * `try_state_delay`: `MinDelay <= Delay <= MaxDelay`.
	/// * `try_state_pending`: at most `MaxPending` changes; every pending change has an index
	///   below `NextIndex`, its enactment block at least `MinDelay` after its decision, its task
	///   in the scheduler at that block, and its call available. (A change may be past its
	///   block: the scheduler postponed it, its agenda full for the block's weight; it still
	///   runs later, never earlier.)
	pub fn do_try_state() -> Result<(), &'static str> {
		Self::try_state_delay()?;
		Self::try_state_pending()
	}

	fn try_state_delay() -> Result<(), &'static str> {
		let d = Delay::<T>::get();
		ensure!(d >= T::MinDelay::get() && d <= T::MaxDelay::get(), "delay out of bounds");
		Ok(())
	}

	fn try_state_pending() -> Result<(), &'static str> {
		ensure!(Pending::<T>::count() <= T::MaxPending::get(), "too many pending changes");
		ensure!(
			Pending::<T>::iter().count() == Pending::<T>::count() as usize,
			"pending counter differs from the map"
		);
		for (index, change) in Pending::<T>::iter() {
			ensure!(index < NextIndex::<T>::get(), "pending index not below NextIndex");
			ensure!(
				change.when >= change.proposed_at.saturating_add(T::MinDelay::get()),
				"change enacted sooner than MinDelay"
			);
			ensure!(
				T::Scheduler::next_dispatch_time(task_name(index)) == Ok(change.when),
				"pending change without its task in the scheduler"
			);
			ensure!(T::Preimages::have(&change.call), "pending change's call unavailable");
		}
		Ok(())
	}
}
