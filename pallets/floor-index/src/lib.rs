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
//! # pallet-floor-index: the floor-price oracle of Floorperp
//!
//! The index that funding and the liquidation of NFT-backed shorts rely on.
//!
//! * **Feeds** (governance): per NFT collection, a bounded list of HTTP [`Source`]s — URL, JSON
//!   pointer to the price in the answer, decimals — so real marketplace floor APIs are used as
//!   they are (e.g. Reservoir's `/collection/floorAsk/price/amount/decimal`).
//! * **Operators** are a governance-managed `pallet-membership` set (`T::Operators`). Each runs
//!   a node whose keystore holds its operator key ([`crypto`], key type `flor`; the operator's
//!   account is derived from the key).
//! * **Offchain worker** (`ocw.rs`): every `ReportInterval` blocks it fetches every source of
//!   every feed with a deadline and a body-size cap, parses the price at the pointer, takes the
//!   median of the sources that answered, and submits one [`Report`] per local operator key as
//!   an **authorized transaction** (`#[pallet::authorize]`: no fee, no nonce; the signature, the
//!   membership, the round and "one report per operator per round" are checked in the
//!   transaction pool and again at inclusion). An offchain lock and a per-round record keep a
//!   node from submitting twice when blocks come fast.
//! * **On chain**: reports are fed into polkadot-sdk's `pallet-oracle` ([`ReportSink`]), which
//!   keeps each operator's latest report. Every report refreshes the index ([`Pallet::refresh`]):
//!   the reports younger than `ReportExpiry` count; fewer than the **quorum** leave the index
//!   where it is (`AwaitingQuorum` — a first index needs the quorum too, and a lone report does
//!   not make an old index look fresh); otherwise their median, **clamped** to `MaxDeviation`
//!   around the index's own TWAP over the clamp window (taken at the block's first update, so
//!   several reports in a block cannot move it further, and a push does not compound block
//!   after block: the anchor moves only as fast as the TWAP), is the new index. Quorum and
//!   window are [`OracleRules`] (genesis per chain, then governance: `set_rules`). An O(1)
//!   accumulator with a bounded history gives the index TWAP, as the vAMM's mark TWAP. The
//!   clearing house reads `index` (price and block of the last update: a market whose index is
//!   older than `max_index_age` is reduce-only and not liquidated) and `index_twap`.
//! * **Signatures are bound to the chain**: an operator signs [`Pallet::signing_payload`] —
//!   [`REPORT_CONTEXT`], the genesis hash and the report — so a report signed for another chain
//!   with the same key and round does not verify here.
//! * **Bad input** — malformed JSON, a missing pointer, zero, negative or absurd prices
//!   (above `MaxPrice`), non-2xx status, slow or oversized answers — is rejected by the worker
//!   (logged, never a panic); an operator reporting an outlier is outvoted by the median, and no
//!   report moves the index by more than the clamp.

extern crate alloc;

pub mod math;
pub mod types;
pub mod weights;

mod index;
mod ocw;

// Benchmark set-up is not runtime code: a failed step should stop the benchmark loudly.
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

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame::arithmetic::{FixedU128, Perbill};
use frame::deps::sp_runtime::{traits::Convert, KeyTypeId, RuntimeAppPublic};
use frame::prelude::*;
use frame::traits::SortedMembers;

/// Key type of operator keys in a node's keystore.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"flor");

/// The operator key: sr25519, key type `flor`.
pub mod crypto {
	use super::KEY_TYPE;
	use frame::deps::sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, KEY_TYPE);
}

/// Where accepted reports go and where they are read back (`pallet-oracle` in the runtime,
/// whose `OnNewData` calls [`Pallet::refresh`]).
pub trait ReportSink<AccountId, CollectionId> {
	/// Record `who`'s report of `price` for `collection`.
	fn feed(who: &AccountId, collection: CollectionId, price: FixedU128) -> DispatchResult;
	/// The latest report of every reporter of `collection` (each operator, and governance's
	/// own if it reported): `(price, block)`. The pallet keeps the fresh ones, checks the
	/// quorum and takes their median.
	fn reports(collection: &CollectionId) -> Vec<(FixedU128, u32)>;
}

/// Context string of a report signature: with the chain's genesis hash it binds a signature
/// to this pallet of this chain ([`Pallet::signing_payload`]).
pub const REPORT_CONTEXT: &[u8] = b"floorperp/floor-index/report";

/// Benchmark set-up that only the runtime can do.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, CollectionId> {
	/// A collection id for feed number `i`.
	fn collection(i: u32) -> CollectionId;
	/// Make `who` an operator.
	fn add_operator(who: &AccountId);
}

/// A source of the runtime.
pub type SourceOf<T> = Source<<T as Config>::MaxUrlLen, <T as Config>::MaxPointerLen>;
/// The sources of a feed.
pub type SourcesOf<T> = BoundedVec<SourceOf<T>, <T as Config>::MaxSources>;
/// A report of the runtime.
pub type ReportOf<T> =
	Report<<T as Config>::AuthorityId, <T as Config>::CollectionId, <T as Config>::MaxFeeds>;
/// Signature of a report.
pub type SignatureOf<T> = <<T as Config>::AuthorityId as RuntimeAppPublic>::Signature;

// FRAME's macros expand to `expect` (storage prefixes, error encoding) inside this module;
// the calls here only delegate, and a genesis that does not validate must panic.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;
	use frame_system::offchain::CreateAuthorizedTransaction;

	/// The version of this pallet's storage layout: a change to a stored type bumps it and
	/// ships with a `VersionedMigration` from the previous one.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		CreateAuthorizedTransaction<Call<Self>>
		+ frame_system::Config<RuntimeEvent: From<Event<Self>>>
	{
		/// The operator key type ([`crypto::Public`] in the runtime).
		type AuthorityId: Member + Parameter + RuntimeAppPublic + Ord + MaxEncodedLen;
		/// The account of an operator key.
		type KeyToAccount: Convert<Self::AuthorityId, Self::AccountId>;
		/// The operators (a `pallet-membership` set managed by governance).
		type Operators: SortedMembers<Self::AccountId>;
		/// NFT collection id.
		type CollectionId: Parameter
			+ Member
			+ MaxEncodedLen
			+ Copy
			+ Ord
			+ MaybeSerializeDeserialize;
		/// Report storage and median (`pallet-oracle`).
		type Sink: ReportSink<Self::AccountId, Self::CollectionId>;
		/// Adds, changes and removes feeds.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Blocks between two rounds of reports.
		#[pallet::constant]
		type ReportInterval: Get<u32>;
		/// A report older than this (blocks) no longer counts towards the quorum and the median.
		#[pallet::constant]
		type ReportExpiry: Get<u32>;
		/// Maximum distance of the index from its own TWAP over the clamp window
		/// ([`OracleRules::clamp_window`]), as a share of that TWAP. Several reports in one
		/// block cannot move it further (the TWAP counts past blocks only), and a move does
		/// not compound block after block: the anchor follows only as fast as the TWAP does.
		#[pallet::constant]
		type MaxDeviation: Get<Perbill>;
		/// Reported prices above this are absurd and refused.
		#[pallet::constant]
		type MaxPrice: Get<FixedU128>;
		/// Maximum number of feeds (and of prices in a report).
		#[pallet::constant]
		type MaxFeeds: Get<u32>;
		/// Maximum number of sources of a feed.
		#[pallet::constant]
		type MaxSources: Get<u32>;
		/// Maximum URL length.
		#[pallet::constant]
		type MaxUrlLen: Get<u32>;
		/// Maximum JSON pointer length.
		#[pallet::constant]
		type MaxPointerLen: Get<u32>;
		/// Points kept per collection for the index TWAP.
		#[pallet::constant]
		type TwapSnapshots: Get<u32>;
		/// Deadline of one HTTP request of the offchain worker (milliseconds).
		#[pallet::constant]
		type HttpTimeoutMs: Get<u64>;
		/// Largest HTTP answer the offchain worker reads (bytes).
		#[pallet::constant]
		type MaxResponseBytes: Get<u32>;
		/// Priority of report transactions.
		#[pallet::constant]
		type ReportPriority: Get<TransactionPriority>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::CollectionId>;
	}

	/// Feeds: the HTTP sources of each collection's floor price.
	#[pallet::storage]
	pub type Feeds<T: Config> =
		StorageMap<_, Blake2_128Concat, T::CollectionId, SourcesOf<T>, OptionQuery>;

	/// Number of feeds.
	#[pallet::storage]
	pub type FeedCount<T> = StorageValue<_, u32, ValueQuery>;

	/// The index of each collection.
	#[pallet::storage]
	pub type Indices<T: Config> =
		StorageMap<_, Blake2_128Concat, T::CollectionId, IndexState, OptionQuery>;

	/// Index TWAP history per collection (increasing blocks, oldest dropped first).
	#[pallet::storage]
	pub type TwapHistory<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::CollectionId,
		BoundedVec<TwapPoint<u32>, T::TwapSnapshots>,
		ValueQuery,
	>;

	/// The last round each operator reported in.
	#[pallet::storage]
	pub type LastRound<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, OptionQuery>;

	/// Quorum and clamp window of the index (governance: [`Pallet::set_rules`]).
	#[pallet::storage]
	pub type Rules<T> = StorageValue<_, OracleRules, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame::prelude::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(collection, [(url, JSON pointer, decimals)])`.
		pub feeds: Vec<(T::CollectionId, GenesisSources)>,
		/// Fresh reports needed to move an index (`0`: the default, 1).
		pub quorum: u32,
		/// Blocks of the TWAP the index is clamped around (`0`: the default, 1).
		pub clamp_window: u32,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (collection, sources) in &self.feeds {
				let sources: Vec<SourceOf<T>> = sources
					.iter()
					.map(|(u, p, d)| Source {
						url: u
							.clone()
							.try_into()
							.unwrap_or_else(|_| panic!("genesis: URL too long")),
						pointer: p
							.clone()
							.try_into()
							.unwrap_or_else(|_| panic!("genesis: pointer too long")),
						decimals: *d,
					})
					.collect();
				let sources: SourcesOf<T> =
					sources.try_into().unwrap_or_else(|_| panic!("genesis: too many sources"));
				Pallet::<T>::do_add_feed(*collection, sources).expect("genesis: invalid feed");
			}
			let default = OracleRules::default();
			let rules = OracleRules {
				quorum: if self.quorum == 0 { default.quorum } else { self.quorum },
				clamp_window: if self.clamp_window == 0 {
					default.clamp_window
				} else {
					self.clamp_window
				},
			};
			assert!(
				rules.clamp_window <= Pallet::<T>::max_clamp_window(),
				"genesis: clamp window longer than the TWAP history"
			);
			Rules::<T>::put(rules);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A feed was added.
		FeedAdded {
			/// The collection.
			collection: T::CollectionId,
			/// Number of HTTP sources of the feed.
			sources: u32,
		},
		/// A feed's sources were replaced.
		SourcesSet {
			/// The collection.
			collection: T::CollectionId,
			/// Number of HTTP sources of the feed now.
			sources: u32,
		},
		/// A feed was removed (its index stays, and goes stale).
		FeedRemoved {
			/// The collection.
			collection: T::CollectionId,
		},
		/// An operator's report was accepted: `accepted` prices fed, `rejected` refused.
		ReportAccepted {
			/// The operator's account.
			operator: T::AccountId,
			/// The round the report is for.
			round: u32,
			/// Prices of the report fed to the oracle.
			accepted: u32,
			/// Prices of the report refused (no feed, implausible, or refused by the oracle).
			rejected: u32,
		},
		/// The index moved to `price` (`median` of the fresh reports, clamped if `clamped`).
		IndexUpdated {
			/// The collection.
			collection: T::CollectionId,
			/// The new index (WETH per NFT).
			price: FixedU128,
			/// Median of the fresh reports, before the clamp (WETH per NFT).
			median: FixedU128,
			/// Whether the clamp moved the index away from the median.
			clamped: bool,
		},
		/// A report of `collection` was taken but the index did not move: only `fresh`
		/// reporters have a fresh report, the quorum is `quorum`.
		AwaitingQuorum {
			/// The collection.
			collection: T::CollectionId,
			/// Reporters with a fresh, plausible report.
			fresh: u32,
			/// Fresh reports needed to move the index.
			quorum: u32,
		},
		/// Governance set the quorum and the clamp window.
		RulesSet {
			/// Fresh reports needed to move an index.
			quorum: u32,
			/// Blocks of the TWAP the index is clamped around.
			clamp_window: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The collection already has a feed.
		FeedExists,
		/// The collection has no feed.
		NoFeed,
		/// `MaxFeeds` reached.
		TooManyFeeds,
		/// A feed needs at least one source.
		NoSources,
		/// A source's URL must start with `http://` or `https://`.
		BadUrl,
		/// A JSON pointer must be empty or start with `/`.
		BadPointer,
		/// A source may carry at most 36 decimals.
		TooManyDecimals,
		/// The quorum must be at least 1 and at most the number of operators.
		BadQuorum,
		/// The clamp window must be at least 1 block and within the TWAP history
		/// (`TwapSnapshots · ReportInterval` blocks).
		BadClampWindow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::run_offchain_worker(now.saturated_into());
		}

		fn integrity_test() {
			assert!(T::ReportInterval::get() > 0, "ReportInterval > 0");
			assert!(
				T::ReportExpiry::get() >= T::ReportInterval::get(),
				"ReportExpiry >= ReportInterval: a round's reports must meet"
			);
			assert!(T::TwapSnapshots::get() >= 2, "TwapSnapshots >= 2");
			assert!(!T::MaxDeviation::get().is_zero(), "MaxDeviation > 0: the index must move");
			assert!(!T::MaxPrice::get().is_zero(), "MaxPrice > 0");
			assert!(T::MaxFeeds::get() > 0 && T::MaxSources::get() > 0, "feeds and sources > 0");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add the feed of `collection` with its HTTP `sources`.
		///
		/// Origin: `GovernanceOrigin`. Emits `FeedAdded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_feed(sources.len() as u32))]
		pub fn add_feed(
			origin: OriginFor<T>,
			collection: T::CollectionId,
			sources: SourcesOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_feed(collection, sources)
		}

		/// Replace the sources of `collection`'s feed.
		///
		/// Origin: `GovernanceOrigin`. Emits `SourcesSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_sources(sources.len() as u32))]
		pub fn set_sources(
			origin: OriginFor<T>,
			collection: T::CollectionId,
			sources: SourcesOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::validate_sources(&sources)?;
			Feeds::<T>::try_mutate(collection, |f| -> DispatchResult {
				let f = f.as_mut().ok_or(Error::<T>::NoFeed)?;
				*f = sources.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::SourcesSet { collection, sources: sources.len() as u32 });
			Ok(())
		}

		/// Remove `collection`'s feed: operators stop reporting it and its index goes stale.
		///
		/// Origin: `GovernanceOrigin`. Emits `FeedRemoved`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_feed())]
		pub fn remove_feed(origin: OriginFor<T>, collection: T::CollectionId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Feeds::<T>::take(collection).ok_or(Error::<T>::NoFeed)?;
			FeedCount::<T>::mutate(|c| *c = c.saturating_sub(1));
			Self::deposit_event(Event::FeedRemoved { collection });
			Ok(())
		}

		/// An operator's report of the round's floor prices, signed with its operator key.
		///
		/// Origin: authorized (an offchain-worker transaction, no fee): valid only for an
		/// operator's key, for the current or previous round, once per operator and round, with
		/// a valid signature. Prices of collections without a feed or outside `(0, MaxPrice]`
		/// are refused; the others go to the oracle, whose new median refreshes the index.
		/// Emits `ReportAccepted` (and `IndexUpdated`).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::submit_report(report.prices.len() as u32))]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_report(report.prices.len() as u32))]
		#[pallet::authorize(Pallet::<T>::authorize_report)]
		pub fn submit_report(
			origin: OriginFor<T>,
			report: ReportOf<T>,
			_signature: SignatureOf<T>,
		) -> DispatchResult {
			ensure_authorized(origin)?;
			Self::do_submit_report(report)
		}

		/// Set the quorum (fresh reports needed to move an index, at most the number of
		/// operators) and the clamp window (blocks of the TWAP the index may not leave by more
		/// than `MaxDeviation`).
		///
		/// Origin: `GovernanceOrigin`. Emits `RulesSet`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_rules())]
		pub fn set_rules(origin: OriginFor<T>, quorum: u32, clamp_window: u32) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_rules(OracleRules { quorum, clamp_window })
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Current block as `u32`.
	pub(crate) fn now() -> u32 {
		frame_system::Pallet::<T>::block_number().saturated_into::<u32>()
	}

	/// The round of block `block`.
	pub fn round_of(block: u32) -> u32 {
		block.checked_div(T::ReportInterval::get()).unwrap_or(block)
	}

	/// What an operator signs: [`REPORT_CONTEXT`], this chain's genesis hash and the report. A
	/// signature made for another chain (or another pallet) with the same key and round does
	/// not verify here.
	pub fn signing_payload(report: &ReportOf<T>) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		(REPORT_CONTEXT, genesis, report).encode()
	}

	/// Longest clamp window: the blocks the TWAP history covers when every round reports.
	pub fn max_clamp_window() -> u32 {
		T::TwapSnapshots::get().saturating_mul(T::ReportInterval::get().max(1))
	}

	pub(crate) fn do_set_rules(rules: OracleRules) -> DispatchResult {
		let operators = T::Operators::sorted_members().len() as u32;
		ensure!(rules.quorum >= 1 && rules.quorum <= operators, Error::<T>::BadQuorum);
		ensure!(
			rules.clamp_window >= 1 && rules.clamp_window <= Self::max_clamp_window(),
			Error::<T>::BadClampWindow
		);
		Rules::<T>::put(rules);
		Self::deposit_event(Event::RulesSet {
			quorum: rules.quorum,
			clamp_window: rules.clamp_window,
		});
		Ok(())
	}

	pub(crate) fn validate_sources(sources: &SourcesOf<T>) -> DispatchResult {
		ensure!(!sources.is_empty(), Error::<T>::NoSources);
		for s in sources.iter() {
			ensure!(
				s.url.starts_with(b"http://") || s.url.starts_with(b"https://"),
				Error::<T>::BadUrl
			);
			ensure!(s.pointer.is_empty() || s.pointer.starts_with(b"/"), Error::<T>::BadPointer);
			ensure!(s.decimals <= 36, Error::<T>::TooManyDecimals);
		}
		Ok(())
	}

	pub(crate) fn do_add_feed(
		collection: T::CollectionId,
		sources: SourcesOf<T>,
	) -> DispatchResult {
		Self::validate_sources(&sources)?;
		ensure!(!Feeds::<T>::contains_key(collection), Error::<T>::FeedExists);
		let count = FeedCount::<T>::get();
		ensure!(count < T::MaxFeeds::get(), Error::<T>::TooManyFeeds);
		let n = sources.len() as u32;
		Feeds::<T>::insert(collection, sources);
		FeedCount::<T>::put(count.saturating_add(1));
		Self::deposit_event(Event::FeedAdded { collection, sources: n });
		Ok(())
	}

	/// Validity of a report transaction (also re-checked at inclusion by `AuthorizeCall`).
	pub fn authorize_report(
		_source: TransactionSource,
		report: &ReportOf<T>,
		signature: &SignatureOf<T>,
	) -> TransactionValidityWithRefund {
		let round = Self::round_of(Self::now());
		if report.round > round || round.saturating_sub(report.round) > 1 {
			return Err(InvalidTransaction::Stale.into());
		}
		let who = T::KeyToAccount::convert(report.operator.clone());
		if !T::Operators::contains(&who) {
			return Err(InvalidTransaction::BadSigner.into());
		}
		if LastRound::<T>::get(&who).is_some_and(|r| r >= report.round) {
			return Err(InvalidTransaction::Stale.into());
		}
		if !report.operator.verify(&Self::signing_payload(report), signature) {
			return Err(InvalidTransaction::BadProof.into());
		}
		ValidTransaction::with_tag_prefix("FloorIndex")
			.priority(T::ReportPriority::get())
			.and_provides((who, report.round))
			.longevity(u64::from(T::ReportInterval::get().max(1)).saturating_mul(2))
			.propagate(true)
			.build()
			.map(|v| (v, Weight::zero()))
	}

	pub(crate) fn do_submit_report(report: ReportOf<T>) -> DispatchResult {
		let who = T::KeyToAccount::convert(report.operator.clone());
		LastRound::<T>::insert(&who, report.round);
		let (mut accepted, mut rejected) = (0u32, 0u32);
		for (collection, price) in report.prices.iter() {
			let ok = Feeds::<T>::contains_key(collection)
				&& math::plausible(*price, T::MaxPrice::get())
				&& T::Sink::feed(&who, *collection, *price).is_ok();
			if ok {
				accepted = accepted.saturating_add(1);
			} else {
				rejected = rejected.saturating_add(1);
				log::warn!(target: "floor-index", "refused price {price:?} of {collection:?}");
			}
		}
		Self::deposit_event(Event::ReportAccepted {
			operator: who,
			round: report.round,
			accepted,
			rejected,
		});
		Ok(())
	}
}

/// The pallet's key in a runtime's session keys (`impl_opaque_keys!`), so that `--dev` and
/// `--alice` insert the operator key of the dev accounts.
impl<T: Config> frame::deps::sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
	type Public = T::AuthorityId;
}
