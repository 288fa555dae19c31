//! Types of the floor index: feeds and their HTTP sources, signed reports, the index state.

use frame::arithmetic::FixedU128;
use frame::prelude::*;

/// One HTTP source of a feed: a URL answering JSON, the JSON pointer (RFC 6901) to the floor
/// price in the answer, and the number of decimals the value carries (`0` for a decimal number
/// like `20.5`, `18` for a wei integer like `"20500000000000000000"`).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxUrl, MaxPointer))]
pub struct Source<MaxUrl: Get<u32>, MaxPointer: Get<u32>> {
	/// `http://` or `https://` URL.
	pub url: BoundedVec<u8, MaxUrl>,
	/// JSON pointer, e.g. `/collection/floorAsk/price/amount/decimal`.
	pub pointer: BoundedVec<u8, MaxPointer>,
	/// Decimals of the value at the pointer (0..=36).
	pub decimals: u8,
}

/// The state of a collection's index.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct IndexState {
	/// The index price (quote per NFT).
	pub price: FixedU128,
	/// Block of the last update.
	pub updated_at: u32,
	/// What the updates in the block of the last update are clamped around: the index TWAP
	/// over the clamp window, taken at the block's first update (so no update in a block moves
	/// it; zero for the first index, which is not clamped).
	pub anchor: FixedU128,
	/// `Σ price · blocks` up to `last_accumulated` (TWAP accumulator, as the vAMM's).
	pub cumulative: U256,
	/// Block the accumulator is valid up to.
	pub last_accumulated: u32,
}

pub use floorperp_primitives::TwapPoint;

/// An operator's report for one round: the floor of each feed it could fetch.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxFeeds))]
pub struct Report<Public, CollectionId, MaxFeeds>
where
	Public: Clone + PartialEq + Eq + core::fmt::Debug,
	CollectionId: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxFeeds: Get<u32>,
{
	/// The operator's key (its account is derived from it).
	pub operator: Public,
	/// The round: `block / report_interval` of the block the report was made at.
	pub round: u32,
	/// `(collection, floor price)` pairs.
	pub prices: BoundedVec<(CollectionId, FixedU128), MaxFeeds>,
}

/// How the index is made from reports (governance sets it; genesis gives each chain its own).
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
pub struct OracleRules {
	/// Reporters with a fresh report needed to move an index (also for its first value).
	pub quorum: u32,
	/// Blocks of the index TWAP the index is clamped around (`1`: the previous block's
	/// closing index, a per-block clamp).
	pub clamp_window: u32,
}

impl Default for OracleRules {
	fn default() -> Self {
		Self { quorum: 1, clamp_window: 1 }
	}
}

/// A feed's sources as genesis gives them: `(url, JSON pointer, decimals)` each.
pub type GenesisSources = alloc::vec::Vec<(alloc::vec::Vec<u8>, alloc::vec::Vec<u8>, u8)>;
