//! NFT escrow: `deposit_nft` / `withdraw_nft`, the index cover of NFT-backed shorts, and the
//! escrow invariants.
//!
//! An escrowed NFT belongs to the vault in pallet-nfts (only this pallet can move it: the
//! vault has no key, and a transfer clears the item's approvals); [`Escrow`] records its
//! original owner, [`AccountNfts`] indexes the items of an account, and the account's
//! `nft_count` counts them. One NFT covers a short of one perp *at the index*:
//! an NFT-backed short is fine while `|q|·i ≤ c + n·i`.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::{FloorIndex, MarketOf};
use frame::arithmetic::FixedU128;
use frame::prelude::*;
use frame::token::nonfungibles_v2::{Inspect as NftInspect, Transfer as NftTransfer};

/// Which way an NFT-collateral decision leans when the spot index and its short TWAP differ.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NftDecision {
	/// Liquidating an NFT-backed short: the lower of the two (the owner's side).
	Liquidate,
	/// Collateral leaving or the short growing: the higher of the two (the venue's side).
	Remove,
}

impl<T: Config> Pallet<T> {
	/// The index an NFT-collateral decision reads: the fresh spot index and its TWAP over
	/// `nft_index_window` blocks, the lower for a liquidation and the higher for a removal
	/// (one block's push of the index does neither). `None` if the index is stale.
	pub fn nft_index(m: &MarketOf<T>, decision: NftDecision) -> Option<FixedU128> {
		let spot = Self::fresh_index(m)?;
		let window = m.params.nft_index_window;
		if window == 0 {
			return Some(spot);
		}
		let twap = T::Index::index_twap(&m.collection, window).unwrap_or(spot);
		Some(match decision {
			NftDecision::Liquidate => spot.min(twap),
			NftDecision::Remove => spot.max(twap),
		})
	}

	/// Refuse unless `acc`'s short is covered by `n` NFTs and its cash with `safety` on the
	/// liability, at the higher of the spot index and its TWAP ([`NftDecision::Remove`]).
	/// Without a short it always passes.
	pub(crate) fn ensure_nft_cover(
		m: &MarketOf<T>,
		acc: &MarginAccount,
		n: u32,
		safety: Perbill,
	) -> DispatchResult {
		if acc.position.size >= 0 {
			return Ok(());
		}
		let index = Self::nft_index(m, NftDecision::Remove).ok_or(Error::<T>::IndexStale)?;
		ensure!(
			math::nft_covered(math::abs(acc.position.size), acc.cash, n, index, safety),
			Error::<T>::InsufficientNftCover
		);
		Ok(())
	}

	/// Refuse a removal of collateral (an NFT withdrawn, an NFT put on a voluntary auction)
	/// unless what stays covers `acc`'s short: with `firm` NFTs left on no auction, their
	/// index value and the cash plus `pending` (the reserve of an auction, which comes in as
	/// cash if it sells) cover `|q|·i` with the safety margin; with no NFT left the account is
	/// a cash short and must meet initial margin at the guarded price (the worse, for it, of
	/// the mark and the index), so that a buy-back at a mark the owner moved cannot leave bad
	/// debt. Without a short it always passes.
	pub(crate) fn ensure_covered_after_removal(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
		firm: u32,
		pending: u128,
	) -> DispatchResult {
		if acc.position.size >= 0 {
			return Ok(());
		}
		let with_pending = MarginAccount {
			cash: acc.cash.checked_add(pending).ok_or(Error::<T>::Overflow)?,
			..*acc
		};
		if firm > 0 {
			return Self::ensure_nft_cover(m, &with_pending, firm, m.params.nft_safety_margin);
		}
		let h = Self::guarded_health(id, m, &with_pending)?;
		ensure!(
			math::meets_ratio(h.equity, h.notional, m.params.initial_margin),
			Error::<T>::InsufficientMargin
		);
		Ok(())
	}

	pub(crate) fn do_deposit_nft(
		who: &T::AccountId,
		id: MarketId,
		item: T::ItemId,
	) -> DispatchResult {
		let load = |m: &MarketOf<T>, a: Option<MarginAccount>| {
			let owner = T::Nfts::owner(&m.collection, &item).ok_or(Error::<T>::UnknownNft)?;
			ensure!(!Escrow::<T>::contains_key(id, item), Error::<T>::NftAlreadyEscrowed);
			ensure!(&owner == who, Error::<T>::NotNftOwner);
			ensure!(T::Nfts::can_transfer(&m.collection, &item), Error::<T>::NftLocked);
			let acc = a.unwrap_or_default();
			ensure!(
				acc.debt == 0 && acc.liquidation_auctions == 0,
				Error::<T>::AccountInLiquidation
			);
			ensure!(acc.nft_count < T::MaxNftsPerAccount::get(), Error::<T>::TooManyNfts);
			Ok(acc)
		};
		let ((), _, acc) = Self::with_account(id, who, load, |m, acc, _| {
			T::Nfts::transfer(&m.collection, &item, &Self::vault())?;
			acc.nft_count = acc.nft_count.saturating_add(1);
			m.escrowed_nfts = m.escrowed_nfts.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Escrow::<T>::insert(id, item, EscrowRecord { owner: who.clone(), auction: None });
			AccountNfts::<T>::insert((id, who.clone()), item, ());
			Ok(())
		})?;
		Self::deposit_event(Event::NftDeposited {
			market: id,
			who: who.clone(),
			item,
			nft_count: acc.nft_count,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw_nft(
		who: &T::AccountId,
		id: MarketId,
		item: T::ItemId,
	) -> DispatchResult {
		let load = |_: &MarketOf<T>, a| Self::free_nft_of(who, id, item, a);
		let ((), _, acc) = Self::with_account(id, who, load, |m, acc, _| {
			Self::ensure_covered_after_removal(id, m, acc, acc.firm_nfts().saturating_sub(1), 0)?;
			Self::release_nft(id, m, acc, item)?;
			T::Nfts::transfer(&m.collection, &item, who)
		})?;
		Self::deposit_event(Event::NftWithdrawn {
			market: id,
			who: who.clone(),
			item,
			nft_count: acc.nft_count,
		});
		Ok(())
	}

	/// `account` (the margin account of `who`, as loaded) if `item` is escrowed by `who`, not on
	/// auction, and the account is not in liquidation (its NFTs secure its debt until it is
	/// paid).
	pub(crate) fn free_nft_of(
		who: &T::AccountId,
		id: MarketId,
		item: T::ItemId,
		account: Option<MarginAccount>,
	) -> Result<MarginAccount, DispatchError> {
		let rec = Escrow::<T>::get(id, item).ok_or(Error::<T>::NftNotEscrowed)?;
		ensure!(&rec.owner == who, Error::<T>::NftNotEscrowed);
		ensure!(rec.auction.is_none(), Error::<T>::NftOnAuction);
		let acc = account.ok_or(Error::<T>::NftNotEscrowed)?;
		ensure!(acc.debt == 0 && acc.liquidation_auctions == 0, Error::<T>::AccountInLiquidation);
		Ok(acc)
	}

	/// Forget an escrowed item (the caller transfers it out of the vault).
	pub(crate) fn release_nft(
		id: MarketId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		item: T::ItemId,
	) -> DispatchResult {
		let rec = Escrow::<T>::take(id, item).ok_or(Error::<T>::NftNotEscrowed)?;
		AccountNfts::<T>::remove((id, rec.owner), item);
		acc.nft_count = acc.nft_count.checked_sub(1).ok_or(Error::<T>::Overflow)?;
		m.escrowed_nfts = m.escrowed_nfts.checked_sub(1).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}
}
