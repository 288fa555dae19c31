// Helpers for the clearing-house scenarios: market parameters, the vault account, and the
// vAMM's formulas re-implemented independently with BigInt (DESIGN §4) to check the chain.
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { UNIT } from './node.js';

/** Perbill from a percentage (may be fractional, e.g. 6.25). */
export const pct = (p) => Math.round(p * 10_000_000);

/** DESIGN §5 default market parameters, with overrides. */
export function marketParams(overrides = {}) {
  return {
    initialMargin: pct(10),
    maintenanceMargin: pct(6.25),
    liquidationFee: pct(1.25),
    partialLiquidationRatio: pct(25),
    tradingFee: pct(0.1),
    fundingPeriod: 1800,
    maxFundingPremiumPerDay: pct(10),
    maxOpenInterest: (100_000n * UNIT).toString(),
    maxPosition: (10_000n * UNIT).toString(),
    minTradeSize: (UNIT / 1000n).toString(),
    // cash a cash-margined account keeps while it holds a position (0.1 WETH)
    minMargin: (UNIT / 10n).toString(),
    maxPriceMove: pct(10),
    // guard rail: a trade (not a liquidation) must leave the mark within 5% of the index, or
    // bring it closer to it (validated: max_spread + liquidation_fee <= maintenance_margin)
    maxSpread: pct(5),
    maxIndexAge: 1800,
    nftSafetyMargin: pct(10),
    auctionDuration: 1800,
    voluntaryAuctionDuration: 7200,
    auctionReserveRatio: pct(90),
    auctionMinIncrement: pct(1),
    ...overrides,
  };
}

/** The account of a `PalletId` (`modl` + id, zero padded), as frame's `into_account_truncating`. */
export function palletAccount(id) {
  const raw = u8aConcat(stringToU8a('modl'), stringToU8a(id), new Uint8Array(32));
  return encodeAddress(raw.slice(0, 32), 42);
}

export const VAULT = palletAccount('flr/perp');

const ceilDiv = (a, b) => (a + b - 1n) / b;

/** Long by quote `dq` on reserves (B, Q): the base received and the new reserves. */
export function longByQuote(B, Q, dq) {
  const k = B * Q;
  const Q2 = Q + dq;
  const B2 = ceilDiv(k, Q2);
  return { base: B - B2, B: B2, Q: Q2 };
}

/** Short by base `db` on reserves (B, Q): the quote received and the new reserves. */
export function shortByBase(B, Q, db, k = B * Q) {
  const B2 = B + db;
  const Q2 = ceilDiv(k, B2);
  return { quote: Q - Q2, B: B2, Q: Q2 };
}

/** Fee in quote for a notional (Perbill, rounded down as sp-arithmetic's `Perbill * u128`). */
export function feeOf(notional, perbill) {
  return (notional * BigInt(perbill)) / 1_000_000_000n;
}

export const fixed = (x) => BigInt(x.toString()); // FixedU128 inner value (1e18 = 1.0)
export { u8aToHex };
