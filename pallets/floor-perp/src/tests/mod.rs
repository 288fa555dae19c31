//! Unit tests, by feature. Every test ends with `check_invariants` (try_state + exact value
//! conservation) through `mock::test`.

mod api;
mod cash;
mod dynamic_collateral;
mod funding;
mod liquidation;
mod markets;
mod proptests;
mod trading;

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

pub fn long_quote(who: AccountId, q: u128) {
	assert_ok!(FloorPerp::open_position(RuntimeOrigin::signed(who), 0, Side::Long, TradeAmount::Quote(q), 0));
}

pub fn short_quote(who: AccountId, q: u128) {
	assert_ok!(FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Side::Short,
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
