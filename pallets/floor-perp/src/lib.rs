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
//! # pallet-floor-perp: the clearing house of Floorperp
//!
//! Perpetual futures on NFT floor prices, traded against the virtual AMM of `pallet-vamm`
//! (through [`VammInterface`]). This pallet keeps the money: isolated
//! margin accounts per `(market, account)`, positions, funding, liquidation and the insurance
//! fund — and the NFT collateral of the Paradigm floor-perp design: escrow of NFTs of the
//! market's collection, NFT-backed shorts liquidated on the index only, funding paid in kind,
//! and English auctions of the NFTs of liquidated shorts (see the `nft`, `in_kind` and
//! `auction` modules).
//!
//! ## Money model (Perp Protocol v1 style)
//!
//! * One vault account ([`Pallet::vault`], derived from `T::PalletId`) holds every unit of the
//!   quote asset deposited. Per market the pallet tracks three buckets of it: the accounts'
//!   **cash** (margin), the **insurance fund**, and the **float** — quote nobody can claim yet
//!   (realised losses and funding paid by one side, waiting to pay the other side).
//!   Invariant: `vault balance = Σ cash + Σ insurance funds + Σ floats` (`>=` if someone sends
//!   tokens to the vault directly); every operation moves quote between these buckets exactly.
//! * A trade moves no cash: it changes the position `(size, open_notional)`; the vAMM prices it.
//!   Reducing a position realises `PnL = exit value − entry basis` (pro rata for partial closes).
//!   A realised **loss** goes from cash to the float (beyond the cash: the insurance fund pays
//!   it, and beyond the fund it is recorded as [`Market::socialised_loss`]). A realised
//!   **profit** is paid from the float only; what the float cannot pay is recorded as the
//!   account's `unsettled_profit` and paid from the float on its next touch (deposit, withdraw,
//!   trade, liquidation) when the float allows. So the market never pays out cash it does not
//!   hold.
//! * Trading fee (`trading_fee` × traded notional, rounded up) goes from cash to the insurance
//!   fund. Liquidation fee (`liquidation_fee` × closed notional) goes half to the keeper's cash
//!   in the same market, half to the fund (all to the fund for the `on_initialize` sweep).
//!
//! ## Margin
//!
//! `equity = cash + uPnL − funding owed`, with `uPnL` at the **close-out value** of the
//! position (the vAMM preview of closing it); `margin ratio = equity / close-out value`.
//! A trade that increases exposure (or flips) needs `ratio ≥ initial_margin` afterwards (for
//! longs: the dynamic requirement below); a withdrawal keeps the same. A reduce is always
//! allowed unless it would leave a position with bad debt. Below `maintenance_margin` the
//! position is liquidated: 25% (`partial_liquidation_ratio`) if that brings it back above
//! maintenance, else all of it, in one vAMM swap.
//!
//! ## Funding
//!
//! At each boundary (`funding_period` blocks) `on_initialize` computes, per market,
//! `premium = clamp(markTWAP − indexTWAP, ±max_funding_premium_per_day · index)` over the
//! elapsed window and `f = premium · elapsed / BlocksPerDay` per unit of base (several missed
//! periods are caught up at once: `elapsed` is a multiple of the period). Longs pay `f` per
//! unit (cumulative index `L`), shorts receive per unit `s` (cumulative index `S`). The vAMM is
//! the counterparty of the imbalance: when the receiving side is larger, the insurance fund pays
//! the extra — capped by the fund, the receivers get less (`s < f`); when the paying side is
//! larger, the surplus goes to the fund. Accounts settle lazily (`size · ΔL` or `|size| · ΔS`)
//! on every touch: O(markets) per boundary, independent of the number of positions. A missing
//! or stale index (older than `max_index_age`) skips funding ([`Event::FundingSkipped`]), makes
//! the market reduce-only and stops the liquidation of NFT-backed shorts (cash positions are
//! still liquidated, at the worse of the mark and its TWAP).
//!
//! ## Dynamic collateral for longs
//!
//! Longs can claim `long cash + max(0, unrealised profit of all longs at mark)`; the market
//! holds `long cash + float + min(short cash, max(0, unrealised loss of all shorts at mark))`
//! for them (a cash-margined short's loss is paid from its margin; NFT-backed shorts of part 2
//! bring no cash — the seed's case). With the coverage `ρ` = held / claimed, a new or
//! increased long (and a long's withdrawal) needs the margin ratio
//! [`math::long_margin_requirement`]: the initial margin when `ρ ≥ 1`, 100% when
//! `ρ ≤ 1 − initial margin`, linear in between.

extern crate alloc;

pub mod api;
pub mod math;
pub mod types;
pub mod weights;

mod auction;
mod funding;
mod in_kind;
mod liquidation;
mod margin;
mod nft;
mod trading;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod variation;

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

pub use margin::Health;
pub use nft::NftDecision;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub use floorperp_primitives::{FloorIndex, KAdjustmentFunding, VammInterface};
use frame::arithmetic::FixedU128;
use frame::prelude::*;
use frame::token::nonfungibles_v2;

/// Why an NFT collection may not back a market: a role or setting of it could lock, move or
/// dilute what the escrow holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CollectionRisk {
	/// The collection does not exist.
	Unknown,
	/// Its owner (who can lock transfers of the whole collection and re-assign its roles) is
	/// not the account governance holds collections with.
	OwnerNotCeded,
	/// A Freezer (locks items, also escrowed ones) or an Admin is another account.
	RoleNotCeded,
	/// Its items are not transferable.
	ItemsNotTransferable,
	/// Its maximum supply is not set and locked (its issuer could mint without limit, each new
	/// item worth the index as collateral).
	SupplyNotLocked,
}

/// Which NFT collections may back a market (the runtime reads pallet-nfts' roles and settings).
pub trait CollectionPolicy<CollectionId> {
	/// `Ok` if `collection` is safe to escrow, else what is wrong with it.
	fn check(collection: &CollectionId) -> Result<(), CollectionRisk>;
}

/// Every collection is accepted (tests only; a runtime must check).
impl<C> CollectionPolicy<C> for () {
	fn check(_: &C) -> Result<(), CollectionRisk> {
		Ok(())
	}
}

/// Benchmark set-up that only the runtime can do.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<CollectionId, ItemId, AssetId, AccountId> {
	/// A collection id for market number `i`.
	fn collection(i: u32) -> CollectionId;
	/// Make the index of `collection` fresh at `price` now.
	fn set_index(collection: CollectionId, price: FixedU128);
	/// Make sure the quote asset exists (so that `mint_into` works).
	fn ensure_quote_asset(asset: AssetId);
	/// Make sure `collection` exists and may back a market (`Config::Collections`).
	fn ensure_collection(collection: CollectionId);
	/// Make sure `collection` exists and mint `item` of it to `owner`.
	fn mint_nft(collection: CollectionId, item: u32, owner: &AccountId) -> ItemId;
}

/// Asset id type of the runtime's `fungibles` implementation.
pub type AssetIdOf<T> =
	<<T as Config>::Assets as fungibles::Inspect<<T as frame_system::Config>::AccountId>>::AssetId;
/// Market type of the runtime.
pub type MarketOf<T> = Market<<T as Config>::CollectionId>;
/// Auction type of the runtime.
pub type AuctionOf<T> = Auction<<T as frame_system::Config>::AccountId, <T as Config>::ItemId>;

// FRAME's macros expand to `expect` (storage prefixes, error encoding) inside this module;
// the calls here only delegate, and a genesis that does not validate must panic.
#[allow(clippy::expect_used)]
#[frame::pallet]
pub mod pallet {
	use super::*;

	/// The version of this pallet's storage layout: a change to a stored type bumps it and
	/// ships with a `VersionedMigration` from the previous one.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The quote asset ledger (pallet-assets).
		type Assets: fungibles::Mutate<Self::AccountId, Balance = u128>;
		/// The quote asset of every market (WETH, 18 decimals).
		#[pallet::constant]
		type QuoteAsset: Get<AssetIdOf<Self>>;
		/// NFT collection id (pallet-nfts).
		type CollectionId: Parameter + Member + MaxEncodedLen + Copy;
		/// NFT item id (pallet-nfts).
		type ItemId: Parameter + Member + MaxEncodedLen + Copy + Ord;
		/// The NFT ledger (pallet-nfts, through the `nonfungibles_v2` traits): escrow checks
		/// ownership and transferability and moves items to and from the vault.
		type Nfts: nonfungibles_v2::Inspect<
				Self::AccountId,
				CollectionId = Self::CollectionId,
				ItemId = Self::ItemId,
			> + nonfungibles_v2::Transfer<Self::AccountId>;
		/// The venue.
		type Vamm: VammInterface;
		/// The floor-price index.
		type Index: FloorIndex<Self::CollectionId, BlockNumberFor<Self>>;
		/// Which collections may back a market (checked by `create_market`).
		type Collections: CollectionPolicy<Self::CollectionId>;
		/// Creates markets and sets their parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Derives the vault account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Blocks per day (funding rates are per day).
		#[pallet::constant]
		type BlocksPerDay: Get<u32>;
		/// Maximum number of markets (bounds the funding loop of `on_initialize`).
		#[pallet::constant]
		type MaxMarkets: Get<u32>;
		/// Open positions examined per block by the liquidation sweep of `on_initialize` (it
		/// walks [`OpenPositions`], never accounts without a position).
		#[pallet::constant]
		type LiquidationBudget: Get<u32>;
		/// Weight the `on_initialize` sweep may spend on liquidations in one block, each counted
		/// at its measured weight (`liquidate` for a cash position, `liquidate_nft(n)` for an
		/// NFT-backed short with `n` NFTs). The first liquidation of a block always runs, so
		/// no position is too heavy to be liquidated; the rest wait for the next block.
		#[pallet::constant]
		type MaxLiquidationWeight: Get<Weight>;
		/// The most the liquidation sweep takes, in `on_idle`, of the weight a block leaves
		/// unused while it finds nothing to liquidate: it goes on from its cursor with as many
		/// examinations and liquidations as fit (each at its measured weight; none is started
		/// that would not fit). When that pass liquidates, a crash is being cleared: a second
		/// pass takes all the block left. `on_initialize`'s budgets are what every block
		/// guarantees; this is what a crash gets on top from the blocks transactions do not
		/// fill. Zero: no idle sweep.
		#[pallet::constant]
		type IdleSweepWeight: Get<Weight>;
		/// K steps (towards governance targets, one per market per funding period) taken per
		/// block by `on_initialize`: markets whose boundary falls in the same block take theirs
		/// over the next blocks, in market order.
		#[pallet::constant]
		type MaxKStepsPerBlock: Get<u32>;
		/// NFT-backed accounts settled per block by the in-kind funding sweep (over all
		/// markets). With `MaxNftAccounts` it bounds the sweep's length: it finishes within
		/// `MaxNftAccounts / InKindBudget` blocks, well inside a funding period.
		#[pallet::constant]
		type InKindBudget: Get<u32>;
		/// Maximum number of accounts with escrowed NFTs per market.
		#[pallet::constant]
		type MaxNftAccounts: Get<u32>;
		/// Maximum number of NFTs escrowed by one account in one market (bounds a liquidation,
		/// which may put every one of them on auction).
		#[pallet::constant]
		type MaxNftsPerAccount: Get<u32>;
		/// Maximum number of auctions ending in one block (settled by `on_initialize`).
		#[pallet::constant]
		type MaxAuctionsPerBlock: Get<u32>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<
			Self::CollectionId,
			Self::ItemId,
			AssetIdOf<Self>,
			Self::AccountId,
		>;
	}

	/// Id of the next market.
	#[pallet::storage]
	pub type NextMarketId<T> = StorageValue<_, MarketId, ValueQuery>;

	/// Markets.
	#[pallet::storage]
	pub type Markets<T: Config> =
		StorageMap<_, Blake2_128Concat, MarketId, MarketOf<T>, OptionQuery>;

	/// The market of a collection.
	#[pallet::storage]
	pub type MarketByCollection<T: Config> =
		StorageMap<_, Blake2_128Concat, T::CollectionId, MarketId, OptionQuery>;

	/// Margin accounts, per market and account.
	#[pallet::storage]
	pub type Accounts<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		MarketId,
		Blake2_128Concat,
		T::AccountId,
		MarginAccount,
		OptionQuery,
	>;

	/// Raw key (in [`OpenPositions`]) of the last position examined by the liquidation sweep
	/// (`None`: start over).
	#[pallet::storage]
	pub type LiquidationCursor<T> = StorageValue<_, BoundedVec<u8, ConstU32<256>>, OptionQuery>;

	/// Accounts with an open position, per market: what the liquidation sweep walks, so that
	/// accounts without a position (cheap to create) cannot stretch its passes.
	#[pallet::storage]
	pub type OpenPositions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		MarketId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Escrowed NFTs: `(market, item)` → original owner and auction. The vault owns the item
	/// in pallet-nfts; only this pallet moves it.
	#[pallet::storage]
	pub type Escrow<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		MarketId,
		Blake2_128Concat,
		T::ItemId,
		EscrowRecord<T::AccountId>,
		OptionQuery,
	>;

	/// The escrowed items of an account: `(market, owner)` → items.
	#[pallet::storage]
	pub type AccountNfts<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(MarketId, T::AccountId),
		Blake2_128Concat,
		T::ItemId,
		(),
		OptionQuery,
	>;

	/// Accounts with escrowed NFTs, per market (walked by the in-kind funding sweep).
	#[pallet::storage]
	pub type NftAccounts<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		MarketId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Raw key of the last account settled by a market's in-kind sweep.
	#[pallet::storage]
	pub type InKindCursor<T> =
		StorageMap<_, Blake2_128Concat, MarketId, BoundedVec<u8, ConstU32<256>>, OptionQuery>;

	/// Id of the next auction.
	#[pallet::storage]
	pub type NextAuctionId<T> = StorageValue<_, AuctionId, ValueQuery>;

	/// Auctions of escrowed NFTs.
	#[pallet::storage]
	pub type Auctions<T: Config> =
		StorageMap<_, Blake2_128Concat, AuctionId, AuctionOf<T>, OptionQuery>;

	/// Auctions ending at a block (settled by `on_initialize` of that block).
	#[pallet::storage]
	pub type AuctionsEndingAt<T: Config> =
		StorageMap<_, Twox64Concat, u32, BoundedVec<AuctionId, T::MaxAuctionsPerBlock>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A market was created with its vAMM pool.
		MarketCreated {
			/// The market.
			market: MarketId,
			/// The NFT collection whose floor it trades.
			collection: T::CollectionId,
			/// Initial virtual base reserve of the pool (perps, 18 decimals).
			base_reserve: u128,
			/// Initial virtual quote reserve of the pool (WETH, 18 decimals).
			quote_reserve: u128,
			/// The market's parameters.
			params: MarketParams,
		},
		/// Parameters of a market changed.
		MarketParamsSet {
			/// The market.
			market: MarketId,
			/// The new parameters.
			params: MarketParams,
		},
		/// Quote deposited into a margin account.
		Deposited {
			/// The market.
			market: MarketId,
			/// The account owner.
			who: T::AccountId,
			/// Quote deposited (WETH, 18 decimals).
			amount: u128,
			/// The account's cash after the deposit (WETH, 18 decimals).
			cash: u128,
		},
		/// Quote withdrawn from a margin account.
		Withdrawn {
			/// The market.
			market: MarketId,
			/// The account owner.
			who: T::AccountId,
			/// Quote withdrawn (WETH, 18 decimals).
			amount: u128,
			/// The account's cash after the withdrawal (WETH, 18 decimals).
			cash: u128,
		},
		/// A position was opened, increased, reduced, closed or flipped.
		PositionChanged {
			/// The market.
			market: MarketId,
			/// The trader.
			who: T::AccountId,
			/// Direction of the trade: `Long` bought perps, `Short` sold them.
			side: Direction,
			/// Base traded.
			base: u128,
			/// Quote traded (notional).
			quote: u128,
			/// `quote / base`.
			average_price: FixedU128,
			/// Mark after the trade.
			mark_price: FixedU128,
			/// Size after the trade (+ long, − short).
			new_size: i128,
			/// Entry notional of the position after the trade (WETH, 18 decimals).
			open_notional: u128,
			/// Trading fee paid to the insurance fund.
			fee: u128,
			/// Realised PnL of the reduced part.
			realised_pnl: i128,
			/// Funding settled before the trade (positive = paid).
			funding: i128,
			/// The account's cash after the trade (WETH, 18 decimals).
			cash: u128,
			/// The account's realised profit not yet paid after the trade (WETH, 18 decimals).
			unsettled_profit: u128,
		},
		/// Funding settled on an account (positive = paid by it).
		FundingSettled {
			/// The market.
			market: MarketId,
			/// The account owner.
			who: T::AccountId,
			/// Funding settled (WETH, 18 decimals): positive paid by the account, negative
			/// received.
			amount: i128,
		},
		/// Unsettled profit paid from the float.
		ProfitPaid {
			/// The market.
			market: MarketId,
			/// The account owner.
			who: T::AccountId,
			/// Profit paid into the account's cash (WETH, 18 decimals).
			amount: u128,
			/// Unsettled profit still waiting (WETH, 18 decimals).
			remaining: u128,
		},
		/// A funding round: rate per unit (positive = longs pay), the per-unit amounts applied to
		/// both sides, the insurance fund's share.
		FundingUpdated {
			/// The market.
			market: MarketId,
			/// Funding periods the round covers (more than 1 when boundaries were missed).
			periods: u32,
			/// Mark TWAP over the round's window (WETH per perp).
			mark_twap: FixedU128,
			/// Index TWAP over the round's window (WETH per NFT).
			index_twap: FixedU128,
			/// Funding per unit of size for the round (WETH per perp, 18 decimals): positive
			/// longs pay shorts, negative shorts pay longs.
			rate: i128,
			/// Paid per unit of long size (WETH per perp, 18 decimals; negative: received).
			long_paid_per_unit: i128,
			/// Received per unit of short size (WETH per perp, 18 decimals; negative: paid).
			short_received_per_unit: i128,
			/// The market's cumulative long funding index after the round.
			cumulative_funding_long: i128,
			/// The market's cumulative short funding index after the round.
			cumulative_funding_short: i128,
			/// Positive: the fund received; negative: the fund paid.
			fund_delta: i128,
			/// The insurance fund after the round (WETH, 18 decimals).
			insurance_fund: u128,
			/// First block of the next funding round.
			next_funding_block: u32,
		},
		/// No funding for `periods` periods.
		FundingSkipped {
			/// The market.
			market: MarketId,
			/// Funding periods skipped.
			periods: u32,
			/// Why funding was skipped.
			reason: FundingSkipReason,
		},
		/// A position was liquidated (`keeper = None`: by the `on_initialize` sweep).
		Liquidated {
			/// The market.
			market: MarketId,
			/// The liquidated account.
			who: T::AccountId,
			/// The keeper paid half the fee (`None`: the sweep or the account itself; all to the
			/// fund).
			keeper: Option<T::AccountId>,
			/// Base closed.
			closed: u128,
			/// Quote of the close.
			quote: u128,
			/// Size left.
			remaining_size: i128,
			/// PnL realised by the close (WETH, 18 decimals; positive: profit).
			realised_pnl: i128,
			/// Liquidation fee paid to the keeper's cash (WETH, 18 decimals).
			keeper_fee: u128,
			/// Liquidation fee paid to the insurance fund (WETH, 18 decimals).
			fund_fee: u128,
			/// Loss beyond the account's cash (covered by the fund, or socialised).
			bad_debt: u128,
			/// Whether the whole position was closed (else a partial liquidation).
			full: bool,
			/// Mark after the liquidation (WETH per perp).
			mark_price: FixedU128,
		},
		/// Loss beyond an account's cash: `covered` by the insurance fund, `socialised` missing.
		BadDebt {
			/// The market.
			market: MarketId,
			/// The account whose loss exceeded its cash.
			who: T::AccountId,
			/// Part paid by the insurance fund (WETH, 18 decimals).
			covered: u128,
			/// Part the fund could not pay, missing from the float (WETH, 18 decimals).
			socialised: u128,
		},
		/// The insurance fund paid for a K change.
		KAdjustmentCharged {
			/// The market.
			market: MarketId,
			/// Moved from the fund into the float (WETH, 18 decimals).
			amount: u128,
			/// The insurance fund after the charge (WETH, 18 decimals).
			insurance_fund: u128,
		},
		/// The insurance fund received from a K change.
		KAdjustmentCredited {
			/// The market.
			market: MarketId,
			/// Moved from the float into the fund (WETH, 18 decimals; capped by the float).
			amount: u128,
			/// The insurance fund after the credit (WETH, 18 decimals).
			insurance_fund: u128,
		},
		/// An NFT was escrowed as collateral of `who`'s account.
		NftDeposited {
			/// The market.
			market: MarketId,
			/// The NFT's owner.
			who: T::AccountId,
			/// The NFT, of the market's collection.
			item: T::ItemId,
			/// NFTs the account has escrowed now.
			nft_count: u32,
		},
		/// An escrowed NFT went back to its owner.
		NftWithdrawn {
			/// The market.
			market: MarketId,
			/// The NFT's owner.
			who: T::AccountId,
			/// The NFT, of the market's collection.
			item: T::ItemId,
			/// NFTs the account has escrowed now.
			nft_count: u32,
		},
		/// Part of an NFT-backed short's open notional (its sale proceeds) was paid to its cash
		/// from the float.
		ProceedsAdvanced {
			/// The market.
			market: MarketId,
			/// The NFT-backed short.
			who: T::AccountId,
			/// Paid to its cash, taken off its open notional (WETH, 18 decimals).
			amount: u128,
			/// Its cash after the payment (WETH, 18 decimals).
			cash: u128,
		},
		/// An NFT-backed short paid funding it had no cash for in kind: `minted` base was added
		/// to its short (and will be credited to the longs pro rata), worth `value` at `mark`.
		FundingPaidInKind {
			/// The market.
			market: MarketId,
			/// The NFT-backed short.
			who: T::AccountId,
			/// Funding paid in kind (WETH, 18 decimals).
			value: u128,
			/// Size added to its short (perps, 18 decimals).
			minted: u128,
			/// Mark the size was valued at (WETH per perp).
			mark_price: FixedU128,
			/// Its size after the payment (negative: short).
			new_size: i128,
		},
		/// Funding an NFT-backed short could pay neither in cash nor in kind (no long to credit:
		/// the vAMM alone was its counterparty) was waived.
		InKindFundingWaived {
			/// The market.
			market: MarketId,
			/// The NFT-backed short.
			who: T::AccountId,
			/// Funding waived (WETH, 18 decimals).
			value: u128,
		},
		/// An in-kind round was credited to the longs: their sizes grow by `growth` (the new
		/// product `G`) and they pay back `value` per the cash they were credited.
		InKindRoundFinalised {
			/// The market.
			market: MarketId,
			/// Funding paid in kind in the round, charged back to the longs (WETH, 18
			/// decimals).
			value: u128,
			/// Size minted in kind in the round, credited to the longs (perps, 18 decimals).
			minted: u128,
			/// Total long size the round was shared over, before the credit (perps, 18
			/// decimals).
			long_size: u128,
			/// The in-kind growth product `G` of long sizes after the round.
			in_kind_growth: FixedU128,
		},
		/// A long received size in kind.
		InKindReceived {
			/// The market.
			market: MarketId,
			/// The long.
			who: T::AccountId,
			/// Size received (perps, 18 decimals).
			size: u128,
			/// Its size after the credit.
			new_size: i128,
		},
		/// An NFT-backed short was liquidated on the index: its short was bought back at the
		/// vAMM, `debt` is what its cash did not cover, `auctions` NFTs went to auction. The
		/// liquidation fee on the buy-back, as far as the cash left pays it, went half to the
		/// keeper (`keeper_fee`), the rest to the fund (`fund_fee`).
		NftShortLiquidated {
			/// The market.
			market: MarketId,
			/// The liquidated NFT-backed short.
			who: T::AccountId,
			/// The keeper who called the liquidation (`None`: the `on_initialize` sweep).
			keeper: Option<T::AccountId>,
			/// Short size bought back (perps, 18 decimals).
			closed: u128,
			/// Quote paid for the buy-back (WETH, 18 decimals).
			quote: u128,
			/// PnL realised by the buy-back (WETH, 18 decimals; positive: profit).
			realised_pnl: i128,
			/// The account's debt after the liquidation (WETH, 18 decimals).
			debt: u128,
			/// NFTs of the account on liquidation auctions now.
			auctions: u32,
			/// The index the short was liquidated on (WETH per NFT).
			index_price: FixedU128,
			/// Liquidation fee paid to the keeper's cash (WETH, 18 decimals).
			keeper_fee: u128,
			/// Liquidation fee paid to the insurance fund (WETH, 18 decimals).
			fund_fee: u128,
		},
		/// An auction started.
		AuctionStarted {
			/// The auction.
			auction: AuctionId,
			/// The market.
			market: MarketId,
			/// The escrowed NFT on sale.
			item: T::ItemId,
			/// The NFT's owner (whose account the proceeds go to).
			owner: T::AccountId,
			/// Liquidation or voluntary.
			kind: AuctionKind,
			/// Minimum first bid (WETH, 18 decimals).
			reserve: u128,
			/// Block at which it ends (bids are accepted before it).
			end: u32,
			/// Round (0 for the first; a liquidation auction without a bid starts a new round).
			round: u32,
		},
		/// A bid was placed (its amount is locked in the vault; the outbid bidder was refunded).
		BidPlaced {
			/// The auction.
			auction: AuctionId,
			/// The bidder.
			bidder: T::AccountId,
			/// The bid (WETH, 18 decimals).
			amount: u128,
			/// The previous best bidder and its bid, refunded.
			outbid: Option<(T::AccountId, u128)>,
		},
		/// An auction was settled: the NFT went to `winner` for `price`; `to_debt` paid the
		/// owner's debt, `fee` (liquidation auctions: `liquidation_fee` of the excess, half to
		/// the keeper) went to the fund and keeper, `to_owner` went to the owner's cash, and
		/// `shortfall` — debt left after the owner's last liquidation auction — was charged to
		/// the insurance fund.
		AuctionSettled {
			/// The auction.
			auction: AuctionId,
			/// The market.
			market: MarketId,
			/// The NFT sold.
			item: T::ItemId,
			/// The best bidder, who received the NFT.
			winner: T::AccountId,
			/// The winning bid (WETH, 18 decimals).
			price: u128,
			/// Owner's debt repaid (WETH, 18 decimals).
			to_debt: u128,
			/// Liquidation fee taken (WETH, 18 decimals; 0 for a voluntary auction).
			fee: u128,
			/// Proceeds left to the owner's cash (WETH, 18 decimals).
			to_owner: u128,
			/// Debt charged to the insurance fund (WETH, 18 decimals).
			shortfall: u128,
		},
		/// An auction ended without a bid: a liquidation auction starts a new round at a lower
		/// reserve (`AuctionStarted` follows); a voluntary one returns the NFT to escrow.
		AuctionUnsold {
			/// The auction.
			auction: AuctionId,
			/// The market.
			market: MarketId,
			/// The NFT.
			item: T::ItemId,
			/// Liquidation or voluntary.
			kind: AuctionKind,
		},
		/// A voluntary auction's proceeds bought back `closed` of the owner's short.
		ShortBoughtBack {
			/// The market.
			market: MarketId,
			/// The NFT's owner.
			who: T::AccountId,
			/// Short size bought back (perps, 18 decimals; at most one perp).
			closed: u128,
		},
		/// The `on_initialize` sweep found `who` liquidatable but the liquidation failed
		/// (e.g. the vAMM's once-per-block exemption was already used): it is tried again.
		LiquidationFailed {
			/// The market.
			market: MarketId,
			/// The liquidatable account.
			who: T::AccountId,
			/// Why the liquidation failed.
			error: DispatchError,
		},
		/// After a voluntary sale the buy-back of the owner's short failed (e.g. its loss would
		/// exceed the cash, or the guard rails refused the trade): the proceeds stay as cash.
		BuyBackFailed {
			/// The market.
			market: MarketId,
			/// The NFT's owner.
			who: T::AccountId,
			/// Why the buy-back failed.
			error: DispatchError,
		},
		/// `who`, an open loser, paid `amount` of its unrealised loss from its unsettled profit
		/// and cash into the float, where realised winners wait for it; its entry basis moved by
		/// the same amount (`open_notional` now), its equity is unchanged.
		VariationMarginPaid {
			/// The market.
			market: MarketId,
			/// The open loser.
			who: T::AccountId,
			/// Paid into the float (WETH, 18 decimals).
			amount: u128,
			/// Its cash after the payment (WETH, 18 decimals).
			cash: u128,
			/// Its entry notional after the payment (WETH, 18 decimals).
			open_notional: u128,
		},
		/// `auction` ended but its NFT cannot be moved (its collection locked it): the best bid
		/// (`refunded`) went back to its bidder, the NFT stays escrowed as its owner's, and
		/// `shortfall` of the owner's debt went to the insurance fund (then socialised).
		AuctionVoided {
			/// The auction.
			auction: AuctionId,
			/// The market.
			market: MarketId,
			/// The NFT that cannot be moved.
			item: T::ItemId,
			/// The best bidder and its bid, refunded (`None`: no bid).
			refunded: Option<(T::AccountId, u128)>,
			/// Debt charged to the insurance fund (WETH, 18 decimals).
			shortfall: u128,
		},
		/// `on_initialize` could not settle `auction` at its end block (e.g. its NFT cannot be
		/// moved): it stays as it was, and anyone may retry with `settle_auction`.
		AuctionSettlementFailed {
			/// The auction.
			auction: AuctionId,
			/// Why the settlement failed.
			error: DispatchError,
		},
		/// The `on_initialize` in-kind sweep could not settle `who`'s funding (left as it was;
		/// it settles on its next touch).
		InKindSettlementFailed {
			/// The market.
			market: MarketId,
			/// The NFT-backed account.
			who: T::AccountId,
			/// Why the settlement failed.
			error: DispatchError,
		},
		/// The `on_initialize` sweep could not collect variation margin from `who`.
		VariationMarginFailed {
			/// The market.
			market: MarketId,
			/// The open loser.
			who: T::AccountId,
			/// Why the collection failed.
			error: DispatchError,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such market.
		MarketNotFound,
		/// The collection already has a market.
		CollectionHasMarket,
		/// `MaxMarkets` reached.
		TooManyMarkets,
		/// The collection does not exist.
		UnknownCollection,
		/// The collection's owner is not the account governance holds collections with: it
		/// could lock transfers of every item, escrowed ones included.
		CollectionOwnerNotCeded,
		/// The collection has a Freezer or Admin other than governance's account: it could lock
		/// escrowed items.
		CollectionRoleNotCeded,
		/// The collection's items are not transferable.
		CollectionNotTransferable,
		/// The collection's maximum supply is not set and locked: its issuer could mint
		/// collateral without limit.
		CollectionSupplyNotLocked,
		/// Parameters: initial margin must be > 0.
		ZeroInitialMargin,
		/// Parameters: maintenance margin must be > 0.
		ZeroMaintenanceMargin,
		/// Parameters: maintenance margin must be below initial margin.
		MaintenanceNotBelowInitial,
		/// Parameters: liquidation fee must be below maintenance margin.
		LiquidationFeeTooHigh,
		/// Parameters: trading fee must be below 100%.
		TradingFeeTooHigh,
		/// Parameters: partial liquidation ratio must be in (0, 100%].
		ZeroPartialLiquidationRatio,
		/// Parameters: funding period must be > 0.
		ZeroFundingPeriod,
		/// Parameters: funding premium cap must be > 0.
		ZeroFundingPremiumCap,
		/// Parameters: max open interest must be > 0.
		ZeroMaxOpenInterest,
		/// Parameters: max position must be > 0 and ≤ max open interest.
		InvalidMaxPosition,
		/// Parameters: min trade size must be > 0 and ≤ max position.
		InvalidMinTradeSize,
		/// Parameters: max price move must be > 0.
		ZeroMaxPriceMove,
		/// Parameters: max index age must be > 0.
		ZeroMaxIndexAge,
		/// Parameters: auction durations must be > 0.
		ZeroAuctionDuration,
		/// Parameters: auction reserve ratio must be > 0.
		ZeroAuctionReserve,
		/// The vAMM reserves must be > 0.
		ZeroReserves,
		/// Amount must be > 0.
		ZeroAmount,
		/// No margin account.
		NoAccount,
		/// Not enough cash.
		InsufficientCash,
		/// The account would be under its margin requirement.
		InsufficientMargin,
		/// A withdrawal would leave the position under initial margin.
		WithdrawalBelowMargin,
		/// No position.
		NoPosition,
		/// Close size larger than the position.
		CloseTooLarge,
		/// Trade smaller than the market's minimum size.
		TradeTooSmall,
		/// Position would exceed the market's max position.
		MaxPositionExceeded,
		/// Open interest would exceed the market's cap.
		OpenInterestCapExceeded,
		/// The trade's opposite amount is worse than the limit.
		SlippageExceeded,
		/// The index is missing or stale: the market is reduce-only.
		MarketReduceOnly,
		/// The index is missing or stale: no liquidation.
		IndexStale,
		/// The position is above maintenance margin.
		NotLiquidatable,
		/// The insurance fund cannot pay.
		InsufficientInsuranceFund,
		/// Arithmetic overflow.
		Overflow,
		/// The item is not of the market's collection or does not exist.
		UnknownNft,
		/// The caller does not own the item.
		NotNftOwner,
		/// The item cannot be transferred (locked in pallet-nfts).
		NftLocked,
		/// The item is already escrowed.
		NftAlreadyEscrowed,
		/// The item is not escrowed by the caller in this market.
		NftNotEscrowed,
		/// The item is on an auction.
		NftOnAuction,
		/// `MaxNftsPerAccount` reached.
		TooManyNfts,
		/// `MaxNftAccounts` of the market reached.
		TooManyNftAccounts,
		/// The remaining NFTs and cash would not cover the short at the index (with the safety
		/// margin).
		InsufficientNftCover,
		/// The account was liquidated and its NFTs are on auction.
		AccountInLiquidation,
		/// An NFT-backed short cannot realise a loss beyond its cash: deposit cash first or sell
		/// an NFT with `start_voluntary_auction`.
		LossExceedsCash,
		/// No such auction.
		AuctionNotFound,
		/// The auction has ended.
		AuctionEnded,
		/// The auction has not ended yet.
		AuctionNotEnded,
		/// The bid is below the reserve or the minimum increment.
		BidTooLow,
		/// The reserve price must be > 0.
		ZeroReservePrice,
		/// Too many auctions end in the coming blocks.
		TooManyAuctions,
		/// Parameters: `max_spread` must be > 0 and `max_spread + liquidation_fee` must not
		/// exceed `maintenance_margin` (else moving the mark inside the band could make an
		/// account bankrupt before it can be liquidated).
		SpreadTooWide,
		/// `nft_index_window` is longer than a day.
		NftIndexWindowTooLong,
		/// A deposit that opens a margin account must bring at least the market's `min_margin`.
		DepositBelowMinimum,
		/// Parameters: the auction reserve ratio must be below 100% (an unsold liquidation
		/// auction restarts at a lower reserve).
		AuctionReserveRatioTooHigh,
		/// The trade would leave the mark further than `max_spread` from the index (and not
		/// closer to it than before).
		MarkIndexSpreadExceeded,
		/// The trade would realise a loss beyond the account's cash. Only a liquidation may:
		/// deposit cash first, or wait to be liquidated.
		LossBeyondCash,
		/// The account meets its margin requirement but its cash cannot pay the trading fee.
		InsufficientCashForFee,
		/// The caller does not hold that much of the quote asset.
		InsufficientQuoteBalance,
		/// A cash-margined account with a position must keep `min_margin` of cash.
		BelowMinimumMargin,
		/// The mark is at the edge of the mark–index band: a liquidation cannot close anything
		/// now without pushing it out (it resumes as the mark comes back).
		LiquidationOutsideBand,
		/// The account owes no variation margin now: no realised winner waits for the float,
		/// or the account has no unrealised loss (at the better of the mark and the index), no
		/// cash, is NFT-backed or in liquidation.
		NoVariationDue,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_on_initialize(now)
		}

		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::idle_sweep(remaining)
		}

		fn integrity_test() {
			assert!(T::MaxMarkets::get() > 0, "MaxMarkets > 0");
			assert!(T::LiquidationBudget::get() > 0, "LiquidationBudget > 0: the sweep must walk");
			assert!(T::InKindBudget::get() > 0, "InKindBudget > 0: in-kind rounds must end");
			assert!(T::MaxAuctionsPerBlock::get() > 0, "MaxAuctionsPerBlock > 0");
			assert!(T::MaxNftsPerAccount::get() > 0, "MaxNftsPerAccount > 0");
			assert!(
				T::MaxKStepsPerBlock::get() > 0,
				"MaxKStepsPerBlock > 0: K targets must be reached"
			);
			assert!(T::BlocksPerDay::get() > 0, "BlocksPerDay > 0");
			assert!(
				T::WeightInfo::liquidate_nft(T::MaxNftsPerAccount::get())
					.all_lte(T::MaxLiquidationWeight::get()),
				"the heaviest liquidation fits MaxLiquidationWeight"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), frame::try_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create the market of `collection` with a vAMM pool of virtual reserves
		/// `base_reserve`/`quote_reserve` (mark = quote/base) and `params`.
		///
		/// Origin: `GovernanceOrigin`. One market per collection, and only a collection whose
		/// roles and settings cannot hurt the escrow (`Config::Collections`: owner, Freezer and
		/// Admin ceded to governance, items transferable, maximum supply set and locked).
		/// Emits `MarketCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_market())]
		pub fn create_market(
			origin: OriginFor<T>,
			collection: T::CollectionId,
			base_reserve: u128,
			quote_reserve: u128,
			params: MarketParams,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_create_market(collection, base_reserve, quote_reserve, params).map(|_| ())
		}

		/// Replace the parameters of `market` (validated as at creation); the vAMM pool takes
		/// the new fluctuation limit `max_price_move` from its next swap.
		///
		/// Origin: `GovernanceOrigin`. Emits `MarketParamsSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_market_params())]
		pub fn set_market_params(
			origin: OriginFor<T>,
			market: MarketId,
			params: MarketParams,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_market_params(market, params)
		}

		/// Move `amount` of the quote asset from the caller to the vault, as cash of the caller's
		/// margin account in `market` (settles funding and unsettled profit first). A deposit
		/// that opens the account brings at least `min_margin` (`DepositBelowMinimum`).
		///
		/// Origin: signed. Emits `Deposited`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(origin: OriginFor<T>, market: MarketId, amount: u128) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(&who, market, amount)
		}

		/// Withdraw `amount` of cash from the caller's margin account in `market`; with a
		/// position the account must stay at initial margin (longs: the dynamic requirement)
		/// valued at the worse, for it, of the mark and the index; an NFT-backed short must stay
		/// covered by its NFTs on no auction (with the safety margin).
		///
		/// Origin: signed. Emits `Withdrawn`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, market: MarketId, amount: u128) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, market, amount)
		}

		/// Trade `amount` (`Base(size)` or `Quote(notional)`) on `side` against the vAMM:
		/// opens, increases, reduces, closes or flips the caller's position. `limit` is the worst
		/// acceptable opposite amount of the whole trade (max quote paid for `Long`/`Base`,
		/// min quote received for `Short`/`Base`, min base received for `Long`/`Quote`, max base
		/// given for `Short`/`Quote`). Pays the trading fee to the insurance fund, realises PnL.
		///
		/// Guard rails: the trade must leave the mark within `max_spread` of a fresh index (or
		/// closer to it than before: `MarkIndexSpreadExceeded`) and within the vAMM's per-block
		/// band; one that adds exposure needs initial margin at the worse, for the account, of
		/// the mark and the index (`InsufficientMargin`); none may realise a loss beyond the
		/// account's cash (`LossBeyondCash`: only a liquidation may).
		///
		/// Origin: signed. Emits `PositionChanged`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::open_position())]
		pub fn open_position(
			origin: OriginFor<T>,
			market: MarketId,
			side: Direction,
			amount: TradeAmount,
			limit: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_trade(&who, market, side, amount, limit, false)
		}

		/// Close `size` of the caller's position (`None`: all of it) at the vAMM; `limit` as for
		/// a base trade in the closing direction (min quote received closing a long, max quote
		/// paid closing a short). Allowed on a stale index; refused if it would realise a loss
		/// beyond the account's cash (`LossBeyondCash`) or leave the mark outside the guard
		/// rails (see `open_position`).
		///
		/// Origin: signed. Emits `PositionChanged`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::close_position())]
		pub fn close_position(
			origin: OriginFor<T>,
			market: MarketId,
			size: Option<u128>,
			limit: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_position(&who, market, size, limit)
		}

		/// Liquidate `who`'s position in `market`.
		///
		/// A cash-margined position below maintenance margin at the guarded price (the worse,
		/// for it, of the mark and the fresh index — or of the mark and its TWAP over the
		/// funding period when the index is stale) is closed partially
		/// (`partial_liquidation_ratio`) if that restores maintenance, else fully; emits
		/// `Liquidated` (and `BadDebt`). An NFT-backed short is liquidated on the index only,
		/// iff `|q|·i > c + n·i` at a fresh index: its short is bought back at the vAMM, the loss beyond its cash
		/// becomes its debt and enough of its NFTs go to liquidation auctions to pay it; emits
		/// `NftShortLiquidated` and `AuctionStarted`. The caller receives half the liquidation
		/// fee, as cash in `market`: of the closed notional (cash positions); of the buy-back
		/// from the cash its loss left, and with a debt of the auction proceeds beyond the debt
		/// at settlement (NFT-backed shorts).
		///
		/// Origin: signed (anyone).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::liquidate())]
		pub fn liquidate(
			origin: OriginFor<T>,
			market: MarketId,
			who: T::AccountId,
		) -> DispatchResult {
			let keeper = ensure_signed(origin)?;
			Self::do_liquidate(market, &who, Some(keeper))
		}
		/// Escrow NFT `item` of the market's collection as collateral of the caller's account:
		/// the item moves to the vault (pallet-nfts), the caller is recorded as its owner.
		/// Each escrowed NFT covers a short of one perp at the index.
		///
		/// Origin: signed, the item's owner. Refused for items of another collection
		/// (`UnknownNft`), not owned (`NotNftOwner`), locked (`NftLocked`) or already escrowed.
		/// Emits `NftDeposited`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::deposit_nft())]
		pub fn deposit_nft(
			origin: OriginFor<T>,
			market: MarketId,
			item: T::ItemId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit_nft(&who, market, item)
		}

		/// Return escrowed NFT `item` to the caller, if the remaining NFTs on no auction and the
		/// cash still cover the caller's short at the index with the safety margin
		/// (`|q|·i·(1 + nft_safety_margin) ≤ c + (n−1)·i`; needs a fresh index with a short);
		/// the last NFT only if the short then meets initial margin in cash at the worse of
		/// the mark and the index (`InsufficientMargin`).
		///
		/// Origin: signed, the original owner. Emits `NftWithdrawn`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::withdraw_nft())]
		pub fn withdraw_nft(
			origin: OriginFor<T>,
			market: MarketId,
			item: T::ItemId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_nft(&who, market, item)
		}

		/// Put escrowed NFT `item` on a voluntary English auction with the caller's
		/// `reserve_price` for `voluntary_auction_duration` blocks. When sold, the proceeds go
		/// to the caller's cash and buy back up to one perp of the caller's short; unsold, the
		/// NFT stays escrowed. Refused unless the NFTs on no auction, the cash and the reserve
		/// cover the short as for `withdraw_nft` (the NFT may leave for its reserve).
		///
		/// Origin: signed, the original owner. Emits `AuctionStarted`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::start_voluntary_auction())]
		pub fn start_voluntary_auction(
			origin: OriginFor<T>,
			market: MarketId,
			item: T::ItemId,
			reserve_price: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_start_voluntary_auction(&who, market, item, reserve_price)
		}

		/// Bid `amount` of the quote asset on `auction` (before its end): at least the reserve,
		/// and at least the best bid plus `auction_min_increment`. The amount moves to the vault
		/// and stays locked until the bidder is outbid (refunded at once) or wins, or the
		/// auction is voided (refunded at its end). No bid on an NFT its collection locked
		/// (`NftLocked`).
		///
		/// Origin: signed (anyone). Emits `BidPlaced`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::bid())]
		pub fn bid(origin: OriginFor<T>, auction: AuctionId, amount: u128) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bid(&who, auction, amount)
		}

		/// Settle an ended `auction` (normally done by `on_initialize` at its end block; this
		/// call settles one that could not be, e.g. because the NFT transfer failed then). A
		/// liquidation auction's debt left over puts one more of the owner's free NFTs on
		/// auction; with none left it is charged to the insurance fund.
		///
		/// Origin: signed (anyone). Emits `AuctionSettled` or `AuctionUnsold`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::settle_auction().saturating_add(T::WeightInfo::start_voluntary_auction()))]
		pub fn settle_auction(origin: OriginFor<T>, auction: AuctionId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_auction(auction)
		}

		/// Collect variation margin from `who` in `market`: while realised winners wait for
		/// the float (`total_unsettled > float`), an open cash-margined loser pays its
		/// unrealised loss — valued at the better, for it, of the mark and the index — from its
		/// unsettled profit and cash into the float, up to what the winners wait for; its entry
		/// basis moves by the same amount, so its equity is unchanged. The `on_initialize`
		/// sweep does the same as it walks the open positions; a winner may call this in one
		/// batch with its close and its withdrawal.
		///
		/// Origin: signed (anyone). Emits `VariationMarginPaid`; `NoVariationDue` if nothing
		/// is due.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::settle_variation_margin())]
		pub fn settle_variation_margin(
			origin: OriginFor<T>,
			market: MarketId,
			who: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle_variation_margin(market, &who)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Validate `params`; each failure has its own error.
	pub fn validate_params(p: &MarketParams) -> DispatchResult {
		ensure!(!p.initial_margin.is_zero(), Error::<T>::ZeroInitialMargin);
		ensure!(!p.maintenance_margin.is_zero(), Error::<T>::ZeroMaintenanceMargin);
		ensure!(p.maintenance_margin < p.initial_margin, Error::<T>::MaintenanceNotBelowInitial);
		ensure!(p.liquidation_fee < p.maintenance_margin, Error::<T>::LiquidationFeeTooHigh);
		ensure!(p.trading_fee < Perbill::one(), Error::<T>::TradingFeeTooHigh);
		ensure!(!p.partial_liquidation_ratio.is_zero(), Error::<T>::ZeroPartialLiquidationRatio);
		ensure!(p.funding_period > 0, Error::<T>::ZeroFundingPeriod);
		ensure!(!p.max_funding_premium_per_day.is_zero(), Error::<T>::ZeroFundingPremiumCap);
		ensure!(p.max_open_interest > 0, Error::<T>::ZeroMaxOpenInterest);
		ensure!(
			p.max_position > 0 && p.max_position <= p.max_open_interest,
			Error::<T>::InvalidMaxPosition
		);
		ensure!(
			p.min_trade_size > 0 && p.min_trade_size <= p.max_position,
			Error::<T>::InvalidMinTradeSize
		);
		ensure!(!p.max_price_move.is_zero(), Error::<T>::ZeroMaxPriceMove);
		ensure!(p.max_index_age > 0, Error::<T>::ZeroMaxIndexAge);
		ensure!(
			p.auction_duration > 0 && p.voluntary_auction_duration > 0,
			Error::<T>::ZeroAuctionDuration
		);
		ensure!(!p.auction_reserve_ratio.is_zero(), Error::<T>::ZeroAuctionReserve);
		ensure!(p.auction_reserve_ratio < Perbill::one(), Error::<T>::AuctionReserveRatioTooHigh);
		ensure!(
			!p.max_spread.is_zero()
				&& p.max_spread.saturating_add(p.liquidation_fee) <= p.maintenance_margin,
			Error::<T>::SpreadTooWide
		);
		ensure!(p.nft_index_window <= T::BlocksPerDay::get(), Error::<T>::NftIndexWindowTooLong);
		Ok(())
	}

	/// Create a market (see [`Pallet::create_market`]); returns its id.
	pub fn do_create_market(
		collection: T::CollectionId,
		base_reserve: u128,
		quote_reserve: u128,
		params: MarketParams,
	) -> Result<MarketId, DispatchError> {
		Self::validate_params(&params)?;
		ensure!(base_reserve > 0 && quote_reserve > 0, Error::<T>::ZeroReserves);
		T::Collections::check(&collection).map_err(|risk| match risk {
			CollectionRisk::Unknown => Error::<T>::UnknownCollection,
			CollectionRisk::OwnerNotCeded => Error::<T>::CollectionOwnerNotCeded,
			CollectionRisk::RoleNotCeded => Error::<T>::CollectionRoleNotCeded,
			CollectionRisk::ItemsNotTransferable => Error::<T>::CollectionNotTransferable,
			CollectionRisk::SupplyNotLocked => Error::<T>::CollectionSupplyNotLocked,
		})?;
		ensure!(
			!MarketByCollection::<T>::contains_key(collection),
			Error::<T>::CollectionHasMarket
		);
		let id = NextMarketId::<T>::get();
		ensure!(id < T::MaxMarkets::get(), Error::<T>::TooManyMarkets);
		T::Vamm::create_pool(
			id,
			base_reserve,
			quote_reserve,
			floorperp_primitives::PoolConfig { max_price_move: params.max_price_move },
		)?;
		// The vault receives the quote asset: give it a provider so that it can hold a
		// non-sufficient asset without a native balance.
		let vault = Self::vault();
		if frame_system::Pallet::<T>::providers(&vault) == 0 {
			frame_system::Pallet::<T>::inc_providers(&vault);
		}
		let now = Self::now();
		let market = Market {
			collection,
			params,
			insurance_fund: 0,
			float: 0,
			totals: AccountTotals::default(),
			cumulative_funding_long: 0,
			cumulative_funding_short: 0,
			last_funding_rate: 0,
			funding_receivable: 0,
			next_funding_block: now.saturating_add(params.funding_period),
			funding_window: FundingWindow {
				start: now,
				mark_cumulative: T::Vamm::cumulative_price(id)?,
				index_cumulative: T::Index::index_cumulative(&collection),
			},
			k_step_due: false,
			socialised_loss: 0,
			in_kind_growth: FixedU128::one(),
			long_growth_pending: 0,
			in_kind_round: InKindRound::default(),
			escrowed_nfts: 0,
			nft_accounts: 0,
			bids_locked: 0,
		};
		Markets::<T>::insert(id, market);
		MarketByCollection::<T>::insert(collection, id);
		NextMarketId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		Self::deposit_event(Event::MarketCreated {
			market: id,
			collection,
			base_reserve,
			quote_reserve,
			params,
		});
		Ok(id)
	}

	/// Set the parameters of a market (see [`Pallet::set_market_params`]).
	pub fn do_set_market_params(id: MarketId, params: MarketParams) -> DispatchResult {
		Self::validate_params(&params)?;
		Markets::<T>::try_mutate(id, |m| -> DispatchResult {
			let m = m.as_mut().ok_or(Error::<T>::MarketNotFound)?;
			// a shorter period takes effect from the next boundary
			m.params = params;
			T::Vamm::set_max_price_move(id, params.max_price_move)
		})?;
		Self::deposit_event(Event::MarketParamsSet { market: id, params });
		Ok(())
	}

	/// Current block as `u32`.
	pub(crate) fn now() -> u32 {
		frame_system::Pallet::<T>::block_number().saturated_into::<u32>()
	}

	/// Funding hook and liquidation sweep; returns the weight used.
	pub(crate) fn do_on_initialize(now: BlockNumberFor<T>) -> Weight {
		let now: u32 = now.saturated_into();
		let (markets, k_steps) = Self::process_funding(now);
		let settled = Self::in_kind_sweep(T::InKindBudget::get());
		let auctions = Self::settle_ended_auctions(now);
		let sweep = Self::sweep(T::LiquidationBudget::get(), T::MaxLiquidationWeight::get(), None);
		T::WeightInfo::on_initialize_funding(markets)
			.saturating_add(k_steps)
			// the in-kind pass reads every market again (measured with one)
			.saturating_add(T::DbWeight::get().reads(markets.saturating_sub(1) as u64))
			.saturating_add(T::WeightInfo::on_initialize_in_kind(settled))
			.saturating_add(T::WeightInfo::on_initialize_auctions(auctions))
			// a settlement may start one more auction (debt left, free NFTs remain)
			.saturating_add(
				T::WeightInfo::start_voluntary_auction().saturating_mul(auctions as u64),
			)
			.saturating_add(T::WeightInfo::on_initialize_sweep(sweep.examined))
			.saturating_add(sweep.used)
	}
}

impl<T: Config> KAdjustmentFunding for Pallet<T> {
	fn can_pay(market: MarketId, cost: u128) -> bool {
		Markets::<T>::get(market).is_some_and(|m| m.insurance_fund >= cost)
	}

	fn available(market: MarketId) -> u128 {
		Markets::<T>::get(market).map_or(0, |m| m.insurance_fund)
	}

	/// The pool owes the traders' net position more: the fund moves `cost` into the float,
	/// from which the traders' profits are paid.
	fn charge(market: MarketId, cost: u128) -> DispatchResult {
		let fund = Markets::<T>::try_mutate(market, |m| -> Result<u128, DispatchError> {
			let m = m.as_mut().ok_or(Error::<T>::MarketNotFound)?;
			m.insurance_fund = m
				.insurance_fund
				.checked_sub(cost)
				.ok_or(Error::<T>::InsufficientInsuranceFund)?;
			m.float = m.float.checked_add(cost).ok_or(Error::<T>::Overflow)?;
			Ok(m.insurance_fund)
		})?;
		Self::deposit_event(Event::KAdjustmentCharged {
			market,
			amount: cost,
			insurance_fund: fund,
		});
		Ok(())
	}

	/// The pool owes the traders less: `amount` moves from the float into the fund (capped by
	/// the float: the fund never receives money the market does not hold).
	fn credit(market: MarketId, amount: u128) -> DispatchResult {
		let (moved, fund) =
			Markets::<T>::try_mutate(market, |m| -> Result<(u128, u128), DispatchError> {
				let m = m.as_mut().ok_or(Error::<T>::MarketNotFound)?;
				let moved = amount.min(m.float);
				m.float = m.float.saturating_sub(moved);
				m.insurance_fund =
					m.insurance_fund.checked_add(moved).ok_or(Error::<T>::Overflow)?;
				Ok((moved, m.insurance_fund))
			})?;
		Self::deposit_event(Event::KAdjustmentCredited {
			market,
			amount: moved,
			insurance_fund: fund,
		});
		Ok(())
	}
}
