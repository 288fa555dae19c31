//! English auctions of escrowed NFTs, in the quote asset.
//!
//! * **Liquidation auctions** start when an NFT-backed short is liquidated with a debt: as many
//!   of its NFTs as the debt needs at the reserve (`auction_reserve_ratio` × index each), for
//!   `auction_duration` blocks. Proceeds pay the debt (into the float, where the longs' profit
//!   waits), then `liquidation_fee` of the excess (half to the keeper, half to the fund), and the
//!   rest is the owner's cash. Debt left when the owner's last liquidation auction settles is
//!   charged to the insurance fund (beyond it: socialised). **No bid:** the auction starts a new
//!   round at `auction_reserve_ratio` × the previous reserve, until someone bids.
//! * **Voluntary auctions** (`start_voluntary_auction`): owner-set reserve,
//!   `voluntary_auction_duration`. Proceeds go to the owner's cash (paying any debt first) and
//!   buy back up to one perp of the owner's short at the vAMM. **No bid:** the NFT stays
//!   escrowed.
//!
//! A bid moves its amount to the vault (`Market::bids_locked`); an outbid bidder is refunded at
//! once. Auctions end at a block and are settled by `on_initialize` of that block
//! (`AuctionsEndingAt`, at most `MaxAuctionsPerBlock` per block), or by anyone with
//! `settle_auction` if that failed.
//!
//! **An NFT that cannot move** (its collection locked it — only governance can, once the
//! collection is ceded; see `Config::Collections`): no bid is taken on it, and at its end the
//! auction is voided (`AuctionVoided`): the best bid goes back to its bidder, the NFT stays
//! escrowed as its owner's and is not auctioned again while locked, and the debt it was to pay
//! goes to the owner's other NFTs' auctions or, with none, to the insurance fund then the other
//! side (`BadDebt`). No bid is ever stranded in the vault.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::{AuctionOf, MarketOf};
use alloc::vec::Vec;
use frame::prelude::*;
use frame::token::fungibles::Mutate;
use frame::token::nonfungibles_v2::{Inspect as NftInspect, Transfer as NftTransfer};

/// How many later blocks are tried when an auction's end block is full.
const END_SLOTS: u32 = 16;

impl<T: Config> Pallet<T> {
	/// Register an auction of escrowed `item` ending `duration` blocks from now (or in one of
	/// the next blocks with room). Every field of the auction is an argument: four callers
	/// (voluntary, liquidation, the next round, a voluntary auction turned into a liquidation)
	/// each set them differently.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn create_auction(
		id: MarketId,
		item: T::ItemId,
		owner: &T::AccountId,
		kind: AuctionKind,
		reserve: u128,
		duration: u32,
		round: u32,
		keeper: Option<T::AccountId>,
		existing: Option<AuctionId>,
	) -> Result<AuctionId, DispatchError> {
		let aid = match existing {
			Some(a) => a,
			None => {
				let a = NextAuctionId::<T>::get();
				NextAuctionId::<T>::put(a.checked_add(1).ok_or(Error::<T>::Overflow)?);
				a
			},
		};
		let end = Self::schedule_end(aid, Self::now().saturating_add(duration.max(1)))?;
		Escrow::<T>::try_mutate(id, item, |r| -> DispatchResult {
			let r = r.as_mut().ok_or(Error::<T>::NftNotEscrowed)?;
			r.auction = Some(aid);
			Ok(())
		})?;
		Auctions::<T>::insert(
			aid,
			Auction {
				market: id,
				item,
				owner: owner.clone(),
				kind,
				reserve,
				end,
				best_bid: None,
				round,
				keeper,
			},
		);
		Self::deposit_event(Event::AuctionStarted {
			auction: aid,
			market: id,
			item,
			owner: owner.clone(),
			kind,
			reserve,
			end,
			round,
		});
		Ok(aid)
	}

	/// Put `aid` in the first block from `end` with room; returns that block.
	fn schedule_end(aid: AuctionId, end: u32) -> Result<u32, DispatchError> {
		for b in end..end.saturating_add(END_SLOTS) {
			if AuctionsEndingAt::<T>::try_mutate(b, |v| v.try_push(aid)).is_ok() {
				return Ok(b);
			}
		}
		Err(Error::<T>::TooManyAuctions.into())
	}

	pub(crate) fn do_start_voluntary_auction(
		who: &T::AccountId,
		id: MarketId,
		item: T::ItemId,
		reserve: u128,
	) -> DispatchResult {
		ensure!(reserve > 0, Error::<T>::ZeroReservePrice);
		let load = |_: &MarketOf<T>, a| Self::free_nft_of(who, id, item, a);
		Self::with_account(id, who, load, |m, acc, _| {
			acc.voluntary_auctions = acc.voluntary_auctions.saturating_add(1);
			// the NFT may leave for its reserve: what stays must cover the short
			Self::ensure_covered_after_removal(id, m, acc, acc.firm_nfts(), reserve)?;
			Self::create_auction(
				id,
				item,
				who,
				AuctionKind::Voluntary,
				reserve,
				m.params.voluntary_auction_duration,
				0,
				None,
				None,
			)
		})?;
		Ok(())
	}

	pub(crate) fn do_bid(who: &T::AccountId, aid: AuctionId, amount: u128) -> DispatchResult {
		let mut a = Auctions::<T>::get(aid).ok_or(Error::<T>::AuctionNotFound)?;
		ensure!(Self::now() < a.end, Error::<T>::AuctionEnded);
		let market_id = a.market;
		let mut m = Self::market(market_id)?;
		// a bid on an NFT that cannot be delivered would only be refunded at the end
		ensure!(T::Nfts::can_transfer(&m.collection, &a.item), Error::<T>::NftLocked);
		let min = math::min_next_bid(
			a.reserve,
			a.best_bid.as_ref().map(|b| b.1),
			m.params.auction_min_increment,
		);
		ensure!(amount >= min, Error::<T>::BidTooLow);
		let vault = Self::vault();
		T::Assets::transfer(T::QuoteAsset::get(), who, &vault, amount, Preservation::Expendable)?;
		let outbid = a.best_bid.take();
		m.bids_locked = m.bids_locked.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		if let Some((prev, p)) = &outbid {
			Self::refund_bid(&mut m, prev, *p)?;
		}
		a.best_bid = Some((who.clone(), amount));
		Auctions::<T>::insert(aid, a);
		Markets::<T>::insert(market_id, m);
		Self::deposit_event(Event::BidPlaced { auction: aid, bidder: who.clone(), amount, outbid });
		Ok(())
	}

	/// Settle every auction ending at `now` (each in its own storage layer); returns how many.
	pub(crate) fn settle_ended_auctions(now: u32) -> u32 {
		let ids = AuctionsEndingAt::<T>::take(now);
		for aid in ids.iter() {
			if let Err(error) =
				frame::deps::frame_support::storage::with_storage_layer(|| Self::settle(*aid))
			{
				// the auction stays as it was: anyone can retry with `settle_auction`
				Self::deposit_event(Event::AuctionSettlementFailed { auction: *aid, error });
			}
		}
		ids.len() as u32
	}

	pub(crate) fn do_settle_auction(aid: AuctionId) -> DispatchResult {
		let a = Auctions::<T>::get(aid).ok_or(Error::<T>::AuctionNotFound)?;
		ensure!(Self::now() >= a.end, Error::<T>::AuctionNotEnded);
		AuctionsEndingAt::<T>::mutate(a.end, |v| v.retain(|x| *x != aid));
		Self::settle(aid)
	}

	/// Settle an ended auction (see the module docs).
	pub(crate) fn settle(aid: AuctionId) -> DispatchResult {
		let a = Auctions::<T>::get(aid).ok_or(Error::<T>::AuctionNotFound)?;
		let id = a.market;
		let mut m = Self::market(id)?;
		let mut acc = Accounts::<T>::get(id, &a.owner).unwrap_or_default();
		let old = acc;
		if !T::Nfts::can_transfer(&m.collection, &a.item) {
			return Self::void(aid, a, m, acc, old);
		}
		let Some((winner, price)) = a.best_bid.clone() else {
			return Self::unsold(aid, a, m, acc, old);
		};
		Auctions::<T>::remove(aid);
		m.bids_locked = m.bids_locked.checked_sub(price).ok_or(Error::<T>::Overflow)?;
		Self::auction_ended(&mut acc, a.kind);
		Self::release_nft(id, &mut m, &mut acc, a.item)?;
		T::Nfts::transfer(&m.collection, &a.item, &winner)?;
		// proceeds: the debt first (settle_account repays it from cash), then the fee, then
		// the owner
		let debt_before = acc.debt;
		acc.cash = acc.cash.checked_add(price).ok_or(Error::<T>::Overflow)?;
		Self::settle_account(id, &a.owner, &mut m, &mut acc)?;
		let to_debt = debt_before.saturating_sub(acc.debt);
		let excess = price.saturating_sub(to_debt);
		let fee = match a.kind {
			AuctionKind::Liquidation => m.params.liquidation_fee.mul_ceil(excess).min(acc.cash),
			AuctionKind::Voluntary => 0,
		};
		acc.cash = acc.cash.saturating_sub(fee);
		let keeper = a.keeper.clone().filter(|k| *k != a.owner);
		Self::pay_liquidation_fee(id, &mut m, keeper.as_ref(), fee)?;
		// at most one more NFT per settlement (bounded weight; the next settlement takes the next)
		let shortfall =
			Self::secure_debt(id, &mut m, &mut acc, &a.owner, a.keeper.clone(), a.reserve, 1)?;
		Self::commit(id, &a.owner, &mut m, &old, &acc)?;
		Markets::<T>::insert(id, m);
		Self::deposit_event(Event::AuctionSettled {
			auction: aid,
			market: id,
			item: a.item,
			winner,
			price,
			to_debt,
			fee,
			to_owner: excess.saturating_sub(fee),
			shortfall,
		});
		if a.kind == AuctionKind::Voluntary {
			Self::buy_back_after_sale(id, &a.owner);
		}
		Ok(())
	}

	/// Debt left with no liquidation auction running: auction more (up to `max_new`) of the
	/// owner's free NFTs
	/// (reserve `auction_reserve_ratio` × index, or `fallback_reserve` on a stale index); with
	/// none left (and no voluntary sale pending) the rest is charged to the insurance fund.
	/// Returns that shortfall.
	pub(crate) fn secure_debt(
		id: MarketId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		owner: &T::AccountId,
		keeper: Option<T::AccountId>,
		fallback_reserve: u128,
		max_new: u32,
	) -> Result<u128, DispatchError> {
		if acc.debt == 0 || acc.liquidation_auctions > 0 {
			return Ok(0);
		}
		let reserve = Self::fresh_index(m)
			.map_or(fallback_reserve, |i| m.params.auction_reserve_ratio.mul_floor(i.into_inner()))
			.max(1);
		let free: Vec<T::ItemId> = AccountNfts::<T>::iter_key_prefix((id, owner.clone()))
			.filter(|item| Escrow::<T>::get(id, item).is_some_and(|r| r.auction.is_none()))
			// an NFT its collection locked cannot be sold
			.filter(|item| T::Nfts::can_transfer(&m.collection, item))
			.take(T::MaxNftsPerAccount::get() as usize)
			.collect();
		let k = math::nfts_to_auction(acc.debt, reserve, free.len() as u32).min(max_new);
		for item in free.into_iter().take(k as usize) {
			Self::create_auction(
				id,
				item,
				owner,
				AuctionKind::Liquidation,
				reserve,
				m.params.auction_duration,
				0,
				keeper.clone(),
				None,
			)?;
		}
		acc.liquidation_auctions = acc.liquidation_auctions.saturating_add(k);
		if k > 0 || acc.voluntary_auctions > 0 {
			return Ok(0);
		}
		let shortfall = acc.debt;
		acc.debt = 0;
		let (covered, socialised) = Self::charge_loss(m, acc, shortfall)?;
		Self::deposit_event(Event::BadDebt { market: id, who: owner.clone(), covered, socialised });
		Ok(shortfall)
	}

	/// An ended auction whose NFT cannot be moved (a role of its collection locked it): the
	/// best bid goes back to its bidder, the NFT stays in escrow as a free NFT of its owner
	/// (never auctioned again while it cannot move), and a debt it was to pay that no other
	/// auction is paying goes to the insurance fund, then to the other side as a socialised
	/// loss. Emits `AuctionVoided` (and `BadDebt`).
	fn void(
		aid: AuctionId,
		a: AuctionOf<T>,
		mut m: MarketOf<T>,
		mut acc: MarginAccount,
		old: MarginAccount,
	) -> DispatchResult {
		let id = a.market;
		Auctions::<T>::remove(aid);
		if let Some((bidder, amount)) = &a.best_bid {
			Self::refund_bid(&mut m, bidder, *amount)?;
		}
		Self::off_auction(id, a.item);
		Self::auction_ended(&mut acc, a.kind);
		// the debt: other free (movable) NFTs go on auction, else the fund pays it
		let shortfall =
			Self::secure_debt(id, &mut m, &mut acc, &a.owner, a.keeper.clone(), a.reserve, 1)?;
		Self::commit(id, &a.owner, &mut m, &old, &acc)?;
		Markets::<T>::insert(id, m);
		Self::deposit_event(Event::AuctionVoided {
			auction: aid,
			market: id,
			item: a.item,
			refunded: a.best_bid,
			shortfall,
		});
		Ok(())
	}

	/// Give `amount` of a bid back to `bidder` from the vault (outbid, or its auction voided).
	fn refund_bid(m: &mut MarketOf<T>, bidder: &T::AccountId, amount: u128) -> DispatchResult {
		T::Assets::transfer(
			T::QuoteAsset::get(),
			&Self::vault(),
			bidder,
			amount,
			Preservation::Expendable,
		)?;
		m.bids_locked = m.bids_locked.checked_sub(amount).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}

	/// The escrowed `item` of market `id` is on no auction any more.
	fn off_auction(id: MarketId, item: T::ItemId) {
		Escrow::<T>::mutate(id, item, |r| {
			if let Some(r) = r {
				r.auction = None;
			}
		});
	}

	/// One auction of `kind` fewer for the owner's account.
	fn auction_ended(acc: &mut MarginAccount, kind: AuctionKind) {
		match kind {
			AuctionKind::Liquidation => {
				acc.liquidation_auctions = acc.liquidation_auctions.saturating_sub(1)
			},
			AuctionKind::Voluntary => {
				acc.voluntary_auctions = acc.voluntary_auctions.saturating_sub(1)
			},
		}
	}

	/// An auction ended without a bid.
	fn unsold(
		aid: AuctionId,
		a: AuctionOf<T>,
		mut m: MarketOf<T>,
		mut acc: MarginAccount,
		old: MarginAccount,
	) -> DispatchResult {
		let id = a.market;
		Self::deposit_event(Event::AuctionUnsold {
			auction: aid,
			market: id,
			item: a.item,
			kind: a.kind,
		});
		match a.kind {
			AuctionKind::Liquidation => {
				let reserve = m.params.auction_reserve_ratio.mul_floor(a.reserve).max(1);
				Self::create_auction(
					id,
					a.item,
					&a.owner,
					AuctionKind::Liquidation,
					reserve,
					m.params.auction_duration,
					a.round.saturating_add(1),
					a.keeper.clone(),
					Some(aid),
				)?;
			},
			AuctionKind::Voluntary if acc.debt > 0 => {
				// the owner was liquidated meanwhile: the NFT now pays the debt
				acc.voluntary_auctions = acc.voluntary_auctions.saturating_sub(1);
				acc.liquidation_auctions = acc.liquidation_auctions.saturating_add(1);
				let index = Self::fresh_index(&m).map_or(a.reserve, |i| i.into_inner());
				let reserve = m.params.auction_reserve_ratio.mul_floor(index.min(a.reserve)).max(1);
				Self::create_auction(
					id,
					a.item,
					&a.owner,
					AuctionKind::Liquidation,
					reserve,
					m.params.auction_duration,
					0,
					None,
					Some(aid),
				)?;
				Self::commit(id, &a.owner, &mut m, &old, &acc)?;
				Markets::<T>::insert(id, m);
			},
			AuctionKind::Voluntary => {
				Auctions::<T>::remove(aid);
				Self::off_auction(id, a.item);
				Self::auction_ended(&mut acc, a.kind);
				Self::commit(id, &a.owner, &mut m, &old, &acc)?;
				Markets::<T>::insert(id, m);
			},
		}
		Ok(())
	}

	/// After a voluntary sale: buy back up to one perp of the owner's short with its cash (if
	/// the cash pays the loss; otherwise the proceeds simply stay as cash).
	fn buy_back_after_sale(id: MarketId, owner: &T::AccountId) {
		let Some(acc) = Accounts::<T>::get(id, owner) else { return };
		if acc.position.size >= 0 {
			return;
		}
		let closed = math::abs(acc.position.size).min(ONE);
		let res = frame::deps::frame_support::storage::with_storage_layer(|| {
			Self::do_trade(owner, id, Direction::Long, TradeAmount::Base(closed), u128::MAX, true)
		});
		match res {
			Ok(()) => Self::deposit_event(Event::ShortBoughtBack {
				market: id,
				who: owner.clone(),
				closed,
			}),
			Err(error) => {
				Self::deposit_event(Event::BuyBackFailed { market: id, who: owner.clone(), error })
			},
		}
	}
}
