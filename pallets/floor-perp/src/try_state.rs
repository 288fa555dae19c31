//! The clearing house's invariants, one named check each. `do_try_state` runs after every
//! pallet test (with value conservation) and in try-runtime; it is not part of the wasm
//! runtime.

use crate::math;
use crate::pallet::*;
use crate::types::*;
use crate::MarketOf;
use crate::VammInterface;
use alloc::collections::BTreeMap;
use frame::prelude::*;
use frame::token::fungibles::Inspect;

impl<T: Config> Pallet<T> {
	/// Every invariant of the clearing house.
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

	/// Per market, the sum of what its accounts contribute to its aggregates; every account is
	/// in an existing market.
	fn try_state_account_totals() -> Result<BTreeMap<MarketId, AccountTotals>, DispatchError> {
		let mut totals: BTreeMap<MarketId, AccountTotals> = BTreeMap::new();
		for (id, _who, a) in Accounts::<T>::iter() {
			ensure!(Markets::<T>::contains_key(id), "account in a missing market");
			let t = totals.entry(id).or_default();
			*t = t.checked_add(AccountTotals::of(&a)).ok_or("overflow")?;
		}
		Ok(totals)
	}

	/// `OpenPositions` lists exactly the accounts with a position (the sweep walks it).
	fn try_state_open_positions() -> Result<(), DispatchError> {
		for (id, who, ()) in OpenPositions::<T>::iter() {
			ensure!(
				Accounts::<T>::get(id, &who).map_or(false, |a| a.position.size != 0),
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

	/// Each aggregate a market keeps equals the sum over its accounts.
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

	/// Long minus short open interest (growth minted in kind included) is the vAMM's net base.
	fn try_state_net_base(id: MarketId, m: &MarketOf<T>) -> Result<(), DispatchError> {
		let net = T::Vamm::net_base(id)?;
		let oi = math::to_i128(Self::total_long(m))
			.and_then(|l| l.checked_sub(math::to_i128(m.totals.open_interest_short)?))
			.ok_or("overflow")?;
		ensure!(oi == net, "long - short != vAMM net base");
		Ok(())
	}

	/// The collection index points back at the market.
	fn try_state_collection_index(id: MarketId, m: &MarketOf<T>) -> Result<(), DispatchError> {
		ensure!(
			MarketByCollection::<T>::get(m.collection) == Some(id),
			"collection index mismatch"
		);
		Ok(())
	}

	/// The vault holds at least what it owes: cash, insurance funds, floats and locked bids.
	fn try_state_vault() -> Result<(), DispatchError> {
		let mut claims: u128 = 0;
		for m in Markets::<T>::iter_values() {
			claims = claims
				.checked_add(m.totals.cash)
				.and_then(|c| c.checked_add(m.insurance_fund))
				.and_then(|c| c.checked_add(m.float))
				.and_then(|c| c.checked_add(m.bids_locked))
				.ok_or("overflow")?;
		}
		let vault = T::Assets::balance(T::QuoteAsset::get(), &Self::vault());
		ensure!(vault >= claims, "vault does not cover cash + funds + floats + bids");
		Ok(())
	}
}
