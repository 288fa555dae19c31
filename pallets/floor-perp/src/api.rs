//! Runtime API `FloorPerpApi` and the pallet functions implementing it (the runtime only
//! delegates: `market` → [`Pallet::market_info`], `position` → [`Pallet::position_info`],
//! `quote` → [`Pallet::trade_quote`]).

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::FloorIndex;
use crate::VammInterface;
use frame::arithmetic::{FixedPointNumber, FixedU128};
use frame::deps::codec::Codec;
use frame::prelude::*;

frame::deps::sp_api::decl_runtime_apis! {
	/// Read-only views of the clearing house for UIs.
	pub trait FloorPerpApi<AccountId, CollectionId>
	where
		AccountId: Codec,
		CollectionId: Codec,
	{
		/// Market state: parameters, mark, index, open interest, insurance fund, funding.
		fn market(market: MarketId) -> Option<MarketInfo<CollectionId>>;
		/// Account state: size, cash, NFT count, uPnL, margin ratio, liquidation price,
		/// funding owed.
		fn position(market: MarketId, who: AccountId) -> Option<PositionInfo>;
		/// Preview of a trade: amount out, average price, price impact, fee.
		fn quote(market: MarketId, side: Direction, amount: TradeAmount) -> Option<TradeQuote>;
	}
}

impl<T: Config> Pallet<T> {
	/// `FloorPerpApi::market`.
	pub fn market_info(id: MarketId) -> Option<MarketInfo<T::CollectionId>> {
		let m = Markets::<T>::get(id)?;
		let mark = T::Vamm::mark_price(id).ok()?;
		let index = T::Index::index(&m.collection);
		// as the dynamic requirement reads them: at the guarded prices
		let (available, claims) = Self::long_cover(id, &m).ok()?;
		Some(MarketInfo {
			market: id,
			collection: m.collection,
			params: m.params,
			mark_price: mark,
			index_price: index.map(|(p, _)| p),
			index_updated_at: index.map(|(_, at)| at.saturated_into::<u32>()),
			index_fresh: Self::fresh_index(&m).is_some(),
			open_interest_long: m.totals.open_interest_long,
			open_interest_short: m.totals.open_interest_short,
			net_base: T::Vamm::net_base(id).unwrap_or_default(),
			insurance_fund: m.insurance_fund,
			float: m.float,
			total_unsettled: m.totals.unsettled,
			socialised_loss: m.socialised_loss,
			next_funding_block: m.next_funding_block,
			cumulative_funding_long: m.cumulative_funding_long,
			cumulative_funding_short: m.cumulative_funding_short,
			last_funding_rate: m.last_funding_rate,
			long_coverage: math::long_coverage(available, claims),
			long_margin_requirement: math::long_margin_requirement(
				m.params.initial_margin,
				available,
				claims,
			),
		})
	}

	/// `FloorPerpApi::position`.
	pub fn position_info(id: MarketId, who: &T::AccountId) -> Option<PositionInfo> {
		let m = Markets::<T>::get(id)?;
		let acc = Accounts::<T>::get(id, who)?;
		let h = Self::health(id, &m, &acc).ok()?;
		let size = Self::current_size(&m, &acc).ok()?;
		let margin = math::to_i128(acc.cash)?.checked_sub(h.funding_owed)?;
		let index = Self::fresh_index(&m);
		let nft_view = match (acc.is_nft_short(), index) {
			(true, Some(i)) => {
				Self::nft_short_after_funding(id, &m, &acc).ok().and_then(|(q, c)| {
					let cover = math::nft_value(acc.nft_cover(), i)?.checked_add(c)?;
					Some((cover, math::notional(q, i, true)?))
				})
			},
			_ => None,
		};
		Some(PositionInfo {
			size,
			cash: acc.cash,
			nft_count: acc.nft_count,
			liquidation_auctions: acc.liquidation_auctions,
			voluntary_auctions: acc.voluntary_auctions,
			debt: acc.debt,
			in_kind_minted: acc.in_kind_minted,
			in_kind_received: acc.in_kind_received,
			nft_cover_value: nft_view.map(|v| v.0),
			nft_liability: nft_view.map(|v| v.1),
			open_notional: acc.position.open_notional,
			unsettled_profit: acc.unsettled_profit,
			position_notional: h.notional,
			unrealised_pnl: h.upnl,
			funding_owed: h.funding_owed,
			// an NFT-backed short has no mark-based margin: it is liquidated when the index
			// reaches c / (|q| − n) (never while its NFTs alone cover it)
			margin_ratio: if size == 0 || acc.is_nft_short() {
				None
			} else {
				// the ratio liquidation reads: at the guarded price
				let g = Self::guarded_health(id, &m, &acc).unwrap_or(h);
				math::margin_ratio(g.equity, g.notional)
			},
			liquidation_price: if acc.is_nft_short() {
				let uncovered = math::abs(size).saturating_sub(u128::from(acc.nft_cover()) * ONE);
				if uncovered == 0 {
					None
				} else {
					math::mul_div(acc.cash, ONE, uncovered, false).map(FixedU128::from_inner)
				}
			} else {
				math::liquidation_price(
					&Position { size, ..acc.position },
					margin,
					m.params.maintenance_margin,
				)
			},
			entry_price: if size == 0 {
				None
			} else {
				math::average_price(math::abs(size), acc.position.open_notional)
			},
			liquidatable: Self::is_liquidatable(id, &acc),
		})
	}

	/// `FloorPerpApi::quote`: the vAMM preview of the trade as one swap (a flip is executed
	/// as two swaps; x·y=k makes them equal up to rounding).
	pub fn trade_quote(id: MarketId, side: Direction, amount: TradeAmount) -> Option<TradeQuote> {
		let m = Markets::<T>::get(id)?;
		let mark = T::Vamm::mark_price(id).ok()?;
		let out = T::Vamm::quote(id, side, amount.into()).ok()?;
		let avg = math::average_price(out.base, out.quote)?;
		let diff = if avg > mark { avg.saturating_sub(mark) } else { mark.saturating_sub(avg) };
		let impact = if mark.is_zero() {
			FixedU128::zero()
		} else {
			FixedU128::checked_from_rational(diff.into_inner(), mark.into_inner())
				.unwrap_or(FixedU128::zero())
		};
		Some(TradeQuote {
			base: out.base,
			quote: out.quote,
			amount_out: match amount {
				TradeAmount::Base(_) => out.quote,
				TradeAmount::Quote(_) => out.base,
			},
			average_price: avg,
			mark_price: mark,
			price_impact: impact,
			fee: m.params.trading_fee.mul_ceil(out.quote),
		})
	}
}
