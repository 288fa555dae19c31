use super::*;

#[test]
fn market_view() {
	test(|| {
		create_ocelot_market(seed_params());
		deposit(ALICE, 101 * ONE);
		long_quote(ALICE, 1_000 * ONE);
		let i = FloorPerp::market_info(0).unwrap();
		assert_eq!(i.collection, OCELOTS);
		assert_eq!(i.mark_price.into_inner(), 120_999_999_999_999_999_999);
		// the floor followed the seed's trade (`follow_floor`)
		assert_eq!(i.index_price, Some(i.mark_price));
		assert!(i.index_fresh);
		assert_eq!(i.open_interest_long, 9_090_909_090_909_090_909);
		assert_eq!(i.net_base, 9_090_909_090_909_090_909);
		assert_eq!(i.insurance_fund, ONE);
		assert_eq!(i.next_funding_block, 1_801);
		assert!(FloorPerp::market_info(1).is_none());
	});
}

#[test]
fn position_view() {
	test(|| {
		create_ocelot_market(no_fee_params());
		deposit(BOB, 1_000 * ONE);
		short_quote(BOB, 1_000 * ONE);
		deposit(ALICE, 200 * ONE);
		long_quote(ALICE, 1_000 * ONE);
		let p = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!(p.cash, 200 * ONE);
		assert_eq!(p.nft_count, 0);
		assert_eq!(p.open_notional, 1_000 * ONE);
		assert_eq!(p.unrealised_pnl, p.position_notional as i128 - 1_000 * ONE as i128);
		assert_eq!(p.funding_owed, 0);
		let r = p.margin_ratio.unwrap();
		assert!(r > FixedI128::from_rational(19, 100) && r < FixedI128::from_rational(21, 100));
		// long 11.11 @ 90: p = (1000 - 200) / (11.11 * 0.9375) ≈ 76.8
		let lp = p.liquidation_price.unwrap();
		assert!(lp > price(76) && lp < price(77));
		assert!(!p.liquidatable);
		assert!(FloorPerp::position_info(0, &CHARLIE).is_none());
	});
}

#[test]
fn trade_preview_matches_the_trade() {
	test(|| {
		create_ocelot_market(seed_params());
		let q =
			FloorPerp::trade_quote(0, Direction::Long, TradeAmount::Quote(1_000 * ONE)).unwrap();
		assert_eq!(q.base, 9_090_909_090_909_090_909);
		assert_eq!(q.amount_out, q.base);
		assert_eq!(q.quote, 1_000 * ONE);
		assert_eq!(q.fee, ONE);
		assert_eq!(q.mark_price, price(100));
		// average 110.000000000000000011 vs mark 100: impact 10%
		assert!(
			q.price_impact > FixedU128::from_rational(99, 1000)
				&& q.price_impact < FixedU128::from_rational(101, 1000)
		);
		deposit(ALICE, 101 * ONE);
		long_quote(ALICE, 1_000 * ONE);
		assert_eq!(size(ALICE), q.base as i128);
	});
}

/// An NFT-backed short's view: no mark-based margin ratio, and its liquidation price is the
/// index at which `|q|·i = c + n·i`, i.e. `c / (|q| − n)`; none while its NFTs alone cover it.
#[test]
fn nft_short_view_shows_the_index_threshold() {
	test(|| {
		create_floor20_market(no_fee_params());
		escrow_nfts(ALICE, [1, 2]);
		short_base(ALICE, 2 * ONE);
		let v = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!(v.margin_ratio, None);
		assert_eq!(v.liquidation_price, None, "two NFTs cover two perps at any index");
		// 5 WETH of cash lets her sell a quarter perp more: liquidated at index 5 / 0.25 = 20
		deposit(ALICE, 5 * ONE);
		short_base(ALICE, ONE / 4);
		let v = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!(v.liquidation_price, Some(FixedU128::from_u32(20)));
		assert_eq!(v.nft_cover_value, Some(45 * ONE), "5 + 2 · 20");
		assert_eq!(v.nft_liability, Some(45 * ONE), "2.25 · 20");
		assert!(!v.liquidatable);
	});
}
