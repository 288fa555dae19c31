//! Liquidation of cash-margined positions: the permissionless call and the `on_initialize`
//! sweep share [`Pallet::do_liquidate`].

use crate::math;
use crate::nft::NftDecision;
use crate::pallet::*;
use crate::types::*;
use crate::VammInterface;
use crate::{Health, MarketOf, WeightInfo};
use alloc::vec::Vec;
use core::cell::Cell;
use frame::arithmetic::{FixedU128, Perbill};
use frame::prelude::*;

/// What a page of the sweep did: accounts examined, the weight of its liquidations and
/// collections, liquidations started.
pub(crate) struct SweepPage {
	pub(crate) examined: u32,
	pub(crate) used: Weight,
	pub(crate) liquidations: u32,
}

/// A market as the sweep examines its accounts ([`Pallet::sweep_market`]).
pub(crate) struct SweepMarket<T: Config> {
	pub(crate) id: MarketId,
	pub(crate) m: MarketOf<T>,
	/// The mark (`None`: no pool price; no cash position of it is judged).
	pub(crate) mark: Option<FixedU128>,
	/// [`Pallet::reference_price`] (`None`: neither a fresh index nor a mark TWAP).
	pub(crate) reference: Option<FixedU128>,
}

impl<T: Config> Pallet<T> {
	/// Whether `acc` is liquidatable now: an NFT-backed short when its NFTs and cash no longer
	/// cover it at a fresh index (the lower of spot and its TWAP, [`NftDecision::Liquidate`]);
	/// a cash position when it is below maintenance margin at the
	/// guarded price ([`Self::guarded_health`]: the worse of the mark and the index, or of the
	/// mark and its TWAP when the index is stale).
	pub fn is_liquidatable(id: MarketId, acc: &MarginAccount) -> bool {
		if acc.position.size == 0 {
			return false;
		}
		let Some(m) = Markets::<T>::get(id) else { return false };
		if acc.is_nft_short() {
			let Some(index) = Self::nft_index(&m, NftDecision::Liquidate) else { return false };
			return Self::nft_short_after_funding(id, &m, acc).is_ok_and(|(size, cash)| {
				!math::nft_covered(size, cash, acc.nft_cover(), index, Perbill::zero())
			});
		}
		match Self::guarded_health(id, &m, acc) {
			Ok(h) => !math::meets_ratio(h.equity, h.notional, m.params.maintenance_margin),
			Err(_) => false,
		}
	}

	/// What the sweep reads of market `id` once per block, for every account of it that it
	/// examines: the market, the mark and the reference price (the liquidations run after
	/// the examination, so none of these moves while it lasts). `None`: no such market.
	pub(crate) fn sweep_market(id: MarketId) -> Option<SweepMarket<T>> {
		let m = Markets::<T>::get(id)?;
		let mark = T::Vamm::mark_price(id).ok();
		let reference = Self::reference_price(id, &m).ok();
		Some(SweepMarket { id, m, mark, reference })
	}

	/// What the sweep does with `acc` of `market` ([`Self::sweep_market`]): liquidate it
	/// (`Some(true)`), collect variation margin from it (`Some(false)`) or nothing. The
	/// close-out value of a cash position is computed once for both checks
	/// (`on_initialize_sweep` is benchmarked with winners waiting, so that both are measured).
	pub(crate) fn sweep_action(market: &SweepMarket<T>, acc: &MarginAccount) -> Option<bool> {
		if acc.position.size == 0 {
			return None;
		}
		let (id, m) = (market.id, &market.m);
		if acc.is_nft_short() {
			return Self::is_liquidatable(id, acc).then_some(true);
		}
		let (mark, reference) = (market.mark?, market.reference?);
		let base = Self::health(id, m, acc).ok()?;
		let guarded = Self::revalue_at(m, acc, &base, mark, reference, math::guarded_value).ok()?;
		if !math::meets_ratio(guarded.equity, guarded.notional, m.params.maintenance_margin) {
			return Some(true);
		}
		if Self::variation_need(m, acc) == 0 {
			return None;
		}
		let favourable =
			Self::revalue_at(m, acc, &base, mark, reference, math::favourable_value).ok()?;
		(Self::variation_from(m, acc, &favourable) > 0).then_some(false)
	}

	/// `(|size|, cash)` of an NFT-backed short once its funding is settled (cash first, the
	/// rest in kind at the mark), without writing anything.
	pub fn nft_short_after_funding(
		id: MarketId,
		m: &MarketOf<T>,
		acc: &MarginAccount,
	) -> Result<(u128, u128), DispatchError> {
		let owed = Self::funding_owed(m, acc)?;
		let size = math::abs(acc.position.size);
		if owed <= 0 {
			return Ok((size, acc.cash.saturating_add(math::abs(owed))));
		}
		let owed = math::abs(owed).saturating_sub(acc.unsettled_profit);
		let mark = T::Vamm::mark_price(id)?;
		let (from_cash, _value, minted) =
			math::split_in_kind(owed, acc.cash, mark).ok_or(Error::<T>::Overflow)?;
		let minted = if m.totals.open_interest_long == 0 { 0 } else { minted };
		Ok((size.saturating_add(minted), acc.cash.saturating_sub(from_cash)))
	}

	/// Liquidate `who` in market `id`; `keeper` receives half the fee (none: all to the fund).
	pub(crate) fn do_liquidate(
		id: MarketId,
		who: &T::AccountId,
		keeper: Option<T::AccountId>,
	) -> DispatchResult {
		if Accounts::<T>::get(id, who).is_some_and(|a| a.position.size != 0 && a.is_nft_short()) {
			return Self::do_liquidate_nft_short(id, who, keeper);
		}
		// the guarded health that made it eligible, before its funding settles
		let guarded = Cell::new(Health::default());
		let load = |m: &MarketOf<T>, a: Option<MarginAccount>| {
			let acc = a.filter(|a| a.position.size != 0).ok_or(Error::<T>::NoPosition)?;
			let g = Self::guarded_health(id, m, &acc)?;
			ensure!(
				!math::meets_ratio(g.equity, g.notional, m.params.maintenance_margin),
				Error::<T>::NotLiquidatable
			);
			guarded.set(g);
			Ok(acc)
		};
		let (event, _, _) = Self::with_account(id, who, load, |m, acc, _| {
			let g = guarded.get();
			let h = Self::health(id, m, acc)?;

			let size = acc.position.size;
			let held = math::abs(size);
			let close_dir = if size > 0 { Direction::Short } else { Direction::Long };
			let partial = m.params.partial_liquidation_ratio.mul_floor(held);
			let min = m.params.min_trade_size;
			let mut full = partial == 0
				|| partial >= held
				|| partial < min
				|| held.saturating_sub(partial) < min;
			if !full {
				// Preview the partial close: does it bring the rest back above maintenance?
				let p = T::Vamm::quote(id, close_dir, SwapAmount::Base(partial))?;
				let fill = math::apply_fill(&acc.position, close_dir, p.base, p.quote)
					.ok_or(Error::<T>::Overflow)?;
				let fee = m.params.liquidation_fee.mul_ceil(p.quote);
				// closing the rest after the partial yields (long) / costs (short) the remainder
				let rest_value = h.notional.saturating_sub(p.quote);
				let rest_upnl =
					math::unrealised_pnl(&fill.position, rest_value).ok_or(Error::<T>::Overflow)?;
				let cash_after = math::to_i128(acc.cash)
					.and_then(|c| c.checked_add(fill.realised_pnl))
					.and_then(|c| c.checked_sub(math::to_i128(fee)?))
					.ok_or(Error::<T>::Overflow)?;
				// the rest valued at the guarded price, as the eligibility was
				let rest_guarded = if h.notional == 0 {
					rest_value
				} else {
					math::mul_div(rest_value, g.notional, h.notional, size > 0)
						.ok_or(Error::<T>::Overflow)?
				};
				let rest_guarded_upnl = math::unrealised_pnl(&fill.position, rest_guarded)
					.ok_or(Error::<T>::Overflow)?;
				let equity =
					cash_after.checked_add(rest_guarded_upnl).ok_or(Error::<T>::Overflow)?;
				full = cash_after < 0
					|| rest_upnl.checked_add(cash_after).is_none_or(|e| e < 0)
					|| !math::meets_ratio(equity, rest_guarded, m.params.maintenance_margin);
			}
			let mut close = if full { held } else { partial };
			// The close stays inside the mark–index band too: a liquidation pushing the mark beyond
			// it would make other accounts bankrupt (a cascade the attacker can farm). What does
			// not fit is closed in later blocks, as the mark comes back.
			if let Some(index) = Self::fresh_index(m) {
				let room = T::Vamm::max_base_to_price(
					id,
					close_dir,
					math::band_edge(index, m.params.max_spread, size > 0),
				)?;
				if room < close {
					ensure!(room >= min.min(close) && room > 0, Error::<T>::LiquidationOutsideBand);
					close = room;
					full = false;
				}
			}
			let out = T::Vamm::swap(id, close_dir, SwapAmount::Base(close), true)?;
			let fill = math::apply_fill(&acc.position, close_dir, out.base, out.quote)
				.ok_or(Error::<T>::Overflow)?;
			let mut pos = fill.position;
			pos.last_cumulative_funding = Self::funding_index(m, pos.size);
			acc.position = pos;
			let (covered, socialised) = Self::realise(m, acc, fill.realised_pnl)?;
			let bad_debt = covered.saturating_add(socialised);
			if bad_debt > 0 {
				Self::deposit_event(Event::BadDebt {
					market: id,
					who: who.clone(),
					covered,
					socialised,
				});
			}
			let fee = m.params.liquidation_fee.mul_ceil(out.quote).min(acc.cash);
			acc.cash = acc.cash.saturating_sub(fee);
			let keeper = keeper.filter(|k| k != who);
			let (keeper_fee, fund_fee) = Self::pay_liquidation_fee(id, m, keeper.as_ref(), fee)?;
			Ok(Event::Liquidated {
				market: id,
				who: who.clone(),
				keeper,
				closed: out.base,
				quote: out.quote,
				remaining_size: acc.position.size,
				realised_pnl: fill.realised_pnl,
				keeper_fee,
				fund_fee,
				bad_debt,
				full,
				mark_price: T::Vamm::mark_price(id).unwrap_or_default(),
			})
		})?;
		Self::deposit_event(event);
		Ok(())
	}

	/// Pay a liquidation fee already taken from the liquidated account: half to `keeper`'s cash
	/// in the market (none: all to the fund), the rest to the insurance fund. Returns
	/// `(keeper_fee, fund_fee)`. The keeper must not be the liquidated account.
	pub(crate) fn pay_liquidation_fee(
		id: MarketId,
		m: &mut MarketOf<T>,
		keeper: Option<&T::AccountId>,
		fee: u128,
	) -> Result<(u128, u128), DispatchError> {
		let keeper_fee = if keeper.is_some() { fee / 2 } else { 0 };
		let fund_fee = fee.saturating_sub(keeper_fee);
		m.insurance_fund = m.insurance_fund.checked_add(fund_fee).ok_or(Error::<T>::Overflow)?;
		if let (Some(k), true) = (keeper, keeper_fee > 0) {
			let mut kacc = Accounts::<T>::get(id, k).unwrap_or_default();
			let kold = kacc;
			kacc.cash = kacc.cash.checked_add(keeper_fee).ok_or(Error::<T>::Overflow)?;
			Self::commit(id, k, m, &kold, &kacc)?;
		}
		Ok((keeper_fee, fund_fee))
	}

	/// The measured weight of liquidating `acc`: `liquidate_nft(n)` for an NFT-backed short
	/// with `n` NFTs, `liquidate` otherwise.
	pub(crate) fn liquidation_weight(acc: &MarginAccount) -> Weight {
		if acc.is_nft_short() {
			T::WeightInfo::liquidate_nft(acc.nft_count)
		} else {
			T::WeightInfo::liquidate()
		}
	}

	/// The sweep in `on_idle`, with what the block left (`remaining`): a pass within
	/// [`Config::IdleSweepWeight`] of it; if that pass liquidated anything (a crash is being
	/// cleared), a second pass with all the rest. Never uses more than `remaining`.
	pub(crate) fn idle_sweep(remaining: Weight) -> Weight {
		let calm = remaining.min(T::IdleSweepWeight::get());
		let (used, liquidations) = Self::idle_pass(calm);
		if liquidations == 0 {
			return used;
		}
		used.saturating_add(Self::idle_pass(remaining.saturating_sub(used)).0)
	}

	/// One pass of the idle sweep from the cursor, examinations and liquidations together
	/// within `limit` (each at its measured weight; nothing starts that would not fit, and
	/// nothing at all unless the heaviest liquidation fits beside one examination). Returns
	/// the weight used and the number of liquidations started.
	fn idle_pass(limit: Weight) -> (Weight, u32) {
		let base = T::WeightInfo::on_initialize_sweep(0);
		let per_account = T::WeightInfo::on_initialize_sweep(1).saturating_sub(base);
		let room = limit.saturating_sub(base);
		let budget = match (
			room.ref_time().checked_div(per_account.ref_time()),
			room.proof_size().checked_div(per_account.proof_size()),
		) {
			(Some(r), Some(p)) => r.min(p),
			(Some(n), None) | (None, Some(n)) => n,
			// unmeasured (weights of zero): the per-block page
			(None, None) => u64::from(T::LiquidationBudget::get()),
		};
		let budget = u32::try_from(budget).unwrap_or(u32::MAX);
		let heaviest = T::WeightInfo::liquidate_nft(T::MaxNftsPerAccount::get())
			.max(T::WeightInfo::liquidate())
			.max(T::WeightInfo::settle_variation_margin());
		if budget == 0
			|| !T::WeightInfo::on_initialize_sweep(1).saturating_add(heaviest).all_lte(limit)
		{
			return (Weight::zero(), 0);
		}
		let page = Self::sweep(budget, limit, Some(limit));
		(
			T::WeightInfo::on_initialize_sweep(page.examined).saturating_add(page.used),
			page.liquidations,
		)
	}

	/// Examine up to `budget` open positions ([`OpenPositions`], all markets) from the cursor,
	/// liquidate those that are liquidatable and collect variation margin from open losers
	/// while winners wait for the float (`variation.rs`), spending at most `max_weight` on
	/// these (the first one always runs) — and with a `limit`, at most that on examinations,
	/// liquidations and collections together (then even the first must fit). A position that
	/// did not fit is examined again next time. A liquidation that fails is reported with
	/// [`Event::LiquidationFailed`].
	pub(crate) fn sweep(budget: u32, max_weight: Weight, limit: Option<Weight>) -> SweepPage {
		let mut page = SweepPage { examined: 0, used: Weight::zero(), liquidations: 0 };
		if budget == 0 {
			return page;
		}
		let fits = |examined: u32, used: Weight| {
			limit.is_none_or(|l| {
				T::WeightInfo::on_initialize_sweep(examined).saturating_add(used).all_lte(l)
			})
		};
		let mut iter = match LiquidationCursor::<T>::take() {
			Some(raw) => OpenPositions::<T>::iter_from(raw.into_inner()),
			None => OpenPositions::<T>::iter(),
		};
		// (market, account, liquidation? else variation margin)
		let mut candidates: Vec<(MarketId, T::AccountId, bool)> = Vec::new();
		let mut used = Weight::zero();
		let mut examined: u32 = 0;
		let mut market: Option<SweepMarket<T>> = None;
		let mut resume: Option<Vec<u8>> = None;
		let mut finished = false;
		while examined < budget && fits(examined.saturating_add(1), used) {
			let before = iter.last_raw_key().to_vec();
			match iter.next() {
				Some((id, who, ())) => {
					examined = examined.saturating_add(1);
					let Some(acc) = Accounts::<T>::get(id, &who) else { continue };
					if market.as_ref().is_none_or(|s| s.id != id) {
						market = Self::sweep_market(id);
					}
					let Some(ctx) = market.as_ref() else { continue };
					let (liquidate, w) = match Self::sweep_action(ctx, &acc) {
						Some(true) => (true, Self::liquidation_weight(&acc)),
						Some(false) => (false, T::WeightInfo::settle_variation_margin()),
						None => continue,
					};
					let over_budget =
						!candidates.is_empty() && used.saturating_add(w).any_gt(max_weight);
					if over_budget || !fits(examined, used.saturating_add(w)) {
						// no room left this block: start from here next time
						resume = Some(before);
						break;
					}
					used = used.saturating_add(w);
					candidates.push((id, who, liquidate));
				},
				None => {
					finished = true;
					break;
				},
			}
		}
		let cursor = match resume {
			Some(raw) => Some(raw),
			None if !finished => Some(iter.last_raw_key().to_vec()),
			None => None,
		};
		if let Some(raw) = cursor.filter(|r| !r.is_empty()) {
			if let Ok(raw) = BoundedVec::try_from(raw) {
				LiquidationCursor::<T>::put(raw);
			}
		}
		page.examined = examined;
		page.used = used;
		for (id, who, liquidate) in candidates {
			if liquidate {
				page.liquidations = page.liquidations.saturating_add(1);
			}
			let res = frame::deps::frame_support::storage::with_storage_layer(|| {
				if liquidate {
					Self::do_liquidate(id, &who, None)
				} else {
					Self::do_settle_variation_margin(id, &who)
				}
			});
			match res {
				Err(error) if liquidate => {
					Self::deposit_event(Event::LiquidationFailed { market: id, who, error })
				},
				// an earlier collection of this block already met the need: nothing to report
				Err(error) if error == Error::<T>::NoVariationDue.into() => {},
				Err(error) => {
					Self::deposit_event(Event::VariationMarginFailed { market: id, who, error })
				},
				Ok(()) => {},
			}
		}
		page
	}
}

impl<T: Config> Pallet<T> {
	/// Liquidate an NFT-backed short on the index (`|q|·i > c + n·i` after its funding): buy
	/// its short back at the vAMM, record the loss beyond its cash as debt, and put as many of
	/// its free NFTs on liquidation auctions as the debt needs at the reserve.
	pub(crate) fn do_liquidate_nft_short(
		id: MarketId,
		who: &T::AccountId,
		keeper: Option<T::AccountId>,
	) -> DispatchResult {
		let fresh_index = Cell::new(FixedU128::zero());
		let load = |m: &MarketOf<T>, a: Option<MarginAccount>| {
			let acc = a.ok_or(Error::<T>::NoPosition)?;
			fresh_index.set(Self::fresh_index(m).ok_or(Error::<T>::IndexStale)?);
			ensure!(Self::is_liquidatable(id, &acc), Error::<T>::NotLiquidatable);
			Ok(acc)
		};
		let (event, _, _) = Self::with_account(id, who, load, |m, acc, _| {
			let index = fresh_index.get();
			let held = math::abs(acc.position.size);
			let out = T::Vamm::swap(id, Direction::Long, SwapAmount::Base(held), true)?;
			let fill = math::apply_fill(&acc.position, Direction::Long, out.base, out.quote)
				.ok_or(Error::<T>::Overflow)?;
			let mut pos = fill.position;
			pos.last_cumulative_funding = Self::funding_index(m, pos.size);
			acc.position = pos;
			let pnl = fill.realised_pnl;
			if pnl >= 0 {
				Self::credit_profit(m, acc, math::abs(pnl))?;
			} else {
				// the loss is paid from unsettled profit and cash; the rest is debt secured by the
				// NFTs (paid from their auctions)
				let rest = Self::charge_account(m, acc, math::abs(pnl))?;
				acc.debt = acc.debt.checked_add(rest).ok_or(Error::<T>::Overflow)?;
			}
			// the liquidation fee on the buy-back, from what cash is left (half to the keeper): a
			// short whose cash covered its loss has no debt and no auction, and its keeper is paid
			// here; with a debt the fee is taken from the auction proceeds beyond it (`auction.rs`)
			let fee = m.params.liquidation_fee.mul_ceil(out.quote).min(acc.cash);
			acc.cash = acc.cash.saturating_sub(fee);
			let (keeper_fee, fund_fee) =
				Self::pay_liquidation_fee(id, m, keeper.as_ref().filter(|k| *k != who), fee)?;
			// enough NFTs to pay the debt go on auction (none: the fund pays it)
			let reserve = m.params.auction_reserve_ratio.mul_floor(index.into_inner()).max(1);
			Self::secure_debt(
				id,
				m,
				acc,
				who,
				keeper.clone().filter(|k| k != who),
				reserve,
				T::MaxNftsPerAccount::get(),
			)?;
			let k = acc.liquidation_auctions;
			Ok(Event::NftShortLiquidated {
				market: id,
				who: who.clone(),
				keeper,
				closed: out.base,
				quote: out.quote,
				realised_pnl: pnl,
				debt: acc.debt,
				auctions: k,
				index_price: index,
				keeper_fee,
				fund_fee,
			})
		})?;
		Self::deposit_event(event);
		Ok(())
	}
}
