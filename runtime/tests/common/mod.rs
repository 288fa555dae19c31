//! Shared by the runtime's integration tests: genesis state built from a preset, the way the
//! node builds it.

use floorperp_runtime::{BuildStorage, RuntimeGenesisConfig};
use polkadot_sdk::sp_runtime;
use serde_json::Value;

/// Merge a genesis preset patch into the default genesis config (as the node does).
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(b), Value::Object(p)) => {
			for (k, v) in p {
				merge(b.entry(k).or_insert(Value::Null), v);
			}
		},
		(b, p) => *b = p,
	}
}

/// The genesis storage of a preset patch (`genesis_config_presets::*_config_genesis()`).
pub fn genesis_storage(preset: Value) -> sp_runtime::Storage {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, preset);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	config.build_storage().unwrap()
}
