use super::*;

#[test]
fn create_market_with_defaults() {
	test(|| {
		let id = create_ocelot_market(MarketParams::default());
		assert_eq!(id, 0);
		let m = market(0);
		assert_eq!(m.collection, OCELOTS);
		assert_eq!(m.params.initial_margin, Perbill::from_percent(10));
		assert_eq!(m.params.maintenance_margin, Perbill::from_parts(62_500_000));
		assert_eq!(m.params.liquidation_fee, Perbill::from_parts(12_500_000));
		assert_eq!(m.params.partial_liquidation_ratio, Perbill::from_percent(25));
		assert_eq!(m.params.trading_fee, Perbill::from_parts(1_000_000));
		assert_eq!(m.params.funding_period, 1_800);
		assert_eq!(m.params.max_funding_premium_per_day, Perbill::from_percent(10));
		assert_eq!(m.params.max_price_move, Perbill::from_percent(10));
		assert_eq!(m.next_funding_block, 1 + 1_800);
		assert_eq!(MarketByCollection::<Test>::get(OCELOTS), Some(0));
		assert_eq!(NextMarketId::<Test>::get(), 1);
		use crate::VammInterface;
		assert_eq!(<Vamm as VammInterface>::mark_price(0).unwrap(), price(100));
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::MarketCreated { market: 0, collection: OCELOTS, .. })));
	});
}

#[test]
fn one_market_per_collection_and_governance_only() {
	test(|| {
		create_ocelot_market(MarketParams::default());
		assert_noop!(
			FloorPerp::create_market(
				RuntimeOrigin::root(),
				OCELOTS,
				ONE,
				ONE,
				MarketParams::default()
			),
			Error::<Test>::CollectionHasMarket
		);
		assert_noop!(
			FloorPerp::create_market(
				RuntimeOrigin::signed(ALICE),
				8,
				ONE,
				ONE,
				MarketParams::default()
			),
			BadOrigin
		);
		assert_noop!(
			FloorPerp::set_market_params(RuntimeOrigin::signed(ALICE), 0, MarketParams::default()),
			BadOrigin
		);
		assert_noop!(
			FloorPerp::create_market(RuntimeOrigin::root(), 8, 0, ONE, MarketParams::default()),
			Error::<Test>::ZeroReserves
		);
		assert_noop!(
			FloorPerp::set_market_params(RuntimeOrigin::root(), 5, MarketParams::default()),
			Error::<Test>::MarketNotFound
		);
	});
}

#[test]
fn a_collection_whose_roles_could_hurt_the_escrow_gets_no_market() {
	test(|| {
		for (risk, error) in [
			(CollectionRisk::Unknown, Error::<Test>::UnknownCollection),
			(CollectionRisk::OwnerNotCeded, Error::<Test>::CollectionOwnerNotCeded),
			(CollectionRisk::RoleNotCeded, Error::<Test>::CollectionRoleNotCeded),
			(CollectionRisk::ItemsNotTransferable, Error::<Test>::CollectionNotTransferable),
			(CollectionRisk::SupplyNotLocked, Error::<Test>::CollectionSupplyNotLocked),
		] {
			crate::mock::RISKY.with(|r| r.borrow_mut().insert(OCELOTS, risk));
			assert_noop!(
				FloorPerp::create_market(
					RuntimeOrigin::root(),
					OCELOTS,
					ONE,
					ONE,
					MarketParams::default()
				),
				error
			);
		}
		// once governance has made it safe, the market is created
		crate::mock::RISKY.with(|r| r.borrow_mut().clear());
		assert_ok!(FloorPerp::create_market(
			RuntimeOrigin::root(),
			OCELOTS,
			ONE,
			ONE,
			MarketParams::default()
		));
	});
}

#[test]
fn too_many_markets() {
	test(|| {
		for c in 0..8u32 {
			assert_ok!(FloorPerp::create_market(
				RuntimeOrigin::root(),
				c,
				ONE,
				ONE,
				MarketParams::default()
			));
		}
		assert_noop!(
			FloorPerp::create_market(RuntimeOrigin::root(), 100, ONE, ONE, MarketParams::default()),
			Error::<Test>::TooManyMarkets
		);
	});
}

#[test]
fn parameter_validation_each_error() {
	test(|| {
		create_ocelot_market(MarketParams::default());
		let d = MarketParams::default();
		let cases: Vec<(MarketParams, Error<Test>)> = vec![
			(
				MarketParams { initial_margin: Perbill::zero(), ..d },
				Error::<Test>::ZeroInitialMargin,
			),
			(
				MarketParams { maintenance_margin: Perbill::zero(), ..d },
				Error::<Test>::ZeroMaintenanceMargin,
			),
			(
				MarketParams { maintenance_margin: Perbill::from_percent(10), ..d },
				Error::<Test>::MaintenanceNotBelowInitial,
			),
			(
				MarketParams { liquidation_fee: Perbill::from_percent(7), ..d },
				Error::<Test>::LiquidationFeeTooHigh,
			),
			(MarketParams { trading_fee: Perbill::one(), ..d }, Error::<Test>::TradingFeeTooHigh),
			(
				MarketParams { partial_liquidation_ratio: Perbill::zero(), ..d },
				Error::<Test>::ZeroPartialLiquidationRatio,
			),
			(MarketParams { funding_period: 0, ..d }, Error::<Test>::ZeroFundingPeriod),
			(
				MarketParams { max_funding_premium_per_day: Perbill::zero(), ..d },
				Error::<Test>::ZeroFundingPremiumCap,
			),
			(MarketParams { max_open_interest: 0, ..d }, Error::<Test>::ZeroMaxOpenInterest),
			(
				MarketParams { max_position: d.max_open_interest + 1, ..d },
				Error::<Test>::InvalidMaxPosition,
			),
			(MarketParams { min_trade_size: 0, ..d }, Error::<Test>::InvalidMinTradeSize),
			(
				MarketParams { max_price_move: Perbill::zero(), ..d },
				Error::<Test>::ZeroMaxPriceMove,
			),
			(MarketParams { max_index_age: 0, ..d }, Error::<Test>::ZeroMaxIndexAge),
			(MarketParams { auction_duration: 0, ..d }, Error::<Test>::ZeroAuctionDuration),
			(
				MarketParams { auction_reserve_ratio: Perbill::zero(), ..d },
				Error::<Test>::ZeroAuctionReserve,
			),
		];
		for (p, e) in cases {
			let e: DispatchError = e.into();
			assert_noop!(FloorPerp::set_market_params(RuntimeOrigin::root(), 0, p), e);
			assert_noop!(FloorPerp::create_market(RuntimeOrigin::root(), 1, ONE, ONE, p), e);
		}
		let p = MarketParams { trading_fee: Perbill::from_parts(2_000_000), ..d };
		assert_ok!(FloorPerp::set_market_params(RuntimeOrigin::root(), 0, p));
		assert_eq!(market(0).params, p);
		assert!(events().contains(&Event::MarketParamsSet { market: 0, params: p }));
	});
}
