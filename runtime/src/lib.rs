//! # Floorperp runtime
//!
//! The appchain runtime: perpetual futures on NFT floor prices traded against a virtual AMM.
//!
//! * consensus: Aura block production (2 s slots) and GRANDPA finality;
//! * money: `Balances` is the native fee token, `Assets` holds the quote tokens (WETH, id 1);
//! * NFTs: `Nfts` (the collections the perps are written on; escrow uses its traits);
//! * the product: `Vamm` (the venue) and `FloorPerp` (the clearing house), reading the floor
//!   index of `FloorOracle` (median of the reports of the `OracleOperators`);
//! * governance: markets, parameters, K and runtime upgrades need `Root`
//!   ([`configs::GovernanceOrigin`]); the technical committee (`TechnicalCommittee`, 2/3) gets
//!   there only through `Timelock` (a change enacted by the `Scheduler` `Delay` blocks after the
//!   motion; long calls wait in `Preimage`); `Sudo` has a key on the development chain only.

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod collections;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod index;

use alloc::vec::Vec;
use polkadot_sdk::*;

use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Block number: 2 s blocks, `u32` lasts 272 years.
pub type BlockNumber = u32;
/// Transaction signature.
pub type Signature = MultiSignature;
/// Account id: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Native balance and quote-token balance (18 decimals).
pub type Balance = u128;
/// Transaction nonce.
pub type Nonce = u32;
/// Block hash.
pub type Hash = sp_core::H256;
/// Pallet-assets asset id.
pub type AssetId = u32;
/// Pallet-nfts collection id.
pub type CollectionId = u32;
/// Pallet-nfts item id.
pub type ItemId = u32;

/// One unit of a token with 18 decimals.
pub const UNIT: Balance = 1_000_000_000_000_000_000;
/// The quote asset of the dev chain: Wrapped Ether.
pub const WETH: AssetId = 1;
/// Owner, issuer, admin and freezer of WETH at genesis: an account derived from this id that
/// no key signs for. Nobody can force-transfer, burn, freeze or block the clearing house's
/// WETH; only governance (pallet-assets' `ForceOrigin`, e.g. `force_asset_status`) can give
/// those roles to someone.
pub const WETH_OWNER_ID: frame_support::PalletId = frame_support::PalletId(*b"flr/weth");

/// The keyless owner of WETH's roles (see [`WETH_OWNER_ID`]).
pub fn weth_owner() -> AccountId {
	use sp_runtime::traits::AccountIdConversion;
	WETH_OWNER_ID.into_account_truncating()
}
/// Existential deposit of the native token.
pub const EXISTENTIAL_DEPOSIT: Balance = UNIT / 1_000;

/// Block time.
pub const MILLISECS_PER_BLOCK: u64 = 2000;
/// Aura slot duration; cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Opaque types for the node, which does not need to know the runtime's call types.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block id.
	pub type BlockId = generic::BlockId<Block>;
}

impl_opaque_keys! {
	/// The keys a validator holds.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
		/// The floor-index operator key (`flor`): `--dev` / `--alice` insert it like the others.
		pub floor_index: FloorIndex,
	}
}

/// The runtime's version.
#[cfg(not(feature = "upgrade-test"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("floorperp"),
	impl_name: alloc::borrow::Cow::Borrowed("floorperp"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The same runtime with the next `spec_version`: the wasm the end-to-end suite upgrades a
/// live chain to with `set_code` (`scripts/build-upgrade-wasm`).
#[cfg(feature = "upgrade-test")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("floorperp"),
	impl_name: alloc::borrow::Cow::Borrowed("floorperp"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Maximum encoded size of a block (5 MiB; normal transactions may use 75% of it): enough for
/// a `set_code` of this runtime, which carries its benchmarks. The node's block proposer uses it
/// as its size limit.
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// Two seconds of compute per 2 s block would leave no slack: allow 0.5 s (a quarter).
pub const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_div(2), u64::MAX);

/// Address format.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// Transaction extensions, in order. `AuthorizeCall` first so `#[pallet::authorize]` calls work.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);
/// Unchecked extrinsic.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// The storage migrations of this runtime version, each a `VersionedMigration` (it runs only
/// from its pallet's old storage version): the venue's pools gain `period_volume` (v0 → v1).
type Migrations = (pallet_vamm::migrations::v1::MigrateV0ToV1<Runtime>,);
/// Dispatches to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(8)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;
	#[runtime::pallet_index(9)]
	pub type Timelock = pallet_timelock;
	#[runtime::pallet_index(10)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(11)]
	pub type Nfts = pallet_nfts;
	#[runtime::pallet_index(12)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(13)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(20)]
	pub type Vamm = pallet_vamm;
	#[runtime::pallet_index(21)]
	pub type FloorPerp = pallet_floor_perp;
	#[runtime::pallet_index(30)]
	pub type OracleOperators = pallet_membership<Instance1>;
	#[runtime::pallet_index(31)]
	pub type FloorOracle = pallet_oracle<Instance1>;
	#[runtime::pallet_index(32)]
	pub type FloorIndex = pallet_floor_index;
}
