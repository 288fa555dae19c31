//! Unit tests, by feature. Every test ends with `check_invariants` (try_state + exact value
//! conservation) through `mock::test`.

mod adversarial;
mod api;
mod cash;
mod dynamic_collateral;
mod escrow;
mod funding;
mod guard_rails;
mod in_kind;
mod liquidation;
mod markets;
mod nft_liquidation;
mod nft_proptests;
mod nft_short;
mod proptests;
mod trading;
mod variation;
mod voluntary;

use crate::mock::*;
use crate::*;
use frame::testing_prelude::*;

/// Default parameters with no fluctuation limit (the seed's trades move the mark by 20%).
pub fn seed_params() -> MarketParams {
	MarketParams { max_price_move: Perbill::one(), ..Default::default() }
}

/// Parameters without trading fee (for round numbers).
pub fn no_fee_params() -> MarketParams {
	MarketParams { trading_fee: Perbill::zero(), ..seed_params() }
}

pub fn deposit(who: AccountId, amount: u128) {
	assert_ok!(FloorPerp::deposit(RuntimeOrigin::signed(who), 0, amount));
}

/// The tests of other mechanics trade far from the index (the seed's trades move the mark by
/// 20% and more), which the guard rails refuse (`guard_rails.rs` tests those). Before such a
/// trade of market 0 the floor moves to where the trade takes the mark — what the index would
/// have to be for the trade to pass — so that these tests keep their seed numbers; a trade
/// inside the mark–index band leaves the index alone.
pub fn follow_floor(side: Direction, amount: TradeAmount) {
	use crate::VammInterface;
	let Some((index, _)) = <MockIndex as FloorIndex<u32, u64>>::index(&OCELOTS) else { return };
	let Some(pool) = pallet_vamm::Pools::<Test>::get(0) else { return };
	let Ok(r) =
		pallet_vamm::math::swap(pool.base_reserve, pool.quote_reserve, pool.k, side, amount.into())
	else {
		return;
	};
	let Ok(after) = pallet_vamm::math::mark_price(r.base_reserve, r.quote_reserve) else { return };
	let before = <Vamm as VammInterface>::mark_price(0).unwrap();
	if !floorperp_primitives::price_move_allowed(index, before, after, market(0).params.max_spread)
	{
		set_index(OCELOTS, after);
	}
}

/// `follow_floor`, then the trade.
pub fn trade_following(
	who: AccountId,
	side: Direction,
	amount: TradeAmount,
	limit: u128,
) -> DispatchResult {
	follow_floor(side, amount);
	FloorPerp::open_position(RuntimeOrigin::signed(who), 0, side, amount, limit)
}

/// `follow_floor`, then the close of `size` (all: `None`) of `who`'s position.
pub fn close_following(who: AccountId, size: Option<u128>, limit: u128) -> DispatchResult {
	let held = account(0, who).position.size;
	let side = if held > 0 { Direction::Short } else { Direction::Long };
	follow_floor(side, TradeAmount::Base(size.unwrap_or(held.unsigned_abs())));
	FloorPerp::close_position(RuntimeOrigin::signed(who), 0, size, limit)
}

pub fn long_quote(who: AccountId, q: u128) {
	follow_floor(Direction::Long, TradeAmount::Quote(q));
	assert_ok!(FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Direction::Long,
		TradeAmount::Quote(q),
		0
	));
}

pub fn short_quote(who: AccountId, q: u128) {
	follow_floor(Direction::Short, TradeAmount::Quote(q));
	assert_ok!(FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Direction::Short,
		TradeAmount::Quote(q),
		u128::MAX
	));
}

pub fn size(who: AccountId) -> i128 {
	account(0, who).position.size
}

pub fn next_block() {
	run_to_block(System::block_number() + 1);
}

// ---------------------------------------------------------------------------------------------
// NFT collateral (part 2) helpers
// ---------------------------------------------------------------------------------------------

/// Create market 0 on `OCELOTS` with the pool `base`/`quote` (mark = quote/base) and a fresh
/// index `index`.
pub fn create_market_with(
	base: u128,
	quote: u128,
	index: FixedU128,
	params: MarketParams,
) -> MarketId {
	set_index(OCELOTS, index);
	assert_ok!(FloorPerp::create_market(RuntimeOrigin::root(), OCELOTS, base, quote, params));
	0
}

/// The floor-20 market: B = 1_000 perps, Q = 20_000 WETH (mark 20), index 20.
pub fn create_floor20_market(params: MarketParams) -> MarketId {
	create_market_with(1_000 * ONE, 20_000 * ONE, price(20), params)
}

/// Mint `items` of `OCELOTS` to `who` and escrow them in market 0.
pub fn escrow_nfts(who: AccountId, items: impl IntoIterator<Item = u32>) {
	for item in items {
		mint_nft(OCELOTS, item, who);
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(who), 0, item));
	}
}

pub fn short_base(who: AccountId, b: u128) {
	follow_floor(Direction::Short, TradeAmount::Base(b));
	assert_ok!(FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Direction::Short,
		TradeAmount::Base(b),
		0
	));
}

pub fn long_base(who: AccountId, b: u128) {
	follow_floor(Direction::Long, TradeAmount::Base(b));
	assert_ok!(FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Direction::Long,
		TradeAmount::Base(b),
		u128::MAX
	));
}

/// Jump to block `n` running only the hooks of block `n` (nothing happens in between).
pub fn jump_to(n: u64) {
	System::set_block_number(n - 1);
	run_to_block(n);
}

/// Jump to block `n` with the index refreshed at `index` just before it.
pub fn jump_to_with_index(n: u64, index: FixedU128) {
	System::set_block_number(n - 1);
	set_index(OCELOTS, index);
	run_to_block(n);
}

/// Mark of the vAMM of market 0.
pub fn mark() -> FixedU128 {
	use crate::VammInterface;
	<Vamm as VammInterface>::mark_price(0).unwrap()
}

/// Count the events matching `f`.
pub fn count_events(f: impl Fn(&Event<Test>) -> bool) -> usize {
	events().iter().filter(|e| f(e)).count()
}
