//! Trust boundaries of the runtime as configured by its genesis presets: no signed account can
//! reduce the clearing house's WETH (only governance can hand out WETH's roles), and the fees
//! make filling blocks cost real FLOOR.

use floorperp_runtime::{
	genesis_config_presets, weth_owner, Assets, FloorPerp, Runtime, RuntimeCall, RuntimeOrigin,
	TransactionPayment, UNIT, WETH,
};
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

mod common;

fn vault_weth() -> (u128, u128) {
	let vault = FloorPerp::vault();
	(
		<Assets as Inspect<_>>::balance(WETH, &vault),
		<Assets as Inspect<_>>::reducible_balance(WETH, &vault, Preservation::Expendable, Fortitude::Polite),
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
				assert_eq!(vault_weth(), before, "{call:?} by {who} moved or locked the vault's WETH");
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
			side: pallet_floor_perp::Side::Long,
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
