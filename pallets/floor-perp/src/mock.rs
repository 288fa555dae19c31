//! Mock runtime: system, balances, assets (WETH = asset 1), the real `pallet-vamm` (whose
//! K funding is this pallet) and this pallet, with a settable index.

use crate::{self as pallet_floor_perp, FloorIndex, MarketId, ONE};
use core::cell::RefCell;
use frame::arithmetic::FixedU128;
use frame::deps::sp_runtime::testing::{TestSignature, UintAuthorityId};
use frame::testing_prelude::*;
use polkadot_sdk::{pallet_assets, pallet_balances, pallet_nfts};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Nfts: pallet_nfts,
		Vamm: pallet_vamm,
		FloorPerp: pallet_floor_perp,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureSigned<u64>>;
	type ForceOrigin = frame_system::EnsureRoot<u64>;
	type Freezer = ();
	type Holder = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub NftFeatures: pallet_nfts::PalletFeatures = pallet_nfts::PalletFeatures::all_enabled();
}

impl pallet_nfts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureSigned<u64>>;
	type ForceOrigin = frame_system::EnsureRoot<u64>;
	type Locker = ();
	type CollectionDeposit = ConstU64<2>;
	type ItemDeposit = ConstU64<1>;
	type MetadataDepositBase = ConstU64<1>;
	type AttributeDepositBase = ConstU64<1>;
	type DepositPerByte = ConstU64<1>;
	type StringLimit = ConstU32<50>;
	type KeyLimit = ConstU32<50>;
	type ValueLimit = ConstU32<50>;
	type ApprovalsLimit = ConstU32<10>;
	type ItemAttributesApprovalsLimit = ConstU32<2>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = ConstU64<10000>;
	type MaxAttributesPerCall = ConstU32<2>;
	type Features = NftFeatures;
	type OffchainSignature = TestSignature;
	type OffchainPublic = UintAuthorityId;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = NftsHelper;
	type BlockNumberProvider = frame_system::Pallet<Test>;
}

/// pallet-nfts' own benchmark helper (unused: its benchmarks do not run on this mock).
#[cfg(feature = "runtime-benchmarks")]
pub struct NftsHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_nfts::BenchmarkHelper<u32, u32, UintAuthorityId, u64, TestSignature> for NftsHelper {
	fn collection(i: u16) -> u32 {
		i.into()
	}
	fn item(i: u16) -> u32 {
		i.into()
	}
	fn signer() -> (UintAuthorityId, u64) {
		(UintAuthorityId(1), 1)
	}
	fn sign(signer: &UintAuthorityId, message: &[u8]) -> TestSignature {
		TestSignature(signer.0, message.to_vec())
	}
}

parameter_types! {
	pub MinKRatio: FixedU128 = FixedU128::from_rational(1, 2);
	pub MaxKRatio: FixedU128 = FixedU128::from_u32(4);
	pub MaxKStep: Perbill = Perbill::from_percent(1);
	pub const TwapSnapshots: u32 = 64;
	pub const FloorPerpPalletId: PalletId = PalletId(*b"flrperp0");
	pub static LiquidationBudget: u32 = 16;
	pub static MaxKStepsPerBlock: u32 = 8;
	pub static MaxLiquidationWeight: Weight = Weight::from_parts(u64::MAX / 4, u64::MAX / 4);
	pub static IdleSweepWeight: Weight = Weight::zero();
	pub static InKindBudget: u32 = 16;
}

impl pallet_vamm::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type KFunding = FloorPerp;
	type MinKRatio = MinKRatio;
	type MaxKRatio = MaxKRatio;
	type MaxKStep = MaxKStep;
	type TwapSnapshots = TwapSnapshots;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

thread_local! {
	/// Index per collection: (price, updated at block).
	pub static INDEX: RefCell<BTreeMap<u32, (FixedU128, u64)>> = const { RefCell::new(BTreeMap::new()) };
}

/// Set the index of `collection` to `price`, updated now.
pub fn set_index(collection: u32, price: FixedU128) {
	let now = System::block_number();
	INDEX.with(|i| i.borrow_mut().insert(collection, (price, now)));
}

/// Set the index of `collection` to `price`, updated at block `at`.
pub fn set_index_at(collection: u32, price: FixedU128, at: u64) {
	INDEX.with(|i| i.borrow_mut().insert(collection, (price, at)));
}

/// Remove the index of `collection`.
pub fn clear_index(collection: u32) {
	INDEX.with(|i| i.borrow_mut().remove(&collection));
}

thread_local! {
	/// Index TWAPs set apart from the spot index (otherwise the TWAP is the spot price).
	pub static INDEX_TWAP: RefCell<BTreeMap<u32, FixedU128>> = const { RefCell::new(BTreeMap::new()) };
	/// Collections the mock's policy refuses, and why.
	pub static RISKY: RefCell<BTreeMap<u32, crate::CollectionRisk>> = const { RefCell::new(BTreeMap::new()) };
}

/// Make the index TWAP of `collection` `price` (whatever the window), apart from the spot.
pub fn set_index_twap(collection: u32, price: FixedU128) {
	INDEX_TWAP.with(|i| i.borrow_mut().insert(collection, price));
}

/// The settable index (its TWAP is the spot price unless set apart with [`set_index_twap`]).
pub struct MockIndex;
impl FloorIndex<u32, u64> for MockIndex {
	fn index(c: &u32) -> Option<(FixedU128, u64)> {
		INDEX.with(|i| i.borrow().get(c).copied())
	}
	fn index_twap(c: &u32, _window: u32) -> Option<FixedU128> {
		INDEX_TWAP
			.with(|t| t.borrow().get(c).copied())
			.or_else(|| INDEX.with(|i| i.borrow().get(c).map(|(p, _)| *p)))
	}
}

/// The collection policy of the mock: every collection is safe but those in [`RISKY`].
pub struct MockCollections;
impl crate::CollectionPolicy<u32> for MockCollections {
	fn check(c: &u32) -> Result<(), crate::CollectionRisk> {
		RISKY.with(|r| r.borrow().get(c).copied()).map_or(Ok(()), Err)
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u32, u32, u32, u64> for MockBenchmarkHelper {
	fn collection(i: u32) -> u32 {
		i + 100
	}
	fn set_index(collection: u32, price: FixedU128) {
		set_index(collection, price)
	}
	fn ensure_quote_asset(_asset: u32) {}
	fn ensure_collection(_collection: u32) {}
	fn mint_nft(collection: u32, item: u32, owner: &u64) -> u32 {
		mint_nft(collection, item, *owner);
		item
	}
}

impl pallet_floor_perp::Config for Test {
	type Assets = Assets;
	type QuoteAsset = ConstU32<WETH>;
	type CollectionId = u32;
	type ItemId = u32;
	type Nfts = Nfts;
	type Vamm = Vamm;
	type Index = MockIndex;
	type Collections = MockCollections;
	type GovernanceOrigin = frame_system::EnsureRoot<u64>;
	type PalletId = FloorPerpPalletId;
	type BlocksPerDay = ConstU32<43_200>;
	type MaxMarkets = ConstU32<8>;
	type LiquidationBudget = LiquidationBudget;
	type MaxKStepsPerBlock = MaxKStepsPerBlock;
	type MaxLiquidationWeight = MaxLiquidationWeight;
	type IdleSweepWeight = IdleSweepWeight;
	type InKindBudget = InKindBudget;
	type MaxNftAccounts = ConstU32<64>;
	type MaxNftsPerAccount = ConstU32<16>;
	type MaxAuctionsPerBlock = ConstU32<8>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub const WETH: u32 = 1;
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const KEEPER: AccountId = 9;
pub const ADMIN: AccountId = 99;
/// The Ocelot collection.
pub const OCELOTS: u32 = 7;
/// Initial WETH of every test account.
pub const FUNDS: u128 = 1_000_000 * ONE;
pub const USERS: [AccountId; 5] = [ALICE, BOB, CHARLIE, DAVE, KEEPER];

pub fn new_test_ext() -> TestState {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ADMIN, 1_000_000)]
			.into_iter()
			.chain(USERS.iter().map(|u| (*u, 1_000)))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(WETH, ADMIN, true, 1)],
		metadata: vec![],
		accounts: USERS.iter().map(|u| (WETH, *u, FUNDS)).collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = TestState::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		INDEX.with(|i| i.borrow_mut().clear());
		INDEX_TWAP.with(|i| i.borrow_mut().clear());
		RISKY.with(|r| r.borrow_mut().clear());
		LiquidationBudget::set(16);
		MaxKStepsPerBlock::set(8);
		MaxLiquidationWeight::set(Weight::from_parts(u64::MAX / 4, u64::MAX / 4));
		IdleSweepWeight::set(Weight::zero());
		InKindBudget::set(16);
	});
	ext
}

/// Run a test and check the invariants at the end.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		check_invariants();
	});
}

/// try_state + exact value conservation (the vault holds exactly the buckets: every test
/// account started with `FUNDS` and nothing else enters or leaves).
pub fn check_invariants() {
	assert_ok!(FloorPerp::do_try_state());
	let vault = weth(&FloorPerp::vault());
	assert_eq!(vault, FloorPerp::total_claims(), "vault == cash + funds + floats");
	let outside: u128 = USERS.iter().map(weth).sum();
	assert_eq!(outside + vault, FUNDS * USERS.len() as u128, "no value created or lost");
}

pub fn weth(who: &AccountId) -> u128 {
	use frame::token::fungibles::Inspect;
	<Assets as Inspect<AccountId>>::balance(WETH, who)
}

pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

pub fn price(x: u128) -> FixedU128 {
	FixedU128::from_inner(x * ONE)
}

pub fn events() -> Vec<pallet_floor_perp::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::FloorPerp(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Create the Ocelot market with the seed's pool (B = 100, Q = 10_000: mark 100), default
/// parameters, and a fresh index at 100.
pub fn create_ocelot_market(params: crate::MarketParams) -> MarketId {
	set_index(OCELOTS, price(100));
	assert_ok!(FloorPerp::create_market(
		RuntimeOrigin::root(),
		OCELOTS,
		100 * ONE,
		10_000 * ONE,
		params
	));
	0
}

pub fn account(market: MarketId, who: AccountId) -> crate::MarginAccount {
	crate::Accounts::<Test>::get(market, who).unwrap_or_default()
}

pub fn market(id: MarketId) -> crate::MarketOf<Test> {
	crate::Markets::<Test>::get(id).unwrap()
}

/// Create `collection` in pallet-nfts (owned by `ADMIN`) if it does not exist.
pub fn ensure_collection(collection: u32) {
	use frame::token::nonfungibles_v2::Create;
	if pallet_nfts::Collection::<Test>::contains_key(collection) {
		return;
	}
	let config = pallet_nfts::CollectionConfig {
		settings: pallet_nfts::CollectionSettings::all_enabled(),
		max_supply: None,
		mint_settings: Default::default(),
	};
	assert_ok!(<Nfts as Create<u64, _>>::create_collection_with_id(
		collection, &ADMIN, &ADMIN, &config
	));
}

/// Mint `item` of `collection` to `owner` (creating the collection if needed).
pub fn mint_nft(collection: u32, item: u32, owner: AccountId) {
	use frame::token::nonfungibles_v2::Mutate;
	ensure_collection(collection);
	assert_ok!(<Nfts as Mutate<u64, pallet_nfts::ItemConfig>>::mint_into(
		&collection,
		&item,
		&owner,
		&pallet_nfts::ItemConfig::default(),
		true
	));
}

/// Owner of an NFT in pallet-nfts.
pub fn nft_owner(collection: u32, item: u32) -> Option<AccountId> {
	use frame::token::nonfungibles_v2::Inspect;
	<Nfts as Inspect<u64>>::owner(&collection, &item)
}
