//! In-kind funding of NFT-backed shorts (README "NFT collateral").
//!
//! An NFT-backed short that owes funding pays from its cash first; what its cash cannot pay,
//! `R`, is paid **in kind**: `dq = R / mark` (rounded up) is added to its short, and the same
//! size is owed to the longs (`long_growth_pending`), so `long − short` — the vAMM's net
//! position — does not move. The market collects `R` and `X = Σ dq` in its [`InKindRound`].
//!
//! After a funding round in which shorts pay, `on_initialize` starts a paged sweep over the
//! market's NFT-backed accounts ([`NftAccounts`], at most `MaxNftAccounts`), settling
//! `InKindBudget` accounts per block; an account touched by its owner first settles the same
//! way. When the sweep ends the round is **finalised** for the longs: per unit of long size
//! `L` they pay back `R / L` of the cash funding they were credited and grow by `X / L`. Both
//! are O(1) accumulators — the growth product `G ← G·(L + X)/L` and the growth-weighted long
//! funding index `C ← C + (R/L)·G_before` — and a long settles lazily:
//! `q_now = q_last·G_now/G_last`, funding `q_last·(C_now − C_last)/G_last`.
//!
//! Value check (seed: mark 10, index 10.2, short 0.5, cash 0, one day): the short owes
//! `0.2·0.5 = 0.1`, pays it in kind as `0.1 / 10 = 0.01` and is short `0.51`; the longs' size
//! grows by `0.01` in total while their cash receipt falls by `0.1` — worth the same at the mark.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::MarketOf;
use crate::VammInterface;
use alloc::vec::Vec;
use frame::prelude::*;

impl<T: Config> Pallet<T> {
	/// An NFT-backed short pays `owed` of funding: unsettled profit and cash first, the rest
	/// in kind at the mark (waived when there is no long to credit it to).
	pub(crate) fn pay_funding_nft_short(
		id: MarketId,
		who: &T::AccountId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		owed: u128,
	) -> DispatchResult {
		let from_unsettled = owed.min(acc.unsettled_profit);
		acc.unsettled_profit = acc.unsettled_profit.saturating_sub(from_unsettled);
		let rest = owed.saturating_sub(from_unsettled);
		let mark = T::Vamm::mark_price(id)?;
		let (from_cash, value, minted) =
			math::split_in_kind(rest, acc.cash, mark).ok_or(Error::<T>::Overflow)?;
		let float_before = m.float;
		acc.cash = acc.cash.saturating_sub(from_cash);
		m.float = m.float.checked_add(from_cash).ok_or(Error::<T>::Overflow)?;
		Self::collect_receivable(m, float_before)?;
		if value == 0 {
			return Ok(());
		}
		if m.totals.open_interest_long == 0 {
			// the vAMM alone was the counterparty: its share (the fund's receivable) will never
			// arrive, so it must not wait for, and divert, other traders' payments
			m.funding_receivable = m.funding_receivable.saturating_sub(value);
			Self::deposit_event(Event::InKindFundingWaived { market: id, who: who.clone(), value });
			return Ok(());
		}
		let minted_i = math::to_i128(minted).ok_or(Error::<T>::Overflow)?;
		acc.position.size = acc.position.size.checked_sub(minted_i).ok_or(Error::<T>::Overflow)?;
		acc.in_kind_minted = acc.in_kind_minted.saturating_add(minted);
		m.long_growth_pending =
			m.long_growth_pending.checked_add(minted).ok_or(Error::<T>::Overflow)?;
		m.in_kind_round.owed =
			m.in_kind_round.owed.checked_add(value).ok_or(Error::<T>::Overflow)?;
		m.in_kind_round.minted =
			m.in_kind_round.minted.checked_add(minted).ok_or(Error::<T>::Overflow)?;
		Self::deposit_event(Event::FundingPaidInKind {
			market: id,
			who: who.clone(),
			value,
			minted,
			mark_price: mark,
			new_size: acc.position.size,
		});
		Ok(())
	}

	/// Start the in-kind sweep of market `m` after a round in which shorts pay (a sweep still
	/// running is finalised first).
	pub(crate) fn start_in_kind_sweep(id: MarketId, m: &mut MarketOf<T>) {
		if m.in_kind_round.sweeping || m.in_kind_round.minted > 0 {
			Self::finalise_in_kind(id, m);
		}
		if m.nft_accounts > 0 {
			m.in_kind_round.sweeping = true;
			InKindCursor::<T>::remove(id);
		}
	}

	/// Credit the collected in-kind round to the longs (see the module docs).
	pub(crate) fn finalise_in_kind(id: MarketId, m: &mut MarketOf<T>) {
		let round = core::mem::take(&mut m.in_kind_round);
		InKindCursor::<T>::remove(id);
		if round.minted == 0 {
			return;
		}
		let longs = Self::total_long(m).saturating_sub(round.minted);
		// Without longs left the minted size stays pending: the vAMM is its counterparty.
		if let (Some(g), Some(per_unit)) = (
			math::grown_product(m.in_kind_growth, longs, round.minted),
			math::mul_div(round.owed, ONE, longs, true).and_then(math::to_i128),
		) {
			if let Some(c) = math::weighted_long_delta(per_unit, m.in_kind_growth)
				.and_then(|d| m.cumulative_funding_long.checked_add(d))
			{
				m.cumulative_funding_long = c;
				m.in_kind_growth = g;
			}
		}
		Self::deposit_event(Event::InKindRoundFinalised {
			market: id,
			value: round.owed,
			minted: round.minted,
			long_size: longs,
			in_kind_growth: m.in_kind_growth,
		});
	}

	/// Settle one NFT-backed account in its own storage layer (a failure leaves it as it was
	/// and is reported with `InKindSettlementFailed`; the account settles on its next touch).
	fn settle_in_kind(id: MarketId, who: &T::AccountId) {
		let res = frame::deps::frame_support::storage::with_storage_layer(|| -> DispatchResult {
			if !Accounts::<T>::get(id, who).is_some_and(|a| a.is_nft_short()) {
				return Ok(());
			}
			let load =
				|_: &MarketOf<T>, a: Option<MarginAccount>| a.ok_or(Error::<T>::NoAccount.into());
			Self::with_account(id, who, load, |_, _, _| Ok(()))?;
			Ok(())
		});
		if let Err(error) = res {
			Self::deposit_event(Event::InKindSettlementFailed {
				market: id,
				who: who.clone(),
				error,
			});
		}
	}

	/// One block of the in-kind sweep over all markets: settle up to `budget` NFT-backed
	/// accounts; finalise the markets whose sweep ended (or which collected in-kind payments
	/// from touched accounts outside a sweep). Returns the number of accounts visited.
	pub(crate) fn in_kind_sweep(budget: u32) -> u32 {
		let mut visited: u32 = 0;
		let n = NextMarketId::<T>::get().min(T::MaxMarkets::get());
		for id in 0..n {
			let Some(mut m) = Markets::<T>::get(id) else { continue };
			if !m.in_kind_round.sweeping {
				if m.in_kind_round.minted > 0 {
					Self::finalise_in_kind(id, &mut m);
					Markets::<T>::insert(id, m);
				}
				continue;
			}
			let left = budget.saturating_sub(visited);
			if left == 0 {
				break;
			}
			let mut iter = match InKindCursor::<T>::take(id) {
				Some(raw) => NftAccounts::<T>::iter_prefix_from(id, raw.into_inner()),
				None => NftAccounts::<T>::iter_prefix(id),
			};
			let mut batch: Vec<T::AccountId> = Vec::new();
			let mut finished = true;
			while (batch.len() as u32) < left {
				match iter.next() {
					Some((who, ())) => batch.push(who),
					None => break,
				}
			}
			if batch.len() as u32 == left {
				// more may follow: remember where to resume
				if let Ok(raw) = BoundedVec::try_from(iter.last_raw_key().to_vec()) {
					InKindCursor::<T>::insert(id, raw);
					finished = iter.next().is_none();
				}
			}
			visited = visited.saturating_add(batch.len() as u32);
			for who in batch {
				Self::settle_in_kind(id, &who);
			}
			if finished {
				let Some(mut m) = Markets::<T>::get(id) else { continue };
				Self::finalise_in_kind(id, &mut m);
				Markets::<T>::insert(id, m);
			}
		}
		visited
	}
}
