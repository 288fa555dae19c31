//! The runtime's migrations, with their `pre_upgrade`/`post_upgrade` checks and every pallet's
//! `try_state`, run on the state of a live dev node (try-runtime). Built only with the
//! `try-runtime` feature (`scripts/test`:
//! `cargo test -p floorperp-runtime --features try-runtime --test live_upgrade`).
//!
//! The state is a snapshot the e2e upgrade test takes over RPC from a dev node with a market,
//! positions and an escrowed NFT (`tests/e2e/tests/upgrade.test.js`, every key but `:code`),
//! at the path in `FLOORPERP_SNAPSHOT`. The node runs today's runtime, so its vAMM is already at
//! storage version 1; the test puts its pools back into the version-0 layout (and the version
//! to 0) — the state the first runtime with pallet-vamm v1 met — and lets
//! `Executive::try_runtime_upgrade` migrate them.
#![cfg(feature = "try-runtime")]

use floorperp_runtime::{Executive, Runtime, Vamm};
use pallet_vamm::migrations::v1::PoolV0;
use polkadot_sdk::{
	frame_support::traits::{GetStorageVersion, StorageVersion, UpgradeCheckSelect},
	sp_core::bytes::from_hex,
	sp_io, sp_runtime,
};

fn snapshot() -> sp_io::TestExternalities {
	let path = std::env::var("FLOORPERP_SNAPSHOT")
		.expect("FLOORPERP_SNAPSHOT: the dev node's state (written by the e2e upgrade test)");
	let json: serde_json::Value =
		serde_json::from_slice(&std::fs::read(&path).expect("read the snapshot")).unwrap();
	let mut storage = sp_runtime::Storage::default();
	for pair in json["pairs"].as_array().expect("pairs") {
		let key = from_hex(pair[0].as_str().unwrap()).unwrap();
		let value = from_hex(pair[1].as_str().unwrap()).unwrap();
		storage.top.insert(key, value);
	}
	assert!(storage.top.len() > 100, "a snapshot of a live chain: {} keys", storage.top.len());
	sp_io::TestExternalities::new(storage)
}

#[test]
fn the_migrations_and_every_invariant_pass_on_a_live_dev_nodes_state() {
	let mut ext = snapshot();
	ext.execute_with(|| {
		// the live state as it is: nothing to migrate, every check green
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.expect("try-runtime on the live state");

		// as before pallet-vamm v1: the same pools without their period volume, version 0
		let pools: Vec<_> = pallet_vamm::Pools::<Runtime>::iter().collect();
		assert!(!pools.is_empty(), "the snapshot has a market");
		for (market, p) in &pools {
			let v0 = PoolV0 {
				base_reserve: p.base_reserve,
				quote_reserve: p.quote_reserve,
				k: p.k,
				initial_base_reserve: p.initial_base_reserve,
				net_base: p.net_base,
				status: p.status.clone(),
				config: p.config.clone(),
				block_start_block: p.block_start_block,
				block_start_price: p.block_start_price,
				exemption_used_at: p.exemption_used_at,
				cumulative_price: p.cumulative_price,
				last_twap_update: p.last_twap_update,
			};
			sp_io::storage::set(
				&pallet_vamm::Pools::<Runtime>::hashed_key_for(market),
				&codec::Encode::encode(&v0),
			);
		}
		StorageVersion::new(0).put::<Vamm>();
		assert!(pallet_vamm::Pools::<Runtime>::try_get(pools[0].0).is_err(), "v0 bytes in place");

		// the upgrade: pre_upgrade, the migration, post_upgrade, decoding the entire state and
		// every pallet's try_state
		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the v0 → v1 migration");
		assert_eq!(Vamm::on_chain_storage_version(), StorageVersion::new(1));
		for (market, p) in pools {
			let mut expected = p.clone();
			expected.period_volume = 0;
			assert_eq!(pallet_vamm::Pools::<Runtime>::get(market), Some(expected));
		}
	});
}
