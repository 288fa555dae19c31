//! The offchain worker, against the test HTTP double and transaction pool of `sp-core`.
//!
//! The double answers every request with status 200 and ignores deadlines, so non-2xx and slow
//! answers cannot be simulated here: those paths are covered by the end-to-end test with a real
//! HTTP server (and the parsing of what a bad answer contains, through `parse_price`, below).

use super::*;
use crate::{ocw::FetchError, Indices};
use codec::Decode;
use frame::deps::sp_core::offchain::{
	testing::{PendingRequest, TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, Timestamp, TransactionPoolExt,
};
use frame::deps::sp_runtime::generic::Preamble;
use frame::deps::sp_runtime::offchain::storage::StorageValueRef;
use frame::deps::sp_runtime::traits::DispatchTransaction;
use frame::deps::sp_runtime::transaction_validity::TransactionSource;
use frame::traits::Authorize;

const C: u32 = 0;
const POINTER: &str = "/data/floor";

/// A test externality with the offchain, offchain DB and transaction pool extensions; the
/// offchain state, and a function draining the pool.
fn ocw_ext() -> (TestState, TestOffchainExt, impl Fn() -> Vec<Vec<u8>>) {
	let mut ext = new_test_ext();
	let (offchain, _state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain.clone()));
	ext.register_extension(TransactionPoolExt::new(pool));
	let drain = move || std::mem::take(&mut pool_state.write().transactions);
	(ext, offchain, drain)
}

/// Expect a GET of `uri` answered with `body`.
fn expect(offchain: &TestOffchainExt, uri: String, body: &[u8]) {
	offchain.0.write().expect_request(PendingRequest {
		method: "GET".into(),
		uri,
		response: Some(body.to_vec()),
		sent: true,
		..Default::default()
	});
}

/// The feed of collection `c`: source `i` is `url(c, i)` at `POINTER` with `decimals[i]`.
fn add_feed_with(c: u32, decimals: &[u8]) {
	let list: Vec<(String, &str, u8)> = decimals
		.iter()
		.enumerate()
		.map(|(i, d)| (url(c, i as u32), POINTER, *d))
		.collect();
	let list: Vec<(&str, &str, u8)> = list.iter().map(|(u, p, d)| (u.as_str(), *p, *d)).collect();
	assert_ok!(FloorIndex::add_feed(RuntimeOrigin::root(), c, sources(&list)));
}

/// `{"data":{"floor":<v>}}`.
fn body(v: &str) -> Vec<u8> {
	format!(r#"{{"data":{{"floor":{v}}}}}"#).into_bytes()
}

/// A valid JSON answer with price `v` (a JSON string), padded to exactly `len` bytes.
fn padded_body(v: &str, len: usize) -> Vec<u8> {
	let head = format!(r#"{{"data":{{"floor":"{v}"}},"pad":""#);
	let tail = r#""}"#;
	let pad = len - head.len() - tail.len();
	let b = format!("{head}{}{tail}", "x".repeat(pad)).into_bytes();
	assert_eq!(b.len(), len);
	assert!(serde_json::from_slice::<serde_json::Value>(&b).is_ok());
	b
}

/// Decode the pool's transactions: each must be a general (authorized) `submit_report`.
fn reports_in(txs: Vec<Vec<u8>>) -> Vec<(ReportOf<Test>, SignatureOf<Test>)> {
	txs.into_iter()
		.map(|tx| {
			let xt = Extrinsic::decode(&mut &*tx).expect("decodes");
			assert!(matches!(xt.preamble, Preamble::General(..)), "an authorized transaction");
			match xt.function {
				RuntimeCall::FloorIndex(crate::Call::submit_report { report, signature }) => {
					(report, signature)
				},
				other => panic!("unexpected call {other:?}"),
			}
		})
		.collect()
}

/// Authorize and include a report as the pool and the block builder would.
fn include(r: ReportOf<Test>, signature: SignatureOf<Test>) {
	let call: RuntimeCall = crate::Call::submit_report { report: r.clone(), signature }.into();
	let (validity, _) = call.authorize(TransactionSource::External).expect("authorizes").unwrap();
	assert_eq!(validity.provides, vec![("FloorIndex", (r.operator.0, r.round)).encode()]);
	assert_eq!(validity.priority, u64::MAX / 2);
	let info = call.get_dispatch_info();
	let len = call.encoded_size();
	let res = frame_system::AuthorizeCall::<Test>::new()
		.dispatch_transaction(RuntimeOrigin::none(), call, &info, len, 0)
		.expect("valid at inclusion");
	assert_ok!(res);
}

fn run(block: u64) {
	go_to(block);
	<FloorIndex as Hooks<u64>>::offchain_worker(block);
}

#[test]
fn happy_path_one_report_moves_the_index() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0, 0, 18]);
		// a decimal number, a numeric string, raw wei
		expect(&offchain, url(C, 0), &body("20.0"));
		expect(&offchain, url(C, 1), &body(r#""21""#));
		expect(&offchain, url(C, 2), &body(r#""25000000000000000000""#));
		run(5);

		let mut txs = reports_in(drain());
		assert_eq!(txs.len(), 1);
		let (r, sig) = txs.pop().unwrap();
		assert_eq!(r, report(1, 1, &[(C, units(21))]));
		// signed over the chain-bound payload (context, genesis hash, report)
		assert_eq!(sig, UintAuthorityId(1).sign(&FloorIndex::signing_payload(&r)).unwrap());
		assert!(r.operator.verify(&FloorIndex::signing_payload(&r), &sig));
		assert!(!r.operator.verify(&r.encode(), &sig));
		// every request was made and answered
		assert!(offchain.0.read().requests.is_empty());

		System::reset_events();
		include(r, sig);
		assert_eq!(
			events(),
			vec![
				Event::IndexUpdated {
					collection: C,
					price: units(21),
					median: units(21),
					clamped: false
				},
				Event::ReportAccepted { operator: 1, round: 1, accepted: 1, rejected: 0 },
			]
		);
		assert_eq!(FloorIndex::current_index(&C), Some((units(21), 5)));
		check();
	});
}

#[test]
fn happy_path_parses_the_answers_exactly() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0, 18]);
		// two sources: the mean of the two
		expect(&offchain, url(C, 0), &body("20.5"));
		expect(&offchain, url(C, 1), &body(r#""21000000000000000001""#));
		run(5);
		let txs = reports_in(drain());
		assert_eq!(txs.len(), 1);
		assert_eq!(txs[0].0.prices.clone().into_inner(), vec![(C, fx(20 * E + 3 * E / 4))]);
		check();
	});
}

/// Sources 0 and 2 answer 20 and 24; source 1 answers `bad`: it is ignored, the median is 22.
fn bad_source_is_ignored(bad: &[u8]) {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0, 0, 0]);
		expect(&offchain, url(C, 0), &body("20"));
		expect(&offchain, url(C, 1), bad);
		expect(&offchain, url(C, 2), &body(r#""24""#));
		run(5);
		let txs = reports_in(drain());
		assert_eq!(txs.len(), 1, "answer {:?}", String::from_utf8_lossy(bad));
		assert_eq!(
			txs[0].0,
			report(1, 1, &[(C, units(22))]),
			"answer {:?}",
			String::from_utf8_lossy(bad)
		);
		check();
	});
}

/// Bad answers of one source (as `(name, body)`).
fn bad_answers() -> Vec<(&'static str, Vec<u8>)> {
	vec![
		("malformed JSON", br#"{"data":{"floor":21"#.to_vec()),
		("not JSON", b"<html>502 Bad Gateway</html>".to_vec()),
		("empty body", b"".to_vec()),
		("not UTF-8", vec![0xff, 0xfe, 0x00]),
		("missing pointer", br#"{"data":{"price":21}}"#.to_vec()),
		("missing parent", br#"{"floor":21}"#.to_vec()),
		("null", body("null")),
		("bool", body("true")),
		("object", body(r#"{"amount":21}"#)),
		("bad string", body(r#""21 ETH""#)),
		("negative number", body("-21")),
		("negative string", body(r#""-21""#)),
		("zero", body("0")),
		("zero string", body(r#""0.0""#)),
		("absurd", body("1000001")),
		("absurd string", body(r#""1000000.000000000000000001""#)),
		("too large", padded_body("21", 1_100)),
		("one byte too large", padded_body("21", 1_025)),
	]
}

#[test]
fn each_bad_answer_is_ignored() {
	for (name, bad) in bad_answers() {
		println!("case: {name}");
		bad_source_is_ignored(&bad);
	}
}

#[test]
fn answers_up_to_the_size_cap_are_read() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0, 0, 0]);
		expect(&offchain, url(C, 0), &body("20"));
		expect(&offchain, url(C, 1), &padded_body("21", 1_024));
		expect(&offchain, url(C, 2), &body("24"));
		run(5);
		let txs = reports_in(drain());
		assert_eq!(txs.len(), 1);
		assert_eq!(txs[0].0, report(1, 1, &[(C, units(21))]));
		check();
	});
}

#[test]
fn all_sources_bad_no_transaction() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0, 0, 0]);
		expect(&offchain, url(C, 0), b"not json");
		expect(&offchain, url(C, 1), &body("0"));
		expect(&offchain, url(C, 2), &padded_body("21", 1_100));
		run(5);
		assert_eq!(drain(), Vec::<Vec<u8>>::new());
		check();
	});
}

#[test]
fn a_feed_without_answers_is_left_out() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(0, &[0]);
		add_feed_with(1, &[0, 0]);
		// requests follow the storage order of the feeds
		for c in crate::Feeds::<Test>::iter_keys() {
			if c == 0 {
				expect(&offchain, url(0, 0), &body("-1"));
			} else {
				expect(&offchain, url(1, 0), &body("30"));
				expect(&offchain, url(1, 1), &body("31"));
			}
		}
		run(5);
		let txs = reports_in(drain());
		assert_eq!(txs.len(), 1);
		assert_eq!(txs[0].0, report(1, 1, &[(1, fx(30 * E + E / 2))]));
		check();
	});
}

#[test]
fn only_on_round_blocks() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0]);
		for b in [1, 4, 6, 9, 11] {
			run(b);
			assert!(offchain.0.read().requests.is_empty(), "block {b}");
			assert_eq!(drain(), Vec::<Vec<u8>>::new(), "block {b}");
		}
		check();
	});
}

#[test]
fn no_operator_key_no_transaction() {
	for (operators, keys) in
		[(vec![1u64], vec![]), (vec![1, 2], vec![3u64]), (vec![], vec![1]), (vec![2], vec![1, 3])]
	{
		let (mut ext, offchain, drain) = ocw_ext();
		ext.execute_with(|| {
			set_operators(&operators);
			UintAuthorityId::set_all_keys(keys.clone());
			add_feed_with(C, &[0]);
			run(5);
			assert!(offchain.0.read().requests.is_empty(), "{operators:?} {keys:?}");
			assert_eq!(drain(), Vec::<Vec<u8>>::new(), "{operators:?} {keys:?}");
			check();
		});
	}
}

#[test]
fn one_report_per_round() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		add_feed_with(C, &[0]);
		expect(&offchain, url(C, 0), &body("20"));
		run(5);
		assert_eq!(reports_in(drain()).len(), 1);
		assert_eq!(
			StorageValueRef::persistent(b"floor-index::last-round").get::<u32>(),
			Ok(Some(1))
		);
		// again in the same block: no request, no transaction (the lock is still held)
		run(5);
		assert!(offchain.0.read().requests.is_empty());
		assert_eq!(drain(), Vec::<Vec<u8>>::new());
		// even with the lock gone (expired, or another process), the round's claim holds
		StorageValueRef::persistent(b"floor-index::lock").clear();
		run(5);
		assert!(offchain.0.read().requests.is_empty());
		assert_eq!(drain(), Vec::<Vec<u8>>::new());
		// the next round reports again
		offchain.0.write().timestamp = Timestamp::from_unix_millis(30_000);
		expect(&offchain, url(C, 0), &body("21"));
		run(10);
		let txs = reports_in(drain());
		assert_eq!(txs.len(), 1);
		assert_eq!(txs[0].0, report(1, 2, &[(C, units(21))]));
		assert_eq!(
			StorageValueRef::persistent(b"floor-index::last-round").get::<u32>(),
			Ok(Some(2))
		);
		check();
	});
}

#[test]
fn one_report_per_local_operator_key() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1, 2]);
		UintAuthorityId::set_all_keys(vec![1u64, 2]);
		add_feed_with(C, &[0]);
		// fetched once, reported by both keys
		expect(&offchain, url(C, 0), &body("20"));
		run(5);
		let txs = reports_in(drain());
		assert_eq!(txs.len(), 2);
		assert_eq!(txs[0].0, report(1, 1, &[(C, units(20))]));
		assert_eq!(txs[1].0, report(2, 1, &[(C, units(20))]));
		System::reset_events();
		for (r, sig) in txs {
			assert_eq!(sig, sign(&r));
			include(r, sig);
		}
		assert_eq!(
			events()
				.into_iter()
				.filter(|e| matches!(e, Event::ReportAccepted { .. }))
				.collect::<Vec<_>>(),
			vec![
				Event::ReportAccepted { operator: 1, round: 1, accepted: 1, rejected: 0 },
				Event::ReportAccepted { operator: 2, round: 1, accepted: 1, rejected: 0 },
			]
		);
		assert_eq!(FloorIndex::current_index(&C), Some((units(20), 5)));
		assert!(Indices::<Test>::contains_key(C));
		check();
	});
}

#[test]
fn only_operator_keys_report() {
	let (mut ext, offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1, 3]);
		UintAuthorityId::set_all_keys(vec![1u64, 2, 3]);
		add_feed_with(C, &[0]);
		expect(&offchain, url(C, 0), &body("20"));
		run(5);
		let ops: Vec<u64> = reports_in(drain()).iter().map(|(r, _)| r.operator.0).collect();
		assert_eq!(ops, vec![1, 3]);
		check();
	});
}

#[test]
fn no_feed_no_transaction() {
	let (mut ext, _offchain, drain) = ocw_ext();
	ext.execute_with(|| {
		set_operators(&[1]);
		UintAuthorityId::set_all_keys(vec![1u64]);
		run(5);
		assert_eq!(drain(), Vec::<Vec<u8>>::new());
		check();
	});
}

// ---- parse_price: what the worker does with an answer ----

#[test]
fn parse_price_reads_the_pointer() {
	new_test_ext().execute_with(|| {
		let p = |body: &[u8], pointer: &str, d: u8| {
			FloorIndex::parse_price(body, pointer.as_bytes(), d)
		};
		// Reservoir's answer: the decimal and the raw wei amount
		let reservoir = br#"{"collection":{"floorAsk":{"price":{"amount":
			{"raw":"20500000000000000000","decimal":20.5}}}}}"#;
		let amount = "/collection/floorAsk/price/amount";
		assert_eq!(p(reservoir, &format!("{amount}/decimal"), 0), Ok(fx(20 * E + E / 2)));
		assert_eq!(p(reservoir, &format!("{amount}/raw"), 18), Ok(fx(20 * E + E / 2)));
		// an array index in the pointer, and the empty pointer (the whole document)
		let items = br#"{"items":[{"floor":"1"},{"floor":"2.5"}]}"#;
		assert_eq!(p(items, "/items/1/floor", 0), Ok(fx(5 * E / 2)));
		assert_eq!(p(b"21", "", 0), Ok(units(21)));
		assert_eq!(p(br#""21""#, "", 0), Ok(units(21)));
		// MaxPrice itself is plausible
		assert_eq!(p(b"1000000", "", 0), Ok(units(1_000_000)));
	});
}

#[test]
fn parse_price_errors() {
	new_test_ext().execute_with(|| {
		let p = |body: &[u8], pointer: &[u8], d: u8| FloorIndex::parse_price(body, pointer, d);
		assert_eq!(p(br#"{"a":1"#, b"/a", 0), Err(FetchError::Malformed));
		assert_eq!(p(b"", b"", 0), Err(FetchError::Malformed));
		assert_eq!(p(b"<html></html>", b"/a", 0), Err(FetchError::Malformed));
		assert_eq!(p(br#"{"a":1}"#, b"/b", 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":1}"#, b"a", 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":1}"#, &[b'/', 0xff], 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":null}"#, b"/a", 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":[1]}"#, b"/a", 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":-1}"#, b"/a", 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":"1e3"}"#, b"/a", 0), Err(FetchError::NoPrice));
		assert_eq!(p(br#"{"a":0}"#, b"/a", 0), Err(FetchError::Implausible));
		assert_eq!(p(br#"{"a":"1"}"#, b"/a", 19), Err(FetchError::Implausible));
		assert_eq!(p(br#"{"a":1000001}"#, b"/a", 0), Err(FetchError::Implausible));
		assert_eq!(
			p(br#"{"a":"1000000000000000000000001"}"#, b"/a", 18),
			Err(FetchError::Implausible)
		);
	});
}
