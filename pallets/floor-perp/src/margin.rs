//! Cash, margin accounts, the money buckets (cash / float / insurance fund), funding settlement
//! of an account and account health (the invariants: `try_state.rs`).

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::VammInterface;
use crate::{FloorIndex, MarketOf};
use frame::arithmetic::{FixedU128, Perbill};
use frame::prelude::*;
use frame::token::fungibles::{Inspect, Mutate};
use frame::token::Fortitude;

/// Health of a position.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Health {
	/// Close-out value (quote received closing a long, paid closing a short).
	pub notional: u128,
	/// Unrealised PnL at the close-out value.
	pub upnl: i128,
	/// Funding owed not yet settled (positive = pays).
	pub funding_owed: i128,
	/// `cash + uPnL − funding owed`.
	pub equity: i128,
}

impl<T: Config> Pallet<T> {
	/// The vault account holding every deposited unit of the quote asset.
	pub fn vault() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	pub(crate) fn market(id: MarketId) -> Result<MarketOf<T>, DispatchError> {
		Markets::<T>::get(id).ok_or_else(|| Error::<T>::MarketNotFound.into())
	}

	/// The index price if it is fresh (not older than `max_index_age`).
	pub fn fresh_index(m: &MarketOf<T>) -> Option<FixedU128> {
		let (price, at) = T::Index::index(&m.collection)?;
		let now = frame_system::Pallet::<T>::block_number();
		let age: u32 = now.saturating_sub(at).saturated_into();
		if age > m.params.max_index_age || price.is_zero() {
			None
		} else {
			Some(price)
		}
	}

	/// The reference price of the guarded margin decisions: the fresh index, or on a stale
	/// index the mark TWAP over the funding period. Neither moves when someone trades inside
	/// the block (the TWAP counts the closing marks of past blocks only).
	pub fn reference_price(id: MarketId, m: &MarketOf<T>) -> Result<FixedU128, DispatchError> {
		match Self::fresh_index(m) {
			Some(i) => Ok(i),
			None => T::Vamm::mark_twap(id, m.params.funding_period),
		}
	}

	/// Cumulative funding index of the side of `size`.
	pub(crate) fn funding_index(m: &MarketOf<T>, size: i128) -> i128 {
		if size >= 0 {
			m.cumulative_funding_long
		} else {
			m.cumulative_funding_short
		}
	}

	/// Funding owed by `acc` since its last settlement (positive = pays). Longs use the
	/// growth-weighted index (see [`math::long_funding_payment`]).
	pub fn funding_owed(m: &MarketOf<T>, acc: &MarginAccount) -> Result<i128, DispatchError> {
		let p = &acc.position;
		let owed = if p.size > 0 {
			math::long_funding_payment(
				math::abs(p.size),
				p.last_cumulative_funding,
				m.cumulative_funding_long,
				p.last_growth,
			)
		} else {
			math::funding_payment(p.size, p.last_cumulative_funding, m.cumulative_funding_short)
		};
		owed.ok_or_else(|| Error::<T>::Overflow.into())
	}

	/// Size of `acc`'s position with the in-kind growth not yet settled (longs).
	pub fn current_size(m: &MarketOf<T>, acc: &MarginAccount) -> Result<i128, DispatchError> {
		let p = &acc.position;
		if p.size <= 0 {
			return Ok(p.size);
		}
		math::grow(math::abs(p.size), p.last_growth, m.in_kind_growth)
			.and_then(math::to_i128)
			.ok_or_else(|| Error::<T>::Overflow.into())
	}

	/// Total long size including growth minted in kind and not yet settled into positions.
	pub fn total_long(m: &MarketOf<T>) -> u128 {
		m.totals.open_interest_long.saturating_add(m.long_growth_pending)
	}

	/// Take up to `amount` from an account: its unsettled profit first (the claim is simply
	/// cancelled), then its cash (into the float). Returns what it could not pay.
	pub(crate) fn charge_account(
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		amount: u128,
	) -> Result<u128, DispatchError> {
		let from_unsettled = amount.min(acc.unsettled_profit);
		acc.unsettled_profit = acc.unsettled_profit.saturating_sub(from_unsettled);
		let rest = amount.saturating_sub(from_unsettled);
		let from_cash = rest.min(acc.cash);
		acc.cash = acc.cash.saturating_sub(from_cash);
		m.float = m.float.checked_add(from_cash).ok_or(Error::<T>::Overflow)?;
		Ok(rest.saturating_sub(from_cash))
	}

	/// Take `loss` from an account: first from its unsettled profit, then its cash (into the
	/// float), then the insurance fund (into the float); what remains is socialised. Returns
	/// `(covered by the fund, socialised)`.
	pub(crate) fn charge_loss(
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		loss: u128,
	) -> Result<(u128, u128), DispatchError> {
		let rest = Self::charge_account(m, acc, loss)?;
		let from_fund = rest.min(m.insurance_fund);
		m.insurance_fund = m.insurance_fund.saturating_sub(from_fund);
		m.float = m.float.checked_add(from_fund).ok_or(Error::<T>::Overflow)?;
		let socialised = rest.saturating_sub(from_fund);
		m.socialised_loss = m.socialised_loss.saturating_add(socialised);
		Ok((from_fund, socialised))
	}

	/// Give `profit` to an account: from the float as far as it goes, the rest as unsettled
	/// profit.
	pub(crate) fn credit_profit(
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		profit: u128,
	) -> Result<(), DispatchError> {
		let paid = profit.min(m.float);
		m.float = m.float.saturating_sub(paid);
		acc.cash = acc.cash.checked_add(paid).ok_or(Error::<T>::Overflow)?;
		acc.unsettled_profit = acc
			.unsettled_profit
			.checked_add(profit.saturating_sub(paid))
			.ok_or(Error::<T>::Overflow)?;
		Ok(())
	}

	/// Realise a signed PnL into an account; returns `(covered by fund, socialised)`.
	pub(crate) fn realise(
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		pnl: i128,
	) -> Result<(u128, u128), DispatchError> {
		if pnl >= 0 {
			Self::credit_profit(m, acc, math::abs(pnl))?;
			Ok((0, 0))
		} else {
			Self::charge_loss(m, acc, math::abs(pnl))
		}
	}

	/// Settle an account: in-kind growth of a long, funding (an NFT-backed short pays what
	/// its cash cannot in kind), debt repayment from cash, the advance of an NFT-backed short's
	/// sale proceeds from the float, and unsettled profit as far as the float allows. Returns
	/// the funding settled (positive = paid).
	pub(crate) fn settle_account(
		id: MarketId,
		who: &T::AccountId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
	) -> Result<i128, DispatchError> {
		let owed = Self::funding_owed(m, acc)?;
		// a long's in-kind growth
		if acc.position.size > 0 {
			let grown = Self::current_size(m, acc)?;
			let dq = math::abs(grown).saturating_sub(math::abs(acc.position.size));
			if dq > 0 {
				acc.position.size = grown;
				m.long_growth_pending = m.long_growth_pending.saturating_sub(dq);
				acc.in_kind_received = acc.in_kind_received.saturating_add(dq);
				Self::deposit_event(Event::InKindReceived {
					market: id,
					who: who.clone(),
					size: dq,
					new_size: grown,
				});
			}
		}
		acc.position.last_cumulative_funding = Self::funding_index(m, acc.position.size);
		acc.position.last_growth = m.in_kind_growth;
		if owed > 0 && acc.is_nft_short() {
			Self::pay_funding_nft_short(id, who, m, acc, math::abs(owed))?;
		} else if owed > 0 {
			let float_before = m.float;
			let (covered, socialised) = Self::charge_loss(m, acc, math::abs(owed))?;
			Self::collect_receivable(m, float_before)?;
			if covered > 0 || socialised > 0 {
				Self::deposit_event(Event::BadDebt {
					market: id,
					who: who.clone(),
					covered,
					socialised,
				});
			}
		} else if owed < 0 {
			Self::credit_profit(m, acc, math::abs(owed))?;
		}
		if owed != 0 {
			Self::deposit_event(Event::FundingSettled {
				market: id,
				who: who.clone(),
				amount: owed,
			});
		}
		Self::repay_debt(m, acc)?;
		if owed <= 0 {
			// (not in a settlement that paid funding into the float: that cash is the longs')
			Self::advance_proceeds(id, who, m, acc)?;
		}
		Self::pay_unsettled(id, who, m, acc)?;
		Ok(owed)
	}

	/// Move the fund's outstanding share of funding out of what the float just received.
	pub(crate) fn collect_receivable(m: &mut MarketOf<T>, float_before: u128) -> DispatchResult {
		let collected = m.float.saturating_sub(float_before).min(m.funding_receivable);
		m.float = m.float.saturating_sub(collected);
		m.funding_receivable = m.funding_receivable.saturating_sub(collected);
		m.insurance_fund = m.insurance_fund.checked_add(collected).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}

	/// Cash (and unsettled profit) pays a liquidated account's debt into the float.
	pub(crate) fn repay_debt(m: &mut MarketOf<T>, acc: &mut MarginAccount) -> DispatchResult {
		if acc.debt > 0 {
			acc.debt = Self::charge_account(m, acc, acc.debt)?;
		}
		Ok(())
	}

	/// An NFT-backed short's sale proceeds (its open notional) are paid to its cash from the
	/// float beyond what realised profits wait for, as far as it goes. Its open notional falls
	/// by the same amount, so its value (`cash + open notional − buy-back cost`) is unchanged.
	pub(crate) fn advance_proceeds(
		id: MarketId,
		who: &T::AccountId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
	) -> DispatchResult {
		if !acc.is_nft_short() || acc.debt > 0 {
			return Ok(());
		}
		let free = m.float.saturating_sub(m.totals.unsettled);
		let amount = acc.position.open_notional.min(free);
		if amount == 0 {
			return Ok(());
		}
		m.float = m.float.saturating_sub(amount);
		acc.position.open_notional = acc.position.open_notional.saturating_sub(amount);
		acc.cash = acc.cash.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::deposit_event(Event::ProceedsAdvanced {
			market: id,
			who: who.clone(),
			amount,
			cash: acc.cash,
		});
		Ok(())
	}

	/// Pay unsettled profit from the float.
	pub(crate) fn pay_unsettled(
		id: MarketId,
		who: &T::AccountId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
	) -> DispatchResult {
		let pay = acc.unsettled_profit.min(m.float);
		if pay > 0 {
			m.float = m.float.saturating_sub(pay);
			acc.unsettled_profit = acc.unsettled_profit.saturating_sub(pay);
			acc.cash = acc.cash.checked_add(pay).ok_or(Error::<T>::Overflow)?;
			Self::deposit_event(Event::ProfitPaid {
				market: id,
				who: who.clone(),
				amount: pay,
				remaining: acc.unsettled_profit,
			});
		}
		Ok(())
	}

	/// One account transaction in market `id`, in the order every call that changes an account
	/// follows: load the market; load `who`'s account with `load` (it decides what a missing
	/// account means and runs the checks that come before settlement); settle the account
	/// ([`Self::settle_account`]: funding, in-kind growth, profit from the float); run `body`
	/// with the funding just settled (positive = paid); then commit the account's change to
	/// the market's totals and write the account and the market ([`Self::commit`]).
	///
	/// Returns `body`'s result with the market and the account as written (a caller's checks
	/// after the write still revert everything: a dispatch is one storage transaction). The
	/// paths that change an account of a market already in flight (the keeper's fee in a
	/// liquidation, an auction's owner, whose debt is repaid from the proceeds before its
	/// funding settles) commit it themselves.
	pub(crate) fn with_account<R>(
		id: MarketId,
		who: &T::AccountId,
		load: impl FnOnce(&MarketOf<T>, Option<MarginAccount>) -> Result<MarginAccount, DispatchError>,
		body: impl FnOnce(&mut MarketOf<T>, &mut MarginAccount, i128) -> Result<R, DispatchError>,
	) -> Result<(R, MarketOf<T>, MarginAccount), DispatchError> {
		let mut m = Self::market(id)?;
		let mut acc = load(&m, Accounts::<T>::get(id, who))?;
		let old = acc;
		let funding = Self::settle_account(id, who, &mut m, &mut acc)?;
		let out = body(&mut m, &mut acc, funding)?;
		Self::commit(id, who, &mut m, &old, &acc)?;
		Markets::<T>::insert(id, &m);
		Ok((out, m, acc))
	}

	/// Update the market's aggregates for an account going from `old` to `new` and write the
	/// account (removed when empty). The market itself is written by the caller.
	pub(crate) fn commit(
		id: MarketId,
		who: &T::AccountId,
		m: &mut MarketOf<T>,
		old: &MarginAccount,
		new: &MarginAccount,
	) -> DispatchResult {
		m.totals = m
			.totals
			.replace(AccountTotals::of(old), AccountTotals::of(new))
			.ok_or(Error::<T>::Overflow)?;
		match (old.position.size != 0, new.position.size != 0) {
			(false, true) => OpenPositions::<T>::insert(id, who, ()),
			(true, false) => OpenPositions::<T>::remove(id, who),
			_ => {},
		}
		match (old.nft_count > 0, new.nft_count > 0) {
			(false, true) => {
				ensure!(m.nft_accounts < T::MaxNftAccounts::get(), Error::<T>::TooManyNftAccounts);
				m.nft_accounts = m.nft_accounts.saturating_add(1);
				NftAccounts::<T>::insert(id, who, ());
			},
			(true, false) => {
				m.nft_accounts = m.nft_accounts.saturating_sub(1);
				NftAccounts::<T>::remove(id, who);
			},
			_ => {},
		}
		if new.is_empty() {
			Accounts::<T>::remove(id, who);
		} else if new.position.size == 0 {
			// a closed position is stored canonically (its indices are set again on opening)
			Accounts::<T>::insert(id, who, MarginAccount { position: Position::default(), ..*new });
		} else {
			Accounts::<T>::insert(id, who, new);
		}
		Ok(())
	}

	/// Close-out value of a position: the vAMM preview of closing it now.
	pub(crate) fn close_out_value(id: MarketId, size: i128) -> Result<u128, DispatchError> {
		if size == 0 {
			return Ok(0);
		}
		let (dir, amt) = if size > 0 {
			(Direction::Short, SwapAmount::Base(math::abs(size)))
		} else {
			(Direction::Long, SwapAmount::Base(math::abs(size)))
		};
		Ok(T::Vamm::quote(id, dir, amt)?.quote)
	}

	/// Health of an account (funding owed included, not settled).
	pub fn health(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
	) -> Result<Health, DispatchError> {
		let size = Self::current_size(m, acc)?;
		let notional = Self::close_out_value(id, size)?;
		let pos = Position { size, ..acc.position };
		let upnl = math::unrealised_pnl(&pos, notional).ok_or(Error::<T>::Overflow)?;
		let funding_owed = Self::funding_owed(m, acc)?;
		let equity = math::equity(acc.cash, upnl, funding_owed).ok_or(Error::<T>::Overflow)?;
		Ok(Health { notional, upnl, funding_owed, equity })
	}

	/// Health of an account valued at the worse, for it, of the mark and the reference price
	/// ([`Self::reference_price`]): the close-out value is scaled by `reference / mark` when
	/// that lowers a long's value or raises a short's cost ([`math::guarded_value`]). Every
	/// margin decision an attacker could game by moving the mark inside a block — the margin
	/// of a trade that adds exposure, a withdrawal, liquidation eligibility, removing the last
	/// NFT — reads this one.
	pub fn guarded_health(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
	) -> Result<Health, DispatchError> {
		Self::health_valued_by(id, m, acc, math::guarded_value)
	}

	/// Health of an account with its close-out value re-valued by `value(long, close_out,
	/// mark, reference)` against the reference price ([`math::guarded_value`]: the worse for
	/// the account; [`math::favourable_value`]: the better, for variation margin).
	pub(crate) fn health_valued_by(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
		value: fn(bool, u128, FixedU128, FixedU128) -> Option<u128>,
	) -> Result<Health, DispatchError> {
		Self::revalue(id, m, acc, &Self::health(id, m, acc)?, value)
	}

	/// [`Self::health_valued_by`] from the account's [`Self::health`] already computed (the
	/// close-out value, a simulated swap, is the costly part: the sweep values it once for
	/// both of its checks).
	pub(crate) fn revalue(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
		h: &Health,
		value: fn(bool, u128, FixedU128, FixedU128) -> Option<u128>,
	) -> Result<Health, DispatchError> {
		if Self::current_size(m, acc)? == 0 {
			return Ok(*h);
		}
		let mark = T::Vamm::mark_price(id)?;
		let reference = Self::reference_price(id, m)?;
		Self::revalue_at(m, acc, h, mark, reference, value)
	}

	/// [`Self::revalue`] at a given mark and reference price (no storage read).
	pub(crate) fn revalue_at(
		m: &MarketOf<T>,
		acc: &MarginAccount,
		h: &Health,
		mark: FixedU128,
		reference: FixedU128,
		value: fn(bool, u128, FixedU128, FixedU128) -> Option<u128>,
	) -> Result<Health, DispatchError> {
		let size = Self::current_size(m, acc)?;
		if size == 0 {
			return Ok(*h);
		}
		let notional = value(size > 0, h.notional, mark, reference).ok_or(Error::<T>::Overflow)?;
		let pos = Position { size, ..acc.position };
		let upnl = math::unrealised_pnl(&pos, notional).ok_or(Error::<T>::Overflow)?;
		let equity = math::equity(acc.cash, upnl, h.funding_owed).ok_or(Error::<T>::Overflow)?;
		Ok(Health { notional, upnl, funding_owed: h.funding_owed, equity })
	}

	/// Claims of the longs: `long cash + max(0, OI_long · mark − Σ long open notional)`.
	pub fn long_claims(m: &MarketOf<T>, mark: FixedU128) -> u128 {
		let value = math::notional(Self::total_long(m), mark, false).unwrap_or(u128::MAX);
		let profit = value.saturating_sub(m.totals.long_open_notional);
		m.totals.long_cash.saturating_add(profit)
	}

	/// Cash the market holds for the longs: `long cash + float + min(short cash, max(0,
	/// OI_short · mark − Σ short open notional))`.
	pub fn long_available(m: &MarketOf<T>, mark: FixedU128) -> u128 {
		let value = math::notional(m.totals.open_interest_short, mark, true).unwrap_or(u128::MAX);
		let short_loss = value.saturating_sub(m.totals.short_open_notional);
		m.totals
			.long_cash
			.saturating_add(m.float)
			.saturating_add(short_loss.min(m.totals.short_cash))
	}

	/// `(available, claims)` of the dynamic collateral for longs at the guarded prices: the
	/// longs' claims valued at the higher of the mark and the reference price, the shorts'
	/// losses that back them at the lower, so that pushing the mark inside a block cannot make
	/// the market look better covered.
	pub fn long_cover(id: MarketId, m: &MarketOf<T>) -> Result<(u128, u128), DispatchError> {
		let mark = T::Vamm::mark_price(id)?;
		let reference = Self::reference_price(id, m).unwrap_or(mark);
		Ok((
			Self::long_available(m, mark.min(reference)),
			Self::long_claims(m, mark.max(reference)),
		))
	}

	/// Margin ratio a new or increased long needs now (dynamic collateral, [`Self::long_cover`]).
	pub fn long_requirement(id: MarketId, m: &MarketOf<T>) -> Result<Perbill, DispatchError> {
		let (available, claims) = Self::long_cover(id, m)?;
		Ok(math::long_margin_requirement(m.params.initial_margin, available, claims))
	}

	/// Margin requirement for a position of sign `size` (after an increase or withdrawal).
	pub(crate) fn requirement(
		id: MarketId,
		m: &MarketOf<T>,
		size: i128,
	) -> Result<Perbill, DispatchError> {
		if size > 0 {
			Ok(Self::long_requirement(id, m)?.max(m.params.initial_margin))
		} else {
			Ok(m.params.initial_margin)
		}
	}

	pub(crate) fn do_deposit(who: &T::AccountId, id: MarketId, amount: u128) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let load = |m: &MarketOf<T>, existing: Option<MarginAccount>| {
			// a new margin account is state anyone could spam: opening one takes `min_margin`
			ensure!(
				existing.is_some() || amount >= m.params.min_margin,
				Error::<T>::DepositBelowMinimum
			);
			ensure!(
				T::Assets::reducible_balance(
					T::QuoteAsset::get(),
					who,
					Preservation::Expendable,
					Fortitude::Polite
				) >= amount,
				Error::<T>::InsufficientQuoteBalance
			);
			T::Assets::transfer(
				T::QuoteAsset::get(),
				who,
				&Self::vault(),
				amount,
				Preservation::Expendable,
			)?;
			Ok(existing.unwrap_or_default())
		};
		let ((), _, acc) = Self::with_account(id, who, load, |_, acc, _| {
			acc.cash = acc.cash.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::Deposited {
			market: id,
			who: who.clone(),
			amount,
			cash: acc.cash,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw(who: &T::AccountId, id: MarketId, amount: u128) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let load =
			|_: &MarketOf<T>, a: Option<MarginAccount>| a.ok_or(Error::<T>::NoAccount.into());
		let ((), _, acc) = Self::with_account(id, who, load, |m, acc, _| {
			ensure!(acc.cash >= amount, Error::<T>::InsufficientCash);
			if acc.position.size < 0 && acc.firm_nfts() > 0 {
				acc.cash = acc.cash.saturating_sub(amount);
				Self::ensure_nft_cover(m, acc, acc.firm_nfts(), m.params.nft_safety_margin)
			} else if acc.position.size != 0 {
				// the requirement is evaluated on the market before the withdrawal, at the
				// guarded price
				let req = Self::requirement(id, m, acc.position.size)?;
				acc.cash = acc.cash.saturating_sub(amount);
				ensure!(acc.cash >= m.params.min_margin, Error::<T>::BelowMinimumMargin);
				let h = Self::guarded_health(id, m, acc)?;
				ensure!(
					math::meets_ratio(h.equity, h.notional, req),
					Error::<T>::WithdrawalBelowMargin
				);
				Ok(())
			} else {
				acc.cash = acc.cash.saturating_sub(amount);
				Ok(())
			}
		})?;
		T::Assets::transfer(
			T::QuoteAsset::get(),
			&Self::vault(),
			who,
			amount,
			Preservation::Expendable,
		)?;
		Self::deposit_event(Event::Withdrawn {
			market: id,
			who: who.clone(),
			amount,
			cash: acc.cash,
		});
		Ok(())
	}

	/// Σ over markets of cash + insurance fund + float + locked bids (what the vault owes).
	pub fn total_claims() -> u128 {
		Markets::<T>::iter_values()
			.fold(0u128, |acc, m| acc.saturating_add(m.claims().unwrap_or(u128::MAX)))
	}
}
