//! NFT-backed shorts: the Ocelot seed (lock 10 NFTs, sell 10 perps without cash margin, buy
//! back after the floor fell, take the NFTs home), the index cover on opening, the advance of
//! the sale proceeds from the float, and losses beyond cash.
//!
//! Pool of the floor-20 market: B = 1_000 perps, Q = 20_000 WETH, k = 2·10^43 (raw units).
//! Selling 10 perps: B' = 1_010, Q' = ceil(k / 1_010e18) = 19_801.980198019801980199,
//! proceeds Q − Q' = 198.019801980198019801 (≈ 200 minus 1% slippage).

use super::*;

/// Alice's proceeds from selling 10 perps to the fresh floor-20 pool.
const PROCEEDS_10: u128 = 198_019_801_980_198_019_801;

#[test]
fn ocelot_seed_hedge_and_buy_back() {
	test(|| {
		create_floor20_market(no_fee_params());
		escrow_nfts(ALICE, 1..=10);
		assert_eq!(account(0, ALICE).cash, 0);
		// no cash margin: ten NFTs cover ten perps at the index
		short_base(ALICE, 10 * ONE);
		let a = account(0, ALICE);
		assert_eq!(a.position.size, -10 * ONE as i128);
		assert_eq!(a.position.open_notional, PROCEEDS_10);
		assert_eq!(a.cash, 0);
		assert_eq!(a.unsettled_profit, 0);
		assert!(a.is_nft_short());
		assert!(events().iter().any(|e| matches!(e, Event::PositionChanged {
			who: ALICE, side: Direction::Short, base, quote: PROCEEDS_10, new_size, fee: 0, cash: 0, mark_price, ..
		} if *base == 10 * ONE && *new_size == -10 * ONE as i128
			&& mark_price.into_inner() == 19_605_920_988_138_417_802)));
		// the float is empty: nothing can be advanced yet
		assert_eq!(count_events(|e| matches!(e, Event::ProceedsAdvanced { .. })), 0);
		assert_eq!(market(0).float, 0);
		let info = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!(info.nft_cover_value, Some(200 * ONE));
		assert_eq!(info.nft_liability, Some(200 * ONE));
		assert!(!info.liquidatable);

		// an 11th perp is not covered (11·20 > 0 + 10·20), however small the step
		assert_noop!(
			trade_following(ALICE, Direction::Short, TradeAmount::Base(ONE), 0),
			Error::<Test>::InsufficientNftCover
		);
		assert_noop!(
			trade_following(ALICE, Direction::Short, TradeAmount::Base(ONE / 1_000), 0),
			Error::<Test>::InsufficientNftCover
		);

		// the floor falls to 10; Bob (cash) shorts 404 perps: B = 1_414, the mark ≈ 10.003
		next_block();
		set_index(OCELOTS, price(10));
		deposit(BOB, 2_000 * ONE);
		short_base(BOB, 404 * ONE);
		assert_eq!(account(0, BOB).position.open_notional, 5_657_708_628_005_657_708_628);
		assert_eq!(mark().into_inner(), 10_003_020_912_315_519_286);
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));

		// Alice buys back her 10 perps for ≈ 100.74 (B 1_414 -> 1_404)
		next_block();
		assert_ok!(close_following(ALICE, None, u128::MAX));
		// cost 100.742675000100742675, pnl = 198.019801980198019801 − cost
		let cost = 100_742_675_000_100_742_675;
		let pnl = 97_277_126_980_097_277_126;
		assert!(events().iter().any(|e| matches!(e, Event::PositionChanged {
			who: ALICE, side: Direction::Long, quote, new_size: 0, realised_pnl, cash: 0, unsettled_profit, ..
		} if *quote == cost && *realised_pnl == pnl as i128 && *unsettled_profit == pnl)));
		// nobody has lost anything yet: the profit waits as unsettled, no cash
		let a = account(0, ALICE);
		assert_eq!(a.position.size, 0);
		assert_eq!(a.cash, 0);
		assert_eq!(a.unsettled_profit, pnl);
		assert_eq!(market(0).totals.unsettled, pnl);
		assert_eq!(market(0).float, 0);

		// and she takes all ten NFTs home
		for item in 1..=10 {
			assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, item));
			assert_eq!(nft_owner(OCELOTS, item), Some(ALICE));
		}
		let a = account(0, ALICE);
		assert_eq!(a.nft_count, 0);
		assert_eq!(market(0).escrowed_nfts, 0);
		assert_eq!(market(0).nft_accounts, 0);

		// Bob buys back at 20 (the pool is back at 1_000 / 20_000): his loss is her profit
		next_block();
		assert_ok!(close_following(BOB, None, u128::MAX));
		assert_eq!(account(0, BOB).cash, 2_000 * ONE - pnl);
		assert_eq!(market(0).float, pnl);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, pnl));
		assert!(events().contains(&Event::ProfitPaid {
			market: 0,
			who: ALICE,
			amount: pnl,
			remaining: 0
		}));
		assert_eq!(weth(&ALICE), FUNDS + pnl);
		assert!(!Accounts::<Test>::contains_key(0, ALICE));
		assert_eq!(market(0).float, 0);
		assert_eq!(market(0).totals.unsettled, 0);
	});
}

/// The trading fee is paid from cash: without cash an NFT-backed short cannot pay it.
#[test]
fn trading_fee_needs_cash() {
	test(|| {
		create_floor20_market(seed_params());
		escrow_nfts(ALICE, 1..=10);
		assert_noop!(
			trade_following(ALICE, Direction::Short, TradeAmount::Base(10 * ONE), 0),
			Error::<Test>::InsufficientCashForFee
		);
		// fee = ceil(0.1% · 198.019801980198019801) = 0.198019801980198020
		deposit(ALICE, 2 * ONE / 10);
		short_base(ALICE, 10 * ONE);
		let a = account(0, ALICE);
		assert_eq!(a.cash, 2 * ONE / 10 - 198_019_801_980_198_020);
		assert_eq!(a.position.open_notional, PROCEEDS_10);
		assert_eq!(market(0).insurance_fund, 198_019_801_980_198_020);
	});
}

/// With money in the float (Charlie realised a loss) the sale proceeds are advanced to Alice's
/// cash at once; she may withdraw them while her NFTs and the rest of her cash cover the short
/// with the 10% safety margin: `10·20·1.1 ≤ c + 10·20`, i.e. she must keep exactly 20.
#[test]
fn proceeds_advanced_from_the_float_and_withdrawn() {
	test(|| {
		create_floor20_market(no_fee_params());
		deposit(CHARLIE, 500 * ONE);
		long_base(CHARLIE, 50 * ONE); // B 1_000 -> 950
		assert_eq!(account(0, CHARLIE).position.open_notional, 1_052_631_578_947_368_421_053);
		next_block();
		deposit(DAVE, 1_000 * ONE);
		short_base(DAVE, 200 * ONE); // B 950 -> 1_150
		next_block();
		assert_ok!(close_following(CHARLIE, None, 0)); // -> 1_200
												 // Charlie sold for 724.637681159420289855: his loss
												 // 1_052.631578947368421053 − 724.637681159420289855 is in the float
		let loss = 327_993_897_787_948_131_198;
		assert_eq!(market(0).float, loss);
		assert_eq!(account(0, CHARLIE).cash, 500 * ONE - loss);

		next_block();
		escrow_nfts(ALICE, 1..=10);
		short_base(ALICE, 10 * ONE); // B 1_200 -> 1_210
		let proceeds = 137_741_046_831_955_922_865;
		assert!(events().contains(&Event::ProceedsAdvanced {
			market: 0,
			who: ALICE,
			amount: proceeds,
			cash: proceeds
		}));
		let a = account(0, ALICE);
		assert_eq!(a.cash, proceeds);
		// the advance comes out of her open notional: her value is unchanged
		assert_eq!(a.position.open_notional, 0);
		assert_eq!(a.position.size, -10 * ONE as i128);
		assert_eq!(market(0).float, loss - proceeds);

		// the floor recovers to 20: keep 20, one wei more is refused
		set_index(OCELOTS, price(20));
		let max = 117_741_046_831_955_922_865;
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, max + 1),
			Error::<Test>::InsufficientNftCover
		);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, max));
		assert_eq!(weth(&ALICE), FUNDS + max);
		assert_eq!(account(0, ALICE).cash, 20 * ONE);
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::InsufficientNftCover
		);
		// still covered without the margin
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		// and no NFT may leave either: 220 > 20 + 9·20
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::InsufficientNftCover
		);
	});
}

/// An NFT-backed account cannot realise a loss beyond its cash (it would fall on the fund
/// while the owner keeps the NFTs): it must deposit the loss first.
#[test]
fn loss_beyond_cash_is_refused() {
	test(|| {
		create_floor20_market(no_fee_params());
		escrow_nfts(ALICE, 1..=10);
		short_base(ALICE, 10 * ONE);
		next_block();
		// Bob pushes the mark to ≈ 24.15 (B 1_010 -> 910)
		deposit(BOB, 3_000 * ONE);
		long_base(BOB, 100 * ONE);
		assert_eq!(mark().into_inner(), 24_151_672_503_320_854_969);
		// the index did not move: Alice is fine
		assert!(!FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		next_block();
		// buying back costs 244.200244200244200244: a loss of 46.180442220046180443
		let loss = 46_180_442_220_046_180_443;
		assert_noop!(close_following(ALICE, None, u128::MAX), Error::<Test>::LossExceedsCash);
		deposit(ALICE, loss - 1);
		assert_noop!(close_following(ALICE, None, u128::MAX), Error::<Test>::LossExceedsCash);
		deposit(ALICE, 1);
		assert_ok!(close_following(ALICE, None, u128::MAX));
		let a = account(0, ALICE);
		assert_eq!(a.position.size, 0);
		assert_eq!(a.cash, 0);
		assert_eq!(market(0).float, loss);
		assert_eq!(market(0).insurance_fund, 0);
		assert_eq!(market(0).socialised_loss, 0);
	});
}
