//! The clearing house's invariants, one named check each (`try_state_*`, its `# Invariants`
//! listed). `do_try_state` runs after every pallet test (with value conservation) and in
//! try-runtime; it is compiled only for tests and the `try-runtime` feature, never into the
//! production runtime.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::MarketOf;
use crate::VammInterface;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use frame::prelude::*;
use frame::token::fungibles::Inspect;
use frame::token::nonfungibles_v2::Inspect as NftInspect;

impl<T: Config> Pallet<T> {
	/// Every invariant of the clearing house: the named checks below, in order.
	pub fn do_try_state() -> Result<(), DispatchError> {
		let totals = Self::try_state_account_totals()?;
		Self::try_state_open_positions()?;
		for (id, m) in Markets::<T>::iter() {
			Self::try_state_market_totals(&m, totals.get(&id).copied().unwrap_or_default())?;
			Self::try_state_net_base(id, &m)?;
			Self::try_state_collection_index(id, &m)?;
			Self::try_state_nfts(id, &m)?;
		}
		Self::try_state_vault()?;
		Self::try_state_auctions()
	}

	/// Per market, the sum of what its accounts contribute ([`AccountTotals::of`]).
	///
	/// # Invariants
	///
	/// * every margin account is in an existing market;
	/// * the sums do not overflow.
	fn try_state_account_totals() -> Result<BTreeMap<MarketId, AccountTotals>, DispatchError> {
		let mut totals: BTreeMap<MarketId, AccountTotals> = BTreeMap::new();
		for (id, _who, a) in Accounts::<T>::iter() {
			ensure!(Markets::<T>::contains_key(id), "account in a missing market");
			let t = totals.entry(id).or_default();
			*t = t.checked_add(AccountTotals::of(&a)).ok_or("overflow")?;
		}
		Ok(totals)
	}

	/// The index of open positions, which the liquidation sweep walks.
	///
	/// # Invariants
	///
	/// * `OpenPositions` lists exactly the accounts whose position size is not zero.
	fn try_state_open_positions() -> Result<(), DispatchError> {
		for (id, who, ()) in OpenPositions::<T>::iter() {
			ensure!(
				Accounts::<T>::get(id, &who).is_some_and(|a| a.position.size != 0),
				"OpenPositions lists an account without a position"
			);
		}
		for (id, who, a) in Accounts::<T>::iter() {
			ensure!(
				(a.position.size != 0) == OpenPositions::<T>::contains_key(id, &who),
				"an open position missing from OpenPositions"
			);
		}
		Ok(())
	}

	/// A market's totals.
	///
	/// # Invariants
	///
	/// * each field of `Market::totals` equals the sum over the market's accounts (as
	///   [`Self::try_state_account_totals`] adds them up).
	fn try_state_market_totals(m: &MarketOf<T>, sum: AccountTotals) -> Result<(), DispatchError> {
		let kept = m.totals;
		ensure!(sum.cash == kept.cash, "total cash mismatch");
		ensure!(sum.unsettled == kept.unsettled, "unsettled mismatch");
		ensure!(sum.long_cash == kept.long_cash, "long cash mismatch");
		ensure!(sum.open_interest_long == kept.open_interest_long, "open interest long mismatch");
		ensure!(
			sum.open_interest_short == kept.open_interest_short,
			"open interest short mismatch"
		);
		ensure!(sum.long_open_notional == kept.long_open_notional, "long open notional mismatch");
		ensure!(sum.short_cash == kept.short_cash, "short cash mismatch");
		ensure!(
			sum.short_open_notional == kept.short_open_notional,
			"short open notional mismatch"
		);
		Ok(())
	}

	/// The clearing house against the venue.
	///
	/// # Invariants
	///
	/// * long open interest plus the growth minted in kind and not yet taken up, minus short
	///   open interest, is the vAMM pool's net base `B0 − B`.
	fn try_state_net_base(id: MarketId, m: &MarketOf<T>) -> Result<(), DispatchError> {
		let net = T::Vamm::net_base(id)?;
		let oi = math::to_i128(Self::total_long(m))
			.and_then(|l| l.checked_sub(math::to_i128(m.totals.open_interest_short)?))
			.ok_or("overflow")?;
		ensure!(oi == net, "long - short != vAMM net base");
		Ok(())
	}

	/// The collection index.
	///
	/// # Invariants
	///
	/// * `MarketByCollection` of the market's collection is the market.
	fn try_state_collection_index(id: MarketId, m: &MarketOf<T>) -> Result<(), DispatchError> {
		ensure!(
			MarketByCollection::<T>::get(m.collection) == Some(id),
			"collection index mismatch"
		);
		Ok(())
	}

	/// The vault's solvency.
	///
	/// # Invariants
	///
	/// * the vault's balance of the quote asset is at least what it owes: Σ over markets of
	///   the accounts' cash, the insurance fund, the float and the locked bids.
	fn try_state_vault() -> Result<(), DispatchError> {
		let mut claims: u128 = 0;
		for m in Markets::<T>::iter_values() {
			claims = m.claims().and_then(|c| claims.checked_add(c)).ok_or("overflow")?;
		}
		let vault = T::Assets::balance(T::QuoteAsset::get(), &Self::vault());
		ensure!(vault >= claims, "vault does not cover cash + funds + floats + bids");
		Ok(())
	}

	/// The NFT escrow of market `id`.
	///
	/// # Invariants
	///
	/// * every escrowed item is owned by the vault and indexed under its owner
	///   (`AccountNfts`), and the index lists nothing that is not escrowed;
	/// * an escrow record on auction points to an auction of the same item and market;
	/// * per account, the escrowed items equal `nft_count`, those on liquidation and voluntary
	///   auctions `liquidation_auctions` and `voluntary_auctions`; no NFTs without an account;
	/// * the market's total equals `escrowed_nfts`; `NftAccounts` lists exactly the accounts
	///   with NFTs, and their number is `nft_accounts`.
	fn try_state_nfts(id: MarketId, m: &MarketOf<T>) -> Result<(), DispatchError> {
		let vault = Self::vault();
		let mut per_owner: BTreeMap<T::AccountId, (u32, u32, u32)> = BTreeMap::new();
		let mut total: u32 = 0;
		for (item, rec) in Escrow::<T>::iter_prefix(id) {
			ensure!(
				T::Nfts::owner(&m.collection, &item).as_ref() == Some(&vault),
				"escrowed NFT not owned by the vault"
			);
			ensure!(
				AccountNfts::<T>::contains_key((id, rec.owner.clone()), item),
				"escrowed NFT not indexed under its owner"
			);
			let e = per_owner.entry(rec.owner.clone()).or_default();
			e.0 = e.0.saturating_add(1);
			if let Some(a) = rec.auction {
				let auction = Auctions::<T>::get(a).ok_or("escrow points to a missing auction")?;
				ensure!(auction.item == item && auction.market == id, "auction/escrow mismatch");
				match auction.kind {
					AuctionKind::Liquidation => e.1 = e.1.saturating_add(1),
					AuctionKind::Voluntary => e.2 = e.2.saturating_add(1),
				}
			}
			total = total.saturating_add(1);
		}
		ensure!(total == m.escrowed_nfts, "escrowed_nfts mismatch");
		let mut indexed: u32 = 0;
		for ((mid, _owner), item, ()) in AccountNfts::<T>::iter() {
			if mid == id {
				ensure!(Escrow::<T>::contains_key(id, item), "indexed NFT not escrowed");
				indexed = indexed.saturating_add(1);
			}
		}
		ensure!(indexed == total, "NFT index has extra entries");
		let mut nft_accounts: u32 = 0;
		for (who, acc) in Accounts::<T>::iter_prefix(id) {
			let (n, liq, vol) = per_owner.get(&who).copied().unwrap_or_default();
			ensure!(acc.nft_count == n, "nft_count mismatch");
			ensure!(acc.liquidation_auctions == liq, "liquidation auction count mismatch");
			ensure!(acc.voluntary_auctions == vol, "voluntary auction count mismatch");
			ensure!(NftAccounts::<T>::contains_key(id, &who) == (n > 0), "NftAccounts mismatch");
			if n > 0 {
				nft_accounts = nft_accounts.saturating_add(1);
			}
		}
		ensure!(per_owner.keys().all(|w| Accounts::<T>::contains_key(id, w)), "NFTs of no account");
		ensure!(nft_accounts == m.nft_accounts, "nft_accounts mismatch");
		ensure!(
			NftAccounts::<T>::iter_prefix(id).count() as u32 == m.nft_accounts,
			"NftAccounts has extra entries"
		);
		Ok(())
	}

	/// The auctions.
	///
	/// # Invariants
	///
	/// * each auction's item is escrowed in its market, and the escrow record points back to
	///   the auction and has the same owner;
	/// * a running auction is scheduled at its end block (`AuctionsEndingAt`);
	/// * no auction is stranded: one that has ended can be settled now (tried, then rolled
	///   back: a sale, a new round or a void), so no bid stays locked;
	/// * per market, the best bids sum to `bids_locked`.
	fn try_state_auctions() -> Result<(), DispatchError> {
		let mut locked: BTreeMap<MarketId, u128> = BTreeMap::new();
		let now = Self::now();
		let mut ended = Vec::new();
		for (aid, a) in Auctions::<T>::iter() {
			let rec = Escrow::<T>::get(a.market, a.item).ok_or("auctioned NFT not escrowed")?;
			ensure!(rec.auction == Some(aid) && rec.owner == a.owner, "auction/escrow mismatch");
			if a.end > now {
				ensure!(
					AuctionsEndingAt::<T>::get(a.end).contains(&aid),
					"auction not scheduled at its end"
				);
			} else {
				ended.push(aid);
			}
			let b = a.best_bid.as_ref().map_or(0, |b| b.1);
			let e = locked.entry(a.market).or_default();
			*e = e.checked_add(b).ok_or("overflow")?;
		}
		for (id, m) in Markets::<T>::iter() {
			ensure!(
				locked.get(&id).copied().unwrap_or_default() == m.bids_locked,
				"bids_locked mismatch"
			);
		}
		for aid in ended {
			let settles: Result<DispatchResult, DispatchError> =
				frame::deps::frame_support::storage::with_transaction(|| {
					frame::deps::sp_runtime::TransactionOutcome::Rollback(Ok(Self::settle(aid)))
				});
			ensure!(settles?.is_ok(), "auction stranded: ended and cannot be settled");
		}
		Ok(())
	}
}
