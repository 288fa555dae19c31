//! `floorperp-node`: the Floorperp chain's node.

// `sc_cli::Error` and `sc_service::Error`, which the node's functions return, are polkadot-sdk's
// (large) error types.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
