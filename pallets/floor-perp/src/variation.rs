//! Variation margin: winners paid from what open losers owe.
//!
//! A realised profit is paid from the float, and the float fills only as losers *realise*
//! their losses. An open loser's margin therefore never reached a waiting winner (the seed's
//! Charlie case: Bob's profit unpaid with Charlie's cash in the market). As a futures clearing
//! house does, an open loser now pays its unrealised loss into the float whenever realised
//! winners wait for it (`total_unsettled > float`): the loss, valued at the better for the
//! loser of the mark and the reference price (so that pushing the mark inside a block cannot
//! make anyone pay more), is taken from its unsettled profit and cash, and its entry basis
//! moves by the same amount — its equity, margin ratio and liquidation price are unchanged;
//! only its cash turned into a smaller unrealised loss. If the price comes back, the former
//! loser holds an unrealised profit, paid from the float like any other when it closes.
//!
//! What is collected is bounded by what winners wait for, by the loser's own loss and by its
//! own cash: nobody pays for anyone else. NFT-backed shorts are not called (their loss is
//! backed by NFTs and collected through index liquidation, funding in kind and auctions), nor
//! accounts in liquidation. The liquidation sweep of `on_initialize` collects as it walks the
//! open positions; anyone may call `settle_variation_margin` for one account (a winner,
//! typically, in one batch with its close and its withdrawal).

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::{Health, MarketOf};
use frame::prelude::*;

impl<T: Config> Pallet<T> {
	/// What `acc` pays now as variation margin: `min(total_unsettled − float, its unrealised
	/// loss at the favourable price (funding owed included), its unsettled profit + cash)`;
	/// zero for NFT-backed shorts, accounts in liquidation, and when no winner waits.
	pub fn variation_due(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
	) -> Result<u128, DispatchError> {
		if Self::variation_need(m, acc) == 0 {
			return Ok(0);
		}
		let h = Self::health_valued_by(id, m, acc, math::favourable_value)?;
		Ok(Self::variation_from(m, acc, &h))
	}

	/// What winners wait for (`total_unsettled − float`) if `acc` may be called for it, else
	/// zero (no position, NFTs, a debt or auctions).
	pub(crate) fn variation_need(m: &MarketOf<T>, acc: &MarginAccount) -> u128 {
		let need = m.totals.unsettled.saturating_sub(m.float);
		if acc.position.size == 0
			|| acc.nft_cover() > 0
			|| acc.debt > 0
			|| acc.liquidation_auctions > 0
		{
			return 0;
		}
		need
	}

	/// The variation margin of `acc` from its health `h` valued at the favourable price.
	pub(crate) fn variation_from(m: &MarketOf<T>, acc: &MarginAccount, h: &Health) -> u128 {
		// funding owed is settled first and counts as loss; funding due to it as profit
		let Some(upnl) = h.upnl.checked_sub(h.funding_owed) else { return 0 };
		if upnl >= 0 {
			return 0;
		}
		math::abs(upnl)
			.min(Self::variation_need(m, acc))
			.min(acc.cash.saturating_add(acc.unsettled_profit))
	}

	/// Collect variation margin from `who` in market `id`: settle the account (funding first),
	/// take [`Self::variation_due`] from its unsettled profit and cash into the float, and move
	/// its entry basis by the same amount (a long's open notional down, a short's up).
	pub(crate) fn do_settle_variation_margin(id: MarketId, who: &T::AccountId) -> DispatchResult {
		let load = |_: &MarketOf<T>, a: Option<MarginAccount>| {
			a.filter(|a| a.position.size != 0).ok_or(Error::<T>::NoPosition.into())
		};
		let (due, _, acc) = Self::with_account(id, who, load, |m, acc, _| {
			let due = Self::variation_due(id, m, acc)?;
			ensure!(due > 0, Error::<T>::NoVariationDue);
			let unpaid = Self::charge_account(m, acc, due)?;
			ensure!(unpaid == 0, Error::<T>::Overflow);
			let on = acc.position.open_notional;
			acc.position.open_notional = if acc.position.size > 0 {
				on.checked_sub(due).ok_or(Error::<T>::Overflow)?
			} else {
				on.checked_add(due).ok_or(Error::<T>::Overflow)?
			};
			Ok(due)
		})?;
		Self::deposit_event(Event::VariationMarginPaid {
			market: id,
			who: who.clone(),
			amount: due,
			cash: acc.cash,
			open_notional: acc.position.open_notional,
		});
		Ok(())
	}
}
