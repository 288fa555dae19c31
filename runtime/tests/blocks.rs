//! Build real blocks with the runtime in `TestExternalities` — a signed WETH transfer, an NFT
//! collection and mint, a transfer that fails — then import them again on a fresh genesis
//! state with `Executive::execute_block`, the way a node does. A block with a forged state
//! root is refused.

use codec::Encode;
use floorperp_runtime::{
	genesis_config_presets, Address, Block, Executive, Header, Runtime, RuntimeCall, SignedPayload,
	TxExtension, UncheckedExtrinsic, SLOT_DURATION, UNIT, WETH,
};
use polkadot_sdk::{
	frame_support::assert_ok, frame_system, pallet_assets, pallet_nfts, pallet_timestamp,
	pallet_transaction_payment, sp_consensus_aura, sp_core::H256, sp_io,
	sp_keyring::Sr25519Keyring, sp_runtime,
};
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Block as BlockT, Header as HeaderT},
	DispatchError, ModuleError,
};

mod common;

fn genesis_storage() -> sp_runtime::Storage {
	common::genesis_storage(genesis_config_presets::development_config_genesis())
}

fn tx_extension(nonce: u32) -> TxExtension {
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// The `nth` (0-based) signed extrinsic of `who` in the block being built (must run inside
/// externalities: the payload reads the genesis hash and the account's nonce).
fn signed(who: Sr25519Keyring, nth: u32, call: RuntimeCall) -> UncheckedExtrinsic {
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(who.to_account_id()) + nth;
	let ext = tx_extension(nonce);
	let payload = SignedPayload::new(call.clone(), ext.clone()).unwrap();
	let signature = payload.using_encoded(|p| who.sign(p));
	UncheckedExtrinsic::new_signed(call, Address::Id(who.to_account_id()), signature.into(), ext)
}

fn timestamp_set(slot: u64) -> UncheckedExtrinsic {
	UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
		now: slot * SLOT_DURATION,
	}))
}

fn aura_digest(slot: u64) -> Digest {
	Digest {
		logs: vec![DigestItem::PreRuntime(
			sp_consensus_aura::AURA_ENGINE_ID,
			sp_consensus_aura::Slot::from(slot).encode(),
		)],
	}
}

fn weth(who: Sr25519Keyring) -> u128 {
	pallet_assets::Pallet::<Runtime>::balance(WETH, who.to_account_id())
}

/// Author a block: initialise, apply the extrinsics (each must be accepted into the block),
/// finalise. Returns the block and the dispatch result of each extrinsic.
fn author_block(
	number: u32,
	parent: H256,
	slot: u64,
	build: impl FnOnce() -> Vec<UncheckedExtrinsic>,
) -> (Block, Vec<Result<(), DispatchError>>) {
	let header =
		Header::new(number, Default::default(), Default::default(), parent, aura_digest(slot));
	Executive::initialize_block(&header);
	let mut extrinsics = vec![timestamp_set(slot)];
	extrinsics.extend(build());
	let mut results = Vec::new();
	for xt in &extrinsics {
		let applied = Executive::apply_extrinsic(xt.clone())
			.unwrap_or_else(|e| panic!("extrinsic {:?} refused: {e:?}", xt.function));
		results.push(applied.map(|_| ()));
	}
	let header = Executive::finalize_block();
	(Block::new(header, extrinsics), results)
}

struct Chain {
	blocks: Vec<Block>,
}

fn author_chain() -> Chain {
	let mut ext = sp_io::TestExternalities::new(genesis_storage());
	ext.execute_with(|| {
		let genesis = frame_system::BlockHash::<Runtime>::get(0);
		let alice = Sr25519Keyring::Alice;
		let bob = Sr25519Keyring::Bob;
		let (alice0, bob0) = (weth(alice), weth(bob));
		assert_eq!(bob0, 100_000 * UNIT);

		// Block 1: Alice sends Bob 25 WETH; Bob tries to send more than he has.
		let (block1, results) = author_block(1, genesis, 1, || {
			vec![
				signed(
					alice,
					0,
					RuntimeCall::Assets(pallet_assets::Call::transfer {
						id: WETH.into(),
						target: bob.to_account_id().into(),
						amount: 25 * UNIT,
					}),
				),
				signed(
					bob,
					0,
					RuntimeCall::Assets(pallet_assets::Call::transfer {
						id: WETH.into(),
						target: alice.to_account_id().into(),
						amount: 1_000_000 * UNIT,
					}),
				),
			]
		});
		assert_ok!(results[0]);
		assert_ok!(results[1]);
		match results[2] {
			Err(DispatchError::Module(ModuleError { .. })) => {},
			ref other => panic!("the overdraft must fail with a module error, got {other:?}"),
		}
		assert!(matches!(
			floorperp_runtime::RuntimeError::from_dispatch_error(results[2].unwrap_err()),
			Some(floorperp_runtime::RuntimeError::Assets(
				pallet_assets::Error::<Runtime>::BalanceLow
			))
		));
		assert_eq!(weth(alice), alice0 - 25 * UNIT);
		assert_eq!(weth(bob), bob0 + 25 * UNIT);

		// Block 2: Alice creates a collection and mints item 42 to Bob.
		let parent = block1.header().hash();
		let (block2, results) = author_block(2, parent, 2, || {
			vec![
				signed(
					alice,
					0,
					RuntimeCall::Nfts(pallet_nfts::Call::create {
						admin: alice.to_account_id().into(),
						config: pallet_nfts::CollectionConfig {
							settings: Default::default(),
							max_supply: None,
							mint_settings: Default::default(),
						},
					}),
				),
				signed(
					alice,
					1,
					RuntimeCall::Nfts(pallet_nfts::Call::mint {
						collection: 0,
						item: 42,
						mint_to: bob.to_account_id().into(),
						witness_data: None,
					}),
				),
			]
		});
		assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
		assert_eq!(pallet_nfts::Pallet::<Runtime>::owner(0, 42), Some(bob.to_account_id()));
		Chain { blocks: vec![block1, block2] }
	})
}

#[test]
fn authored_blocks_import_on_a_fresh_node() {
	let chain = author_chain();
	let mut ext = sp_io::TestExternalities::new(genesis_storage());
	ext.execute_with(|| {
		for block in &chain.blocks {
			Executive::execute_block(block.clone().into());
		}
		assert_eq!(frame_system::Pallet::<Runtime>::block_number(), 2);
		assert_eq!(weth(Sr25519Keyring::Bob), 100_025 * UNIT);
		assert_eq!(
			pallet_nfts::Pallet::<Runtime>::owner(0, 42),
			Some(Sr25519Keyring::Bob.to_account_id())
		);
	});
}

#[test]
fn a_block_with_a_forged_state_root_is_refused() {
	let chain = author_chain();
	let mut block = chain.blocks[0].clone();
	let (mut header, extrinsics) = block.deconstruct();
	header.set_state_root(H256::repeat_byte(0x42));
	block = Block::new(header, extrinsics);
	let mut ext = sp_io::TestExternalities::new(genesis_storage());
	let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
		ext.execute_with(|| Executive::execute_block(block.into()))
	}));
	assert!(refused.is_err(), "a forged state root must not import");
}
