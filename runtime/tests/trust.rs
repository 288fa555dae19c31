//! Trust boundaries of the runtime as configured by its genesis presets: no signed account can
//! reduce the clearing house's WETH (only governance can hand out WETH's roles); only a
//! collection ceded to governance backs a market; one oracle operator of three cannot move the
//! index, and operators cannot feed the oracle directly; the fees make filling blocks cost real
//! FLOOR.

use floorperp_runtime::{
	collections::collection_custodian, genesis_config_presets, weth_owner, Assets, FloorIndex,
	FloorPerp, Nfts, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, TransactionPayment, UNIT,
	WETH,
};
use polkadot_sdk::sp_runtime::{transaction_validity::TransactionSource, FixedU128};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		dispatch::GetDispatchInfo,
		traits::{
			fungibles::Inspect,
			tokens::{Fortitude, Preservation},
		},
		weights::Weight,
	},
	frame_system, pallet_assets, sp_io,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{traits::Dispatchable, MultiAddress},
};
use polkadot_sdk::{pallet_membership, pallet_nfts, pallet_oracle, pallet_utility, sp_core::Pair};

mod common;

fn vault_weth() -> (u128, u128) {
	let vault = FloorPerp::vault();
	(
		<Assets as Inspect<_>>::balance(WETH, &vault),
		<Assets as Inspect<_>>::reducible_balance(
			WETH,
			&vault,
			Preservation::Expendable,
			Fortitude::Polite,
		),
	)
}

/// Every pallet-assets call that could take, burn or lock an account's WETH, aimed at the
/// vault by `attacker`.
fn attacks(attacker: &polkadot_sdk::sp_runtime::AccountId32) -> Vec<RuntimeCall> {
	use pallet_assets::Call;
	let vault = MultiAddress::Id(FloorPerp::vault());
	let me = MultiAddress::Id(attacker.clone());
	let id = codec::Compact(WETH);
	let calls: Vec<Call<Runtime>> = vec![
		Call::force_transfer { id, source: vault.clone(), dest: me.clone(), amount: UNIT },
		Call::burn { id, who: vault.clone(), amount: UNIT },
		Call::freeze { id, who: vault.clone() },
		Call::block { id, who: vault.clone() },
		Call::freeze_asset { id },
		Call::transfer_ownership { id, owner: me.clone() },
		Call::set_team { id, issuer: me.clone(), admin: me.clone(), freezer: me.clone() },
		Call::start_destroy { id },
		Call::refund_other { id, who: vault.clone() },
		Call::force_asset_status {
			id,
			owner: me.clone(),
			issuer: me.clone(),
			admin: me.clone(),
			freezer: me.clone(),
			min_balance: 1,
			is_sufficient: true,
			is_frozen: false,
		},
	];
	calls.into_iter().map(RuntimeCall::Assets).collect()
}

fn no_signed_account_can_touch_the_vault(preset: serde_json::Value) {
	sp_io::TestExternalities::new(common::genesis_storage(preset)).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		// the vault holds WETH: a trader's deposit
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(alice.clone()),
			codec::Compact(WETH),
			MultiAddress::Id(FloorPerp::vault()),
			1_000 * UNIT,
		));
		let before = vault_weth();
		assert_eq!(before, (1_000 * UNIT, 1_000 * UNIT));
		// WETH's roles are the keyless owner's
		let details = pallet_assets::Asset::<Runtime>::get(WETH).unwrap();
		assert_eq!(
			(&details.owner, &details.issuer, &details.admin, &details.freezer),
			(&weth_owner(), &weth_owner(), &weth_owner(), &weth_owner())
		);
		for who in Sr25519Keyring::iter().map(|k| k.to_account_id()) {
			for call in attacks(&who) {
				let res = call.clone().dispatch(RuntimeOrigin::signed(who.clone()));
				assert!(res.is_err(), "{who} could dispatch {call:?}");
				assert_eq!(
					vault_weth(),
					before,
					"{call:?} by {who} moved or locked the vault's WETH"
				);
			}
		}
		// governance can hand the roles over (and only it: `force_asset_status` was refused to
		// every signed account above)
		let [force_status] = &attacks(&alice)[9..] else { unreachable!() };
		assert_ok!(force_status.clone().dispatch(RuntimeOrigin::root()));
		assert_eq!(pallet_assets::Asset::<Runtime>::get(WETH).unwrap().admin, alice);
	});
}

#[test]
fn no_signed_account_can_reduce_the_vaults_weth_on_the_dev_chain() {
	no_signed_account_can_touch_the_vault(genesis_config_presets::development_config_genesis());
}

#[test]
fn no_signed_account_can_reduce_the_vaults_weth_on_the_local_chain() {
	no_signed_account_can_touch_the_vault(genesis_config_presets::local_config_genesis());
}

/// A block's worth of compute costs 10 FLOOR; a WETH transfer and a trade cost about a
/// hundredth of that each; dev accounts (1,000,000 FLOOR) can still pay for everything.
#[test]
fn filling_a_block_costs_ten_floor() {
	sp_io::TestExternalities::new(common::genesis_storage(
		genesis_config_presets::development_config_genesis(),
	))
	.execute_with(|| {
		let max_block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let full = TransactionPayment::weight_to_fee(Weight::from_parts(max_block.ref_time(), 0));
		assert_eq!(full, 10 * UNIT);
		let bob = MultiAddress::Id(Sr25519Keyring::Bob.to_account_id());
		let transfer = RuntimeCall::Assets(pallet_assets::Call::transfer_keep_alive {
			id: codec::Compact(WETH),
			target: bob,
			amount: UNIT,
		});
		let trade = RuntimeCall::FloorPerp(pallet_floor_perp::Call::open_position {
			market: 0,
			side: pallet_floor_perp::Direction::Long,
			amount: pallet_floor_perp::TradeAmount::Quote(100 * UNIT),
			limit: 0,
		});
		for (name, call) in [("WETH transfer", transfer), ("trade", trade)] {
			let len = codec::Encode::encode(&call).len() as u32 + 110; // + signature and extensions
			let fee = TransactionPayment::compute_fee(len, &call.get_dispatch_info(), 0);
			println!("{name}: {} FLOOR", fee as f64 / UNIT as f64);
			assert!(fee > UNIT / 1_000 && fee < UNIT / 10, "{name} costs {fee}");
		}
	});
}

// ---------------------------------------------------------------------------------------------
// NFT collections: only a collection ceded to governance gets a market
// ---------------------------------------------------------------------------------------------

fn nft_config(
	disabled: &[pallet_nfts::CollectionSetting],
	max_supply: Option<u32>,
) -> pallet_nfts::CollectionConfigFor<Runtime> {
	let settings =
		disabled.iter().fold(pallet_nfts::CollectionSettings::all_enabled(), |acc, s| {
			pallet_nfts::CollectionSettings(acc.0 | *s)
		});
	pallet_nfts::CollectionConfig { settings, max_supply, mint_settings: Default::default() }
}

fn create_market(collection: u32) -> polkadot_sdk::sp_runtime::DispatchResult {
	FloorPerp::create_market(
		RuntimeOrigin::root(),
		collection,
		1_000 * UNIT,
		20_000 * UNIT,
		pallet_floor_perp::MarketParams::default(),
	)
}

#[test]
fn a_collection_gets_a_market_only_once_its_roles_are_ceded() {
	use pallet_floor_perp::Error as E;
	use pallet_nfts::CollectionSetting::{TransferableItems, UnlockedMaxSupply};
	sp_io::TestExternalities::new(common::genesis_storage(
		genesis_config_presets::development_config_genesis(),
	))
	.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let id = |a: &polkadot_sdk::sp_runtime::AccountId32| MultiAddress::Id(a.clone());
		let custodian = collection_custodian();
		assert_eq!(create_market(999), Err(E::<Runtime>::UnknownCollection.into()));
		// Alice creates a collection as anyone can: she is its owner and holds every role
		let c = pallet_nfts::NextCollectionId::<Runtime>::get().unwrap_or(0);
		assert_ok!(Nfts::create(
			RuntimeOrigin::signed(alice.clone()),
			id(&alice),
			nft_config(&[], None)
		));
		assert_eq!(create_market(c), Err(E::<Runtime>::CollectionOwnerNotCeded.into()));
		// governance takes the ownership: her Freezer and Admin roles still could lock escrow
		assert_ok!(Nfts::force_collection_owner(RuntimeOrigin::root(), c, id(&custodian)));
		assert_eq!(create_market(c), Err(E::<Runtime>::CollectionRoleNotCeded.into()));
		let root = || RuntimeOrigin::root();
		assert_ok!(Nfts::set_team(root(), c, Some(id(&alice)), None, Some(id(&bob))));
		assert_eq!(create_market(c), Err(E::<Runtime>::CollectionRoleNotCeded.into()), "a Freezer");
		assert_ok!(Nfts::set_team(root(), c, Some(id(&alice)), Some(id(&bob)), None));
		assert_eq!(create_market(c), Err(E::<Runtime>::CollectionRoleNotCeded.into()), "an Admin");
		// Alice keeps the Issuer role only: her supply must be capped and the cap locked
		assert_ok!(Nfts::set_team(root(), c, Some(id(&alice)), None, None));
		assert_eq!(create_market(c), Err(E::<Runtime>::CollectionSupplyNotLocked.into()), "no cap");
		assert_ok!(Nfts::force_collection_config(root(), c, nft_config(&[], Some(3))));
		assert_eq!(
			create_market(c),
			Err(E::<Runtime>::CollectionSupplyNotLocked.into()),
			"unlocked cap"
		);
		assert_ok!(Nfts::force_collection_config(
			root(),
			c,
			nft_config(&[TransferableItems, UnlockedMaxSupply], Some(3))
		));
		assert_eq!(create_market(c), Err(E::<Runtime>::CollectionNotTransferable.into()));
		assert_ok!(Nfts::force_collection_config(
			root(),
			c,
			nft_config(&[UnlockedMaxSupply], Some(3))
		));
		// a Freezer or Admin held by the custodian itself is fine
		assert_ok!(Nfts::set_team(
			root(),
			c,
			Some(id(&alice)),
			Some(id(&custodian)),
			Some(id(&custodian))
		));
		assert_ok!(create_market(c));
		// now nobody but governance can lock, re-assign or over-mint the collection
		let signed = |a: &polkadot_sdk::sp_runtime::AccountId32| RuntimeOrigin::signed(a.clone());
		for item in 0..3 {
			assert_ok!(Nfts::mint(signed(&alice), c, item, id(&alice), None));
		}
		assert!(
			Nfts::mint(signed(&alice), c, 3, id(&alice), None).is_err(),
			"beyond the locked cap"
		);
		assert_ok!(FloorPerp::deposit_nft(signed(&alice), 0, 0));
		for who in [&alice, &bob] {
			assert!(Nfts::lock_item_transfer(signed(who), c, 0).is_err());
			assert!(Nfts::lock_collection(
				signed(who),
				c,
				pallet_nfts::CollectionSettings::from_disabled(TransferableItems.into())
			)
			.is_err());
			assert!(Nfts::set_team(signed(who), c, Some(id(who)), Some(id(who)), Some(id(who)))
				.is_err());
			assert!(Nfts::set_collection_max_supply(signed(who), c, 1_000).is_err());
		}
		assert_ok!(FloorPerp::withdraw_nft(signed(&alice), 0, 0));
	});
}

// ---------------------------------------------------------------------------------------------
// The oracle: a quorum, chain-bound signatures, no direct feed
// ---------------------------------------------------------------------------------------------

fn report(
	who: Sr25519Keyring,
	price: u32,
) -> (pallet_floor_index::ReportOf<Runtime>, pallet_floor_index::crypto::Signature) {
	let r = pallet_floor_index::ReportOf::<Runtime> {
		operator: pallet_floor_index::crypto::Public::from(who.public()),
		round: FloorIndex::round_of(frame_system::Pallet::<Runtime>::block_number()),
		prices: vec![(0, FixedU128::from_u32(price))].try_into().unwrap(),
	};
	let sig = who.pair().sign(&FloorIndex::signing_payload(&r));
	(r, sig.into())
}

fn index_events() -> Vec<pallet_floor_index::Event<Runtime>> {
	frame_system::Pallet::<Runtime>::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::FloorIndex(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn on_the_local_chain_one_operator_of_three_cannot_move_the_index() {
	sp_io::TestExternalities::new(common::genesis_storage(genesis_config_presets::local_config_genesis()))
		.execute_with(|| {
			frame_system::Pallet::<Runtime>::set_block_number(1);
			let alice = Sr25519Keyring::Alice.to_account_id();
			assert_eq!(
				pallet_floor_index::Rules::<Runtime>::get(),
				pallet_floor_index::OracleRules { quorum: 2, clamp_window: 300 }
			);
			assert_eq!(
				pallet_membership::Members::<Runtime, floorperp_runtime::index::OracleOperatorsInstance>::get().len(),
				3
			);
			// an operator may not feed the oracle directly, alone or in a batch
			let feed = RuntimeCall::FloorOracle(pallet_oracle::Call::feed_values {
				values: vec![(0, FixedU128::from_u32(1_000))].try_into().unwrap(),
			});
			let filtered: polkadot_sdk::sp_runtime::DispatchError =
				frame_system::Error::<Runtime>::CallFiltered.into();
			assert_eq!(feed.clone().dispatch(RuntimeOrigin::signed(alice.clone())).map_err(|e| e.error), Err(filtered));
			let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![feed] });
			assert_eq!(batch.dispatch(RuntimeOrigin::signed(alice.clone())).map_err(|e| e.error), Err(filtered));
			assert_eq!(FloorIndex::current_index(&0), None);
			// Alice's signed report (chain-bound) is valid, but one report is not the quorum:
			// not even a first index
			let (r, sig) = report(Sr25519Keyring::Alice, 30);
			assert!(FloorIndex::authorize_report(TransactionSource::External, &r, &sig).is_ok());
			let bare: pallet_floor_index::crypto::Signature =
				Sr25519Keyring::Alice.pair().sign(&codec::Encode::encode(&r)).into();
			assert!(FloorIndex::authorize_report(TransactionSource::External, &r, &bare).is_err());
			let authorized = || RuntimeOrigin::from(frame_system::RawOrigin::Authorized);
			assert_ok!(FloorIndex::submit_report(authorized(), r, sig));
			assert!(index_events().contains(&pallet_floor_index::Event::AwaitingQuorum {
				collection: 0,
				fresh: 1,
				quorum: 2
			}));
			assert_eq!(FloorIndex::current_index(&0), None);
			// Bob agrees (roughly): the index is their median
			let (r, sig) = report(Sr25519Keyring::Bob, 20);
			assert_ok!(FloorIndex::submit_report(authorized(), r, sig));
			assert_eq!(FloorIndex::current_index(&0), Some((FixedU128::from_u32(25), 1)));
		});
}
