//! Guard rails against an attacker who holds several accounts and orders the calls of a block
//! (README "Guard rails"): each exploit of the clearing-house issue replayed with its own
//! numbers, refused or unprofitable after fees.

use super::*;

fn long(who: AccountId, q: u128) -> DispatchResult {
	FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Direction::Long,
		TradeAmount::Quote(q),
		0,
	)
}

fn short(who: AccountId, q: u128) -> DispatchResult {
	FloorPerp::open_position(
		RuntimeOrigin::signed(who),
		0,
		Direction::Short,
		TradeAmount::Quote(q),
		u128::MAX,
	)
}

fn close(who: AccountId) -> DispatchResult {
	let limit = if size(who) > 0 { 0 } else { u128::MAX };
	FloorPerp::close_position(RuntimeOrigin::signed(who), 0, None, limit)
}

fn bad_debt_events() -> usize {
	count_events(|e| matches!(e, Event::BadDebt { .. }))
}

/// Exploit 1 (the Drift v1 / Mango class): in one block A goes long with 10x on a thin margin,
/// B shorts the mark back down, A's close realises a loss beyond its cash for the fund to pay.
/// The issue's own numbers (pool 1,000 / 20,000, A: 99 WETH long 976, B: 210 WETH short 2,000)
/// are refused at the first trade; the largest version the guard rails allow leaves the
/// attacker poorer and the fund untouched.
#[test]
fn in_block_self_trade_cannot_drain_the_fund() {
	test(|| {
		create_floor20_market(MarketParams::default());
		// a fund to drain: Dave's fees
		deposit(DAVE, 1_000 * ONE);
		for _ in 0..3 {
			assert_ok!(long(DAVE, 400 * ONE));
			assert_ok!(close(DAVE));
			next_block();
			set_index(OCELOTS, price(20));
		}
		let fund0 = market(0).insurance_fund;
		assert!(fund0 > 0);
		let before = weth(&ALICE) + weth(&BOB);

		// The trades: the long takes the mark to ~22, 10% above the index.
		deposit(ALICE, 99 * ONE);
		deposit(BOB, 210 * ONE);
		assert_noop!(long(ALICE, 976 * ONE), Error::<Test>::MarkIndexSpreadExceeded);

		// The largest long inside the 5% band (mark → ~20.99) passes at the guarded price...
		assert_ok!(long(ALICE, 488 * ONE));
		assert!(mark() <= FixedU128::from_rational(21, 1));
		// ...B cannot take the mark below 19, nor short 2,000 on 210 of margin
		// (2,000 from ~21 is an 18% move: the vAMM's per-block band refuses it first)
		assert_noop!(short(BOB, 2_000 * ONE), pallet_vamm::Error::<Test>::PriceMoveTooLarge);
		assert_noop!(short(BOB, 1_000 * ONE), Error::<Test>::MarkIndexSpreadExceeded);
		assert_ok!(short(BOB, 990 * ONE));
		assert!(mark() >= price(19));
		// A cannot close at the bottom of the band: the close would take the mark out of it
		assert_noop!(close(ALICE), Error::<Test>::MarkIndexSpreadExceeded);
		// B closes first (back towards the index), then A: both pay fees, nobody gains
		assert_ok!(close(BOB));
		assert_ok!(close(ALICE));
		for who in [ALICE, BOB] {
			let c = account(0, who).cash;
			if c > 0 {
				assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(who), 0, c));
			}
		}
		let after = weth(&ALICE) + weth(&BOB);
		assert!(after < before, "the attack loses money: {} -> {}", before, after);
		assert_eq!(bad_debt_events(), 0);
		assert!(market(0).insurance_fund >= fund0, "the fund never paid");
		assert_eq!(market(0).socialised_loss, 0);
	});
}

/// A trader's close that would realise a loss beyond its cash is refused (only a liquidation
/// may hand a loss to the fund); the account is liquidated instead.
#[test]
fn own_close_never_realises_bad_debt() {
	test(|| {
		create_floor20_market(MarketParams::default());
		// keep the sweep away: this test liquidates by hand
		LiquidationBudget::set(0);
		deposit(ALICE, 60 * ONE);
		assert_ok!(long(ALICE, 400 * ONE));
		// the floor falls 25% over a few blocks; the mark follows it down (Bob shorts)
		deposit(BOB, 10_000 * ONE);
		for p in [19u128, 18, 17, 16, 15] {
			next_block();
			set_index(OCELOTS, price(p));
			let target = FixedU128::from_inner(p * ONE);
			while mark() > target.saturating_add(FixedU128::from_rational(1, 2)) {
				if short(BOB, 100 * ONE).is_err() {
					break;
				}
			}
		}
		let acc = account(0, ALICE);
		let h = FloorPerp::health(0, &market(0), &acc).unwrap();
		assert!(h.equity < 0, "Alice is underwater: {}", h.equity);
		assert_noop!(close(ALICE), Error::<Test>::LossBeyondCash);
		// reduce-only exemption gone: a partial close is refused too if it loses beyond cash,
		// and a liquidation (anyone) closes the position
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		assert_eq!(size(ALICE), 0);
	});
}

/// Only liquidations may use the vAMM's once-per-block exemption from the fluctuation band:
/// a trader's close that would move the mark past it is refused.
#[test]
fn closes_stay_inside_the_fluctuation_band() {
	test(|| {
		let p = MarketParams { max_price_move: Perbill::from_percent(2), ..Default::default() };
		create_floor20_market(p);
		deposit(ALICE, 1_000 * ONE);
		assert_ok!(long(ALICE, 150 * ONE));
		next_block();
		set_index(OCELOTS, price(20));
		assert_ok!(long(ALICE, 150 * ONE));
		next_block();
		set_index(OCELOTS, price(20));
		// closing all at once moves the mark ~3% down: more than the 2% band
		assert_noop!(close(ALICE), pallet_vamm::Error::<Test>::PriceMoveTooLarge);
		assert_ok!(FloorPerp::close_position(
			RuntimeOrigin::signed(ALICE),
			0,
			Some(size(ALICE) as u128 / 2),
			0
		));
	});
}

/// Parameter validation: the band between mark and index plus the liquidation fee must fit in
/// the maintenance margin; an auction reserve ratio of 100% never lowers.
#[test]
fn parameters_keep_the_band_inside_the_margins() {
	test(|| {
		let ok = MarketParams::default();
		assert_ok!(FloorPerp::validate_params(&ok));
		let wide = MarketParams { max_spread: Perbill::from_percent(6), ..ok };
		assert_noop!(
			FloorPerp::create_market(RuntimeOrigin::root(), OCELOTS, ONE, ONE, wide),
			Error::<Test>::SpreadTooWide
		);
		let zero = MarketParams { max_spread: Perbill::zero(), ..ok };
		assert_noop!(FloorPerp::validate_params(&zero), Error::<Test>::SpreadTooWide);
		let full = MarketParams { auction_reserve_ratio: Perbill::one(), ..ok };
		assert_noop!(FloorPerp::validate_params(&full), Error::<Test>::AuctionReserveRatioTooHigh);
	});
}

/// `set_market_params` reaches the pool: the new fluctuation limit applies from the next swap.
#[test]
fn new_price_move_limit_reaches_the_pool() {
	test(|| {
		create_floor20_market(MarketParams::default());
		let p = MarketParams { max_price_move: Perbill::from_percent(1), ..Default::default() };
		assert_ok!(FloorPerp::set_market_params(RuntimeOrigin::root(), 0, p));
		assert_eq!(
			pallet_vamm::Pools::<Test>::get(0).unwrap().config.max_price_move,
			Perbill::from_percent(1)
		);
		deposit(ALICE, 1_000 * ONE);
		// 200 of notional moves the mark ~2%
		assert_noop!(long(ALICE, 200 * ONE), pallet_vamm::Error::<Test>::PriceMoveTooLarge);
		assert_ok!(long(ALICE, 50 * ONE));
	});
}

/// Exploit 2a: a short sold against 2 NFTs withdraws its proceeds, then puts both NFTs on
/// voluntary auctions at a 1-wei reserve for a second account to win. The first auction is
/// refused: what stays (1 NFT, no cash, a 1-wei reserve) does not cover 2 perps.
#[test]
fn voluntary_auction_keeps_the_short_covered() {
	test(|| {
		create_floor20_market(MarketParams::default());
		escrow_nfts(ALICE, [0, 1]);
		deposit(ALICE, ONE);
		short_base(ALICE, 2 * ONE);
		let c = account(0, ALICE).cash;
		// proceeds stay as open notional here (empty float): nothing to take out beyond cover
		let _ = FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, c);
		assert_noop!(
			FloorPerp::start_voluntary_auction(RuntimeOrigin::signed(ALICE), 0, 0, 1),
			Error::<Test>::InsufficientNftCover
		);
		// a reserve that, with the NFT left, covers the short with the safety margin passes
		// (1·20 + c + 25 ≥ 2·20·1.1 = 44)
		assert_ok!(FloorPerp::start_voluntary_auction(
			RuntimeOrigin::signed(ALICE),
			0,
			0,
			25 * ONE
		));
		// the other NFT cannot follow at 1 wei: with none left on no auction the short must
		// meet cash margin
		assert_noop!(
			FloorPerp::start_voluntary_auction(RuntimeOrigin::signed(ALICE), 0, 1, 1),
			Error::<Test>::InsufficientMargin
		);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::InsufficientMargin
		);
	});
}

/// Exploit 2b: with the mark pushed above the index, the owner of a 1-NFT short tops up a
/// little and takes the NFT home: the buy-back at the mark would be bad debt. The last NFT
/// leaves only when the cash meets initial margin at the worse of the mark and the index.
#[test]
fn last_nft_leaves_only_with_cash_margin_at_the_guarded_price() {
	test(|| {
		create_floor20_market(MarketParams::default());
		escrow_nfts(ALICE, [0]);
		deposit(ALICE, ONE);
		short_base(ALICE, ONE);
		// Bob pushes the mark to the top of the band
		deposit(BOB, 1_000 * ONE);
		assert_ok!(long(BOB, 480 * ONE));
		assert!(mark() > price(20));
		// cash + open notional must cover the buy-back with initial margin at the worse of the
		// mark (~20.93) and the index (20): 1.1 · ~20.95 ≈ 23.05. At the index alone 22 would
		// do: c + ON = 0.98 + 1.5 + 19.98 = 22.46 is refused...
		assert_ok!(FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, 3 * ONE / 2));
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 0),
			Error::<Test>::InsufficientMargin
		);
		// ...and 23.46 passes
		assert_ok!(FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, ONE));
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 0));
		// now a cash short at initial margin: closing at the mark costs less than its cash
		let acc = account(0, ALICE);
		let h = FloorPerp::guarded_health(0, &market(0), &acc).unwrap();
		assert!(math::meets_ratio(h.equity, h.notional, Perbill::from_percent(10)));
		assert_ok!(close(ALICE));
		assert_eq!(bad_debt_events(), 0);
	});
}

/// On a stale index a cash position is still liquidated when its health, at the worse of the
/// mark and the mark's TWAP, is below maintenance.
#[test]
fn cash_liquidation_continues_on_a_stale_index() {
	test(|| {
		let p = MarketParams { max_index_age: 10, ..Default::default() };
		create_floor20_market(p);
		LiquidationBudget::set(0);
		deposit(ALICE, 60 * ONE);
		assert_ok!(long(ALICE, 400 * ONE));
		deposit(BOB, 10_000 * ONE);
		// the mark falls inside the band while the index is fresh, block after block
		for _ in 0..5 {
			next_block();
			set_index(OCELOTS, price(19));
			let _ = short(BOB, 300 * ONE);
		}
		// then the index goes stale: Alice is still liquidated on the mark
		jump_to(System::block_number() + 20);
		assert!(FloorPerp::fresh_index(&market(0)).is_none());
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
	});
}

/// Clear errors for bad input: a deposit beyond the caller's balance, a trade whose fee the
/// cash cannot pay.
#[test]
fn bad_input_gets_a_module_error() {
	test(|| {
		create_floor20_market(MarketParams::default());
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, u128::MAX),
			Error::<Test>::InsufficientQuoteBalance
		);
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, FUNDS + 1),
			Error::<Test>::InsufficientQuoteBalance
		);
		// an NFT-backed short has no margin to meet but must pay its fee in cash
		escrow_nfts(BOB, [0]);
		assert_noop!(
			FloorPerp::open_position(
				RuntimeOrigin::signed(BOB),
				0,
				Direction::Short,
				TradeAmount::Base(ONE / 2),
				0
			),
			Error::<Test>::InsufficientCashForFee
		);
	});
}

/// Exploit 3: the funding TWAP must be the true mean over the whole window. 1,700 blocks at
/// 20, then the mark is pushed to the top of the band (~21) and a dust trade every block fills
/// the vAMM's 64-point history with the last 64 blocks: a ring-buffer TWAP over 1,800 blocks
/// reads ~21, the funding round reads the exact mean from the cumulative prices at the
/// window's ends.
#[test]
fn funding_reads_the_exact_mean_of_its_window() {
	test(|| {
		use crate::VammInterface;
		create_floor20_market(MarketParams::default());
		assert_eq!(market(0).funding_window.start, 1);
		jump_to_with_index(1_700, price(20));
		deposit(BOB, 1_000 * ONE);
		assert_ok!(long(BOB, 480 * ONE));
		let high = mark();
		assert!(high > FixedU128::from_rational(209, 10));
		deposit(CHARLIE, 10 * ONE);
		for b in 1_701..=1_800u64 {
			jump_to_with_index(b, price(20));
			let side = if b % 2 == 0 { Direction::Long } else { Direction::Short };
			let limit = if side == Direction::Long { u128::MAX } else { 0 };
			assert_ok!(FloorPerp::open_position(
				RuntimeOrigin::signed(CHARLIE),
				0,
				side,
				TradeAmount::Base(ONE / 1_000),
				limit
			));
		}
		// the ring buffer only reaches back 64 blocks: it reads the high mark
		let ring = <Vamm as VammInterface>::mark_twap(0, 1_800).unwrap();
		assert!(ring > FixedU128::from_rational(209, 10), "ring-buffer TWAP {:?}", ring);
		jump_to_with_index(1_801, price(20));
		let twap = events()
			.into_iter()
			.find_map(|e| match e {
				Event::FundingUpdated { mark_twap, .. } => Some(mark_twap),
				_ => None,
			})
			.expect("a funding round");
		// blocks 1..=1699 closed at 20, blocks 1700..=1800 at ~`high`
		let expected = (price(20).into_inner() * 1_699 + high.into_inner() * 101) / 1_800;
		let diff = twap.into_inner().abs_diff(expected);
		assert!(diff < ONE / 1_000, "funding TWAP {:?}, exact mean {}", twap, expected);
		assert_eq!(market(0).funding_window.start, 1_801);
	});
}

/// A liquidation closes only what fits in the mark–index band: pushing the mark out of it would
/// value every other position at a mark their margins were never checked against (the cascade
/// an attacker farms: liquidate its own big long to bankrupt a second one, whose bad debt the
/// fund pays to its short). The rest is closed as the mark comes back.
#[test]
fn liquidations_stay_inside_the_band() {
	test(|| {
		create_floor20_market(MarketParams::default());
		LiquidationBudget::set(0);
		deposit(ALICE, 60 * ONE);
		assert_ok!(long(ALICE, 400 * ONE));
		deposit(BOB, 5_000 * ONE);
		// the floor falls 2.5% (at a constant index an account opened at initial margin never
		// becomes liquidatable by mark moves alone) and B takes the mark to the bottom of the
		// band, in steps
		next_block();
		let index = FixedU128::from_rational(195, 10);
		set_index(OCELOTS, index);
		let floor = math::band_edge(index, Perbill::from_percent(5), true);
		assert_eq!(floor, FixedU128::from_rational(18_525, 1_000));
		for _ in 0..2 {
			// (the vAMM's per-block band stops the first block's run at −10%)
			while short(BOB, 20 * ONE).is_ok() {}
			next_block();
			set_index(OCELOTS, index);
		}
		assert!(mark() >= floor && mark() < floor.saturating_add(FixedU128::from_rational(5, 100)));
		assert!(FloorPerp::is_liquidatable(0, &account(0, ALICE)));
		let held = size(ALICE);
		// the partial liquidation (25%) would cross the floor: it closes what fits
		assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		assert!(mark() >= floor, "mark {:?} left the band", mark());
		let closed = held - size(ALICE);
		assert!(closed > 0 && closed < held / 4, "closed {} of {}", closed, held);
		assert!(events()
			.iter()
			.any(|e| matches!(e, Event::Liquidated { who: ALICE, full: false, .. })));
		// at the edge nothing more fits
		assert_noop!(
			FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE),
			Error::<Test>::LiquidationOutsideBand
		);
		// B buys back part of its short: the mark comes back and the liquidation resumes
		assert_ok!(FloorPerp::close_position(
			RuntimeOrigin::signed(BOB),
			0,
			Some(size(BOB).unsigned_abs() / 2),
			u128::MAX
		));
		if FloorPerp::is_liquidatable(0, &account(0, ALICE)) {
			assert_ok!(FloorPerp::liquidate(RuntimeOrigin::signed(KEEPER), 0, ALICE));
		}
		assert!(mark() >= floor);
		assert_eq!(bad_debt_events(), 0);
		assert_eq!(market(0).socialised_loss, 0);
	});
}

/// Every open position the sweep walks locks `min_margin` of cash (0.1 WETH by default):
/// dust positions to slow the sweep cost real money, refunded on closing.
#[test]
fn open_positions_keep_a_minimum_margin() {
	test(|| {
		create_floor20_market(MarketParams::default());
		// an account opens with at least the minimum margin; with 0.05 WETH left after a
		// withdrawal, ...
		assert_noop!(
			FloorPerp::deposit(RuntimeOrigin::signed(ALICE), 0, ONE / 20),
			Error::<Test>::DepositBelowMinimum
		);
		deposit(ALICE, ONE / 10);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, ONE / 20));
		// 0.001 perps (0.02 WETH) would meet 10x with 0.05 of cash, not the minimum margin
		assert_noop!(
			FloorPerp::open_position(
				RuntimeOrigin::signed(ALICE),
				0,
				Direction::Long,
				TradeAmount::Base(ONE / 1_000),
				u128::MAX
			),
			Error::<Test>::BelowMinimumMargin
		);
		deposit(ALICE, ONE / 10);
		assert_ok!(FloorPerp::open_position(
			RuntimeOrigin::signed(ALICE),
			0,
			Direction::Long,
			TradeAmount::Base(ONE / 1_000),
			u128::MAX
		));
		assert!(crate::OpenPositions::<Test>::contains_key(0, ALICE));
		let c = account(0, ALICE).cash;
		assert_noop!(
			FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, c - ONE / 10 + 1),
			Error::<Test>::BelowMinimumMargin
		);
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, c - ONE / 10));
		// closed: the position leaves the sweep's index and the cash can go
		assert_ok!(close(ALICE));
		assert!(!crate::OpenPositions::<Test>::contains_key(0, ALICE));
		let c = account(0, ALICE).cash;
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, c));
	});
}

/// The sweep walks only open positions and spends at most `MaxLiquidationWeight` on
/// liquidations per block (the first always runs): the rest resume next block.
#[test]
fn the_sweep_walks_open_positions_within_its_weight_budget() {
	use crate::WeightInfo;
	test(|| {
		create_floor20_market(MarketParams::default());
		// accounts with cash and no position are not walked
		for who in [DAVE, KEEPER] {
			deposit(who, ONE);
		}
		LiquidationBudget::set(0);
		// two thin shorts (shorts need no dynamic requirement)
		for (who, cash) in [(ALICE, 12 * ONE), (BOB, 14 * ONE)] {
			deposit(who, cash);
			assert_ok!(short(who, 100 * ONE));
		}
		assert_eq!(crate::OpenPositions::<Test>::iter_prefix(0).count(), 2);
		// the floor rises: both shorts are liquidatable
		jump_to_with_index(5, FixedU128::from_rational(23, 1));
		for who in [ALICE, BOB] {
			assert!(FloorPerp::is_liquidatable(0, &account(0, who)), "{} liquidatable", who);
		}
		// a budget of one liquidation per block
		LiquidationBudget::set(16);
		MaxLiquidationWeight::set(<() as WeightInfo>::liquidate());
		let liquidated = || -> Vec<AccountId> {
			events()
				.into_iter()
				.filter_map(|e| match e {
					Event::Liquidated { who, .. } => Some(who),
					_ => None,
				})
				.collect()
		};
		jump_to_with_index(6, FixedU128::from_rational(23, 1));
		let first = liquidated();
		assert_eq!(first.len(), 1);
		System::reset_events();
		jump_to_with_index(7, FixedU128::from_rational(23, 1));
		let second = liquidated();
		assert_eq!(second.len(), 1);
		// the one left out in block 6 goes first in block 7
		assert_ne!(first[0], second[0]);
	});
}

/// The fund's share of a funding round (the vAMM's side of a net position) is collected as the
/// payers pay: it no longer takes from the float what realised losses left there for a winner
/// whose profit is still unsettled.
#[test]
fn the_funds_funding_share_waits_for_the_payers() {
	test(|| {
		create_floor20_market(MarketParams { trading_fee: Perbill::zero(), ..Default::default() });
		for who in [ALICE, BOB, CHARLIE] {
			deposit(who, 1_000 * ONE);
		}
		// Alice wins with an empty float (her profit waits), Bob's loss then fills the float
		assert_ok!(long(ALICE, 100 * ONE));
		assert_ok!(long(BOB, 100 * ONE));
		assert_ok!(close(ALICE));
		let unsettled = account(0, ALICE).unsettled_profit;
		assert!(unsettled > 0);
		assert_ok!(close(BOB));
		let float = market(0).float;
		assert!(float >= unsettled);
		// Charlie holds the net long through a funding round (mark above the index: he pays)
		assert_ok!(long(CHARLIE, 200 * ONE));
		jump_to_with_index(1_801, price(20));
		let m = market(0);
		assert!(m.funding_receivable > 0, "the vAMM's share is owed by Charlie");
		assert_eq!(m.float, float, "the round took nothing from the float");
		assert_eq!(m.insurance_fund, 0);
		// Alice is paid in full on her next touch
		assert_ok!(FloorPerp::withdraw(RuntimeOrigin::signed(ALICE), 0, 1_000 * ONE + unsettled));
		// Charlie pays: the fund collects its share from his payment
		let owed = market(0).funding_receivable;
		deposit(CHARLIE, 1);
		assert_eq!(market(0).insurance_fund, owed);
		assert_eq!(market(0).funding_receivable, 0);
	});
}

/// In-kind funding waived (no long to credit it to: the vAMM alone was the counterparty)
/// also waives the fund's receivable for it, so that it does not divert later payments.
#[test]
fn waived_in_kind_funding_leaves_no_receivable() {
	test(|| {
		let p =
			MarketParams { trading_fee: Perbill::zero(), funding_period: 10, ..Default::default() };
		create_floor20_market(p);
		escrow_nfts(ALICE, [0]);
		short_base(ALICE, ONE / 2);
		// the index above the mark: shorts pay, Alice in kind (no cash), nobody is long
		jump_to_with_index(11, FixedU128::from_rational(202, 10));
		assert!(count_events(|e| matches!(e, Event::InKindFundingWaived { .. })) == 1);
		assert_eq!(market(0).funding_receivable, 0);
		assert_eq!(size(ALICE), -(ONE as i128) / 2);
	});
}

/// The in-kind sweep's budget is shared by all markets: with every market full of cashless
/// NFT-backed shorts owing funding at the same boundary (the mock's 8 markets × 64 accounts,
/// 16 per block), every round is paid in kind and credited to the longs within
/// 8 · 64 / 16 = 32 blocks, inside the funding period. (`runtime/tests/hook_weight.rs` checks
/// the runtime's constants: 64 · 512 / 32 = 1,024 of 1,800 blocks.)
#[test]
fn the_in_kind_sweep_of_every_market_finishes_inside_the_period() {
	test(|| {
		let markets: u32 = <<Test as Config>::MaxMarkets as Get<u32>>::get();
		let accounts: u32 = <<Test as Config>::MaxNftAccounts as Get<u32>>::get();
		let per_block: u32 = InKindBudget::get();
		let period = 100u32;
		let p = MarketParams {
			trading_fee: Perbill::zero(),
			funding_period: period,
			..Default::default()
		};
		for id in 0..markets {
			let c = 100 + id;
			set_index(c, price(20));
			assert_ok!(FloorPerp::create_market(
				RuntimeOrigin::root(),
				c,
				1_000 * ONE,
				20_000 * ONE,
				p
			));
			// a long to credit the in-kind rounds to
			assert_ok!(FloorPerp::deposit(RuntimeOrigin::signed(ALICE), id, 100 * ONE));
			assert_ok!(FloorPerp::open_position(
				RuntimeOrigin::signed(ALICE),
				id,
				Direction::Long,
				TradeAmount::Base(ONE),
				u128::MAX
			));
			for k in 0..accounts {
				let who: AccountId = 1_000 + u64::from(id * accounts + k);
				mint_nft(c, k, who);
				assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(who), id, k));
				assert_ok!(FloorPerp::open_position(
					RuntimeOrigin::signed(who),
					id,
					Direction::Short,
					TradeAmount::Base(ONE / 10),
					0
				));
			}
			assert_eq!(market(id).nft_accounts, accounts);
		}
		// the floor rises above the mark: at the boundary every short pays, all of it in kind
		for id in 0..markets {
			set_index(100 + id, price(21));
		}
		jump_to(1 + u64::from(period));
		let mut blocks: u32 = 1;
		while (0..markets).any(|id| market(id).in_kind_round.sweeping) {
			next_block();
			blocks += 1;
			assert!(blocks < period, "the sweep outlasted the funding period");
		}
		assert!(blocks <= (markets * accounts).div_ceil(per_block), "{} blocks", blocks);
		for id in 0..markets {
			assert!(market(id).in_kind_growth > FixedU128::one(), "market {} credited in kind", id);
		}
	});
}

/// Fill the fund of market 0 with Dave's trading fees (round trips at the index).
fn fees_into_the_fund(rounds: u32) {
	deposit(DAVE, 2_000 * ONE);
	for _ in 0..rounds {
		assert_ok!(long(DAVE, 400 * ONE));
		assert_ok!(close(DAVE));
		next_block();
		set_index(OCELOTS, price(20));
	}
}

/// Alice's WETH outside the market plus her cash and unsettled profit in it.
fn alice_wealth() -> u128 {
	let a = account(0, ALICE);
	weth(&ALICE) + a.cash + a.unsettled_profit
}

/// Exploit 4, the K sandwich: governance's 4x deepening is public while the motion is voted;
/// the attacker goes long as far as the band allows just before it takes effect and closes on
/// the deeper pool after, collecting the cost the fund paid into the float. Applied at once
/// (`apply_k_ratio`, the old `adjust_k`) that nets the attacker WETH after fees; applied the
/// way `adjust_k` now does — one step of at most 1% of `k` per funding period — the same
/// sandwich around a step loses money.
#[test]
fn a_k_change_cannot_be_sandwiched() {
	let sandwich = |at_once: bool| -> (i128, u128) {
		let mut out = (0, 0);
		test(|| {
			create_floor20_market(MarketParams::default());
			fees_into_the_fund(60);
			let fund0 = market(0).insurance_fund;
			assert!(fund0 > 20 * ONE, "fund {}", fund0);
			let before = alice_wealth();
			deposit(ALICE, 500 * ONE);
			// the largest long the band allows (mark ~20.99) — just before the change
			assert_ok!(long(ALICE, 488 * ONE));
			if at_once {
				assert_ok!(pallet_vamm::Pallet::<Test>::apply_k_ratio(0, FixedU128::from_u32(4)));
			} else {
				assert_ok!(pallet_vamm::Pallet::<Test>::adjust_k(
					RuntimeOrigin::root(),
					0,
					FixedU128::from_u32(4)
				));
				// the first step at the next funding boundary
				let boundary = market(0).next_funding_block as u64;
				jump_to_with_index(boundary, price(20));
				assert!(count_events(|_| true) > 0);
			}
			assert_ok!(close(ALICE));
			let a = account(0, ALICE);
			assert_ok!(FloorPerp::withdraw(
				RuntimeOrigin::signed(ALICE),
				0,
				a.cash + a.unsettled_profit.min(market(0).float)
			));
			out = (
				alice_wealth() as i128 - before as i128,
				fund0 - market(0).insurance_fund.min(fund0),
			);
		});
		out
	};
	let (gain_at_once, fund_paid_at_once) = sandwich(true);
	assert!(gain_at_once > 0, "applied at once, the sandwich pays: {}", gain_at_once);
	assert!(fund_paid_at_once > 0);
	let (gain_stepped, fund_paid_stepped) = sandwich(false);
	println!(
		"K sandwich: at once {} WETH (fund -{}), one step {} WETH (fund -{})",
		gain_at_once as f64 / ONE as f64,
		fund_paid_at_once as f64 / ONE as f64,
		gain_stepped as f64 / ONE as f64,
		fund_paid_stepped as f64 / ONE as f64
	);
	assert!(gain_stepped < 0, "one step: the sandwich loses {}", gain_stepped);
}

/// Holding the sandwich's long through every step of the 4x change instead (140 funding
/// periods) pays far more funding than the deeper pool gives back: the long keeps the mark
/// 5% above the index all along.
#[test]
fn holding_through_a_stepped_k_change_pays_more_funding_than_it_gains() {
	test(|| {
		create_floor20_market(MarketParams::default());
		fees_into_the_fund(60);
		let before = alice_wealth();
		deposit(ALICE, 2_000 * ONE);
		assert_ok!(long(ALICE, 488 * ONE));
		assert_ok!(pallet_vamm::Pallet::<Test>::adjust_k(
			RuntimeOrigin::root(),
			0,
			FixedU128::from_u32(4)
		));
		let mut periods = 0;
		while pallet_vamm::KTargets::<Test>::get(0).is_some() {
			let boundary = market(0).next_funding_block as u64;
			jump_to_with_index(boundary, price(20));
			periods += 1;
			assert!(periods < 200);
		}
		assert_eq!(periods, 140);
		assert_ok!(close(ALICE));
		let a = account(0, ALICE);
		assert_ok!(FloorPerp::withdraw(
			RuntimeOrigin::signed(ALICE),
			0,
			a.cash + a.unsettled_profit.min(market(0).float)
		));
		let after = alice_wealth();
		println!("held through 140 steps: {} WETH", (after as f64 - before as f64) / ONE as f64);
		assert!(after < before, "held through the change: {} -> {}", before, after);
	});
}

/// K steps are bounded per block: three markets reach their funding boundary in the same block
/// with a K target each; with two steps per block, markets 0 and 1 step at the boundary and
/// market 2 in the next block; none steps again before its next boundary.
#[test]
fn k_steps_are_bounded_per_block() {
	test(|| {
		MaxKStepsPerBlock::set(2);
		let p = MarketParams { funding_period: 10, ..Default::default() };
		for id in 0..3u32 {
			let c = 100 + id;
			set_index(c, price(20));
			assert_ok!(FloorPerp::create_market(
				RuntimeOrigin::root(),
				c,
				1_000 * ONE,
				20_000 * ONE,
				p
			));
			assert_ok!(pallet_vamm::Pallet::<Test>::adjust_k(
				RuntimeOrigin::root(),
				id,
				FixedU128::from_u32(2)
			));
		}
		let k = |id: u32| pallet_vamm::Pools::<Test>::get(id).unwrap().k;
		let k0: Vec<_> = (0..3).map(k).collect();
		let boundary = market(0).next_funding_block as u64;
		let refresh = |n: u64| {
			for c in 100..103 {
				set_index(c, price(20));
			}
			jump_to(n);
		};
		refresh(boundary);
		assert!(k(0) > k0[0] && k(1) > k0[1]);
		assert_eq!(k(2), k0[2]);
		assert!(market(2).k_step_due);
		refresh(boundary + 1);
		assert!(k(2) > k0[2]);
		assert!(!market(2).k_step_due);
		let k1: Vec<_> = (0..3).map(k).collect();
		refresh(boundary + 5);
		assert_eq!((0..3).map(k).collect::<Vec<_>>(), k1, "one step per funding period");
		refresh(boundary + 10);
		assert!(k(0) > k1[0] && k(1) > k1[1] && k(2) == k1[2]);
	});
}

/// Algorithmic K through the clearing house: at each funding boundary the venue's policy is
/// stepped with the market's open interest (at the mark), funding rate and trading fee; a
/// busy market deepens its pool, paid from the insurance fund within the policy's budget, and
/// the invariants hold.
#[test]
fn a_k_policy_steps_at_each_funding_boundary_with_the_markets_figures() {
	test(|| {
		create_floor20_market(MarketParams::default());
		fees_into_the_fund(60);
		let k0 = pallet_vamm::Pools::<Test>::get(0).unwrap().k;
		let policy = pallet_vamm::k_policy::KPolicy {
			depth_per_volume: FixedU128::from_u32(100),
			depth_per_open_interest: FixedU128::from_u32(2),
			funding_weight: FixedU128::from_u32(10),
			min_k: k0 / 100,
			max_k: k0 * 100,
			max_step: Perbill::from_percent(1),
			fee_share: Perbill::from_percent(100),
		};
		assert_ok!(pallet_vamm::Pallet::<Test>::set_k_policy(
			RuntimeOrigin::root(),
			0,
			Some(policy)
		));
		deposit(ALICE, 2_000 * ONE);
		deposit(BOB, 2_000 * ONE);
		assert_ok!(long(ALICE, 200 * ONE));
		assert_ok!(short(BOB, 100 * ONE));
		System::reset_events();
		let boundary = market(0).next_funding_block as u64;
		jump_to_with_index(boundary, price(20));
		let stepped = System::events().into_iter().find_map(|r| match r.event {
			RuntimeEvent::Vamm(pallet_vamm::Event::KPolicyStepped {
				volume,
				open_interest,
				k,
				cost,
				..
			}) => Some((volume, open_interest, k, cost)),
			_ => None,
		});
		let (volume, open_interest, k, cost) = stepped.expect("the policy stepped");
		assert!(volume >= 300 * ONE, "the period's volume: {volume}");
		assert!(open_interest > 0, "the market's open interest");
		assert!(k > k0, "busy: deeper");
		// the budget: the whole fee the period's volume paid (fee_share 100%), less the step
		let funded = market(0).params.trading_fee.mul_floor(volume);
		assert!(cost >= 0 && cost.unsigned_abs() <= funded, "cost {cost} within {funded}");
		assert_eq!(pallet_vamm::KBudgets::<Test>::get(0), funded - cost.unsigned_abs());
		assert_eq!(FloorPerp::do_try_state(), Ok(()));
	});
}
