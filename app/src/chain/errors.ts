// Dispatch errors in words. Every module error of FloorPerp, Vamm, FloorIndex, Nfts, Assets and
// Balances has a sentence here (FloorPerp's and Vamm's written for traders); anything else falls
// back to the error's documentation in the chain's metadata.
import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';

const floorPerp: Record<string, string> = {
  MarketNotFound: 'This market does not exist.',
  CollectionHasMarket: 'This NFT collection already has a market.',
  TooManyMarkets: 'The chain has reached its maximum number of markets.',
  UnknownCollection: 'This NFT collection does not exist.',
  CollectionOwnerNotCeded: 'The collection has not been handed to governance: its owner could still lock every NFT, escrowed ones included.',
  CollectionRoleNotCeded: 'The collection still has a Freezer or Admin other than governance: they could lock escrowed NFTs.',
  CollectionNotTransferable: 'The NFTs of this collection cannot be transferred, so they cannot be escrowed.',
  CollectionSupplyNotLocked: 'The collection\'s maximum supply is not locked: its issuer could mint collateral without limit.',
  ZeroInitialMargin: 'Market parameters: the initial margin must be above zero.',
  ZeroMaintenanceMargin: 'Market parameters: the maintenance margin must be above zero.',
  MaintenanceNotBelowInitial: 'Market parameters: the maintenance margin must be below the initial margin.',
  LiquidationFeeTooHigh: 'Market parameters: the liquidation fee must be below the maintenance margin.',
  TradingFeeTooHigh: 'Market parameters: the trading fee must be below 100%.',
  ZeroPartialLiquidationRatio: 'Market parameters: the partial liquidation ratio must be between 0 and 100%.',
  ZeroFundingPeriod: 'Market parameters: the funding period must be at least one block.',
  ZeroFundingPremiumCap: 'Market parameters: the funding premium cap must be above zero.',
  ZeroMaxOpenInterest: 'Market parameters: the open-interest cap must be above zero.',
  InvalidMaxPosition: 'Market parameters: the largest position must be above zero and at most the open-interest cap.',
  InvalidMinTradeSize: 'Market parameters: the minimum trade size must be above zero and at most the largest position.',
  ZeroMaxPriceMove: 'Market parameters: the per-block price limit must be above zero.',
  ZeroMaxIndexAge: 'Market parameters: the maximum index age must be above zero.',
  ZeroAuctionDuration: 'Market parameters: auctions must last at least one block.',
  ZeroAuctionReserve: 'Market parameters: the auction reserve ratio must be above zero.',
  ZeroReserves: 'The pool\'s virtual reserves must be above zero.',
  ZeroAmount: 'Enter an amount above zero.',
  NoAccount: 'You have no margin account in this market yet: deposit WETH first.',
  InsufficientCash: 'Your margin account does not hold that much cash.',
  InsufficientMargin: 'Not enough margin for this trade: the chain values your position at the worse of the mark and the index and asks for the initial margin (10% = 10x maximum leverage by default) after the fee. Deposit more WETH or trade a smaller size.',
  WithdrawalBelowMargin: 'This withdrawal would leave your position below the initial margin: withdraw less, or reduce the position first.',
  NoPosition: 'You have no open position in this market.',
  CloseTooLarge: 'You cannot close more than your position (a close never opens the other side).',
  TradeTooSmall: 'The trade is smaller than the market\'s minimum trade size.',
  MaxPositionExceeded: 'The position would be larger than this market allows for one account.',
  OpenInterestCapExceeded: 'The market\'s open interest would exceed its cap: trade a smaller size.',
  SlippageExceeded: 'The price moved beyond your slippage tolerance before the trade was included: nothing was traded. Try again or allow more slippage.',
  MarketReduceOnly: 'The floor index is missing or stale, so the market is reduce-only: you can only reduce or close positions until the index is fresh again.',
  IndexStale: 'The floor index is missing or stale: no liquidation or NFT decision can be made now.',
  NotLiquidatable: 'This position is above its maintenance margin: it cannot be liquidated.',
  InsufficientInsuranceFund: 'The market\'s insurance fund cannot pay for this.',
  Overflow: 'The numbers of this operation are too large for the chain to compute.',
  UnknownNft: 'This NFT does not exist or is not of this market\'s collection.',
  NotNftOwner: 'You do not own this NFT.',
  NftLocked: 'This NFT is locked in its collection and cannot be moved.',
  NftAlreadyEscrowed: 'This NFT is already locked in the vault.',
  NftNotEscrowed: 'This NFT is not locked in this market by you.',
  NftOnAuction: 'This NFT is on auction.',
  TooManyNfts: 'You have locked the maximum number of NFTs one account may lock in this market.',
  TooManyNftAccounts: 'The market has reached its maximum number of NFT-backed accounts.',
  InsufficientNftCover: 'Your remaining NFTs and cash would not cover your short at the floor index (with the safety margin): buy back part of the short or deposit WETH first.',
  AccountInLiquidation: 'Your account was liquidated and its NFTs are on auction: it cannot trade until the auctions are settled.',
  LossExceedsCash: 'Buying back now would realise a loss larger than your cash: deposit WETH first, or sell an NFT with a voluntary auction.',
  AuctionNotFound: 'This auction does not exist (it may just have been settled).',
  AuctionEnded: 'This auction has ended: no more bids.',
  AuctionNotEnded: 'This auction has not ended yet.',
  BidTooLow: 'Your bid is too low: it must reach the reserve and beat the best bid by the minimum increment.',
  ZeroReservePrice: 'The reserve price must be above zero.',
  TooManyAuctions: 'Too many auctions end around the same block: try again in a few blocks.',
  SpreadTooWide: 'Market parameters: the mark–index band plus the liquidation fee must not exceed the maintenance margin.',
  NftIndexWindowTooLong: 'Market parameters: the NFT index window may be at most a day.',
  DepositBelowMinimum: 'Opening a margin account takes at least the market\'s minimum margin (0.1 WETH by default): deposit more.',
  AuctionReserveRatioTooHigh: 'Market parameters: the auction reserve ratio must be below 100%.',
  MarkIndexSpreadExceeded: 'This trade would take the mark too far from the floor index (more than 5% by default): trade a smaller size, or wait for the index to move.',
  LossBeyondCash: 'This trade would realise a loss larger than your cash margin: deposit WETH first (only a liquidation may go beyond your cash).',
  InsufficientCashForFee: 'Your margin is enough but your cash cannot pay the trading fee: deposit a little WETH.',
  InsufficientQuoteBalance: 'Your wallet does not hold that much WETH.',
  BelowMinimumMargin: 'A position backed by cash must keep the market\'s minimum margin (0.1 WETH by default) in the account.',
  LiquidationOutsideBand: 'The mark is at the edge of the mark–index band: the liquidation cannot close anything now (it resumes as the mark comes back).',
  NoVariationDue: 'This account owes no variation margin now.',
};

const vamm: Record<string, string> = {
  MarketNotFound: 'This market has no pool.',
  MarketAlreadyExists: 'This market already has a pool.',
  MarketClosed: 'This market\'s pool is closed: no trading.',
  ZeroAmount: 'Enter an amount above zero.',
  TradeTooSmall: 'The trade is so small that what you would receive rounds to zero.',
  InsufficientLiquidity: 'The pool cannot give that much: trade a smaller size.',
  Overflow: 'The numbers of this trade are too large for the pool to compute.',
  PriceMoveTooLarge: 'This trade would move the price more than the market allows within one block: split it over several blocks.',
  KRatioOutOfBounds: 'The liquidity change is outside what governance may ask for at once.',
  InsuranceFundCannotPay: 'The insurance fund cannot pay for this liquidity change.',
  BadKPolicy: 'This liquidity policy is invalid (its bounds or step size).',
};

const floorIndex: Record<string, string> = {
  FeedExists: 'This collection already has a price feed.',
  NoFeed: 'This collection has no price feed.',
  TooManyFeeds: 'The chain has reached its maximum number of price feeds.',
  NoSources: 'A price feed needs at least one source.',
  BadUrl: 'A source URL must start with http:// or https://.',
  BadPointer: 'A JSON pointer must be empty or start with "/".',
  TooManyDecimals: 'A price source may carry at most 36 decimals.',
  BadQuorum: 'The oracle quorum must be at least 1 and at most the number of operators.',
  BadClampWindow: 'The index clamp window must be at least one block and within the TWAP history.',
};

const nfts: Record<string, string> = {
  NoPermission: 'You are not allowed to do this with this NFT collection.',
  UnknownCollection: 'This NFT collection does not exist.',
  AlreadyExists: 'An NFT with this id already exists.',
  ApprovalExpired: 'The approval for this NFT has expired.',
  WrongOwner: 'This NFT belongs to someone else.',
  BadWitness: 'The collection changed meanwhile: try again.',
  CollectionIdInUse: 'This collection id is taken.',
  ItemsNonTransferable: 'The NFTs of this collection cannot be transferred.',
  NotDelegate: 'This account is not a delegate of the NFT.',
  WrongDelegate: 'This account is not the NFT\'s delegate.',
  Unapproved: 'You are not approved to move this NFT.',
  Unaccepted: 'The new owner has not accepted the collection.',
  ItemLocked: 'This NFT is locked and cannot be transferred.',
  LockedItemAttributes: 'This NFT\'s attributes are locked.',
  LockedCollectionAttributes: 'This collection\'s attributes are locked.',
  LockedItemMetadata: 'This NFT\'s metadata is locked.',
  LockedCollectionMetadata: 'This collection\'s metadata is locked.',
  MaxSupplyReached: 'Every NFT of this collection has been minted.',
  MaxSupplyLocked: 'The collection\'s maximum supply is locked.',
  MaxSupplyTooSmall: 'The maximum supply is below the number of NFTs already minted.',
  UnknownItem: 'This NFT does not exist.',
  UnknownSwap: 'This NFT swap does not exist.',
  MetadataNotFound: 'This NFT has no metadata.',
  AttributeNotFound: 'This attribute does not exist.',
  NotForSale: 'This NFT is not for sale.',
  BidTooLow: 'The bid for this NFT is too low.',
  ReachedApprovalLimit: 'This NFT has too many approvals.',
  DeadlineExpired: 'The deadline has passed.',
  WrongDuration: 'The duration is too long.',
  MethodDisabled: 'This action is disabled for this collection.',
  WrongSetting: 'This setting cannot be changed.',
  InconsistentItemConfig: 'The NFT\'s configuration does not match.',
  NoConfig: 'The collection or NFT has no configuration.',
  RolesNotCleared: 'Some roles of the collection were not cleared.',
  MintNotStarted: 'Minting has not started yet.',
  MintEnded: 'Minting has ended.',
  AlreadyClaimed: 'This NFT was already used to claim.',
  IncorrectData: 'The data given is incorrect.',
  WrongOrigin: 'This action was sent by the wrong kind of account.',
  WrongSignature: 'The signature is incorrect.',
  IncorrectMetadata: 'The metadata is too long.',
  MaxAttributesLimitReached: 'Too many attributes in one call.',
  WrongNamespace: 'This attribute namespace is not supported here.',
  CollectionNotEmpty: 'The collection still has NFTs.',
  WitnessRequired: 'The collection\'s witness data is required.',
};

const assets: Record<string, string> = {
  BalanceLow: 'Your WETH balance is too low for this.',
  NoAccount: 'This account holds no WETH.',
  NoPermission: 'You are not allowed to do this with WETH.',
  Unknown: 'This asset does not exist.',
  Frozen: 'This WETH account is frozen.',
  InUse: 'This asset id is taken.',
  BadWitness: 'The asset changed meanwhile: try again.',
  MinBalanceZero: 'The minimum balance must be above zero.',
  UnavailableConsumer: 'This account cannot hold another asset (it holds no FLOOR to exist on chain).',
  BadMetadata: 'The asset metadata is invalid.',
  Unapproved: 'You are not approved to move this WETH.',
  WouldDie: 'This transfer would empty an account that must stay alive.',
  AlreadyExists: 'This WETH account already exists.',
  NoDeposit: 'This WETH account has no deposit.',
  WouldBurn: 'This operation would burn WETH.',
  LiveAsset: 'The asset is live.',
  AssetNotLive: 'WETH is not live (it may be being destroyed).',
  IncorrectStatus: 'The asset is not in the expected state.',
  NotFrozen: 'The asset must be frozen first.',
  CallbackFailed: 'The asset\'s callback failed.',
  BadAssetId: 'This asset id is not allowed.',
  AssetIdAllocationFailed: 'No asset id is left.',
  ContainsFreezes: 'Some accounts of this asset hold freezes.',
  ContainsHolds: 'Some accounts of this asset hold holds.',
  TooManyReserves: 'Too many reserves.',
  IncompleteDepositTransfer: 'The asset deposit could not be fully moved.',
};

const balances: Record<string, string> = {
  VestingBalance: 'Part of your FLOOR is vesting and cannot be spent yet.',
  LiquidityRestrictions: 'Your FLOOR is locked and cannot be spent.',
  InsufficientBalance: 'Your FLOOR balance is too low (FLOOR pays the transaction fees).',
  ExistentialDeposit: 'The amount is below the minimum an account must hold.',
  Expendability: 'This would leave your account below its minimum FLOOR balance.',
  ExistingVestingSchedule: 'A vesting schedule already exists.',
  DeadAccount: 'The receiving account does not exist.',
  TooManyReserves: 'Too many reserves on this account.',
  TooManyHolds: 'Too many holds on this account.',
  TooManyFreezes: 'Too many freezes on this account.',
  IssuanceDeactivated: 'The issuance is deactivated.',
  DeltaZero: 'The amount must not be zero.',
};

/** The sentences by pallet (metadata names in camelCase, as polkadot.js reports `section`). */
export const SENTENCES: Record<string, Record<string, string>> = { floorPerp, vamm, floorIndex, nfts, assets, balances };

const tokenErrors: Record<string, string> = {
  FundsUnavailable: 'The funds are not available (too low a balance).',
  OnlyProvider: 'This would remove the account\'s last FLOOR.',
  BelowMinimum: 'The amount is below the minimum balance.',
  CannotCreate: 'The account cannot be created.',
  UnknownAsset: 'The asset does not exist.',
  Frozen: 'The funds are frozen.',
  Unsupported: 'This operation is not supported.',
  CannotCreateHold: 'The account cannot hold these funds.',
  NotExpendable: 'This would leave the account without its minimum balance.',
  Blocked: 'The account is blocked.',
};

export interface ExplainedError {
  /** `section.name`, e.g. `floorPerp.InsufficientMargin` (for logs and tests). */
  code: string;
  /** A sentence a trader understands. */
  message: string;
}

/** A dispatch error of an extrinsic in words. */
export function explainDispatchError(api: ApiPromise, err: DispatchError): ExplainedError {
  if (err.isModule) {
    const meta = api.registry.findMetaError(err.asModule);
    const code = `${meta.section}.${meta.name}`;
    const sentence = SENTENCES[meta.section]?.[meta.name];
    const doc = meta.docs.join(' ').trim();
    return { code, message: sentence ?? (doc || code) };
  }
  if (err.isBadOrigin) return { code: 'BadOrigin', message: 'This account is not allowed to do this (governance only).' };
  if (err.isCannotLookup) return { code: 'CannotLookup', message: 'An account in this transaction does not exist.' };
  if (err.isToken) {
    const t = err.asToken.type;
    return { code: `Token.${t}`, message: tokenErrors[t] ?? `Token error: ${t}.` };
  }
  if (err.isArithmetic) return { code: `Arithmetic.${err.asArithmetic.type}`, message: 'The amounts overflow what the chain can compute.' };
  const s = err.toString();
  if (/CallFiltered/.test(s)) return { code: 'system.CallFiltered', message: 'This call is not allowed on this chain.' };
  return { code: s, message: `The chain refused the transaction (${s}).` };
}

/** An error of the transaction pool or the signer (before the chain dispatched anything). */
export function explainSubmitError(e: unknown): ExplainedError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Cancelled|Rejected by user|User rejected|cancel/i.test(msg)) return { code: 'Cancelled', message: 'You cancelled the signature: nothing was sent.' };
  if (/1010.*Inability to pay some fees|balance too low/i.test(msg)) return { code: 'Payment', message: 'Your FLOOR balance cannot pay the transaction fee.' };
  if (/1010.*(Stale|Outdated)/i.test(msg)) return { code: 'Stale', message: 'The transaction was outdated (nonce already used): try again.' };
  if (/1014|Priority is too low/i.test(msg)) return { code: 'Priority', message: 'Another transaction of this account is waiting: wait for it and try again.' };
  if (/1010/.test(msg)) return { code: 'Invalid', message: `The chain refused the transaction before dispatching it: ${msg}` };
  return { code: 'Error', message: msg };
}
