use super::*;

#[test]
fn deposit_and_withdraw() {
	test(|| {
		create_ocelot_market(MarketParams::default());
		deposit(ALICE, 100 * ONE);
		assert_eq!(account(0, ALICE).cash, 100 * ONE);
		assert_eq!(weth(&FloorPerp::vault()), 100 * ONE);
		assert_eq!(weth(&ALICE), FUNDS - 100 * ONE);
		assert!(events().contains(&Event::Deposited {
			market: 0,
			who: ALICE,
			amount: 100 * ONE,
			cash: 100 * ONE
		}));
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 40 * ONE));
		assert_eq!(account(0, ALICE).cash, 60 * ONE);
		assert_eq!(weth(&ALICE), FUNDS - 60 * ONE);
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 61 * ONE),
			Error::<Test>::InsufficientCash
		);
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, 1),
			Error::<Test>::NoAccount
		);
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 3, ONE),
			Error::<Test>::MarketNotFound
		);
		assert!(FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, FUNDS).is_err());
		// empty accounts are removed
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 60 * ONE));
		assert!(!Accounts::<Test>::contains_key(0, ALICE));
	});
}

/// Opening a margin account costs `min_margin` (0.1 WETH) of cash: a thousand dust accounts
/// cost 100 WETH, not 1,000 wei. An existing account takes any top-up.
#[test]
fn opening_a_margin_account_takes_the_minimum_margin() {
	test(|| {
		create_ocelot_market(MarketParams::default());
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(BOB), 0, ONE / 10 - 1),
			Error::<Test>::DepositBelowMinimum
		);
		deposit(BOB, ONE / 10);
		deposit(BOB, 1);
		assert_eq!(account(0, BOB).cash, ONE / 10 + 1);
		// withdrawn to zero, the account is gone, and the next opening costs the minimum again
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, ONE / 10 + 1));
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(BOB), 0, 1),
			Error::<Test>::DepositBelowMinimum
		);
	});
}

#[test]
fn withdrawal_keeps_initial_margin_with_a_position() {
	test(|| {
		create_ocelot_market(no_fee_params());
		deposit(BOB, 200 * ONE);
		short_quote(BOB, 1000 * ONE);
		deposit(ALICE, 200 * ONE);
		long_quote(ALICE, 1000 * ONE);
		// Alice: 1000 notional, equity ~200: may keep ~100 at 10%
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 100 * ONE + ONE / 100),
			Error::<Test>::WithdrawalBelowMargin
		);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 99 * ONE));
		assert_eq!(account(0, ALICE).cash, 101 * ONE);
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(BOB), 0, 101 * ONE),
			Error::<Test>::WithdrawalBelowMargin
		);
	});
}
