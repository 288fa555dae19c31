//! The market vocabulary the venue and the clearing house share: a market id, the trader's
//! direction, how much to trade, what a swap gave, and the per-pool configuration.

use frame::prelude::*;

/// A market id, shared with the clearing house (one market = one NFT collection).
pub type MarketId = u32;

/// The trader's side, and the direction of its swaps: `Long` buys perps (a positive size: base
/// taken out of the pool), `Short` sells them (a negative size: base put in).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Direction {
	/// Buy base from the pool with quote: the trader gains exposure to a rising price.
	Long,
	/// Sell base to the pool for quote: the trader gains exposure to a falling price.
	Short,
}

impl Direction {
	/// The other direction.
	pub fn opposite(self) -> Direction {
		match self {
			Direction::Long => Direction::Short,
			Direction::Short => Direction::Long,
		}
	}

	/// The side of a signed position size (`None` for zero): positive is long.
	pub fn of(size: i128) -> Option<Direction> {
		match size.signum() {
			1 => Some(Direction::Long),
			-1 => Some(Direction::Short),
			_ => None,
		}
	}
}

/// How much to trade: an exact base size, or an exact quote notional.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum SwapAmount {
	/// An exact base size (perps, 18 decimals): taken out for a long, put in for a short.
	Base(u128),
	/// An exact quote notional (WETH, 18 decimals): paid in for a long, received for a short.
	Quote(u128),
}

/// Result of a swap: the base that changed hands and the quote that changed hands.
/// For a long, the trader receives `base` and pays `quote`; for a short, the trader gives
/// `base` and receives `quote`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct SwapOutcome {
	/// Base received (long) or given (short) (perps, 18 decimals).
	pub base: u128,
	/// Quote paid (long) or received (short) (WETH, 18 decimals).
	pub quote: u128,
}

/// Per-pool configuration chosen by the clearing house at creation.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct PoolConfig {
	/// Maximum move of the mark within one block, relative to the price at the start of the
	/// block (default 10%).
	pub max_price_move: Perbill,
}

impl Default for PoolConfig {
	fn default() -> Self {
		Self { max_price_move: Perbill::from_percent(10) }
	}
}

/// What the clearing house tells the venue at a market's funding boundary, for its algorithmic
/// K policy (the venue knows the period's volume itself).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct FundingPeriod {
	/// Open interest, both sides, in quote at the mark.
	pub open_interest: u128,
	/// The funding rate of the round just run, per unit of base as a fraction of the mark
	/// (absolute).
	pub funding_rate: frame::arithmetic::FixedU128,
	/// The market's trading fee (what the period's volume paid).
	pub trading_fee: Perbill,
}
