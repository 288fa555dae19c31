//! The limits a trade is checked against, shared by the venue (which enforces the fluctuation
//! limit) and the clearing house (which checks the trader's slippage limit and the spread band
//! against the index): pure predicates, no storage.

use crate::market::{Direction, SwapAmount, SwapOutcome};
use frame::arithmetic::{FixedU128, Perbill};

/// Slippage check: whether a swap's outcome respects the trader's limit. `limit` is the worst acceptable opposite
/// amount of the trade:
///
/// * `Long`, `Base(_)`: the maximum quote paid (`outcome.quote <= limit`);
/// * `Long`, `Quote(_)`: the minimum base received (`outcome.base >= limit`);
/// * `Short`, `Base(_)`: the minimum quote received (`outcome.quote >= limit`);
/// * `Short`, `Quote(_)`: the maximum base given (`outcome.base <= limit`).
pub fn within_slippage(
	direction: Direction,
	amount: SwapAmount,
	outcome: &SwapOutcome,
	limit: u128,
) -> bool {
	match (direction, amount) {
		(Direction::Long, SwapAmount::Base(_)) => outcome.quote <= limit,
		(Direction::Long, SwapAmount::Quote(_)) => outcome.base >= limit,
		(Direction::Short, SwapAmount::Base(_)) => outcome.quote >= limit,
		(Direction::Short, SwapAmount::Quote(_)) => outcome.base <= limit,
	}
}

/// Whether a trade moving the mark from `before` to `after` respects the fluctuation limit
/// `max_move` around the block-start price `start`.
///
/// Allowed when `after` is within `start * (1 ± max_move)` (bounds included), or when it is
/// outside but strictly between `before` and `start` (the trade brings an already out-of-band
/// mark back towards the start price, e.g. after an exempt liquidation).
pub fn price_move_allowed(
	start: FixedU128,
	before: FixedU128,
	after: FixedU128,
	max_move: Perbill,
) -> bool {
	let s = start.into_inner();
	let a = after.into_inner();
	let b = before.into_inner();
	let band = max_move.mul_floor(s);
	if a >= s.saturating_sub(band) && a <= s.saturating_add(band) {
		return true;
	}
	(b > s && a < b && a >= s) || (b < s && a > b && a <= s)
}
