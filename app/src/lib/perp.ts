// The clearing house's rules re-done in BigInt for the order ticket's preview: the vAMM swap
// (x·y=k, every computed reserve rounded up, as pallets/vamm), the guarded margin check of a
// trade that adds exposure (valued at the worse of the mark and the index, after the fee), the
// guard rails (mark–index band, per-block fluctuation limit) and the liquidation price after the
// trade (the chain's linear estimate, pallets/floor-perp/src/math.rs `liquidation_price`).
// The runtime API's `quote` stays the reference for amount out, average price, impact and fee;
// this module adds what the API does not give: margin required and liquidation price after.
import type { MarketInfo, Pool, PositionInfo, Side, TradeAmount } from '../chain/views';
import { BILLION, ONE, abs, max, mulDiv } from './units';

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

export interface Swap {
  base: bigint;
  quote: bigint;
  B: bigint;
  Q: bigint;
}

/** One vAMM swap on reserves (B, Q) with invariant k (pallets/vamm, README's table). */
export function swap(B: bigint, Q: bigint, k: bigint, side: Side, amount: TradeAmount): Swap | null {
  if (side === 'Long' && 'Quote' in amount) {
    const Q2 = Q + amount.Quote;
    const B2 = ceilDiv(k, Q2);
    return { base: B - B2, quote: amount.Quote, B: B2, Q: Q2 };
  }
  if (side === 'Long' && 'Base' in amount) {
    if (amount.Base >= B) return null;
    const B2 = B - amount.Base;
    const Q2 = ceilDiv(k, B2);
    return { base: amount.Base, quote: Q2 - Q, B: B2, Q: Q2 };
  }
  if (side === 'Short' && 'Base' in amount) {
    const B2 = B + amount.Base;
    const Q2 = ceilDiv(k, B2);
    return { base: amount.Base, quote: Q - Q2, B: B2, Q: Q2 };
  }
  const dq = (amount as { Quote: bigint }).Quote;
  if (dq >= Q) return null;
  const Q2 = Q - dq;
  const B2 = ceilDiv(k, Q2);
  return { base: B2 - B, quote: dq, B: B2, Q: Q2 };
}

export const markOf = (B: bigint, Q: bigint): bigint => (Q * ONE) / B;

/** Value of closing a position of `size` on (B, Q, k): what a long receives, what a short pays. */
export function closeOutValue(B: bigint, Q: bigint, k: bigint, size: bigint): bigint | null {
  if (size === 0n) return 0n;
  const s = swap(B, Q, k, size > 0n ? 'Short' : 'Long', { Base: abs(size) });
  return s ? s.quote : null;
}

/** `price_move_allowed`: `after` within `start·(1 ± band)`, or brought back towards `start`. */
export function moveAllowed(start: bigint, before: bigint, after: bigint, bandParts: bigint): boolean {
  const band = (bandParts * start) / BILLION;
  if (after >= start - band && after <= start + band) return true;
  return (before > start && after < before && after >= start) || (before < start && after > before && after <= start);
}

/** Perbill × amount rounded up (`mul_ceil`). */
export const perbillCeil = (parts: bigint, x: bigint): bigint => ceilDiv(x * parts, BILLION);

/** The chain's liquidation-price estimate of a cash position (`margin` = cash − funding owed). */
export function liquidationPrice(size: bigint, openNotional: bigint, margin: bigint, mmParts: bigint): bigint | null {
  const q = abs(size);
  if (q === 0n) return null;
  if (size > 0n) {
    const num = openNotional - margin;
    if (num <= 0n) return null;
    return mulDiv(num, ONE, mulDiv(q, BILLION - mmParts, BILLION));
  }
  const num = openNotional + margin;
  if (num <= 0n) return null;
  return mulDiv(num, ONE, mulDiv(q, BILLION + mmParts, BILLION));
}

export interface TradePreview {
  base: bigint;
  quote: bigint;
  averagePrice: bigint;
  markBefore: bigint;
  markAfter: bigint;
  fee: bigint;
  /** Whether the trade opens or adds exposure (a reduce or close does not). */
  increases: boolean;
  sizeAfter: bigint;
  openNotionalAfter: bigint;
  /** PnL realised by the part that reduces the position (0 for an increase). */
  realisedPnl: bigint;
  /** Close-out value of the position after the trade, at the worse of mark and index. */
  valueAfter: bigint;
  /** Margin ratio the chain asks for this trade (Perbill parts). */
  requirement: bigint;
  /**
   * Cash the margin account must hold before the trade (fee included) for the chain to accept
   * it; for an NFT-backed short, the cash its NFTs do not cover.
   */
  cashRequired: bigint;
  /** Liquidation price after the trade: a mark for cash positions, the index for NFT-backed shorts. */
  liquidationPriceAfter: bigint | null;
  /** Whether the liquidation price is an index (NFT-backed short) rather than a mark. */
  liquidationOnIndex: boolean;
  nftBacked: boolean;
  /** Guard rails this trade would break, in words (empty: none). */
  problems: string[];
}

export interface PreviewInput {
  market: MarketInfo;
  pool: Pool;
  position: PositionInfo | null;
  side: Side;
  amount: TradeAmount;
  head: number;
  /** Extra cash the trade would deposit first (ticket's leverage), for the liquidation price. */
  deposit?: bigint;
}

/** What the clearing house will make of a trade, from the current state. */
export function previewTrade(inp: PreviewInput): TradePreview | null {
  const { market: m, pool: p, position, side, amount } = inp;
  const s = swap(p.baseReserve, p.quoteReserve, p.k, side, amount);
  if (!s || s.base <= 0n) return null;
  const markBefore = markOf(p.baseReserve, p.quoteReserve);
  const markAfter = markOf(s.B, s.Q);
  const fee = perbillCeil(m.params.tradingFee, s.quote);
  const size = position?.size ?? 0n;
  const on = position?.openNotional ?? 0n;
  const nfts = BigInt(position?.nftCount ?? 0) - BigInt((position?.liquidationAuctions ?? 0) + (position?.voluntaryAuctions ?? 0));
  const cash = (position?.cash ?? 0n) + (inp.deposit ?? 0n);
  const fundingOwed = position?.fundingOwed ?? 0n;
  const signedBase = side === 'Long' ? s.base : -s.base;
  const opposite = size !== 0n && (size > 0n) !== (side === 'Long');
  const sizeAfter = size + signedBase;
  let realisedPnl = 0n;
  let openNotionalAfter: bigint;
  let increases: boolean;
  if (!opposite) {
    increases = true;
    openNotionalAfter = on + s.quote;
  } else if (abs(signedBase) <= abs(size)) {
    increases = false;
    const closedNotional = mulDiv(on, s.base, abs(size));
    realisedPnl = size > 0n ? s.quote - closedNotional : closedNotional - s.quote;
    openNotionalAfter = on - closedNotional;
  } else {
    increases = true;
    const closeQuote = mulDiv(s.quote, abs(size), s.base);
    realisedPnl = size > 0n ? closeQuote - on : on - closeQuote;
    openNotionalAfter = s.quote - closeQuote;
  }

  const index = m.indexFresh ? m.indexPrice : null;
  const reference = index ?? markAfter;
  const rawValue = closeOutValue(s.B, s.Q, p.k, sizeAfter) ?? 0n;
  let valueAfter = rawValue;
  if (sizeAfter > 0n && reference < markAfter) valueAfter = mulDiv(rawValue, reference, markAfter);
  if (sizeAfter < 0n && reference > markAfter) valueAfter = mulDiv(rawValue, reference, markAfter, true);
  const upnlAfter = sizeAfter > 0n ? valueAfter - openNotionalAfter : sizeAfter < 0n ? openNotionalAfter - valueAfter : 0n;

  const nftBacked = nfts > 0n && sizeAfter < 0n;
  const requirement = sizeAfter > 0n ? max(m.params.initialMargin, m.longMarginRequirement) : m.params.initialMargin;
  let cashRequired = 0n;
  let liquidationPriceAfter: bigint | null = null;
  const cashAfter = cash + (realisedPnl < 0n ? realisedPnl : 0n) - fee;
  if (nftBacked) {
    // |q|·i ≤ c + n·i: NFTs cover one perp each at the index; the rest needs cash
    const i = index ?? markAfter;
    const liability = mulDiv(abs(sizeAfter), i, ONE, true);
    const cover = mulDiv(nfts * ONE, i, ONE);
    cashRequired = (liability > cover ? liability - cover : 0n) + fee;
    const uncovered = abs(sizeAfter) - nfts * ONE;
    liquidationPriceAfter = uncovered > 0n ? mulDiv(max(cashAfter, 0n), ONE, uncovered) : null;
  } else if (sizeAfter !== 0n) {
    if (increases) {
      const need = perbillCeil(requirement, valueAfter);
      cashRequired = max(m.params.minMargin, need - upnlAfter + fundingOwed) + fee;
    }
    liquidationPriceAfter = liquidationPrice(sizeAfter, openNotionalAfter, cashAfter - fundingOwed, m.params.maintenanceMargin);
  }

  const problems: string[] = [];
  if (increases && !m.indexFresh) problems.push('The floor index is stale: the market is reduce-only, only trades that reduce a position are accepted.');
  if (index !== null && !moveAllowed(index, markBefore, markAfter, m.params.maxSpread)) {
    problems.push(`This trade would take the mark more than ${Number(m.params.maxSpread) / 1e7}% away from the floor index: trade a smaller size, or wait for the index to move.`);
  }
  const start = p.blockStartBlock === inp.head + 1 || p.blockStartBlock === inp.head ? p.blockStartPrice : markBefore;
  if (!moveAllowed(start, markBefore, markAfter, p.maxPriceMove)) {
    problems.push(`This trade would move the mark more than ${Number(p.maxPriceMove) / 1e7}% within one block: split it over several blocks.`);
  }
  if (increases && abs(sizeAfter) > m.params.maxPosition) problems.push('The position would exceed the largest size this market allows for one account.');
  if (s.base < m.params.minTradeSize && sizeAfter !== 0n) problems.push('The trade is smaller than the market\'s minimum trade size.');
  if (!increases && realisedPnl < 0n && -realisedPnl > (position?.cash ?? 0n)) {
    problems.push('Closing now would realise a loss larger than your cash margin: deposit WETH first.');
  }
  return {
    base: s.base,
    quote: s.quote,
    averagePrice: mulDiv(s.quote, ONE, s.base),
    markBefore,
    markAfter,
    fee,
    increases,
    sizeAfter,
    openNotionalAfter,
    realisedPnl,
    valueAfter,
    requirement,
    cashRequired,
    liquidationPriceAfter,
    liquidationOnIndex: nftBacked,
    nftBacked,
    problems,
  };
}

/**
 * Cash to deposit with a trade so that the account's equity is the position's value divided by
 * `leverageTenths / 10` (and never less than what the chain requires): returns the deposit.
 */
export function depositForLeverage(pv: TradePreview, position: PositionInfo | null, leverageTenths: bigint): bigint {
  if (!pv.increases || pv.nftBacked || leverageTenths <= 0n) return 0n;
  const cash = position?.cash ?? 0n;
  const upnl = pv.sizeAfter > 0n ? pv.valueAfter - pv.openNotionalAfter : pv.openNotionalAfter - pv.valueAfter;
  const targetEquity = mulDiv(pv.valueAfter, 10n, leverageTenths, true);
  const target = targetEquity - upnl + (position?.fundingOwed ?? 0n) + pv.fee;
  return max(0n, target - cash);
}
