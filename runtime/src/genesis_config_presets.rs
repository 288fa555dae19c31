//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (Alice, Bob,
//! Charlie). Both fund the well-known dev accounts with native tokens and WETH (asset 1), whose
//! roles (owner, issuer, admin, freezer) belong to a keyless account ([`crate::weth_owner`]).

use crate::{AccountId, Balance, BalancesConfig, RuntimeGenesisConfig, SudoConfig, UNIT, WETH};
use alloc::{vec, vec::Vec};
use frame_support::{build_struct_json_patch, BoundedVec};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use super::*;

/// Native tokens given to each dev account.
pub const DEV_NATIVE_BALANCE: Balance = 1_000_000 * UNIT;
/// WETH given to each dev account.
pub const DEV_WETH_BALANCE: Balance = 100_000 * UNIT;
/// The smallest WETH balance an account may hold: 1 wei. The clearing house's vault must
/// never be reaped with dust that accounts can still claim.
pub const WETH_MIN_BALANCE: Balance = 1;

/// Who reports the floor index and how many must agree.
struct OracleSetup {
	/// The operators (their nodes' `flor` keys report).
	operators: Vec<AccountId>,
	/// Fresh reports needed to move an index.
	quorum: u32,
	/// Blocks of the index TWAP the index may not leave by more than 10%.
	clamp_window: u32,
}

/// Who governs, and how fast.
struct Governance {
	/// The technical committee.
	committee: Vec<AccountId>,
	/// Blocks between a committee decision and its enactment (`Timelock::Delay`).
	delay: BlockNumber,
	/// The sudo key: the dev chain's convenience; `None` anywhere else.
	sudo: Option<AccountId>,
}

fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	governance: Governance,
	oracle: OracleSetup,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, DEV_NATIVE_BALANCE))
				// the collection custodian exists, so that a collection (and its deposit) can be
				// ceded to it
				.chain([(crate::collections::collection_custodian(), UNIT)])
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: governance.sudo },
		technical_committee: pallet_collective::GenesisConfig { members: governance.committee },
		timelock: pallet_timelock::GenesisConfig { delay: Some(governance.delay) },
		oracle_operators: pallet_membership::GenesisConfig {
			members: BoundedVec::truncate_from(oracle.operators),
		},
		floor_index: pallet_floor_index::GenesisConfig {
			feeds: demo_feeds(),
			quorum: oracle.quorum,
			clamp_window: oracle.clamp_window,
		},
		assets: pallet_assets::GenesisConfig {
			// no signed account holds a role of WETH: the vault's WETH cannot be moved but by
			// the clearing house (and governance, through `force_asset_status`)
			assets: vec![(WETH, crate::weth_owner(), true, WETH_MIN_BALANCE)],
			metadata: vec![(WETH, b"Wrapped Ether".to_vec(), b"WETH".to_vec(), 18)],
			accounts: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (WETH, k, DEV_WETH_BALANCE))
				.collect::<Vec<_>>(),
			next_asset_id: Some(WETH + 1),
		},
	})
}

/// The local floor-price source (`tools/floor-source`, started by `scripts/run-dev`).
pub const DEMO_FLOOR_SOURCE: &str = "http://127.0.0.1:8787";

/// The demo feed: collection 0 (the Ocelots) read from the local floor-price source, at the
/// JSON pointer a Reservoir-style marketplace API uses.
fn demo_feeds() -> Vec<(CollectionId, pallet_floor_index::GenesisSources)> {
	vec![(
		0,
		vec![(
			alloc::format!("{DEMO_FLOOR_SOURCE}/collections/0/floor").into_bytes(),
			b"/collection/floorAsk/price/amount/decimal".to_vec(),
			0,
		)],
	)]
}

fn authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The committee of both presets: Alice, Bob and Charlie.
fn committee() -> Vec<AccountId> {
	vec![
		Sr25519Keyring::Alice.to_account_id(),
		Sr25519Keyring::Bob.to_account_id(),
		Sr25519Keyring::Charlie.to_account_id(),
	]
}

/// Governance delay of the dev chain: 10 blocks (20 s).
pub const DEV_GOVERNANCE_DELAY: BlockNumber = 10;
/// Governance delay of the local chain: 5 minutes (150 blocks), as long as a motion may stay
/// open; a live chain sets days (`DefaultGovernanceDelay`, two days, if its spec sets none).
pub const LOCAL_GOVERNANCE_DELAY: BlockNumber = 5 * MINUTES;

/// The `development` preset: Alice validates alone and is the only oracle operator (quorum 1,
/// the index clamped per block: a dev chain follows a test's floor quickly); Alice holds the
/// sudo key and the committee's changes wait [`DEV_GOVERNANCE_DELAY`].
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Governance {
			committee: committee(),
			delay: DEV_GOVERNANCE_DELAY,
			sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		},
		OracleSetup {
			operators: vec![Sr25519Keyring::Alice.to_account_id()],
			quorum: 1,
			clamp_window: 1,
		},
	)
}

/// Clamp window of the local (and any live) chain: 10 minutes of index TWAP.
pub const LOCAL_CLAMP_WINDOW: u32 = 10 * MINUTES;

/// The `local_testnet` preset: Alice, Bob and Charlie validate and operate the oracle; two of
/// them must agree to move an index, which stays within 10% of its 10-minute TWAP. No sudo
/// key: the committee governs, through the time lock ([`LOCAL_GOVERNANCE_DELAY`]).
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Governance { committee: committee(), delay: LOCAL_GOVERNANCE_DELAY, sudo: None },
		OracleSetup {
			operators: vec![
				Sr25519Keyring::Alice.to_account_id(),
				Sr25519Keyring::Bob.to_account_id(),
				Sr25519Keyring::Charlie.to_account_id(),
			],
			quorum: 2,
			clamp_window: LOCAL_CLAMP_WINDOW,
		},
	)
}

/// The preset with the given id.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
