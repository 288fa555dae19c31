use super::*;

const SIZE: u128 = 9_090_909_090_909_090_909;

/// Alice long 10x (cash 100, notional 1000), then Bob shorts `push` of quote: the mark falls.
fn underwater(push: u128) {
	create_ocelot_market(seed_params());
	deposit(ALICE, 101 * ONE);
	long_quote(ALICE, 1_000 * ONE);
	next_block();
	deposit(BOB, 10_000 * ONE);
	short_quote(BOB, push * ONE);
	// the floor fell with the mark
	set_index(OCELOTS, mark());
}

fn liquidated_event() -> Event<Test> {
	events()
		.into_iter()
		.rev()
		.find(|e| matches!(e, Event::Liquidated { .. }))
		.expect("liquidated")
}

#[test]
fn healthy_positions_are_not_liquidated() {
	test(|| {
		underwater(50); // ratio ~9.2%
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::NotLiquidatable
		);
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, CHARLIE),
			Error::<Test>::NoPosition
		);
	});
}

#[test]
fn partial_liquidation_restores_maintenance() {
	test(|| {
		underwater(250); // ratio ~5.96% < 6.25%; after 25% closed ~7.7%
		let fund_before = market(0).insurance_fund;
		let info = FloorPerp::position_info(0, &ALICE).unwrap();
		assert!(info.liquidatable);
		assert!(info.margin_ratio.unwrap() < FixedI128::from_rational(625, 10_000));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		let Event::Liquidated {
			full,
			closed,
			remaining_size,
			keeper_fee,
			fund_fee,
			quote,
			keeper,
			bad_debt,
			..
		} = liquidated_event()
		else {
			unreachable!()
		};
		assert!(!full);
		assert_eq!(keeper, Some(KEEPER));
		assert_eq!(closed, 2_272_727_272_727_272_727); // 25% of the size, rounded down
		assert_eq!(remaining_size, (SIZE - closed) as i128);
		assert_eq!(size(ALICE), remaining_size);
		let fee = Perbill::from_parts(12_500_000).mul_ceil(quote);
		assert_eq!(keeper_fee + fund_fee, fee);
		assert_eq!(keeper_fee, fee / 2);
		assert_eq!(bad_debt, 0);
		assert_eq!(account(0, KEEPER).cash, keeper_fee);
		assert_eq!(market(0).insurance_fund, fund_before + fund_fee);
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		// the keeper may withdraw its fee
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(KEEPER), 0, keeper_fee));
	});
}

#[test]
fn full_liquidation_when_partial_is_not_enough() {
	test(|| {
		underwater(350); // ratio ~4.3%; after 25% ~5.4%
				   // the floor goes on falling (to 99): the whole close fits in the band below the index
		set_index(OCELOTS, price(99));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		let Event::Liquidated { full, closed, remaining_size, bad_debt, .. } = liquidated_event()
		else {
			unreachable!()
		};
		assert!(full);
		assert_eq!(closed, SIZE);
		assert_eq!(remaining_size, 0);
		assert_eq!(bad_debt, 0);
		assert_eq!(size(ALICE), 0);
		// what is left of her cash is hers
		assert!(account(0, ALICE).cash > 0);
	});
}

/// Without an index a cash position is still liquidated: its health is read at the worse of
/// the mark and the mark's TWAP (here the TWAP of the last blocks, above the mark).
#[test]
fn cash_liquidation_without_an_index_reads_the_mark_twap() {
	test(|| {
		underwater(350);
		clear_index(OCELOTS);
		assert!(FloorPerp::fresh_index(&market(0)).is_none());
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		next_block();
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::Liquidated { who: ALICE, keeper: None, .. })));
		assert!(size(ALICE) < SIZE as i128);
	});
}

/// The sweep and the extrinsic give the same result (the sweep's fee all goes to the fund).
#[test]
fn sweep_matches_the_extrinsic() {
	let run = |by_keeper: bool| {
		let mut out = None;
		new_test_ext().execute_with(|| {
			underwater(250);
			if by_keeper {
				assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
			} else {
				next_block();
			}
			let Event::Liquidated {
				closed,
				quote,
				keeper_fee,
				fund_fee,
				remaining_size,
				realised_pnl,
				keeper,
				..
			} = liquidated_event()
			else {
				unreachable!()
			};
			check_invariants();
			out = Some((
				closed,
				quote,
				keeper_fee + fund_fee,
				remaining_size,
				realised_pnl,
				keeper,
				keeper_fee,
				account(0, ALICE),
			));
		});
		out.unwrap()
	};
	let a = run(true);
	let b = run(false);
	assert_eq!((a.0, a.1, a.2, a.3, a.4), (b.0, b.1, b.2, b.3, b.4));
	assert_eq!(a.7, b.7);
	assert_eq!(a.5, Some(KEEPER));
	assert_eq!(b.5, None);
	assert_eq!(b.6, 0);
}

#[test]
fn sweep_is_bounded_by_the_budget_and_resumes() {
	test(|| {
		create_ocelot_market(seed_params());
		for who in [CHARLIE, DAVE, KEEPER] {
			deposit(who, 100 * ONE);
		}
		underwater_no_create();
		LiquidationBudget::set(1);
		// 5 accounts: the sweep sees one per block, the cursor moves on and wraps around
		let mut liquidated_at = None;
		for _ in 0..6 {
			next_block();
			if size(ALICE) != SIZE as i128 {
				liquidated_at = Some(System::block_number());
				break;
			}
		}
		assert!(liquidated_at.is_some());
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::Liquidated { who: ALICE, keeper: None, .. })));
	});
}

fn underwater_no_create() {
	deposit(ALICE, 101 * ONE);
	long_quote(ALICE, 1_000 * ONE);
	next_block();
	deposit(BOB, 10_000 * ONE);
	short_quote(BOB, 250 * ONE);
}

#[test]
fn liquidation_weight_is_accounted() {
	test(|| {
		underwater(250);
		let now = System::block_number() + 1;
		System::set_block_number(now);
		let w = FloorPerp::on_initialize(now);
		use crate::WeightInfo;
		assert_eq!(
			w,
			<() as WeightInfo>::on_initialize_funding(1)
				.saturating_add(<() as WeightInfo>::on_initialize_in_kind(0))
				.saturating_add(<() as WeightInfo>::on_initialize_auctions(0))
				.saturating_add(<() as WeightInfo>::on_initialize_sweep(2))
				// the liquidation at its own measured weight (a cash position)
				.saturating_add(<() as WeightInfo>::liquidate())
		);
	});
}

/// What a block leaves unused clears what `on_initialize`'s page has not reached: the sweep
/// goes on in `on_idle` from its cursor, never past the weight it is given, and does nothing
/// when the heaviest liquidation would not fit beside its examinations.
#[test]
fn the_idle_sweep_liquidates_with_what_the_block_leaves() {
	use crate::WeightInfo;
	test(|| {
		create_ocelot_market(seed_params());
		underwater_no_create();
		IdleSweepWeight::set(Weight::MAX);
		let now = System::block_number();
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		let heaviest = <() as WeightInfo>::liquidate_nft(
			<<Test as Config>::MaxNftsPerAccount as Get<u32>>::get(),
		);
		let examination = <() as WeightInfo>::on_initialize_sweep(1);
		// too little left for one examination and the heaviest liquidation: nothing at all
		let tight = heaviest.saturating_add(examination).saturating_sub(Weight::from_parts(1, 0));
		assert_eq!(FloorPerp::on_idle(now, tight), Weight::zero());
		assert_eq!(size(ALICE), SIZE as i128);
		// the governance cap applies whatever the block leaves
		IdleSweepWeight::set(Weight::zero());
		assert_eq!(FloorPerp::on_idle(now, Weight::MAX), Weight::zero());
		assert_eq!(size(ALICE), SIZE as i128);
		// room: Alice is liquidated by the chain, within the weight given
		IdleSweepWeight::set(Weight::MAX);
		let limit = Weight::from_parts(1_000_000_000_000, 10 * 1024 * 1024);
		let used = FloorPerp::on_idle(now, limit);
		assert!(used.all_lte(limit), "{used:?} > {limit:?}");
		assert!(used.all_gte(<() as WeightInfo>::liquidate()));
		assert!(size(ALICE) != SIZE as i128);
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::Liquidated { who: ALICE, keeper: None, .. })));
	});
}

/// While the idle sweep finds nothing to liquidate it stays within `IdleSweepWeight`; after a
/// crash one `on_idle` clears every liquidatable account, within what the block left (that
/// the second pass takes more than the cap is shown on the runtime: `runtime/tests/scaling.rs`).
#[test]
fn the_idle_sweep_stays_within_its_cap_until_it_liquidates() {
	use crate::WeightInfo;
	test(|| {
		create_ocelot_market(seed_params());
		let shorts = [ALICE, CHARLIE, DAVE];
		for who in shorts {
			deposit(who, 15 * ONE);
			short_quote(who, 100 * ONE);
			set_index(OCELOTS, mark());
			next_block();
		}
		deposit(BOB, 10_000 * ONE);
		let heaviest = <() as WeightInfo>::liquidate_nft(
			<<Test as Config>::MaxNftsPerAccount as Get<u32>>::get(),
		);
		// room for one examination and one liquidation beside it, no more
		let calm = <() as WeightInfo>::on_initialize_sweep(1).saturating_add(heaviest);
		IdleSweepWeight::set(calm);
		let now = System::block_number();
		let plenty = Weight::from_parts(1_000_000_000_000, 10 * 1024 * 1024);
		// healthy: a calm pass only
		let used = FloorPerp::on_idle(now, plenty);
		assert!(used.all_lte(calm), "{used:?} > {calm:?}");
		// the floor rises: every short is liquidatable
		long_quote(BOB, 800 * ONE);
		set_index(OCELOTS, mark());
		for who in shorts {
			assert!(FloorPerp::is_liquidatable(0, &account(0, who)), "{who} liquidatable");
		}
		// without a calm pass there is no second one either
		IdleSweepWeight::set(Weight::zero());
		assert_eq!(FloorPerp::on_idle(now, plenty), Weight::zero());
		IdleSweepWeight::set(calm);
		let used = FloorPerp::on_idle(now, plenty);
		assert!(used.all_lte(plenty));
		// every one of them liquidated in this block (one partly: its second liquidation in
		// the same block would take the mark outside the band and waits, reported)
		for who in shorts {
			assert!(
				events()
					.iter()
					.any(|e| matches!(e, Event::Liquidated { who: w, .. } if *w == who)),
				"{who} liquidated"
			);
		}
		assert!(events().iter().all(|e| !matches!(e, Event::LiquidationFailed { error, .. }
			if *error != Error::<Test>::LiquidationOutsideBand.into())));
	});
}
