//! Chain specifications built from the runtime's genesis presets.

use floorperp_runtime::WASM_BINARY;
use polkadot_sdk::{sc_service, sp_genesis_builder};
use sc_service::ChainType;

/// The chain spec type of this node (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> sc_service::Properties {
	let mut p = sc_service::Properties::new();
	p.insert("tokenSymbol".into(), "FLOOR".into());
	p.insert("tokenDecimals".into(), 18.into());
	p.insert("ss58Format".into(), 42.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY
		.ok_or_else(|| "the runtime wasm is not available (built with SKIP_WASM_BUILD?)".into())
}

/// `--dev`: one validator (Alice), blocks right away.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Floorperp Development")
		.with_id("floorperp_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: Alice, Bob and Charlie validate, GRANDPA finalises.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Floorperp Local Testnet")
		.with_id("floorperp_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
