//! Unit tests, by feature. Every pallet-level test ends with [`check`] (`do_try_state`).

use crate::{mock::*, Event, ReportOf, SignatureOf, SourceOf, SourcesOf};
use codec::Encode;
use frame::arithmetic::FixedU128;
use frame::deps::sp_runtime::testing::UintAuthorityId;
use frame::deps::sp_runtime::RuntimeAppPublic;
use frame::testing_prelude::*;

mod feeds;
mod index;
mod ocw;
mod reports;

/// `1.0` in raw 18-decimal units.
pub const E: u128 = 1_000_000_000_000_000_000;

/// A `FixedU128` from its raw inner value.
pub fn fx(inner: u128) -> FixedU128 {
	FixedU128::from_inner(inner)
}

/// `n` whole units.
pub fn units(n: u128) -> FixedU128 {
	FixedU128::from_inner(n * E)
}

/// One source.
pub fn source(url: &str, pointer: &str, decimals: u8) -> SourceOf<Test> {
	SourceOf::<Test> {
		url: url.as_bytes().to_vec().try_into().expect("URL fits"),
		pointer: pointer.as_bytes().to_vec().try_into().expect("pointer fits"),
		decimals,
	}
}

/// Bounded sources.
pub fn sources(list: &[(&str, &str, u8)]) -> SourcesOf<Test> {
	list.iter()
		.map(|(u, p, d)| source(u, p, *d))
		.collect::<Vec<_>>()
		.try_into()
		.expect("few sources")
}

/// The URL of source `i` of collection `c` (as the offchain tests expect it).
pub fn url(c: u32, i: u32) -> String {
	format!("http://localhost:8787/collections/{c}/floor/{i}")
}

/// Add collection `c`'s feed (by root) with one valid source.
pub fn add_feed(c: u32) {
	assert_ok!(FloorIndex::add_feed(
		RuntimeOrigin::root(),
		c,
		sources(&[(&url(c, 0), "/floor", 0)])
	));
}

/// A report of operator `op` for `round`.
pub fn report(op: u64, round: u32, prices: &[(u32, FixedU128)]) -> ReportOf<Test> {
	ReportOf::<Test> {
		operator: UintAuthorityId(op),
		round,
		prices: prices.to_vec().try_into().expect("few prices"),
	}
}

/// The signature of `r` by its operator key.
pub fn sign(r: &ReportOf<Test>) -> SignatureOf<Test> {
	r.operator.sign(&FloorIndex::signing_payload(r)).expect("test keys sign")
}

/// The current round.
pub fn round_now() -> u32 {
	FloorIndex::round_of(System::block_number() as u32)
}

/// Dispatch operator `op`'s signed report of `prices` for the current round, as an authorized
/// transaction (the origin `AuthorizeCall` gives after `authorize_report`).
pub fn submit(op: u64, prices: &[(u32, FixedU128)]) {
	let r = report(op, round_now(), prices);
	let sig = sign(&r);
	assert_ok!(FloorIndex::submit_report(
		RuntimeOrigin::from(frame_system::RawOrigin::Authorized),
		r,
		sig
	));
}

/// Move to block `n` (no hooks run).
pub fn go_to(n: u64) {
	System::set_block_number(n);
}

/// The events of this pallet, in order.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::FloorIndex(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The `IndexUpdated` events, in order.
pub fn index_updates() -> Vec<Event<Test>> {
	events()
		.into_iter()
		.filter(|e| matches!(e, Event::IndexUpdated { .. }))
		.collect()
}

/// The invariants hold.
pub fn check() {
	assert_eq!(FloorIndex::do_try_state(), Ok(()));
}
