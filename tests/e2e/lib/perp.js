// Helpers for the clearing-house scenarios: market parameters, the vault account, and the
// vAMM's formulas re-implemented independently with BigInt (docs/design.md, "vAMM") to check the chain.
import assert from 'node:assert/strict';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { send, UNIT } from './node.js';

/** Perbill from a percentage (may be fractional, e.g. 6.25). */
export const pct = (p) => Math.round(p * 10_000_000);

/** The default market parameters (`MarketParams::default()`), with overrides. */
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
    // NFT-collateral decisions on the spot index alone (the runtime's default reads the lower /
    // higher of the spot index and its 150-block TWAP): these tests move the index in single
    // governance steps and expect the chain to act on each at once (liquidate an NFT-backed
    // short in the next block, let collateral go); the pallet's tests cover the window
    nftIndexWindow: 0,
    ...overrides,
  };
}

/** The account of a `PalletId` (`modl` + id, zero padded), as frame's `into_account_truncating`. */
export function palletAccount(id) {
  const raw = u8aConcat(stringToU8a('modl'), stringToU8a(id), new Uint8Array(32));
  return encodeAddress(raw.slice(0, 32), 42);
}

export const VAULT = palletAccount('flr/perp');

/**
 * The keyless account NFT collections are ceded to (runtime `collection_custodian`): a market
 * may only be created on a collection it owns (see `cedeCalls` in lib/nft.js).
 */
export const CUSTODIAN = palletAccount('flr/coll');

/**
 * No signed account holds a role of WETH (the chain spec gives them to a keyless account): `alice`
 * sends the vault 10 WETH, then every assets call that could take, burn or freeze the vault's
 * WETH, signed by her, is refused, and the vault's balance does not move. `others` are more
 * accounts that must hold no role. Shared by the dev and the local chain's tests.
 */
export async function checkVaultWethUntouchable(api, alice, others = []) {
  await send(api, api.tx.assets.transfer(1, VAULT, (10n * UNIT).toString()), alice);
  const balance = async () => {
    const a = await api.query.assets.account(1, VAULT);
    return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
  };
  const before = await balance();
  assert.ok(before >= 10n * UNIT);
  const details = (await api.query.assets.asset(1)).unwrap();
  const signers = [alice, ...others].map((k) => k.address);
  for (const role of ['owner', 'issuer', 'admin', 'freezer']) {
    assert.ok(!signers.includes(details[role].toString()), `${role} is no dev account`);
  }
  const attacks = [
    api.tx.assets.forceTransfer(1, VAULT, alice.address, UNIT.toString()),
    api.tx.assets.burn(1, VAULT, UNIT.toString()),
    api.tx.assets.freeze(1, VAULT),
    api.tx.assets.block(1, VAULT),
    api.tx.assets.freezeAsset(1),
  ];
  for (const tx of attacks) {
    await assert.rejects(send(api, tx, alice), /assets\.NoPermission|BadOrigin/, tx.method.method);
  }
  assert.equal(await balance(), before, "the vault's WETH did not move");
  const account = (await api.query.assets.account(1, VAULT)).unwrap();
  assert.equal(account.status.toString(), 'Liquid', 'not frozen or blocked');
}

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
