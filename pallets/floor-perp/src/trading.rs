//! Trading: open / increase / reduce / close / flip through the vAMM.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::MarketOf;
use crate::VammInterface;
use floorperp_primitives::SwapOutcome;
use frame::arithmetic::{FixedU128, Perbill};
use frame::prelude::*;

/// What a trader asked for.
#[derive(Clone, Copy)]
struct TradeOrder {
	side: Direction,
	amount: TradeAmount,
	limit: u128,
	close_only: bool,
}

/// What filling an order did, for the checks on the committed position and the event.
struct TradeFill {
	/// Whether the trade opened or increased exposure (not a pure reduce or close).
	increases: bool,
	/// The margin requirement of the new exposure, evaluated before the trade.
	requirement: Option<Perbill>,
	/// Base and quote that changed hands over all legs.
	total: SwapOutcome,
	/// PnL realised by the reduced part.
	realised: i128,
	/// Trading fee paid to the insurance fund.
	fee: u128,
	/// Funding settled before the trade (positive = paid).
	funding: i128,
	/// The mark after the trade.
	mark_price: FixedU128,
	/// The position's size after the trade.
	new_size: i128,
}

impl<T: Config> Pallet<T> {
	/// Close `size` (or all) of `who`'s position.
	pub(crate) fn do_close_position(
		who: &T::AccountId,
		id: MarketId,
		size: Option<u128>,
		limit: u128,
	) -> DispatchResult {
		let acc = Accounts::<T>::get(id, who).ok_or(Error::<T>::NoPosition)?;
		let held = math::abs(acc.position.size);
		let side = Direction::of(acc.position.size).ok_or(Error::<T>::NoPosition)?.opposite();
		let amount = size.unwrap_or(held);
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		ensure!(amount <= held, Error::<T>::CloseTooLarge);
		Self::do_trade(who, id, side, TradeAmount::Base(amount), limit, true)
	}

	/// The trade of `open_position` (and `close_position` with `close_only`).
	pub(crate) fn do_trade(
		who: &T::AccountId,
		id: MarketId,
		side: Direction,
		amount: TradeAmount,
		limit: u128,
		close_only: bool,
	) -> DispatchResult {
		ensure!(amount.value() > 0, Error::<T>::ZeroAmount);
		let load = |_: &MarketOf<T>, a: Option<MarginAccount>| {
			let acc = a.unwrap_or_default();
			ensure!(
				acc.debt == 0 && acc.liquidation_auctions == 0,
				Error::<T>::AccountInLiquidation
			);
			Ok(acc)
		};
		let order = TradeOrder { side, amount, limit, close_only };
		let (fill, m, acc) = Self::with_account(id, who, load, |m, acc, funding| {
			Self::fill_trade(id, who, m, acc, funding, order)
		})?;
		let TradeFill {
			increases,
			requirement,
			total,
			realised,
			fee,
			funding,
			mark_price,
			new_size,
		} = fill;

		if increases {
			let abs_new = math::abs(new_size);
			ensure!(abs_new <= m.params.max_position, Error::<T>::MaxPositionExceeded);
			let oi = if new_size > 0 {
				m.totals.open_interest_long
			} else {
				m.totals.open_interest_short
			};
			ensure!(oi <= m.params.max_open_interest, Error::<T>::OpenInterestCapExceeded);
			if new_size < 0 && acc.firm_nfts() > 0 {
				// an NFT-backed short needs cover at the index (by the NFTs on no auction), not
				// margin at the mark
				Self::ensure_nft_cover(&m, &acc, acc.firm_nfts(), Perbill::zero())?;
			} else {
				ensure!(acc.cash >= m.params.min_margin, Error::<T>::BelowMinimumMargin);
				// at the worse of the mark and the index: a trader cannot open at a margin
				// that only its own move of the mark makes look sufficient
				let h = Self::guarded_health(id, &m, &acc)?;
				let req = requirement.unwrap_or(m.params.initial_margin);
				ensure!(
					math::meets_ratio(h.equity, h.notional, req),
					Error::<T>::InsufficientMargin
				);
			}
		}

		Self::deposit_event(Event::PositionChanged {
			market: id,
			who: who.clone(),
			side,
			base: total.base,
			quote: total.quote,
			average_price: math::average_price(total.base, total.quote)
				.unwrap_or(FixedU128::zero()),
			mark_price,
			new_size,
			open_notional: acc.position.open_notional,
			fee,
			realised_pnl: realised,
			funding,
			cash: acc.cash,
			unsettled_profit: acc.unsettled_profit,
		});
		Ok(())
	}

	/// Fill `order` for the settled account `acc` (`funding`: what its settlement paid): the
	/// swaps (a reduce, then the opening of the rest for a flip), the slippage and band checks,
	/// the realised PnL, an NFT-backed sale's proceeds and the trading fee. The checks on the
	/// resulting position run once it is committed ([`Self::do_trade`]).
	fn fill_trade(
		id: MarketId,
		who: &T::AccountId,
		m: &mut MarketOf<T>,
		acc: &mut MarginAccount,
		funding: i128,
		order: TradeOrder,
	) -> Result<TradeFill, DispatchError> {
		let nft_backed = acc.nft_cover() > 0;
		let TradeOrder { side, amount, limit, close_only } = order;
		let dir = side;
		let cur = acc.position.size;
		let held = math::abs(cur);
		let opposite = Direction::of(cur).is_some_and(|s| s != side);

		// Legs: a reduce, then possibly the opening of the rest (a flip).
		let (first, second): (SwapAmount, Option<SwapAmount>) = if !opposite {
			(amount.into(), None)
		} else {
			match amount {
				TradeAmount::Base(b) if b <= held => (SwapAmount::Base(b), None),
				TradeAmount::Base(b) => {
					(SwapAmount::Base(held), Some(SwapAmount::Base(b.saturating_sub(held))))
				},
				TradeAmount::Quote(q) => {
					let full = T::Vamm::quote(id, dir, SwapAmount::Base(held))?;
					if q <= full.quote {
						(SwapAmount::Quote(q), None)
					} else {
						(
							SwapAmount::Base(held),
							Some(SwapAmount::Quote(q.saturating_sub(full.quote))),
						)
					}
				},
			}
		};
		let increases = !opposite || second.is_some();
		ensure!(!(close_only && increases), Error::<T>::CloseTooLarge);
		// Dynamic requirement evaluated on the market before the trade.
		let requirement = if increases {
			ensure!(Self::fresh_index(m).is_some(), Error::<T>::MarketReduceOnly);
			let new_sign: i128 = if side == Direction::Long { 1 } else { -1 };
			Some(Self::requirement(id, m, new_sign)?)
		} else {
			None
		};

		let mark_before = T::Vamm::mark_price(id)?;
		let mut total = SwapOutcome::default();
		let mut pos = acc.position;
		let mut realised: i128 = 0;
		// A trader's swaps never use the venue's once-per-block exemption: only liquidations
		// may leave the fluctuation band.
		for leg in [Some(first), second].into_iter().flatten() {
			let out = T::Vamm::swap(id, dir, leg, false)?;
			let fill =
				math::apply_fill(&pos, dir, out.base, out.quote).ok_or(Error::<T>::Overflow)?;
			pos = fill.position;
			realised = realised.checked_add(fill.realised_pnl).ok_or(Error::<T>::Overflow)?;
			total.base = total.base.checked_add(out.base).ok_or(Error::<T>::Overflow)?;
			total.quote = total.quote.checked_add(out.quote).ok_or(Error::<T>::Overflow)?;
		}
		ensure!(
			floorperp_primitives::within_slippage(dir, amount.into(), &total, limit),
			Error::<T>::SlippageExceeded
		);
		// Guard rail: the mark stays within `max_spread` of a fresh index (or moves towards it).
		let mark_price = T::Vamm::mark_price(id)?;
		if let Some(index) = Self::fresh_index(m) {
			ensure!(
				floorperp_primitives::price_move_allowed(
					index,
					mark_before,
					mark_price,
					m.params.max_spread
				),
				Error::<T>::MarkIndexSpreadExceeded
			);
		}
		let new_size = pos.size;
		ensure!(total.base >= m.params.min_trade_size || new_size == 0, Error::<T>::TradeTooSmall);
		pos.last_cumulative_funding = Self::funding_index(m, new_size);
		acc.position = pos;

		// Realise PnL. A trader's own trade never realises a loss beyond its cash (that would
		// hand it to the insurance fund): only a liquidation may.
		let (covered, socialised) = Self::realise(m, acc, realised)?;
		if covered > 0 || socialised > 0 {
			ensure!(!nft_backed, Error::<T>::LossExceedsCash);
			return Err(Error::<T>::LossBeyondCash.into());
		}

		// The proceeds of an NFT-backed sale are paid from the float as far as it goes.
		Self::advance_proceeds(id, who, m, acc)?;
		// Trading fee to the insurance fund.
		let mut fee = m.params.trading_fee.mul_ceil(total.quote);
		if acc.cash < fee {
			ensure!(!increases, Error::<T>::InsufficientCashForFee);
			fee = acc.cash;
		}
		acc.cash = acc.cash.saturating_sub(fee);
		m.insurance_fund = m.insurance_fund.checked_add(fee).ok_or(Error::<T>::Overflow)?;
		Ok(TradeFill {
			increases,
			requirement,
			total,
			realised,
			fee,
			funding,
			mark_price,
			new_size,
		})
	}
}
