//! Pallet configurations.

use super::*;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, EitherOfDiverse,
		VariantCountOf,
	},
	weights::{constants::ParityDbWeight, ConstantMultiplier},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureSigned,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::One, Perbill};

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockWeights: BlockWeights =
		BlockWeights::with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO);
	pub RuntimeBlockLength: BlockLength =
		BlockLength::builder()
			.max_length(crate::MAX_BLOCK_LENGTH)
			.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |m| {
				*m = NORMAL_DISPATCH_RATIO * *m
			})
			.build();
	pub const SS58Prefix: u8 = 42;
}

/// What a signed or other non-root origin may not call: `FloorOracle::feed_values` (operators
/// report through `FloorIndex::submit_report`, signed over this chain and checked; a direct
/// feed would skip those checks and be free). Root is never filtered.
pub struct RuntimeCallFilter;
impl frame_support::traits::Contains<RuntimeCall> for RuntimeCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::FloorOracle(pallet_oracle::Call::feed_values { .. }))
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = RuntimeCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = sp_consensus_aura::sr25519::AuthorityId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

/// FLOOR planks per picosecond of compute: a whole block (500 ms of `ref_time`) costs 10 FLOOR,
/// a trade about 0.01 (README "Trust model"). Filling the chain's blocks for an hour costs
/// 18,000 FLOOR.
pub const WEIGHT_FEE: Balance = 20_000_000;
/// FLOOR planks per byte of an extrinsic: 0.0001 FLOOR.
pub const LENGTH_FEE: Balance = UNIT / 10_000;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = ConstantMultiplier<Balance, ConstU128<WEIGHT_FEE>>;
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<LENGTH_FEE>>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const MotionDuration: BlockNumber = 5 * MINUTES;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

/// The technical committee: the governance body of the chain.
pub type TechnicalCollective = pallet_collective::Instance1;

impl pallet_collective::Config<TechnicalCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<32>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

/// Two thirds of the technical committee: who may schedule a governance change
/// ([`pallet_timelock::Pallet::schedule`]) or cancel one.
pub type CommitteeTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, TechnicalCollective, 2, 3>;

/// Markets, market parameters, K, oracle feeds and operators, the quote asset's and the
/// collections' forced changes, runtime upgrades: `Root` only. The committee reaches `Root`
/// through the time lock alone (a 2/3 motion → `Timelock::schedule` → enacted `Delay` blocks
/// later by the scheduler), so every such change is visible on chain for the delay and can be
/// cancelled; sudo (dev chain only) is the other way.
pub type GovernanceOrigin = EnsureRoot<AccountId>;

parameter_types! {
	/// The scheduler spends at most 60% of a block on due tasks (the rest wait for the next
	/// block): room for the heaviest change (`MaxProposalWeight`, 50%) and, with the clearing
	/// house's worst-case hooks (≤ 25%), still under the block's weight.
	pub MaximumSchedulerWeight: Weight =
		Perbill::from_percent(60) * RuntimeBlockWeights::get().max_block;
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = UNIT / 100_000;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// The delay of a chain spec without one: two days.
	pub const DefaultGovernanceDelay: BlockNumber = 2 * DAYS;
	/// The longest delay governance may set: thirty days.
	pub const MaxGovernanceDelay: BlockNumber = 30 * DAYS;
}

/// Dispatches the time lock's enactments (and nothing else: its own calls are `Root` only).
impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = frame_support::traits::EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// Holds the time-locked calls longer than 128 bytes (noted by the time lock without a
/// deposit); anyone may note a preimage against a held deposit.
impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = frame_support::traits::fungible::HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		frame_support::traits::LinearStoragePrice<
			PreimageBaseDeposit,
			PreimageByteDeposit,
			Balance,
		>,
	>;
}

/// The time lock: the committee's only way to `Root`.
impl pallet_timelock::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type Scheduler = Scheduler;
	type Preimages = Preimage;
	type ProposeOrigin = CommitteeTwoThirds;
	type CancelOrigin = EitherOfDiverse<EnsureRoot<AccountId>, CommitteeTwoThirds>;
	type MinDelay = ConstU32<1>;
	type MaxDelay = MaxGovernanceDelay;
	type DefaultDelay = DefaultGovernanceDelay;
	type MaxCallWeight = MaxProposalWeight;
	type MaxPending = ConstU32<32>;
	type Preview = governance::Preview;
	type WeightInfo = pallet_timelock::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const AssetDeposit: Balance = UNIT;
	pub const AssetAccountDeposit: Balance = UNIT / 100;
	pub const MetadataDepositBase: Balance = UNIT / 10;
	pub const MetadataDepositPerByte: Balance = UNIT / 1000;
	pub const ApprovalDeposit: Balance = UNIT / 100;
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = GovernanceOrigin;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub NftsPalletFeatures: pallet_nfts::PalletFeatures = pallet_nfts::PalletFeatures::all_enabled();
	pub const NftsCollectionDeposit: Balance = UNIT / 10;
	pub const NftsItemDeposit: Balance = UNIT / 1000;
	pub const NftsMetadataDepositBase: Balance = UNIT / 1000;
	pub const NftsAttributeDepositBase: Balance = UNIT / 1000;
	pub const NftsDepositPerByte: Balance = UNIT / 100_000;
	pub const NftsMaxDeadlineDuration: BlockNumber = 12 * 30 * DAYS;
}

impl pallet_nfts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = CollectionId;
	type ItemId = ItemId;
	type Currency = Balances;
	type ForceOrigin = GovernanceOrigin;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type Locker = ();
	type CollectionDeposit = NftsCollectionDeposit;
	type ItemDeposit = NftsItemDeposit;
	type MetadataDepositBase = NftsMetadataDepositBase;
	type AttributeDepositBase = NftsAttributeDepositBase;
	type DepositPerByte = NftsDepositPerByte;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<20>;
	type ItemAttributesApprovalsLimit = ConstU32<20>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = NftsMaxDeadlineDuration;
	type MaxAttributesPerCall = ConstU32<10>;
	type Features = NftsPalletFeatures;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type WeightInfo = pallet_nfts::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const FloorOraclePalletId: PalletId = PalletId(*b"flr/orcl");
}

/// Oracle operators: governance adds and removes them.
impl pallet_membership::Config<index::OracleOperatorsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = ();
	// a removed operator's reports leave the median at once
	type MembershipChanged = FloorOracle;
	type MaxMembers = ConstU32<16>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

/// Floor-price reports per collection, combined into their median.
impl pallet_oracle::Config<index::FloorOracleInstance> for Runtime {
	// every new median refreshes the (clamped) index of `FloorIndex`
	type OnNewData = index::RefreshIndex;
	type CombineData = index::FloorCombine;
	type Time = index::BlockNumberTime;
	type OracleKey = CollectionId;
	type OracleValue = sp_runtime::FixedU128;
	type PalletId = FloorOraclePalletId;
	type Members = OracleOperators;
	type WeightInfo = ();
	type MaxHasDispatchedSize = ConstU32<16>;
	type MaxFeedValues = ConstU32<16>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub const MinKRatio: sp_runtime::FixedU128 = sp_runtime::FixedU128::from_rational(1, 10);
	pub const MaxKRatio: sp_runtime::FixedU128 = sp_runtime::FixedU128::from_u32(10);
	/// A governance K change moves `k` by at most 1% per funding period (README "Guard
	/// rails": too small a step to sandwich after fees).
	pub const MaxKStep: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(1);
	pub const FloorPerpPalletId: PalletId = PalletId(*b"flr/perp");
	pub const QuoteAsset: AssetId = WETH;
	pub const BlocksPerDay: u32 = DAYS;
}

/// The venue: virtual AMM pools.
impl pallet_vamm::Config for Runtime {
	type GovernanceOrigin = GovernanceOrigin;
	type KFunding = FloorPerp;
	type MinKRatio = MinKRatio;
	type MaxKRatio = MaxKRatio;
	type MaxKStep = MaxKStep;
	type TwapSnapshots = ConstU32<64>;
	type WeightInfo = pallet_vamm::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::VammBenchmarkHelper;
}

parameter_types! {
	/// The `on_initialize` liquidation sweep spends at most 10% of a block's compute and
	/// 512 KiB of proof on liquidations (each at its measured weight); the rest waits for the
	/// next block.
	pub MaxLiquidationWeight: Weight = Weight::from_parts(
		RuntimeBlockWeights::get().max_block.ref_time() / 10,
		512 * 1024,
	);
}

parameter_types! {
	/// After the transactions, the liquidation sweep goes on in `on_idle` with up to 10% of
	/// the block (of what is left of it) while it finds nothing to liquidate — a full pass
	/// over 10,000 positions in about 25 empty blocks — and with all the block left while
	/// it does: a crash is cleared by the blocks nobody fills, on top of `on_initialize`'s
	/// guaranteed 10%.
	pub IdleSweepWeight: Weight = RuntimeBlockWeights::get().max_block / 10;
}

/// The clearing house.
impl pallet_floor_perp::Config for Runtime {
	type Assets = Assets;
	type QuoteAsset = QuoteAsset;
	type CollectionId = CollectionId;
	type ItemId = ItemId;
	type Nfts = Nfts;
	type Vamm = Vamm;
	type Index = FloorIndex;
	type Collections = collections::CededCollections;
	type GovernanceOrigin = GovernanceOrigin;
	type PalletId = FloorPerpPalletId;
	type BlocksPerDay = BlocksPerDay;
	type MaxMarkets = ConstU32<64>;
	type LiquidationBudget = ConstU32<32>;
	/// At most 8 K steps per block: 64 markets at one boundary take theirs within 8 blocks.
	type MaxKStepsPerBlock = ConstU32<8>;
	type MaxLiquidationWeight = MaxLiquidationWeight;
	type IdleSweepWeight = IdleSweepWeight;
	type InKindBudget = ConstU32<32>;
	// 64 markets · 512 / 32 per block = 1,024 blocks: the in-kind sweep of every market at
	// once finishes inside a one-hour (1,800-block) funding period
	type MaxNftAccounts = ConstU32<512>;
	type MaxNftsPerAccount = ConstU32<64>;
	type MaxAuctionsPerBlock = ConstU32<16>;
	type WeightInfo = pallet_floor_perp::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::FloorPerpBenchmarkHelper;
}

parameter_types! {
	/// Reported floors above 1,000,000 WETH are absurd.
	pub FloorIndexMaxPrice: sp_runtime::FixedU128 = sp_runtime::FixedU128::from_u32(1_000_000);
	/// The index stays within 10% of its TWAP over the clamp window (`FloorIndex::Rules`).
	pub const FloorIndexMaxChange: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(10);
}

/// The floor index: offchain-worker reports into `FloorOracle`, clamped index with a TWAP.
impl pallet_floor_index::Config for Runtime {
	type AuthorityId = pallet_floor_index::crypto::Public;
	type KeyToAccount = index::OperatorAccount;
	type Operators = OracleOperators;
	type CollectionId = CollectionId;
	type Sink = index::OracleSink;
	type GovernanceOrigin = GovernanceOrigin;
	/// A round every 5 blocks (10 s).
	type ReportInterval = ConstU32<5>;
	type ReportExpiry = index::ReportExpiry;
	type MaxDeviation = FloorIndexMaxChange;
	type MaxPrice = FloorIndexMaxPrice;
	type MaxFeeds = ConstU32<16>;
	type MaxSources = ConstU32<8>;
	type MaxUrlLen = ConstU32<256>;
	type MaxPointerLen = ConstU32<128>;
	/// 192 points: three operators reporting in different blocks of every 5-block round still
	/// leave the 10-minute clamp window of the local chain inside the history.
	type TwapSnapshots = ConstU32<192>;
	type HttpTimeoutMs = ConstU64<5_000>;
	type MaxResponseBytes = ConstU32<65_536>;
	type ReportPriority = ConstU64<{ u64::MAX / 2 }>;
	type WeightInfo = pallet_floor_index::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::FloorIndexBenchmarkHelper;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type RuntimeCall = RuntimeCall;
	type Extrinsic = UncheckedExtrinsic;
}

impl<C> frame_system::offchain::CreateTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extension = TxExtension;
	fn create_transaction(call: RuntimeCall, extension: TxExtension) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_transaction(call, extension)
	}
}

/// Offchain workers submit authorized (`#[pallet::authorize]`) transactions: no signer, no
/// nonce, no fee; the call's own authorization checks them.
impl<C> frame_system::offchain::CreateAuthorizedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_extension() -> TxExtension {
		(
			frame_system::AuthorizeCall::<Runtime>::new(),
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(0),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
			frame_system::WeightReclaim::<Runtime>::new(),
		)
	}
}
