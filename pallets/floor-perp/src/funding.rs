//! Funding rounds in `on_initialize`: O(markets), positions settle lazily.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::VammInterface;
use crate::{FloorIndex, MarketOf};
use floorperp_primitives::FundingPeriod;
use frame::arithmetic::FixedU128;
use frame::prelude::*;

impl<T: Config> Pallet<T> {
	/// Run the funding of every market whose boundary has come, and move the pools whose
	/// governance K target is pending one step towards it (one step per market per funding
	/// period, at most `MaxKStepsPerBlock` per block, the others in the next blocks). Returns
	/// the number of markets looked at (the funding's weight is linear in it) and the weight
	/// of the K steps.
	pub(crate) fn process_funding(now: u32) -> (u32, Weight) {
		let n = NextMarketId::<T>::get().min(T::MaxMarkets::get());
		let mut k_steps = Weight::zero();
		let mut steps: u32 = 0;
		for id in 0..n {
			if let Some(mut m) = Markets::<T>::get(id) {
				let mut changed = false;
				if now >= m.next_funding_block {
					Self::fund_market(id, &mut m, now);
					m.k_step_due = T::Vamm::k_step_wanted(id);
					changed = true;
				}
				let step = m.k_step_due && steps < T::MaxKStepsPerBlock::get();
				if step {
					m.k_step_due = false;
					changed = true;
					steps = steps.saturating_add(1);
				}
				let period = if step { Some(Self::funding_period(id, &m)) } else { None };
				if changed {
					Markets::<T>::insert(id, m);
				}
				if let Some(period) = period {
					// (after the write above: the step settles its cost with the fund)
					k_steps = k_steps.saturating_add(T::Vamm::step_k(id, period));
				}
			}
		}
		(n, k_steps)
	}

	/// What the venue's algorithmic K policy reads at a boundary: the open interest of both
	/// sides at the mark, the last round's funding rate as a fraction of the mark, the fee.
	fn funding_period(id: MarketId, m: &MarketOf<T>) -> FundingPeriod {
		let mark = T::Vamm::mark_price(id).unwrap_or_default();
		let size = Self::total_long(m).saturating_add(m.totals.open_interest_short);
		let rate = m.last_funding_rate.unsigned_abs();
		FundingPeriod {
			open_interest: mark.saturating_mul_int(size),
			funding_rate: FixedU128::checked_from_rational(rate, mark.into_inner())
				.unwrap_or_default(),
			trading_fee: m.params.trading_fee,
		}
	}

	/// One funding round for `m` covering every period boundary passed since the last one.
	pub(crate) fn fund_market(id: MarketId, m: &mut MarketOf<T>, now: u32) {
		let period = m.params.funding_period.max(1);
		let periods = now
			.saturating_sub(m.next_funding_block)
			.checked_div(period)
			.unwrap_or_default()
			.saturating_add(1);
		let elapsed = periods.saturating_mul(period);
		m.next_funding_block = m.next_funding_block.saturating_add(elapsed);
		m.last_funding_rate = 0;
		// The window closes now whatever this round does; the next one starts here.
		let window = m.funding_window;
		let mark_cumulative = T::Vamm::cumulative_price(id).ok();
		let index_cumulative = T::Index::index_cumulative(&m.collection);
		m.funding_window = FundingWindow {
			start: now,
			mark_cumulative: mark_cumulative.unwrap_or_default(),
			index_cumulative,
		};
		let blocks = now.saturating_sub(window.start);
		let skip = |reason| {
			Self::deposit_event(Event::FundingSkipped { market: id, periods, reason });
		};
		let index = match T::Index::index(&m.collection) {
			None => return skip(FundingSkipReason::NoIndex),
			Some(_) => match Self::fresh_index(m) {
				None => return skip(FundingSkipReason::StaleIndex),
				Some(i) => i,
			},
		};
		// exact means over the window from the cumulative prices; a source without one (or
		// an index born inside the window) falls back to its TWAP over the elapsed periods
		let index_twap = match (window.index_cumulative, index_cumulative) {
			(Some(a), Some(b)) => math::window_mean(a, b, blocks),
			_ => None,
		}
		.or_else(|| T::Index::index_twap(&m.collection, elapsed))
		.unwrap_or(index);
		let Some(mark_cumulative) = mark_cumulative else {
			return skip(FundingSkipReason::NoMark);
		};
		let Some(mark_twap) = math::window_mean(window.mark_cumulative, mark_cumulative, blocks)
			.or_else(|| T::Vamm::mark_twap(id, elapsed).ok())
		else {
			return skip(FundingSkipReason::NoMark);
		};
		let Some(rate) = math::funding_rate(
			mark_twap,
			index_twap,
			m.params.max_funding_premium_per_day,
			elapsed,
			T::BlocksPerDay::get(),
		) else {
			return skip(FundingSkipReason::Overflow);
		};
		let Some(split) = math::split_funding(
			rate,
			Self::total_long(m),
			m.totals.open_interest_short,
			m.insurance_fund,
			m.float,
		) else {
			return skip(FundingSkipReason::Overflow);
		};
		// the long index is per unit of size normalised by the in-kind growth product
		let (Some(l), Some(s)) = (
			math::weighted_long_delta(split.long_delta, m.in_kind_growth)
				.and_then(|d| m.cumulative_funding_long.checked_add(d)),
			m.cumulative_funding_short.checked_add(split.short_delta),
		) else {
			return skip(FundingSkipReason::Overflow);
		};
		let d = math::abs(split.fund_delta);
		if split.fund_delta >= 0 {
			// collected as the payers settle: what the float holds now is other traders'
			// (realised losses waiting for unsettled profit)
			m.funding_receivable = m.funding_receivable.saturating_add(d);
		} else {
			let d = d.min(m.insurance_fund);
			m.insurance_fund = m.insurance_fund.saturating_sub(d);
			m.float = m.float.saturating_add(d);
		}
		m.cumulative_funding_long = l;
		m.cumulative_funding_short = s;
		m.last_funding_rate = rate;
		if split.short_delta < 0 {
			// shorts pay: NFT-backed shorts without cash pay in kind, page by page
			Self::start_in_kind_sweep(id, m);
		}
		Self::deposit_event(Event::FundingUpdated {
			market: id,
			periods,
			mark_twap,
			index_twap,
			rate,
			long_paid_per_unit: split.long_delta,
			short_received_per_unit: split.short_delta,
			cumulative_funding_long: l,
			cumulative_funding_short: s,
			fund_delta: split.fund_delta,
			insurance_fund: m.insurance_fund,
			next_funding_block: m.next_funding_block,
		});
	}
}
