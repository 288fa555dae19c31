//! NFT escrow: `deposit_nft` / `withdraw_nft`, every refusal (with the state unchanged:
//! `assert_noop!` compares the storage root), and that nobody can move an escrowed NFT.

use super::*;
use polkadot_sdk::pallet_nfts;

/// Another collection than the market's.
const OTHER: u32 = 8;

fn setup() {
	create_ocelot_market(no_fee_params());
	for item in 1..=3 {
		mint_nft(OCELOTS, item, ALICE);
	}
}

#[test]
fn deposit_and_withdraw_happy_path() {
	test(|| {
		setup();
		let vault = FloorPerp::vault();
		assert_eq!(nft_owner(OCELOTS, 1), Some(ALICE));
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		// the vault owns it in pallet-nfts, the pallet records Alice as its owner
		assert_eq!(nft_owner(OCELOTS, 1), Some(vault));
		assert_eq!(Escrow::<Test>::get(0, 1), Some(EscrowRecord { owner: ALICE, auction: None }));
		assert!(AccountNfts::<Test>::contains_key((0, ALICE), 1));
		assert!(NftAccounts::<Test>::contains_key(0, ALICE));
		assert_eq!(account(0, ALICE).nft_count, 1);
		assert!(events().contains(&Event::NftDeposited {
			market: 0,
			who: ALICE,
			item: 1,
			nft_count: 1
		}));

		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 2));
		assert_eq!(nft_owner(OCELOTS, 2), Some(vault));
		assert_eq!(account(0, ALICE).nft_count, 2);
		let m = market(0);
		assert_eq!(m.escrowed_nfts, 2);
		assert_eq!(m.nft_accounts, 1);
		let info = FloorPerp::position_info(0, &ALICE).unwrap();
		assert_eq!(info.nft_count, 2);
		assert_eq!(info.size, 0);
		// not an NFT-backed short: no cover view
		assert_eq!(info.nft_cover_value, None);
		// item 3 stays with Alice
		assert_eq!(nft_owner(OCELOTS, 3), Some(ALICE));

		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(nft_owner(OCELOTS, 1), Some(ALICE));
		assert_eq!(Escrow::<Test>::get(0, 1), None);
		assert!(!AccountNfts::<Test>::contains_key((0, ALICE), 1));
		assert_eq!(account(0, ALICE).nft_count, 1);
		assert_eq!(market(0).escrowed_nfts, 1);
		assert!(events().contains(&Event::NftWithdrawn {
			market: 0,
			who: ALICE,
			item: 1,
			nft_count: 1
		}));

		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 2));
		assert_eq!(nft_owner(OCELOTS, 2), Some(ALICE));
		// the empty account is removed, and so is its entry in the sweep's list
		assert!(!Accounts::<Test>::contains_key(0, ALICE));
		assert!(!NftAccounts::<Test>::contains_key(0, ALICE));
		let m = market(0);
		assert_eq!(m.escrowed_nfts, 0);
		assert_eq!(m.nft_accounts, 0);
		// back home, Alice may move it again as she likes
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(ALICE), OCELOTS, 2, BOB));
		assert_eq!(nft_owner(OCELOTS, 2), Some(BOB));
	});
}

#[test]
fn deposit_refusals_leave_the_state_unchanged() {
	test(|| {
		setup();
		mint_nft(OTHER, 50, ALICE);
		let deposit_nft = |who, item| FloorPerp::deposit_nft(RuntimeOrigin::signed(who), 0, item);
		// an item of another collection, and an item that does not exist
		assert_noop!(deposit_nft(ALICE, 50), Error::<Test>::UnknownNft);
		assert_noop!(deposit_nft(ALICE, 99), Error::<Test>::UnknownNft);
		assert_eq!(nft_owner(OTHER, 50), Some(ALICE));
		// no such market
		assert_noop!(
			FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 3, 1),
			Error::<Test>::MarketNotFound
		);
		// not the owner
		assert_noop!(deposit_nft(BOB, 1), Error::<Test>::NotNftOwner);
		// locked by the collection's freezer
		assert_ok!(Nfts::lock_item_transfer(RuntimeOrigin::signed(ADMIN), OCELOTS, 3));
		assert_noop!(deposit_nft(ALICE, 3), Error::<Test>::NftLocked);
		assert_eq!(nft_owner(OCELOTS, 3), Some(ALICE));
		// already escrowed (by the owner, or anybody else)
		assert_ok!(deposit_nft(ALICE, 1));
		assert_noop!(deposit_nft(ALICE, 1), Error::<Test>::NftAlreadyEscrowed);
		assert_noop!(deposit_nft(BOB, 1), Error::<Test>::NftAlreadyEscrowed);
		assert_eq!(account(0, ALICE).nft_count, 1);
		assert_eq!(market(0).escrowed_nfts, 1);
		assert!(account(0, BOB).is_empty());
	});
}

/// The market only knows its own collection: when the same item id exists in both, the one
/// that is escrowed is the Ocelot, and the other collection's item is untouched.
#[test]
fn same_item_id_in_another_collection() {
	test(|| {
		setup();
		mint_nft(OTHER, 1, BOB);
		// Bob owns item 1 of the other collection, not the Ocelot 1
		assert_noop!(
			FloorPerp::deposit_nft(RuntimeOrigin::signed(BOB), 0, 1),
			Error::<Test>::NotNftOwner
		);
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(nft_owner(OCELOTS, 1), Some(FloorPerp::vault()));
		assert_eq!(nft_owner(OTHER, 1), Some(BOB));
	});
}

#[test]
fn too_many_nfts_per_account() {
	test(|| {
		setup();
		// MaxNftsPerAccount = 16 in the mock
		escrow_nfts(BOB, 100..116);
		assert_eq!(account(0, BOB).nft_count, 16);
		mint_nft(OCELOTS, 116, BOB);
		assert_noop!(
			FloorPerp::deposit_nft(RuntimeOrigin::signed(BOB), 0, 116),
			Error::<Test>::TooManyNfts
		);
		assert_eq!(nft_owner(OCELOTS, 116), Some(BOB));
		// after a withdrawal there is room again
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(BOB), 0, 100));
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(BOB), 0, 116));
		assert_eq!(account(0, BOB).nft_count, 16);
		assert_eq!(market(0).escrowed_nfts, 16);
	});
}

#[test]
fn too_many_nft_accounts_per_market() {
	test(|| {
		setup();
		// MaxNftAccounts = 64 in the mock; these accounts hold no WETH (conservation is over
		// the test users' WETH only)
		for who in 1_000..1_064u64 {
			mint_nft(OCELOTS, who as u32, who);
			assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(who), 0, who as u32));
		}
		assert_eq!(market(0).nft_accounts, 64);
		assert_noop!(
			FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::TooManyNftAccounts
		);
		// an account that already has NFTs may add more
		mint_nft(OCELOTS, 5_000, 1_000);
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(1_000), 0, 5_000));
		assert_eq!(account(0, 1_000).nft_count, 2);
		// one leaves, Alice may come in
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(1_063), 0, 1_063));
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(market(0).nft_accounts, 64);
	});
}

#[test]
fn withdraw_refusals_leave_the_state_unchanged() {
	test(|| {
		setup();
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 2));
		let withdraw_nft = |who, item| FloorPerp::withdraw_nft(RuntimeOrigin::signed(who), 0, item);
		// not escrowed at all
		assert_noop!(withdraw_nft(ALICE, 3), Error::<Test>::NftNotEscrowed);
		assert_noop!(withdraw_nft(ALICE, 99), Error::<Test>::NftNotEscrowed);
		// escrowed by somebody else
		assert_noop!(withdraw_nft(BOB, 1), Error::<Test>::NftNotEscrowed);
		// no such market
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 3, 1),
			Error::<Test>::MarketNotFound
		);
		// on auction
		assert_ok!(FloorPerp::start_voluntary_auction(
			RuntimeOrigin::signed(ALICE),
			0,
			2,
			10 * ONE
		));
		assert_noop!(withdraw_nft(ALICE, 2), Error::<Test>::NftOnAuction);
		assert_eq!(nft_owner(OCELOTS, 2), Some(FloorPerp::vault()));
		assert_eq!(account(0, ALICE).nft_count, 2);
		// the other one can go
		assert_ok!(withdraw_nft(ALICE, 1));
	});
}

/// `withdraw_nft` keeps `|q|·i·(1 + s) ≤ c + (n−1)·i`. With a 25% safety margin and index
/// 100, two NFTs may back a short of exactly 0.8 after one is withdrawn (0.8·100·1.25 = 100),
/// not one wei more.
#[test]
fn withdraw_would_uncover_the_short() {
	test(|| {
		create_ocelot_market(MarketParams {
			nft_safety_margin: Perbill::from_percent(25),
			..no_fee_params()
		});
		escrow_nfts(ALICE, [1, 2]);
		escrow_nfts(BOB, [3, 4]);
		short_base(ALICE, 8 * ONE / 10 + 1);
		short_base(BOB, 8 * ONE / 10);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::InsufficientNftCover
		);
		assert_eq!(nft_owner(OCELOTS, 1), Some(FloorPerp::vault()));
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(BOB), 0, 3));
		assert_eq!(nft_owner(OCELOTS, 3), Some(BOB));
		assert_eq!(account(0, BOB).nft_count, 1);
		// the last one leaves only if the short then meets initial margin in cash (guarded)
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(BOB), 0, 4),
			Error::<Test>::InsufficientMargin
		);
		// buying 0.8 back costs ~81 at the index (above the mark, ~96.9): 10% of it is ~8,
		// on top of the ~2.7 by which the cost exceeds his sale's proceeds
		deposit(BOB, 5 * ONE);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(BOB), 0, 4),
			Error::<Test>::InsufficientMargin
		);
		deposit(BOB, 10 * ONE);
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(BOB), 0, 4));
		assert_eq!(account(0, BOB).nft_count, 0);
		assert_eq!(nft_owner(OCELOTS, 4), Some(BOB));
		// without NFTs it is a cash-margined short now (cash 15 against ~80 notional)
		assert!(!account(0, BOB).is_nft_short());
	});
}

#[test]
fn withdraw_with_a_short_needs_a_fresh_index() {
	test(|| {
		create_ocelot_market(no_fee_params());
		escrow_nfts(ALICE, [1, 2, 3]);
		escrow_nfts(BOB, [4]);
		short_base(ALICE, ONE);
		clear_index(OCELOTS);
		assert_noop!(
			FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1),
			Error::<Test>::IndexStale
		);
		// without a short the index does not matter
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(BOB), 0, 4));
		set_index(OCELOTS, price(100));
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(account(0, ALICE).nft_count, 2);
	});
}

#[test]
fn nobody_can_move_an_escrowed_nft() {
	test(|| {
		setup();
		// Alice approved Bob before escrowing: the escrow transfer clears the approval
		assert_ok!(Nfts::approve_transfer(RuntimeOrigin::signed(ALICE), OCELOTS, 1, BOB, None));
		assert_ok!(FloorPerp::deposit_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(ALICE), OCELOTS, 1, ALICE),
			pallet_nfts::Error::<Test>::NoPermission
		);
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(ALICE), OCELOTS, 1, CHARLIE),
			pallet_nfts::Error::<Test>::NoPermission
		);
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(BOB), OCELOTS, 1, BOB),
			pallet_nfts::Error::<Test>::NoPermission
		);
		// nor approve anybody
		assert!(Nfts::approve_transfer(RuntimeOrigin::signed(ALICE), OCELOTS, 1, CHARLIE, None)
			.is_err());
		assert_eq!(nft_owner(OCELOTS, 1), Some(FloorPerp::vault()));
		// only withdraw_nft gives it back
		assert_ok!(FloorPerp::withdraw_nft(RuntimeOrigin::signed(ALICE), 0, 1));
		assert_eq!(nft_owner(OCELOTS, 1), Some(ALICE));
	});
}
