use super::*;

const SIZE: u128 = 9_090_909_090_909_090_909;
/// Premium clamped at 10%/day of index 80 = 8 per unit per day; one hour of 24: 1/3.
const RATE: i128 = 333_333_333_333_333_333;

/// Alice long, Bob short the same size; the pool is back at mark 100.
fn balanced() {
	create_ocelot_market(no_fee_params());
	deposit(ALICE, 1_000 * ONE);
	long_quote(ALICE, 1_000 * ONE);
	deposit(BOB, 1_000 * ONE);
	assert_ok!(trade_following(BOB, Direction::Short, TradeAmount::Base(SIZE), 0));
	assert_eq!(FloorPerp::market_info(0).unwrap().mark_price, price(100));
}

#[test]
fn longs_pay_shorts_receive_balanced() {
	test(|| {
		balanced();
		set_index(OCELOTS, price(80));
		run_to_block(1_801);
		let m = market(0);
		assert_eq!(m.last_funding_rate, RATE);
		assert_eq!(m.cumulative_funding_long, RATE);
		assert_eq!(m.cumulative_funding_short, RATE);
		assert_eq!(m.next_funding_block, 3_601);
		assert!(events().iter().any(|e| matches!(
			e,
			Event::FundingUpdated { periods: 1, rate: RATE, fund_delta: 0, .. }
		)));
		// owed shows in the API before settlement
		assert_eq!(
			FloorPerp::position_info(0, &ALICE).unwrap().funding_owed,
			3_030_303_030_303_030_300
		);
		assert_eq!(
			FloorPerp::position_info(0, &BOB).unwrap().funding_owed,
			-3_030_303_030_303_030_299
		);
		// Bob touches first: the float is empty, his funding waits as unsettled profit
		deposit(BOB, 1);
		assert_eq!(account(0, BOB).unsettled_profit, 3_030_303_030_303_030_299);
		// Alice pays (rounded up) into the float
		deposit(ALICE, 1);
		assert_eq!(account(0, ALICE).cash, 1_000 * ONE + 1 - 3_030_303_030_303_030_300);
		assert!(events().contains(&Event::FundingSettled {
			market: 0,
			who: ALICE,
			amount: 3_030_303_030_303_030_300
		}));
		// Bob is paid on his next touch; one unit of rounding stays in the float
		deposit(BOB, 1);
		let b = account(0, BOB);
		assert_eq!(b.unsettled_profit, 0);
		assert_eq!(b.cash, 1_000 * ONE + 2 + 3_030_303_030_303_030_299);
		assert_eq!(market(0).float, 1);
	});
}

#[test]
fn negative_premium_shorts_pay() {
	test(|| {
		balanced();
		set_index(OCELOTS, price(120));
		run_to_block(1_801);
		// premium -20 clamped at -12 (10% of 120): -12 * 1/24 = -0.5
		assert_eq!(market(0).last_funding_rate, -(ONE as i128) / 2);
		deposit(BOB, 1);
		deposit(ALICE, 1);
		assert_eq!(account(0, BOB).cash, 1_000 * ONE + 1 - (SIZE / 2 + 1));
		assert_eq!(account(0, ALICE).cash, 1_000 * ONE + 1 + SIZE / 2);
	});
}

#[test]
fn imbalance_goes_to_the_insurance_fund() {
	test(|| {
		create_ocelot_market(no_fee_params());
		deposit(ALICE, 1_000 * ONE);
		long_quote(ALICE, 1_000 * ONE);
		set_index(OCELOTS, price(80));
		run_to_block(1_801);
		// net long: the vAMM (insurance fund) receives what Alice pays
		let share = (SIZE * RATE as u128) / ONE;
		let m = market(0);
		assert_eq!(m.funding_receivable, share);
		assert_eq!(m.insurance_fund, 0);
		deposit(ALICE, 1);
		let m = market(0);
		assert_eq!(m.insurance_fund, share);
		assert_eq!(m.funding_receivable, 0);
		assert_eq!(m.float, 1); // rounding of Alice's payment
	});
}

#[test]
fn fund_pays_the_imbalance_capped() {
	test(|| {
		create_ocelot_market(seed_params()); // fee 0.1%: the fund holds 1 after Bob's trade
		deposit(BOB, 1_000 * ONE);
		short_quote(BOB, 1_000 * ONE);
		assert_eq!(market(0).insurance_fund, ONE);
		// mark ~81, index 50: longs pay (none); shorts would receive 5/24 per unit
		set_index(OCELOTS, price(50));
		run_to_block(1_801);
		let m = market(0);
		assert_eq!(m.insurance_fund, 0);
		assert_eq!(m.float, ONE);
		let oi = m.totals.open_interest_short;
		// shorts receive what the fund could pay: 1 / OI per unit (rounded down)
		assert_eq!(m.cumulative_funding_short, (ONE * ONE / oi) as i128);
		deposit(BOB, 1);
		let b = account(0, BOB);
		// 999 + 1 wei + what the fund paid (1, minus per-unit rounding)
		assert!(b.cash <= 1_000 * ONE + 1);
		assert!(b.cash >= 1_000 * ONE - 100);
	});
}

#[test]
fn missed_boundaries_are_caught_up() {
	test(|| {
		balanced();
		set_index_at(OCELOTS, price(80), 1_000);
		// the chain stalls until block 1_801 + 3 * 1_800 + 5: four boundaries passed
		let now = 1_801 + 3 * 1_800 + 5;
		System::set_block_number(now);
		set_index(OCELOTS, price(80));
		FloorPerp::on_initialize(now);
		let m = market(0);
		assert_eq!(m.last_funding_rate, 4 * RATE + 1); // 8 * 7200 / 43200 = 1.333...333
		assert_eq!(m.cumulative_funding_long, 1_333_333_333_333_333_333);
		assert_eq!(m.next_funding_block, 1_801 + 4 * 1_800);
		assert!(events().iter().any(|e| matches!(e, Event::FundingUpdated { periods: 4, .. })));
		deposit(ALICE, 1);
		assert_eq!(account(0, ALICE).cash, 1_000 * ONE + 1 - 12_121_212_121_212_121_209);
	});
}

#[test]
fn stale_or_missing_index_skips_funding() {
	test(|| {
		balanced();
		set_index_at(OCELOTS, price(80), 0);
		run_to_block(1_801);
		assert!(events().contains(&Event::FundingSkipped {
			market: 0,
			periods: 1,
			reason: FundingSkipReason::StaleIndex
		}));
		assert_eq!(market(0).cumulative_funding_long, 0);
		assert_eq!(market(0).next_funding_block, 3_601);
		clear_index(OCELOTS);
		run_to_block(3_601);
		assert!(events().contains(&Event::FundingSkipped {
			market: 0,
			periods: 1,
			reason: FundingSkipReason::NoIndex
		}));
	});
}

#[test]
fn funding_is_independent_of_the_number_of_positions() {
	test(|| {
		create_ocelot_market(no_fee_params());
		for who in [ALICE, BOB, CHARLIE, DAVE] {
			deposit(who, 100 * ONE);
			assert_ok!(trade_following(
				who,
				Direction::Long,
				TradeAmount::Base(ONE / 10),
				u128::MAX
			));
		}
		set_index(OCELOTS, price(80));
		System::set_block_number(1_801);
		let w = FloorPerp::on_initialize(1_801);
		// one market, and the sweep over 4 healthy accounts
		assert_eq!(
			w,
			<() as crate::WeightInfo>::on_initialize_funding(1)
				.saturating_add(<() as crate::WeightInfo>::on_initialize_in_kind(0))
				.saturating_add(<() as crate::WeightInfo>::on_initialize_auctions(0))
				.saturating_add(<() as crate::WeightInfo>::on_initialize_sweep(4))
		);
	});
}
