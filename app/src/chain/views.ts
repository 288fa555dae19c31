// Read-only views of the chain: the runtime API `FloorPerpApi` (market, position, quote), the
// vAMM pool, the floor index, NFTs, auctions and balances — all amounts as BigInt.
import type { ApiPromise } from '@polkadot/api';
import { big, num, optBig, optNum, prim, primObject, unwrap, type PrimObject } from './codec';

export const WETH_ASSET = 1;

export type Side = 'Long' | 'Short';
export type TradeAmount = { Base: bigint } | { Quote: bigint };

export interface MarketParams {
  initialMargin: bigint; // Perbill parts
  maintenanceMargin: bigint;
  liquidationFee: bigint;
  partialLiquidationRatio: bigint;
  tradingFee: bigint;
  fundingPeriod: number;
  maxFundingPremiumPerDay: bigint;
  maxOpenInterest: bigint;
  maxPosition: bigint;
  minTradeSize: bigint;
  minMargin: bigint;
  maxPriceMove: bigint;
  maxSpread: bigint;
  maxIndexAge: number;
  nftSafetyMargin: bigint;
  auctionDuration: number;
  voluntaryAuctionDuration: number;
  auctionReserveRatio: bigint;
  auctionMinIncrement: bigint;
  nftIndexWindow: number;
}

export interface MarketInfo {
  market: number;
  collection: number;
  params: MarketParams;
  markPrice: bigint;
  indexPrice: bigint | null;
  indexUpdatedAt: number | null;
  indexFresh: boolean;
  openInterestLong: bigint;
  openInterestShort: bigint;
  netBase: bigint;
  insuranceFund: bigint;
  float: bigint;
  totalUnsettled: bigint;
  socialisedLoss: bigint;
  nextFundingBlock: number;
  lastFundingRate: bigint;
  longCoverage: bigint;
  longMarginRequirement: bigint;
}

export interface PositionInfo {
  size: bigint;
  cash: bigint;
  nftCount: number;
  liquidationAuctions: number;
  voluntaryAuctions: number;
  debt: bigint;
  inKindMinted: bigint;
  inKindReceived: bigint;
  nftCoverValue: bigint | null;
  nftLiability: bigint | null;
  openNotional: bigint;
  unsettledProfit: bigint;
  positionNotional: bigint;
  unrealisedPnl: bigint;
  fundingOwed: bigint;
  marginRatio: bigint | null;
  liquidationPrice: bigint | null;
  entryPrice: bigint | null;
  liquidatable: boolean;
}

export interface TradeQuote {
  base: bigint;
  quote: bigint;
  amountOut: bigint;
  averagePrice: bigint;
  markPrice: bigint;
  priceImpact: bigint;
  fee: bigint;
}

export interface Pool {
  baseReserve: bigint;
  quoteReserve: bigint;
  k: bigint;
  netBase: bigint;
  open: boolean;
  maxPriceMove: bigint;
  blockStartBlock: number;
  blockStartPrice: bigint;
}

export interface Auction {
  id: number;
  market: number;
  item: number;
  owner: string;
  kind: 'Liquidation' | 'Voluntary';
  reserve: bigint;
  end: number;
  bestBid: { bidder: string; amount: bigint } | null;
  round: number;
}

function params(p: PrimObject): MarketParams {
  return {
    initialMargin: big(p, 'initialMargin'),
    maintenanceMargin: big(p, 'maintenanceMargin'),
    liquidationFee: big(p, 'liquidationFee'),
    partialLiquidationRatio: big(p, 'partialLiquidationRatio'),
    tradingFee: big(p, 'tradingFee'),
    fundingPeriod: num(p, 'fundingPeriod'),
    maxFundingPremiumPerDay: big(p, 'maxFundingPremiumPerDay'),
    maxOpenInterest: big(p, 'maxOpenInterest'),
    maxPosition: big(p, 'maxPosition'),
    minTradeSize: big(p, 'minTradeSize'),
    minMargin: big(p, 'minMargin'),
    maxPriceMove: big(p, 'maxPriceMove'),
    maxSpread: big(p, 'maxSpread'),
    maxIndexAge: num(p, 'maxIndexAge'),
    nftSafetyMargin: big(p, 'nftSafetyMargin'),
    auctionDuration: num(p, 'auctionDuration'),
    voluntaryAuctionDuration: num(p, 'voluntaryAuctionDuration'),
    auctionReserveRatio: big(p, 'auctionReserveRatio'),
    auctionMinIncrement: big(p, 'auctionMinIncrement'),
    nftIndexWindow: num(p, 'nftIndexWindow'),
  };
}

/** Ids of all markets (0 .. NextMarketId, those still present). */
export async function marketIds(api: ApiPromise): Promise<number[]> {
  const entries = await api.query.floorPerp.markets.keys();
  return entries.map((k) => Number(prim(k.args[0]))).sort((a, b) => a - b);
}

export async function marketInfo(api: ApiPromise, market: number): Promise<MarketInfo | null> {
  const o = unwrap(await api.call.floorPerpApi.market(market));
  if (!o) return null;
  const m = primObject(o);
  return {
    market: num(m, 'market'),
    collection: num(m, 'collection'),
    params: params(m.params as PrimObject),
    markPrice: big(m, 'markPrice'),
    indexPrice: optBig(m, 'indexPrice'),
    indexUpdatedAt: optNum(m, 'indexUpdatedAt'),
    indexFresh: m.indexFresh === true,
    openInterestLong: big(m, 'openInterestLong'),
    openInterestShort: big(m, 'openInterestShort'),
    netBase: big(m, 'netBase'),
    insuranceFund: big(m, 'insuranceFund'),
    float: big(m, 'float'),
    totalUnsettled: big(m, 'totalUnsettled'),
    socialisedLoss: big(m, 'socialisedLoss'),
    nextFundingBlock: num(m, 'nextFundingBlock'),
    lastFundingRate: big(m, 'lastFundingRate'),
    longCoverage: big(m, 'longCoverage'),
    longMarginRequirement: big(m, 'longMarginRequirement'),
  };
}

export async function allMarkets(api: ApiPromise): Promise<MarketInfo[]> {
  const ids = await marketIds(api);
  const infos = await Promise.all(ids.map((id) => marketInfo(api, id)));
  return infos.filter((m): m is MarketInfo => m !== null);
}

export async function positionInfo(api: ApiPromise, market: number, who: string): Promise<PositionInfo | null> {
  const o = unwrap(await api.call.floorPerpApi.position(market, who));
  if (!o) return null;
  const p = primObject(o);
  return {
    size: big(p, 'size'),
    cash: big(p, 'cash'),
    nftCount: num(p, 'nftCount'),
    liquidationAuctions: num(p, 'liquidationAuctions'),
    voluntaryAuctions: num(p, 'voluntaryAuctions'),
    debt: big(p, 'debt'),
    inKindMinted: big(p, 'inKindMinted'),
    inKindReceived: big(p, 'inKindReceived'),
    nftCoverValue: optBig(p, 'nftCoverValue'),
    nftLiability: optBig(p, 'nftLiability'),
    openNotional: big(p, 'openNotional'),
    unsettledProfit: big(p, 'unsettledProfit'),
    positionNotional: big(p, 'positionNotional'),
    unrealisedPnl: big(p, 'unrealisedPnl'),
    fundingOwed: big(p, 'fundingOwed'),
    marginRatio: optBig(p, 'marginRatio'),
    liquidationPrice: optBig(p, 'liquidationPrice'),
    entryPrice: optBig(p, 'entryPrice'),
    liquidatable: p.liquidatable === true,
  };
}

export const amountArg = (a: TradeAmount): Record<string, string> =>
  'Base' in a ? { Base: a.Base.toString() } : { Quote: a.Quote.toString() };

export async function tradeQuote(api: ApiPromise, market: number, side: Side, amount: TradeAmount): Promise<TradeQuote | null> {
  const o = unwrap(await api.call.floorPerpApi.quote(market, side, amountArg(amount)));
  if (!o) return null;
  const q = primObject(o);
  return {
    base: big(q, 'base'),
    quote: big(q, 'quote'),
    amountOut: big(q, 'amountOut'),
    averagePrice: big(q, 'averagePrice'),
    markPrice: big(q, 'markPrice'),
    priceImpact: big(q, 'priceImpact'),
    fee: big(q, 'fee'),
  };
}

export async function pool(api: ApiPromise, market: number): Promise<Pool | null> {
  const o = unwrap(await api.query.vamm.pools(market));
  if (!o) return null;
  const p = primObject(o);
  return {
    baseReserve: big(p, 'baseReserve'),
    quoteReserve: big(p, 'quoteReserve'),
    k: big(p, 'k'),
    netBase: big(p, 'netBase'),
    open: p.status === 'Open',
    maxPriceMove: big(p.config as PrimObject, 'maxPriceMove'),
    blockStartBlock: num(p, 'blockStartBlock'),
    blockStartPrice: big(p, 'blockStartPrice'),
  };
}

/** Free FLOOR (native, 18 decimals) and WETH (asset 1) of an account. */
export async function balances(api: ApiPromise, who: string): Promise<{ floor: bigint; weth: bigint }> {
  const [acc, asset] = await Promise.all([api.query.system.account(who), api.query.assets.account(WETH_ASSET, who)]);
  const data = primObject(acc).data as PrimObject;
  const a = unwrap(asset);
  return { floor: big(data, 'free'), weth: a ? big(primObject(a), 'balance') : 0n };
}

export interface CollectionMeta {
  name: string;
  symbol?: string;
}

function parseMetadata(raw: unknown): Record<string, string> {
  const o = unwrap<{ data: { toUtf8(): string } }>(raw);
  if (!o) return {};
  try {
    const v = JSON.parse(o.data.toUtf8()) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export async function collectionMeta(api: ApiPromise, collection: number): Promise<CollectionMeta> {
  const m = parseMetadata(await api.query.nfts.collectionMetadataOf(collection));
  return { name: m.name || `Collection ${collection}`, symbol: m.symbol };
}

export interface Nft {
  item: number;
  name: string;
  image?: string;
}

async function nftsWithMeta(api: ApiPromise, collection: number, items: number[]): Promise<Nft[]> {
  const metas = await Promise.all(items.map((i) => api.query.nfts.itemMetadataOf(collection, i)));
  return items
    .map((item, k) => {
      const m = parseMetadata(metas[k]);
      return { item, name: m.name || `#${item}`, image: typeof m.image === 'string' ? m.image : undefined };
    })
    .sort((a, b) => a.item - b.item);
}

/** NFTs of `collection` in `who`'s wallet (pallet-nfts). */
export async function walletNfts(api: ApiPromise, collection: number, who: string): Promise<Nft[]> {
  const keys = await api.query.nfts.account.keys(who, collection);
  return nftsWithMeta(api, collection, keys.map((k) => Number(prim(k.args[2]))));
}

/** NFTs `who` escrowed in `market` (with their auction, if on one). */
export async function escrowedNfts(api: ApiPromise, market: number, collection: number, who: string): Promise<(Nft & { auction: number | null })[]> {
  const keys = await api.query.floorPerp.accountNfts.keys([market, who]);
  const items = keys.map((k) => Number(prim(k.args[1])));
  const [nfts, escrows] = await Promise.all([
    nftsWithMeta(api, collection, items),
    Promise.all(items.map((i) => api.query.floorPerp.escrow(market, i))),
  ]);
  const auctionOf = new Map<number, number | null>();
  items.forEach((i, k) => {
    const e = unwrap(escrows[k]);
    auctionOf.set(i, e ? optNum(primObject(e), 'auction') : null);
  });
  return nfts.map((n) => ({ ...n, auction: auctionOf.get(n.item) ?? null }));
}

function auctionOf(id: number, p: PrimObject): Auction {
  const best = p.bestBid as [string, string | number] | null;
  const kind = typeof p.kind === 'string' ? p.kind : Object.keys(p.kind as PrimObject)[0];
  return {
    id,
    market: num(p, 'market'),
    item: num(p, 'item'),
    owner: String(p.owner),
    kind: /vol/i.test(String(kind)) ? 'Voluntary' : 'Liquidation',
    reserve: big(p, 'reserve'),
    end: num(p, 'end'),
    bestBid: best ? { bidder: String(best[0]), amount: BigInt(best[1]) } : null,
    round: num(p, 'round'),
  };
}

export async function auctions(api: ApiPromise): Promise<Auction[]> {
  const entries = await api.query.floorPerp.auctions.entries();
  return entries
    .map(([k, v]) => {
      const a = unwrap(v);
      return a ? auctionOf(Number(prim(k.args[0])), primObject(a)) : null;
    })
    .filter((a): a is Auction => a !== null)
    .sort((a, b) => a.end - b.end || a.id - b.id);
}
