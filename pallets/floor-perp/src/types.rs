//! Types of the clearing house: market parameters and state, margin accounts, API views.

pub use floorperp_primitives::{Direction, MarketId, SwapAmount};
use frame::arithmetic::{FixedI128, FixedU128};
use frame::prelude::*;

/// One unit (1.0) in the 18-decimal fixed point used for sizes, cash and prices.
pub use floorperp_primitives::ONE;

/// How much to trade: an exact base size (perps, 18 decimals) or an exact quote notional.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum TradeAmount {
	/// Exact base size.
	Base(u128),
	/// Exact quote notional.
	Quote(u128),
}

impl TradeAmount {
	/// The inner amount.
	pub fn value(self) -> u128 {
		match self {
			TradeAmount::Base(v) | TradeAmount::Quote(v) => v,
		}
	}
}

impl From<TradeAmount> for SwapAmount {
	fn from(a: TradeAmount) -> SwapAmount {
		match a {
			TradeAmount::Base(v) => SwapAmount::Base(v),
			TradeAmount::Quote(v) => SwapAmount::Quote(v),
		}
	}
}

/// Governance-set parameters of a market. Ratios are `Perbill`, durations are
/// block counts, sizes are base amounts with 18 decimals.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct MarketParams {
	/// Margin ratio required after a trade that increases exposure, and after a withdrawal
	/// (default 10%, i.e. 10x).
	pub initial_margin: Perbill,
	/// Margin ratio below which a cash-margined position is liquidated (default 6.25%).
	pub maintenance_margin: Perbill,
	/// Liquidation fee, share of the closed notional (default 1.25%), half to the keeper, half
	/// to the insurance fund.
	pub liquidation_fee: Perbill,
	/// Share of the position closed by a partial liquidation (default 25%).
	pub partial_liquidation_ratio: Perbill,
	/// Trading fee, share of the traded notional, paid to the insurance fund (default 0.1%).
	pub trading_fee: Perbill,
	/// Funding period in blocks (default 1800 = 1 hour at 2 s blocks).
	pub funding_period: u32,
	/// Maximum |mark TWAP - index TWAP| taken into account, as a share of the index, per day
	/// (default 10%).
	pub max_funding_premium_per_day: Perbill,
	/// Cap of the total long size and of the total short size (base, 18 decimals).
	pub max_open_interest: u128,
	/// Cap of the absolute size of one position (base, 18 decimals).
	pub max_position: u128,
	/// Minimum base size of a trade (a close of the whole position may be smaller).
	pub min_trade_size: u128,
	/// Cash a cash-margined account must keep while it holds a position (quote, default 0.1):
	/// every open position the liquidation sweep walks locks at least this much, so that
	/// spamming dust positions to slow the sweep costs real money (refunded on closing).
	pub min_margin: u128,
	/// Maximum move of the mark within one block (vAMM fluctuation limit, default 10%).
	pub max_price_move: Perbill,
	/// Guard rail between mark and index (default 5%): a trade (anything but a liquidation)
	/// that leaves the mark further than this share of the index from the index is refused,
	/// unless it brings the mark closer to it. Validated with
	/// `max_spread + liquidation_fee <= maintenance_margin`, so that an account opened at
	/// initial margin cannot be made bankrupt by moving the mark inside the band.
	pub max_spread: Perbill,
	/// An index older than this (blocks) is stale: no funding, no liquidation, reduce-only.
	pub max_index_age: u32,
	/// Extra index cover an NFT-backed short keeps after a withdrawal of cash or of an NFT:
	/// `|q|·i·(1 + nft_safety_margin) ≤ c + n·i`.
	pub nft_safety_margin: Perbill,
	/// Duration of a liquidation auction (blocks); an auction without a bid starts again.
	pub auction_duration: u32,
	/// Duration of a voluntary auction (blocks).
	pub voluntary_auction_duration: u32,
	/// Reserve price of a liquidation auction as a share of the index; each new round of an
	/// auction that received no bid multiplies the reserve by it again.
	pub auction_reserve_ratio: Perbill,
	/// Minimum increment of a new bid over the best bid.
	pub auction_min_increment: Perbill,
	/// Blocks of the index TWAP that NFT-collateral decisions read besides the spot index
	/// (default 150, 5 minutes at 2 s blocks; 0: the spot index alone). An NFT-backed short is
	/// liquidated only when under-covered at the lower of the two (pushing the index up for a
	/// block does not liquidate it); cash or an NFT leaves it, and its short grows, only if
	/// covered at the higher (pushing the index down does not free collateral). The price: a
	/// real rise liquidates up to a window later.
	pub nft_index_window: u32,
}

impl Default for MarketParams {
	fn default() -> Self {
		Self {
			initial_margin: Perbill::from_percent(10),
			maintenance_margin: Perbill::from_parts(62_500_000),
			liquidation_fee: Perbill::from_parts(12_500_000),
			partial_liquidation_ratio: Perbill::from_percent(25),
			trading_fee: Perbill::from_parts(1_000_000),
			funding_period: 1_800,
			max_funding_premium_per_day: Perbill::from_percent(10),
			max_open_interest: 100_000 * ONE,
			max_position: 10_000 * ONE,
			min_trade_size: ONE / 1_000,
			min_margin: ONE / 10,
			max_price_move: Perbill::from_percent(10),
			max_spread: Perbill::from_percent(5),
			max_index_age: 1_800,
			nft_safety_margin: Perbill::from_percent(10),
			auction_duration: 1_800,
			voluntary_auction_duration: 7_200,
			auction_reserve_ratio: Perbill::from_percent(90),
			auction_min_increment: Perbill::from_percent(1),
			nft_index_window: 150,
		}
	}
}

/// State of one market.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Market<CollectionId> {
	/// The NFT collection whose floor this market trades.
	pub collection: CollectionId,
	/// Parameters.
	pub params: MarketParams,
	/// Insurance fund (quote): trading fees, half the liquidation fees, the vAMM's funding
	/// share; pays bad debt, the vAMM's funding share and K changes.
	pub insurance_fund: u128,
	/// Quote held for the market that nobody can claim yet: realised losses and funding paid.
	/// Realised profit and funding received are paid only from it.
	pub float: u128,
	/// What the market's margin accounts add up to (open interest, open notional and cash per
	/// side, all cash, all unsettled profit), kept as each account changes.
	pub totals: AccountTotals,
	/// Cumulative funding paid per unit of long size (quote per base, 18 decimals, signed).
	pub cumulative_funding_long: i128,
	/// Cumulative funding received per unit of short size (quote per base, 18 decimals, signed).
	pub cumulative_funding_short: i128,
	/// Funding paid per unit of long size at the last funding (for display).
	pub last_funding_rate: i128,
	/// The fund's share of funding rounds not yet collected from the payers (collected into the
	/// fund as the payers settle).
	pub funding_receivable: u128,
	/// First block at which the next funding is due.
	pub next_funding_block: u32,
	/// Where the current funding window started, with the cumulative prices then: the next
	/// round's premium is the exact time-weighted mean over the window.
	pub funding_window: FundingWindow,
	/// A funding boundary passed while governance's K target was pending: the pool takes one
	/// step towards it as soon as the per-block budget of K steps allows.
	pub k_step_due: bool,
	/// Bad debt the insurance fund could not cover (socialised: it is missing from the float,
	/// so it delays/reduces payment of unsettled profit).
	pub socialised_loss: u128,
	/// In-kind growth product `G` of long sizes (starts at 1): a long of size `q` settled at
	/// `G_last` has size `q · G / G_last` now.
	pub in_kind_growth: FixedU128,
	/// Long size minted in kind for NFT-backed shorts and not yet taken up by the longs'
	/// settled sizes (the longs' lazily-settled growth plus rounding dust). The vAMM's net base
	/// is `open_interest_long + long_growth_pending − open_interest_short`.
	pub long_growth_pending: u128,
	/// The in-kind round being collected (cleared when the sweep finishes).
	pub in_kind_round: InKindRound,
	/// Number of NFTs escrowed in the market.
	pub escrowed_nfts: u32,
	/// Number of accounts of the market with escrowed NFTs.
	pub nft_accounts: u32,
	/// Quote locked by the best bids of the market's auctions (held in the vault).
	pub bids_locked: u128,
}

impl<CollectionId> Market<CollectionId> {
	/// What the vault owes for this market: the accounts' cash, the insurance fund, the float
	/// and the locked bids (`None` on overflow).
	pub fn claims(&self) -> Option<u128> {
		self.totals
			.cash
			.checked_add(self.insurance_fund)?
			.checked_add(self.float)?
			.checked_add(self.bids_locked)
	}
}

/// The start of a funding window: its block and the mark's (and, if the index source keeps one,
/// the index's) cumulative price at that block. See [`crate::math::window_mean`].
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct FundingWindow {
	/// First block of the window.
	pub start: u32,
	/// The vAMM's cumulative mark at `start`.
	pub mark_cumulative: U256,
	/// The index's cumulative price at `start` (`None`: none kept, or no index yet).
	pub index_cumulative: Option<U256>,
}

/// In-kind funding collected since the last finalisation: NFT-backed shorts that could not pay
/// funding in cash minted `minted` base worth `owed` quote at the mark of the moment.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct InKindRound {
	/// Funding value paid in kind (quote).
	pub owed: u128,
	/// Size minted in kind (base).
	pub minted: u128,
	/// Whether the paged sweep over NFT-backed accounts is running.
	pub sweeping: bool,
}

/// What a market's margin accounts add up to: every account contributes
/// [`AccountTotals::of`] it, and the market keeps the sum, updated as `totals − old + new` each
/// time an account is written ([`AccountTotals::replace`]; checked by `try_state`).
///
/// Stored inside [`Market`] with the fields in this order (its encoding is the one of the eight
/// market fields it replaced).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct AccountTotals {
	/// Total long size (base).
	pub open_interest_long: u128,
	/// Total short size (base).
	pub open_interest_short: u128,
	/// Σ open notional of long positions.
	pub long_open_notional: u128,
	/// Σ cash of accounts holding a long position.
	pub long_cash: u128,
	/// Σ open notional of short positions.
	pub short_open_notional: u128,
	/// Σ cash of accounts holding a short position.
	pub short_cash: u128,
	/// Σ cash of all accounts.
	pub cash: u128,
	/// Σ unsettled (realised, not yet payable) profit of all accounts.
	pub unsettled: u128,
}

impl AccountTotals {
	/// What one account contributes: its cash and unsettled profit, and on the side of its
	/// position its size, open notional and cash.
	pub fn of(a: &MarginAccount) -> Self {
		let size = a.position.size;
		let (long, short) = (size > 0, size < 0);
		let on_side = |yes: bool, v: u128| if yes { v } else { 0 };
		Self {
			open_interest_long: on_side(long, size.unsigned_abs()),
			open_interest_short: on_side(short, size.unsigned_abs()),
			long_open_notional: on_side(long, a.position.open_notional),
			long_cash: on_side(long, a.cash),
			short_open_notional: on_side(short, a.position.open_notional),
			short_cash: on_side(short, a.cash),
			cash: a.cash,
			unsettled: a.unsettled_profit,
		}
	}

	/// `f` applied field by field to `self` and `o` (`None` if it fails for any field).
	fn zip_with(self, o: Self, f: impl Fn(u128, u128) -> Option<u128>) -> Option<Self> {
		Some(Self {
			open_interest_long: f(self.open_interest_long, o.open_interest_long)?,
			open_interest_short: f(self.open_interest_short, o.open_interest_short)?,
			long_open_notional: f(self.long_open_notional, o.long_open_notional)?,
			long_cash: f(self.long_cash, o.long_cash)?,
			short_open_notional: f(self.short_open_notional, o.short_open_notional)?,
			short_cash: f(self.short_cash, o.short_cash)?,
			cash: f(self.cash, o.cash)?,
			unsettled: f(self.unsettled, o.unsettled)?,
		})
	}

	/// `self + o`, field by field (`None` on overflow).
	pub fn checked_add(self, o: Self) -> Option<Self> {
		self.zip_with(o, u128::checked_add)
	}

	/// The totals after one account went from contributing `old` to contributing `new`:
	/// `self − old + new`, field by field (`None` if `old` is not part of `self`, or on
	/// overflow).
	pub fn replace(self, old: Self, new: Self) -> Option<Self> {
		self.zip_with(old, u128::checked_sub)?.checked_add(new)
	}
}

/// A position: signed size (+ long, − short) and the quote paid (long) or received (short).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Position {
	/// Size in base (18 decimals), positive long, negative short.
	pub size: i128,
	/// Entry notional of the open size (quote).
	pub open_notional: u128,
	/// Cumulative funding index of the position's side at the last settlement.
	pub last_cumulative_funding: i128,
	/// In-kind growth product `G` at the last settlement (longs grow by `G / last_growth`;
	/// zero means "no growth since", as for a position opened before any in-kind round).
	pub last_growth: FixedU128,
}

/// An isolated margin account of `(market, who)`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct MarginAccount {
	/// Cash (quote, never negative).
	pub cash: u128,
	/// The position.
	pub position: Position,
	/// Realised profit the market could not pay yet (paid from the float on later touches).
	pub unsettled_profit: u128,
	/// NFTs of the market's collection escrowed by this account (including those on auction).
	pub nft_count: u32,
	/// Of those, NFTs on a liquidation auction.
	pub liquidation_auctions: u32,
	/// Of those, NFTs on a voluntary auction.
	pub voluntary_auctions: u32,
	/// Loss of a liquidated NFT-backed short beyond its cash, secured by its NFTs on auction:
	/// paid from the proceeds (and from any cash first); what the last auction leaves unpaid
	/// goes to the insurance fund.
	pub debt: u128,
	/// Total short size minted in this account's name to pay funding in kind.
	pub in_kind_minted: u128,
	/// Total long size received in kind (funding paid by NFT-backed shorts).
	pub in_kind_received: u128,
}

impl MarginAccount {
	/// Whether the account holds nothing and may be removed from storage.
	pub fn is_empty(&self) -> bool {
		self.cash == 0
			&& self.position.size == 0
			&& self.unsettled_profit == 0
			&& self.nft_count == 0
			&& self.debt == 0
	}

	/// NFTs that cover a short: escrowed and not on a liquidation auction.
	pub fn nft_cover(&self) -> u32 {
		self.nft_count.saturating_sub(self.liquidation_auctions)
	}

	/// NFTs that stay in escrow whatever happens to the auctions: escrowed and on no auction.
	/// Collateral-removal checks count only these (an NFT on a voluntary auction may leave).
	pub fn firm_nfts(&self) -> u32 {
		self.nft_count
			.saturating_sub(self.liquidation_auctions)
			.saturating_sub(self.voluntary_auctions)
	}

	/// Whether the account is an NFT-backed short (liquidated on the index, pays funding in
	/// kind when it has no cash).
	pub fn is_nft_short(&self) -> bool {
		self.position.size < 0 && self.nft_cover() > 0
	}
}

/// Who holds an escrowed NFT, and its auction if it is on one.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct EscrowRecord<AccountId> {
	/// The original owner (whose margin account it backs).
	pub owner: AccountId,
	/// The auction it is on.
	pub auction: Option<AuctionId>,
}

/// Auction id.
pub type AuctionId = u32;

/// Why an NFT is auctioned.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum AuctionKind {
	/// Its owner's NFT-backed short was liquidated: proceeds pay the debt, the excess goes to
	/// the owner, a shortfall to the insurance fund. No bid: a new round at a lower reserve.
	Liquidation,
	/// The owner sells it to buy back (up to one perp of) the short. No bid: it stays escrowed.
	Voluntary,
}

/// An English auction of one escrowed NFT, in the quote asset.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Auction<AccountId, ItemId> {
	/// The market whose escrow holds the NFT.
	pub market: MarketId,
	/// The NFT on sale, of the market's collection.
	pub item: ItemId,
	/// The original owner.
	pub owner: AccountId,
	/// Liquidation or voluntary.
	pub kind: AuctionKind,
	/// Minimum first bid.
	pub reserve: u128,
	/// Block at which it ends (bids are accepted before it).
	pub end: u32,
	/// Best bid and bidder (its amount is held in the vault).
	pub best_bid: Option<(AccountId, u128)>,
	/// Round (0 for the first; a liquidation auction without a bid starts a new round).
	pub round: u32,
	/// The keeper who triggered the liquidation (receives half the liquidation fee).
	pub keeper: Option<AccountId>,
}

/// Why funding was skipped at a boundary.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum FundingSkipReason {
	/// No index for the collection.
	NoIndex,
	/// The index is older than `max_index_age`.
	StaleIndex,
	/// The venue could not give a mark TWAP.
	NoMark,
	/// Arithmetic overflow (should not happen).
	Overflow,
}

/// Market view for the runtime API.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct MarketInfo<CollectionId> {
	/// The market.
	pub market: MarketId,
	/// The NFT collection whose floor it trades.
	pub collection: CollectionId,
	/// Its parameters.
	pub params: MarketParams,
	/// Mark price `Q/B` of the vAMM.
	pub mark_price: FixedU128,
	/// Index price (WETH per NFT), if any.
	pub index_price: Option<FixedU128>,
	/// Block of the index's last update, if any.
	pub index_updated_at: Option<u32>,
	/// Whether the index is fresh (otherwise the market is reduce-only, no funding/liquidation).
	pub index_fresh: bool,
	/// Total long size (perps, 18 decimals).
	pub open_interest_long: u128,
	/// Total short size (perps, 18 decimals).
	pub open_interest_short: u128,
	/// vAMM net base position (long − short).
	pub net_base: i128,
	/// Insurance fund (WETH, 18 decimals).
	pub insurance_fund: u128,
	/// Quote held for the market that nobody can claim yet (WETH, 18 decimals).
	pub float: u128,
	/// Realised profit of all accounts not yet paid (WETH, 18 decimals).
	pub total_unsettled: u128,
	/// Bad debt the insurance fund could not cover (WETH, 18 decimals).
	pub socialised_loss: u128,
	/// First block at which the next funding is due.
	pub next_funding_block: u32,
	/// Cumulative funding paid per unit of long size (WETH per perp, 18 decimals).
	pub cumulative_funding_long: i128,
	/// Cumulative funding received per unit of short size (WETH per perp, 18 decimals).
	pub cumulative_funding_short: i128,
	/// Funding per unit of size at the last funding round (WETH per perp, 18 decimals;
	/// positive: longs paid).
	pub last_funding_rate: i128,
	/// Market-cash coverage of the longs' claims (≥ 1 means fully covered).
	pub long_coverage: FixedU128,
	/// Margin ratio a new long needs now (initial margin, up to 100% when under-covered).
	pub long_margin_requirement: Perbill,
}

/// Account view for the runtime API.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct PositionInfo {
	/// Size with the in-kind growth not yet settled included.
	pub size: i128,
	/// Cash (WETH, 18 decimals).
	pub cash: u128,
	/// Escrowed NFTs (including those on auction).
	pub nft_count: u32,
	/// Of those, NFTs on a liquidation auction.
	pub liquidation_auctions: u32,
	/// Of those, NFTs on a voluntary auction.
	pub voluntary_auctions: u32,
	/// Debt of a liquidated NFT-backed short awaiting its auctions.
	pub debt: u128,
	/// Total short size minted in kind in the account's name (perps, 18 decimals).
	pub in_kind_minted: u128,
	/// Total long size received in kind (perps, 18 decimals).
	pub in_kind_received: u128,
	/// NFT-backed shorts: cover `c + n·i` at the index, after funding (WETH, 18 decimals).
	pub nft_cover_value: Option<u128>,
	/// NFT-backed shorts: liability `|q|·i` at the index, after funding (WETH, 18 decimals).
	pub nft_liability: Option<u128>,
	/// Entry notional of the open size (WETH, 18 decimals).
	pub open_notional: u128,
	/// Realised profit the market could not pay yet (WETH, 18 decimals).
	pub unsettled_profit: u128,
	/// Value of closing the position now (quote, from the vAMM preview).
	pub position_notional: u128,
	/// Unrealised PnL at the close-out value.
	pub unrealised_pnl: i128,
	/// Funding owed not yet settled (positive = the account pays).
	pub funding_owed: i128,
	/// `(cash + uPnL − funding owed) / notional` valued at the worse, for the account, of the
	/// mark and the index (the ratio liquidation reads); `None` without a position.
	// (`None` for an NFT-backed short: it has no mark-based margin.)
	pub margin_ratio: Option<FixedI128>,
	/// Mark price at which the margin ratio reaches maintenance (linear estimate, without
	/// slippage); `None` when it cannot be reached.
	// For an NFT-backed short: the *index* at which `|q|·i = c + n·i` (`None` while its NFTs
	// alone cover it).
	pub liquidation_price: Option<FixedU128>,
	/// Entry price `open_notional / |size|`.
	pub entry_price: Option<FixedU128>,
	/// Whether the position is liquidatable now.
	pub liquidatable: bool,
}

/// Preview of a trade for the runtime API.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct TradeQuote {
	/// Base that changes hands.
	pub base: u128,
	/// Quote that changes hands.
	pub quote: u128,
	/// The amount opposite to the one given (base for a quote trade, quote for a base trade).
	pub amount_out: u128,
	/// `quote / base`.
	pub average_price: FixedU128,
	/// Mark price before the trade.
	pub mark_price: FixedU128,
	/// `|average − mark| / mark`.
	pub price_impact: FixedU128,
	/// Trading fee.
	pub fee: u128,
}
