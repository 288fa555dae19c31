//! Random sequences of deposits, withdrawals, trades, index moves, waits (funding) and
//! liquidations: after every step try_state holds and no value is created or lost (the vault
//! holds exactly Σ cash + insurance funds + floats, and with the users' balances sums to the
//! initial supply).

use super::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Deposit(usize, u128),
	Withdraw(usize, u128),
	Open(usize, bool, bool, u128),
	Close(usize, Option<u128>),
	Index(u128),
	Wait(u64),
	Liquidate(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0..4usize, 1..2_000u128).prop_map(|(w, a)| Op::Deposit(w, a * ONE / 10)),
		(0..4usize, 1..2_000u128).prop_map(|(w, a)| Op::Withdraw(w, a * ONE / 10)),
		(0..4usize, any::<bool>(), any::<bool>(), 1..400u128).prop_map(|(w, l, b, a)| Op::Open(
			w,
			l,
			b,
			if b { a * ONE / 20 } else { a * ONE * 5 }
		)),
		(0..4usize, proptest::option::of(1..100u128))
			.prop_map(|(w, s)| Op::Close(w, s.map(|s| s * ONE / 10))),
		(60..160u128).prop_map(Op::Index),
		prop_oneof![1..5u64, 1_700..2_000u64].prop_map(Op::Wait),
		(0..5usize, 0..4usize).prop_map(|(k, w)| Op::Liquidate(k, w)),
	]
}

const WHO: [AccountId; 5] = [ALICE, BOB, CHARLIE, DAVE, KEEPER];

fn apply(op: &Op) {
	let o = |i: usize| RuntimeOrigin::signed(WHO[i]);
	let _ = match *op {
		Op::Deposit(w, a) => FloorPerp::deposit(o(w), 0, a),
		Op::Withdraw(w, a) => FloorPerp::withdraw(o(w), 0, a),
		Op::Open(w, long, base, a) => FloorPerp::open_position(
			o(w),
			0,
			if long { Direction::Long } else { Direction::Short },
			if base { TradeAmount::Base(a) } else { TradeAmount::Quote(a) },
			if long == base { u128::MAX } else { 0 },
		),
		Op::Close(w, s) => {
			let limit = if size(WHO[w]) > 0 { 0 } else { u128::MAX };
			FloorPerp::close_position(o(w), 0, s, limit)
		},
		Op::Index(p) => {
			set_index(OCELOTS, price(p));
			Ok(())
		},
		Op::Wait(n) => {
			// keep the index fresh most of the time
			let target = System::block_number() + n;
			if n < 1_800 {
				set_index(
					OCELOTS,
					INDEX.with(|i| i.borrow().get(&OCELOTS).map(|p| p.0)).unwrap_or(price(100)),
				);
			}
			// jump (the hook sees missed boundaries at once), then run one block
			System::set_block_number(target - 1);
			run_to_block(target);
			Ok(())
		},
		Op::Liquidate(k, w) => FloorPerp::liquidate(o(k), 0, WHO[w]),
	};
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]
	#[test]
	fn no_value_created_or_lost(ops in proptest::collection::vec(op(), 1..40), small_fund in any::<bool>()) {
		new_test_ext().execute_with(|| {
			let p = MarketParams {
				max_price_move: Perbill::from_percent(if small_fund { 100 } else { 20 }),
				..Default::default()
			};
			create_ocelot_market(p);
			for op in &ops {
				apply(op);
				check_invariants();
				// accounts never hold more than the vault
				let m = market(0);
				assert!(m.totals.cash <= weth(&FloorPerp::vault()));
			}
			// everybody closes and withdraws: what is left in the vault is the fund, the float
			// and the unsettled claims' backing; no value was created
			for (i, w) in WHO.iter().enumerate() {
				if size(*w) != 0 {
					let _ = FloorPerp::close_position(RuntimeOrigin::signed(*w), 0, None, 0);
					let _ = FloorPerp::close_position(RuntimeOrigin::signed(*w), 0, None, u128::MAX);
				}
				let c = account(0, *w).cash;
				if c > 0 {
					let _ = FloorPerp::withdraw(RuntimeOrigin::signed(WHO[i]), 0, c);
				}
				check_invariants();
			}
		});
	}
}
