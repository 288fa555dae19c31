//! Reports: authorization of the signed report transaction, and what its dispatch does.

use super::*;
use crate::{Indices, LastRound};
use frame::deps::sp_runtime::traits::DispatchTransaction;
use frame::deps::sp_runtime::transaction_validity::{
	InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
};
use frame::traits::Authorize;

type AuthorizeResult = Option<Result<(ValidTransaction, Weight), TransactionValidityError>>;

fn call_of(r: ReportOf<Test>, signature: SignatureOf<Test>) -> RuntimeCall {
	crate::Call::submit_report { report: r, signature }.into()
}

/// Authorize `r` signed by its own key.
fn authorize(r: &ReportOf<Test>) -> AuthorizeResult {
	call_of(r.clone(), sign(r)).authorize(TransactionSource::External)
}

fn stale() -> AuthorizeResult {
	Some(Err(InvalidTransaction::Stale.into()))
}

/// The validity of operator `who`'s report of `round`.
fn valid(who: u64, round: u32) -> AuthorizeResult {
	Some(Ok((
		ValidTransaction {
			priority: u64::MAX / 2,
			requires: vec![],
			provides: vec![("FloorIndex", (who, round)).encode()],
			longevity: 10,
			propagate: true,
		},
		Weight::zero(),
	)))
}

/// Include `r` through the `AuthorizeCall` extension (validation at inclusion, then dispatch).
fn include(r: &ReportOf<Test>) -> Result<(), TransactionValidityError> {
	let call = call_of(r.clone(), sign(r));
	let info = call.get_dispatch_info();
	let len = call.encoded_size();
	frame_system::AuthorizeCall::<Test>::new()
		.dispatch_transaction(RuntimeOrigin::none(), call, &info, len, 0)
		.map(|res| {
			res.expect("dispatch succeeds");
		})
}

#[test]
fn valid_report_is_authorized() {
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2]);
		add_feed(0);
		go_to(5);
		let r = report(1, 1, &[(0, units(20))]);
		assert_eq!(authorize(&r), valid(1, 1));
		// the previous round is still accepted; another operator has its own tag
		assert_eq!(authorize(&report(2, 0, &[(0, units(20))])), valid(2, 0));
		// an empty report is valid too (an operator with no price this round)
		assert_eq!(authorize(&report(2, 1, &[])), valid(2, 1));
		// any source
		assert_eq!(call_of(r.clone(), sign(&r)).authorize(TransactionSource::Local), valid(1, 1));
		check();
	});
}

#[test]
fn not_an_operator_is_bad_signer() {
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2]);
		go_to(5);
		assert_eq!(
			authorize(&report(3, 1, &[(0, units(20))])),
			Some(Err(InvalidTransaction::BadSigner.into()))
		);
		// removed from the set: refused from then on
		assert_eq!(authorize(&report(2, 1, &[(0, units(20))])), valid(2, 1));
		set_operators(&[1]);
		assert_eq!(
			authorize(&report(2, 1, &[(0, units(20))])),
			Some(Err(InvalidTransaction::BadSigner.into()))
		);
		check();
	});
}

#[test]
fn wrong_signature_is_bad_proof() {
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2]);
		go_to(5);
		let r = report(1, 1, &[(0, units(20))]);
		let bad_proof = Some(Err(InvalidTransaction::BadProof.into()));
		// signed by another operator's key
		let by_2 = UintAuthorityId(2).sign(&FloorIndex::signing_payload(&r)).unwrap();
		assert_eq!(call_of(r.clone(), by_2).authorize(TransactionSource::External), bad_proof);
		// signature of other content (the price was changed after signing)
		let other = report(1, 1, &[(0, units(2000))]);
		assert_eq!(
			call_of(r.clone(), sign(&other)).authorize(TransactionSource::External),
			bad_proof
		);
		// signature of another round
		let round_0 = report(1, 0, &[(0, units(20))]);
		assert_eq!(call_of(r, sign(&round_0)).authorize(TransactionSource::External), bad_proof);
		check();
	});
}

#[test]
fn a_signature_is_bound_to_the_chain() {
	new_test_ext().execute_with(|| {
		set_operators(&[1]);
		go_to(5);
		let r = report(1, 1, &[(0, units(20))]);
		let bad_proof = Some(Err(InvalidTransaction::BadProof.into()));
		let key = UintAuthorityId(1);
		// the same report signed bare (no context, no chain)
		let bare = key.sign(&r.encode()).unwrap();
		assert_eq!(call_of(r.clone(), bare).authorize(TransactionSource::External), bad_proof);
		// signed for another chain: same key, round and prices, another genesis hash
		let genesis = System::block_hash(0);
		let other_chain = key.sign(&(crate::REPORT_CONTEXT, [7u8; 32], &r).encode()).unwrap();
		assert_ne!(genesis.as_ref(), &[7u8; 32]);
		assert_eq!(
			call_of(r.clone(), other_chain).authorize(TransactionSource::External),
			bad_proof
		);
		// signed for this chain under another context (another pallet's payload)
		let other_context = key.sign(&(b"another/pallet", genesis, &r).encode()).unwrap();
		assert_eq!(
			call_of(r.clone(), other_context).authorize(TransactionSource::External),
			bad_proof
		);
		// the chain's own payload is accepted; a new genesis hash invalidates it
		let here = key.sign(&(crate::REPORT_CONTEXT, genesis, &r).encode()).unwrap();
		assert_eq!(here, sign(&r));
		assert!(call_of(r.clone(), here.clone())
			.authorize(TransactionSource::External)
			.unwrap()
			.is_ok());
		frame_system::BlockHash::<Test>::insert(0, frame::deps::sp_core::H256::repeat_byte(9));
		assert_eq!(call_of(r, here).authorize(TransactionSource::External), bad_proof);
		check();
	});
}

#[test]
fn old_and_future_rounds_are_stale() {
	new_test_ext().execute_with(|| {
		set_operators(&[1]);
		go_to(10); // round 2
		assert_eq!(authorize(&report(1, 2, &[])), valid(1, 2));
		assert_eq!(authorize(&report(1, 1, &[])), valid(1, 1));
		assert_eq!(authorize(&report(1, 0, &[])), stale());
		assert_eq!(authorize(&report(1, 3, &[])), stale());
		assert_eq!(authorize(&report(1, u32::MAX, &[])), stale());
		go_to(14); // still round 2
		assert_eq!(authorize(&report(1, 1, &[])), valid(1, 1));
		assert_eq!(authorize(&report(1, 3, &[])), stale());
		go_to(15); // round 3
		assert_eq!(authorize(&report(1, 1, &[])), stale());
		assert_eq!(authorize(&report(1, 3, &[])), valid(1, 3));
		// staleness is checked before the signer
		assert_eq!(authorize(&report(9, 0, &[])), stale());
		check();
	});
}

#[test]
fn one_report_per_operator_and_round() {
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2]);
		add_feed(0);
		go_to(5);
		let first = report(1, 1, &[(0, units(20))]);
		assert_eq!(authorize(&first), valid(1, 1));
		assert_ok!(include(&first));
		assert_eq!(LastRound::<Test>::get(1), Some(1));
		// the same report again, or another one of the same round: stale
		assert_eq!(authorize(&first), stale());
		assert_eq!(include(&first), Err(InvalidTransaction::Stale.into()));
		assert_eq!(authorize(&report(1, 1, &[(0, units(21))])), stale());
		// an older round too
		assert_eq!(authorize(&report(1, 0, &[(0, units(21))])), stale());
		// other operators are not affected
		assert_eq!(authorize(&report(2, 1, &[(0, units(21))])), valid(2, 1));
		// the next round is open again
		go_to(10);
		assert_eq!(authorize(&report(1, 2, &[(0, units(21))])), valid(1, 2));
		check();
	});
}

#[test]
fn inclusion_rechecks_authorization() {
	new_test_ext().execute_with(|| {
		set_operators(&[1]);
		add_feed(0);
		go_to(5);
		assert_eq!(
			include(&report(3, 1, &[(0, units(20))])),
			Err(InvalidTransaction::BadSigner.into())
		);
		assert_eq!(
			include(&report(1, 2, &[(0, units(20))])),
			Err(InvalidTransaction::Stale.into())
		);
		let r = report(1, 1, &[(0, units(20))]);
		let call = call_of(r.clone(), sign(&report(1, 1, &[(0, units(30))])));
		let info = call.get_dispatch_info();
		assert_eq!(
			frame_system::AuthorizeCall::<Test>::new()
				.dispatch_transaction(RuntimeOrigin::none(), call, &info, 0, 0)
				.map(|_| ()),
			Err(InvalidTransaction::BadProof.into())
		);
		assert_eq!(FloorIndex::current_index(&0), None);
		assert_ok!(include(&r));
		assert_eq!(FloorIndex::current_index(&0), Some((units(20), 5)));
		check();
	});
}

#[test]
fn submit_report_needs_the_authorized_origin() {
	new_test_ext().execute_with(|| {
		set_operators(&[1]);
		add_feed(0);
		let r = report(1, 0, &[(0, units(20))]);
		for origin in [RuntimeOrigin::signed(1), RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(
				FloorIndex::submit_report(origin, r.clone(), sign(&r)),
				DispatchError::BadOrigin
			);
		}
		assert_eq!(LastRound::<Test>::get(1), None);
		check();
	});
}

#[test]
fn submit_report_counts_refused_prices() {
	new_test_ext().execute_with(|| {
		set_operators(&[1]);
		add_feed(0);
		add_feed(1);
		go_to(5);
		let too_high = fx(1_000_000 * E + 1);
		submit(1, &[(0, units(20)), (1, fx(0)), (9, units(5)), (1, too_high)]);
		assert_eq!(
			events(),
			vec![
				Event::FeedAdded { collection: 0, sources: 1 },
				Event::FeedAdded { collection: 1, sources: 1 },
				Event::IndexUpdated {
					collection: 0,
					price: units(20),
					median: units(20),
					clamped: false
				},
				Event::ReportAccepted { operator: 1, round: 1, accepted: 1, rejected: 3 },
			]
		);
		assert_eq!(LastRound::<Test>::get(1), Some(1));
		// only the accepted price reached the oracle
		let reports: Vec<((AccountId, u32), (FixedU128, u32))> =
			REPORTS.with(|r| r.borrow().clone().into_iter().collect());
		assert_eq!(reports, vec![((1, 0), (units(20), 5))]);
		assert_eq!(FloorIndex::current_index(&0), Some((units(20), 5)));
		assert_eq!(FloorIndex::current_index(&1), None);
		assert!(!Indices::<Test>::contains_key(1));
		check();
	});
}

#[test]
fn submit_report_accepts_max_price_and_refreshes_the_index() {
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2]);
		add_feed(0);
		add_feed(1);
		go_to(5);
		System::reset_events();
		submit(1, &[(1, units(1_000_000)), (0, fx(1))]);
		assert_eq!(
			events(),
			vec![
				Event::IndexUpdated {
					collection: 1,
					price: units(1_000_000),
					median: units(1_000_000),
					clamped: false
				},
				Event::IndexUpdated { collection: 0, price: fx(1), median: fx(1), clamped: false },
				Event::ReportAccepted { operator: 1, round: 1, accepted: 2, rejected: 0 },
			]
		);
		assert_eq!(FloorIndex::current_index(&1), Some((units(1_000_000), 5)));
		assert_eq!(FloorIndex::current_index(&0), Some((fx(1), 5)));
		// an empty report is accepted with nothing in it
		System::reset_events();
		submit(2, &[]);
		assert_eq!(
			events(),
			vec![Event::ReportAccepted { operator: 2, round: 1, accepted: 0, rejected: 0 }]
		);
		assert_eq!(LastRound::<Test>::get(2), Some(1));
		check();
	});
}
