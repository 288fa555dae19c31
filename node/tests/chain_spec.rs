//! The committed chain specs (`chain-spec/*.json`) must be what the current runtime and node
//! generate. Regenerate them with `scripts/gen-chain-specs` after a runtime change.
//!
//! The wasm itself is not byte-reproducible across checkout paths (the wasm builder compiles
//! the runtime with absolute source paths), so the `code` is compared by what it does: the
//! committed and the current blob must report the same `Core_version` and the same full
//! `Metadata_metadata`. Everything else in the spec is compared exactly.

use polkadot_sdk::{
	sc_executor, sc_executor_common::runtime_blob::RuntimeBlob, sp_io, sp_state_machine,
};
use serde_json::Value;
use std::{
	collections::HashMap,
	path::PathBuf,
	process::Command,
	sync::{Mutex, OnceLock},
};

const CODE_KEY: &str = "0x3a636f6465"; // hex of ":code"

fn repo_root() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate(chain: &str, raw: bool) -> Value {
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_floorperp-node"));
	cmd.args(["export-chain-spec", "--chain", chain]);
	if raw {
		cmd.arg("--raw");
	}
	let out = cmd.output().expect("floorperp-node runs");
	assert!(
		out.status.success(),
		"export-chain-spec failed: {}",
		String::from_utf8_lossy(&out.stderr)
	);
	serde_json::from_slice(&out.stdout).expect("export-chain-spec prints JSON")
}

fn committed(file: &str) -> Value {
	let path = repo_root().join("chain-spec").join(file);
	let text = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("{}: {e} (run scripts/gen-chain-specs)", path.display()));
	serde_json::from_str(&text).expect("committed chain spec is JSON")
}

/// Take the runtime code out of a spec, leaving a placeholder.
fn take_code(spec: &mut Value, raw: bool) -> Vec<u8> {
	let slot = if raw {
		&mut spec["genesis"]["raw"]["top"][CODE_KEY]
	} else {
		&mut spec["genesis"]["runtimeGenesis"]["code"]
	};
	let hex = slot.as_str().expect("the spec carries the runtime code").to_owned();
	*slot = Value::String("<code>".into());
	from_hex(&hex)
}

fn from_hex(s: &str) -> Vec<u8> {
	let s = s.strip_prefix("0x").unwrap_or(s);
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
		.collect()
}

/// What a runtime blob answers to `Core_version` and `Metadata_metadata`, computed once per
/// distinct blob (the four specs share at most two: the committed and the current runtime).
fn behaviour(code: &[u8]) -> (Vec<u8>, Vec<u8>) {
	/// Blob → (version, metadata).
	type Seen = HashMap<Vec<u8>, (Vec<u8>, Vec<u8>)>;
	static SEEN: OnceLock<Mutex<Seen>> = OnceLock::new();
	let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
	seen.entry(code.to_vec())
		.or_insert_with(|| (call(code, "Core_version"), call(code, "Metadata_metadata")))
		.clone()
}

/// Call a runtime export of a wasm blob with no state.
fn call(code: &[u8], export: &str) -> Vec<u8> {
	let executor = sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let blob = RuntimeBlob::uncompress_if_needed(code).expect("valid runtime blob");
	let mut ext = sp_state_machine::BasicExternalities::default();
	executor
		.uncached_call(blob, &mut ext, true, export, &[])
		.unwrap_or_else(|e| panic!("{export}: {e}"))
}

fn check(file: &str, chain: &str, raw: bool) {
	let mut want = committed(file);
	let mut got = generate(chain, raw);
	let want_code = take_code(&mut want, raw);
	let got_code = take_code(&mut got, raw);
	assert_eq!(
		want, got,
		"chain-spec/{file} drifted from the runtime: run scripts/gen-chain-specs"
	);
	let (want_version, want_metadata) = behaviour(&want_code);
	let (got_version, got_metadata) = behaviour(&got_code);
	assert!(
		want_version == got_version,
		"chain-spec/{file}: the committed runtime's Core_version differs from the current one: run scripts/gen-chain-specs"
	);
	assert!(
		want_metadata == got_metadata,
		"chain-spec/{file}: the committed runtime's metadata differs from the current one: run scripts/gen-chain-specs"
	);
}

#[test]
fn dev_plain_matches_the_runtime() {
	check("dev.json", "dev", false);
}

#[test]
fn dev_raw_matches_the_runtime() {
	check("dev-raw.json", "dev", true);
}

#[test]
fn local_plain_matches_the_runtime() {
	check("local.json", "local", false);
}

#[test]
fn local_raw_matches_the_runtime() {
	check("local-raw.json", "local", true);
}
