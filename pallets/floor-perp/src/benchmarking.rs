//! Benchmarks (frame-benchmarking v2) for every call and both `on_initialize` paths.

use super::*;
use crate::pallet::{
	Accounts, Auctions, AuctionsEndingAt, Call, Config, Escrow, Markets, NextAuctionId,
	NextMarketId, Pallet,
};
use alloc::vec::Vec;
use frame::arithmetic::FixedU128;
use frame::benchmarking::prelude::*;
use frame::token::fungibles::Mutate;

const SEED: u32 = 0;

fn params() -> MarketParams {
	MarketParams { max_price_move: Perbill::from_percent(50), ..Default::default() }
}

fn setup_market<T: Config>(i: u32) -> Result<MarketId, BenchmarkError> {
	T::BenchmarkHelper::ensure_quote_asset(T::QuoteAsset::get());
	let c = T::BenchmarkHelper::collection(i);
	T::BenchmarkHelper::ensure_collection(c);
	T::BenchmarkHelper::set_index(c, FixedU128::from_u32(100));
	let id = Pallet::<T>::do_create_market(c, 1_000 * ONE, 100_000 * ONE, params())
		.map_err(|_| BenchmarkError::Stop("create market"))?;
	Ok(id)
}

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, SEED);
	let _ = T::Assets::mint_into(T::QuoteAsset::get(), &who, 1_000_000 * ONE);
	who
}

/// The floor moves to where a trade of `size` on `side` takes the mark (on the curve the
/// average price is the geometric mean of the marks before and after), so that the guard rails
/// let the set-up trades through.
fn follow_index<T: Config>(
	id: MarketId,
	side: Direction,
	size: u128,
) -> Result<(), BenchmarkError> {
	let before = T::Vamm::mark_price(id).map_err(|_| BenchmarkError::Stop("mark"))?;
	let q = T::Vamm::quote(id, side, SwapAmount::Base(size))
		.map_err(|_| BenchmarkError::Stop("quote"))?;
	let avg = math::average_price(q.base, q.quote).ok_or(BenchmarkError::Stop("average"))?;
	let after = math::mul_div(avg.into_inner(), avg.into_inner(), before.into_inner(), false)
		.ok_or(BenchmarkError::Stop("mark after"))?;
	T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(id), FixedU128::from_inner(after));
	Ok(())
}

fn trader<T: Config>(
	id: MarketId,
	i: u32,
	side: Direction,
	cash: u128,
	size: u128,
) -> Result<T::AccountId, BenchmarkError> {
	let who = funded::<T>("trader", i);
	Pallet::<T>::do_deposit(&who, id, cash).map_err(|_| BenchmarkError::Stop("deposit"))?;
	follow_index::<T>(id, side, size)?;
	let limit = if side == Direction::Long { u128::MAX } else { 0 };
	Pallet::<T>::do_trade(&who, id, side, TradeAmount::Base(size), limit, false)
		.map_err(|_| BenchmarkError::Stop("trade"))?;
	Ok(who)
}

/// Parameters for the NFT benchmarks: no trading fee (cashless NFT-backed shorts) and a tiny
/// auction reserve (so that a liquidation auctions every NFT).
fn nft_params() -> MarketParams {
	MarketParams {
		trading_fee: Perbill::zero(),
		auction_reserve_ratio: Perbill::from_parts(1),
		..params()
	}
}

fn setup_nft_market<T: Config>() -> Result<MarketId, BenchmarkError> {
	T::BenchmarkHelper::ensure_quote_asset(T::QuoteAsset::get());
	let c = T::BenchmarkHelper::collection(0);
	T::BenchmarkHelper::ensure_collection(c);
	T::BenchmarkHelper::set_index(c, FixedU128::from_u32(100));
	Pallet::<T>::do_create_market(c, 1_000 * ONE, 100_000 * ONE, nft_params())
		.map_err(|_| BenchmarkError::Stop("create market"))
}

/// Mint `count` NFTs (items `first..`) to `who` and escrow them in market `id`.
fn escrow<T: Config>(
	id: MarketId,
	who: &T::AccountId,
	first: u32,
	count: u32,
) -> Result<Vec<T::ItemId>, BenchmarkError> {
	let c = T::BenchmarkHelper::collection(id);
	let mut items = Vec::new();
	for k in first..first.saturating_add(count) {
		let item = T::BenchmarkHelper::mint_nft(c, k, who);
		Pallet::<T>::do_deposit_nft(who, id, item)
			.map_err(|_| BenchmarkError::Stop("deposit nft"))?;
		items.push(item);
	}
	Ok(items)
}

/// An NFT-backed short of `size` with `nfts` escrowed NFTs (items from `first`) and `cash`.
fn nft_short<T: Config>(
	id: MarketId,
	i: u32,
	nfts: u32,
	cash: u128,
	size: u128,
) -> Result<(T::AccountId, Vec<T::ItemId>), BenchmarkError> {
	let who = funded::<T>("nft-holder", i);
	let items = escrow::<T>(id, &who, i.saturating_mul(1_000), nfts)?;
	if cash > 0 {
		Pallet::<T>::do_deposit(&who, id, cash).map_err(|_| BenchmarkError::Stop("deposit"))?;
	}
	follow_index::<T>(id, Direction::Short, size)?;
	Pallet::<T>::do_trade(&who, id, Direction::Short, TradeAmount::Base(size), 0, false)
		.map_err(|_| BenchmarkError::Stop("nft short"))?;
	Ok((who, items))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_market() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let c = T::BenchmarkHelper::collection(0);
		T::BenchmarkHelper::ensure_collection(c);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, c, 1_000 * ONE, 100_000 * ONE, params());
		assert!(Markets::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_market_params() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut p = params();
		p.trading_fee = Perbill::from_parts(2_000_000);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, p);
		assert_eq!(Markets::<T>::get(id).map(|m| m.params.trading_fee), Some(p.trading_fee));
		Ok(())
	}

	#[benchmark]
	fn deposit() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		let who = funded::<T>("who", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 100 * ONE);
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.cash), Some(100 * ONE));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// worst case: with a long position (margin check + dynamic requirement)
		let who = trader::<T>(id, 0, Direction::Long, 1_000 * ONE, 10 * ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, 100 * ONE);
		Ok(())
	}

	#[benchmark]
	fn open_position() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// worst case: a flip (two swaps) with funding to settle
		let who = trader::<T>(id, 0, Direction::Short, 1_000 * ONE, 5 * ONE)?;
		let _other = trader::<T>(id, 1, Direction::Long, 1_000 * ONE, 5 * ONE)?;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			id,
			Direction::Long,
			TradeAmount::Base(10 * ONE),
			u128::MAX,
		);
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.position.size), Some(5 * ONE as i128));
		Ok(())
	}

	#[benchmark]
	fn close_position() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		let who = trader::<T>(id, 0, Direction::Long, 1_000 * ONE, 10 * ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, None, 0u128);
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.position.size), Some(0));
		Ok(())
	}

	#[benchmark]
	fn liquidate() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// a 10x long, then the price falls ~10%
		let who = trader::<T>(id, 0, Direction::Long, 110 * ONE, 10 * ONE)?;
		let _bear = trader::<T>(id, 1, Direction::Short, 100_000 * ONE, 60 * ONE)?;
		let keeper = funded::<T>("keeper", 0);
		assert!(Pallet::<T>::is_liquidatable(
			id,
			&Accounts::<T>::get(id, &who).unwrap_or_default()
		));
		#[extrinsic_call]
		_(RawOrigin::Signed(keeper), id, who.clone());
		Ok(())
	}

	#[benchmark]
	fn settle_variation_margin() -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		// a winner buys, a second long buys higher, the winner closes: its profit waits for
		// the float, and the second long is an open loser with cash
		let winner = trader::<T>(id, 0, Direction::Long, 1_000 * ONE, 10 * ONE)?;
		let loser = trader::<T>(id, 1, Direction::Long, 2_000 * ONE, 10 * ONE)?;
		follow_index::<T>(id, Direction::Short, 10 * ONE)?;
		Pallet::<T>::do_close_position(&winner, id, None, 0)
			.map_err(|_| BenchmarkError::Stop("close"))?;
		let m = Markets::<T>::get(id).ok_or(BenchmarkError::Stop("market"))?;
		let acc = Accounts::<T>::get(id, &loser).unwrap_or_default();
		let due =
			Pallet::<T>::variation_due(id, &m, &acc).map_err(|_| BenchmarkError::Stop("due"))?;
		assert!(due > 0);
		let keeper = funded::<T>("keeper", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(keeper), id, loser.clone());
		assert_eq!(Accounts::<T>::get(id, &loser).map(|a| a.cash), Some(acc.cash - due));
		Ok(())
	}

	/// `m` markets all at their funding boundary, each with open positions (funding does not
	/// iterate positions: the weight does not depend on them).
	#[benchmark]
	fn on_initialize_funding(m: Linear<1, { T::MaxMarkets::get() }>) -> Result<(), BenchmarkError> {
		for i in 0..m {
			let id = setup_market::<T>(i)?;
			trader::<T>(id, i * 2, Direction::Long, 1_000 * ONE, 10 * ONE)?;
			trader::<T>(id, i * 2 + 1, Direction::Short, 1_000 * ONE, 5 * ONE)?;
		}
		let now: u32 = Pallet::<T>::now().saturating_add(params().funding_period);
		frame_system::Pallet::<T>::set_block_number(now.into());
		for i in 0..m {
			T::BenchmarkHelper::set_index(
				T::BenchmarkHelper::collection(i),
				FixedU128::from_u32(99),
			);
		}
		#[block]
		{
			Pallet::<T>::process_funding(now);
		}
		assert_eq!(NextMarketId::<T>::get(), m);
		Ok(())
	}

	/// The sweep examining `n` healthy positions (the liquidations and variation-margin
	/// collections it triggers are charged separately, with the weights of `liquidate` and
	/// `settle_variation_margin`). Worst case of an examination: a winner waits for the float,
	/// so each position is valued for liquidation and for variation margin — and owes none
	/// (longs opened at the mark 100, the index since risen to 150: in profit at the price
	/// favourable to them).
	#[benchmark]
	fn on_initialize_sweep(n: Linear<1, 64>) -> Result<(), BenchmarkError> {
		let id = setup_market::<T>(0)?;
		for i in 0..n {
			trader::<T>(id, i, Direction::Long, 100 * ONE, ONE)?;
		}
		T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(id), FixedU128::from_u32(150));
		Markets::<T>::mutate(id, |m| {
			if let Some(m) = m {
				m.totals.unsettled = m.float.saturating_add(ONE);
			}
		});
		let acc = Accounts::<T>::iter_prefix_values(id)
			.next()
			.ok_or(BenchmarkError::Stop("no trader"))?;
		assert!(Pallet::<T>::variation_need(&Markets::<T>::get(id).unwrap(), &acc) > 0);
		let market = Pallet::<T>::sweep_market(id).ok_or(BenchmarkError::Stop("no market"))?;
		assert_eq!(Pallet::<T>::sweep_action(&market, &acc), None);
		#[block]
		{
			Pallet::<T>::sweep(n, Weight::MAX, None);
		}
		Ok(())
	}

	#[benchmark]
	fn deposit_nft() -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		let who = funded::<T>("who", 0);
		let item = T::BenchmarkHelper::mint_nft(T::BenchmarkHelper::collection(id), 1, &who);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, item);
		assert!(Escrow::<T>::contains_key(id, item));
		Ok(())
	}

	#[benchmark]
	fn withdraw_nft() -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		// worst case: with a short (the index cover check)
		let (who, items) = nft_short::<T>(id, 0, 3, 0, ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, items[0]);
		assert!(!Escrow::<T>::contains_key(id, items[0]));
		Ok(())
	}

	#[benchmark]
	fn start_voluntary_auction() -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		let (who, items) = nft_short::<T>(id, 0, 2, 0, ONE)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id, items[0], 50 * ONE);
		assert!(Auctions::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn bid() -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		let (who, items) = nft_short::<T>(id, 0, 2, 0, ONE)?;
		Pallet::<T>::do_start_voluntary_auction(&who, id, items[0], 50 * ONE)
			.map_err(|_| BenchmarkError::Stop("auction"))?;
		// worst case: outbids (refunds) a previous bidder
		let first = funded::<T>("bidder", 0);
		Pallet::<T>::do_bid(&first, 0, 50 * ONE).map_err(|_| BenchmarkError::Stop("bid"))?;
		let second = funded::<T>("bidder", 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(second.clone()), 0, 60 * ONE);
		assert_eq!(Auctions::<T>::get(0).and_then(|a| a.best_bid), Some((second, 60 * ONE)));
		Ok(())
	}

	#[benchmark]
	fn settle_auction() -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		// worst case: a sold voluntary auction whose proceeds buy back a perp (a vAMM trade)
		let (who, items) = nft_short::<T>(id, 0, 2, 0, 2 * ONE)?;
		// (a reserve that keeps the other NFT and the proceeds covering the short)
		Pallet::<T>::do_start_voluntary_auction(&who, id, items[0], 150 * ONE)
			.map_err(|_| BenchmarkError::Stop("auction"))?;
		let bidder = funded::<T>("bidder", 0);
		Pallet::<T>::do_bid(&bidder, 0, 150 * ONE).map_err(|_| BenchmarkError::Stop("bid"))?;
		let end = Auctions::<T>::get(0).map(|a| a.end).unwrap_or_default();
		frame_system::Pallet::<T>::set_block_number(end.into());
		T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(id), FixedU128::from_u32(100));
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder), 0);
		assert!(!Auctions::<T>::contains_key(0));
		Ok(())
	}

	/// Liquidation of an NFT-backed short whose debt puts all its `n` NFTs on auction.
	#[benchmark]
	fn liquidate_nft(n: Linear<1, { T::MaxNftsPerAccount::get() }>) -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		// covered exactly at index 100: (q − n)·100 = cash
		let size = (n as u128) * ONE + ONE / 50;
		let (who, _items) = nft_short::<T>(id, 0, n, 2 * ONE, size)?;
		// the mark rises (so the buy-back leaves a debt) and the index rises past the cover
		let _bull = trader::<T>(id, 1, Direction::Long, 100_000 * ONE, 100 * ONE)?;
		T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(id), FixedU128::from_u32(110));
		let keeper = funded::<T>("keeper", 0);
		assert!(Pallet::<T>::is_liquidatable(
			id,
			&Accounts::<T>::get(id, &who).unwrap_or_default()
		));
		#[extrinsic_call]
		liquidate(RawOrigin::Signed(keeper), id, who.clone());
		assert_eq!(Accounts::<T>::get(id, &who).map(|a| a.liquidation_auctions), Some(n));
		Ok(())
	}

	/// One block of the in-kind sweep settling `n` cashless NFT-backed shorts that owe funding.
	#[benchmark]
	fn on_initialize_in_kind(n: Linear<1, 64>) -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		let _bull = trader::<T>(id, 0, Direction::Long, 1_000 * ONE, ONE)?;
		for i in 0..n {
			nft_short::<T>(id, i + 1, 1, 0, ONE / 2)?;
		}
		// a funding round in which shorts pay: the index is above the mark over the whole
		// window (funding reads the exact means of the window)
		T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(id), FixedU128::from_u32(110));
		let now: u32 = Pallet::<T>::now().saturating_add(nft_params().funding_period);
		frame_system::Pallet::<T>::set_block_number(now.into());
		Pallet::<T>::process_funding(now);
		assert!(Markets::<T>::get(id).is_some_and(|m| m.in_kind_round.sweeping));
		#[block]
		{
			Pallet::<T>::in_kind_sweep(n);
		}
		// all `n` paid in kind and the round was credited to the long
		assert!(Markets::<T>::get(id).is_some_and(|m| m.in_kind_growth > FixedU128::from_u32(1)));
		Ok(())
	}

	/// Settlement by `on_initialize` of `n` sold voluntary auctions ending in the same block,
	/// each buying back a perp.
	#[benchmark]
	fn on_initialize_auctions(
		n: Linear<1, { T::MaxAuctionsPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let id = setup_nft_market::<T>()?;
		for i in 0..n {
			let (who, items) = nft_short::<T>(id, i, 1, 0, ONE / 2)?;
			Pallet::<T>::do_start_voluntary_auction(&who, id, items[0], 50 * ONE)
				.map_err(|_| BenchmarkError::Stop("auction"))?;
			let bidder = funded::<T>("bidder", i);
			Pallet::<T>::do_bid(&bidder, i, 100 * ONE).map_err(|_| BenchmarkError::Stop("bid"))?;
		}
		let end = Auctions::<T>::get(0).map(|a| a.end).unwrap_or_default();
		assert_eq!(AuctionsEndingAt::<T>::get(end).len() as u32, n);
		frame_system::Pallet::<T>::set_block_number(end.into());
		T::BenchmarkHelper::set_index(T::BenchmarkHelper::collection(id), FixedU128::from_u32(100));
		#[block]
		{
			Pallet::<T>::settle_ended_auctions(end);
		}
		assert_eq!(NextAuctionId::<T>::get(), n);
		assert!(!Auctions::<T>::contains_key(0));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
