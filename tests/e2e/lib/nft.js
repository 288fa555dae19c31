// Helpers for the NFT-collateral scenarios: NFT collections, batched calls, an event log of
// every block (events of `on_initialize` — funding, in-kind sweeps, liquidation sweeps,
// auction settlements — are in no extrinsic's result), and BigInt versions of the pallet's
// rounding rules (pallets/floor-perp/src/math.rs).
import { send, findEvents, sleep, UNIT } from './node.js';
import { CUSTODIAN } from './perp.js';

/** pallet-nfts collection config with every setting enabled (settings are DISABLED flags). */
export const OPEN_COLLECTION = {
  settings: 0,
  maxSupply: null,
  mintSettings: { mintType: 'Issuer', price: null, startBlock: null, endBlock: null, defaultItemSettings: 0 },
};

/** `utility.batchAll(calls)` signed by `signer`. */
export function batch(api, calls, signer) {
  return send(api, calls.length === 1 ? calls[0] : api.tx.utility.batchAll(calls), signer);
}

/** Throw if a `sudo.Sudid` event in `events` carries an error (sudo itself succeeds). */
export function checkSudid(api, events) {
  for (const ev of findEvents(events, 'sudo', 'Sudid')) {
    const r = ev.data[0];
    if (r.isErr) {
      const e = r.asErr;
      if (e.isModule) {
        const d = api.registry.findMetaError(e.asModule);
        throw new Error(`sudo: ${d.section}.${d.name}`);
      }
      throw new Error(`sudo: ${e.toString()}`);
    }
  }
  return events;
}

/** Root call through sudo, failing if the inner call failed. */
export async function sudoOk(api, call, alice) {
  const res = await send(api, api.tx.sudo.sudo(call), alice);
  checkSudid(api, res.events);
  return res;
}

/** A named field of an event (`event.data.size` would be shadowed on some codec types). */
export function field(event, name) {
  const names = event.data.names;
  const camel = name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  // polkadot.js renames fields clashing with JS/Codec members (`size` -> `size_`)
  let i = names.indexOf(camel);
  if (i < 0) i = names.indexOf(`${camel}_`);
  if (i < 0) throw new Error(`${event.section}.${event.method} has no field ${name} (${names.join(', ')})`);
  return event.data[i];
}

/** A field as a BigInt (unsigned, signed and FixedU128 alike). */
export const big = (event, name) => BigInt(field(event, name).toBigInt());

/** `size` of a polkadot.js struct (`.size` is the Map's size; the field is keyed `size_`). */
export const posSize = (struct) => (struct.get('size_') ?? struct.get('size')).toBigInt();

/**
 * Collects the events of every block from now on, including those of `on_initialize`, in order.
 * `waitFor(pred)` resolves with the first record `{ block, event }` from `fromBlock` on.
 */
export async function eventLog(api, node) {
  const records = [];
  let last = (await api.rpc.chain.getHeader()).number.toNumber();
  let chain = Promise.resolve();
  let failed = null;
  const load = async (upTo) => {
    for (let n = last + 1; n <= upTo; n++) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const evs = await api.query.system.events.at(hash);
      for (const { event, phase } of evs) records.push({ block: n, event, phase });
      last = n;
    }
  };
  let stopped = false;
  const unsub = await api.rpc.chain.subscribeNewHeads((h) => {
    if (stopped) return;
    const n = h.number.toNumber();
    chain = chain.then(() => (stopped ? null : load(n))).catch((e) => { failed = e; });
  });
  const log = {
    records,
    get head() { return last; },
    /** Stop following (waits for the block being loaded, so that nothing is in flight). */
    async stop() {
      stopped = true;
      unsub();
      await chain;
    },
    /** Records of `section.method` from `fromBlock` on matching `pred`. */
    find(section, method, pred = () => true, fromBlock = 0) {
      return records.filter((r) => r.block >= fromBlock && r.event.section === section && r.event.method === method && pred(r.event));
    },
    /** Wait for the first `section.method` from `fromBlock` on matching `pred`. */
    async waitFor(section, method, pred = () => true, { fromBlock = 0, timeoutMs = 60_000, what = '' } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (true) {
        if (failed) throw failed;
        const hit = log.find(section, method, pred, fromBlock)[0];
        if (hit) return hit;
        if (Date.now() > deadline) {
          throw new Error(`no ${section}.${method} ${what} from block ${fromBlock} within ${timeoutMs} ms (head ${last})\n${node.log().slice(-3000)}`);
        }
        await sleep(250);
      }
    },
    /** Wait until block `n` has been loaded. */
    async waitBlock(n, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (last < n) {
        if (failed) throw failed;
        if (Date.now() > deadline) throw new Error(`block ${n} not reached (head ${last})\n${node.log().slice(-3000)}`);
        await sleep(250);
      }
    },
  };
  return log;
}

/** Create `count` collections owned by `owner` in one batch; returns their ids in order. */
export async function createCollections(api, owner, count) {
  const calls = Array.from({ length: count }, () => api.tx.nfts.create(owner.address, OPEN_COLLECTION));
  const { events } = await batch(api, calls, owner);
  return findEvents(events, 'nfts', 'Created').map((e) => e.data.collection.toNumber());
}

/**
 * The config of a collection that may back a market: items transferable, maximum supply
 * `maxSupply` set and locked (`settings` are DISABLED flags: UnlockedMaxSupply = 8), minting by
 * the Issuer.
 */
export const cededConfig = (maxSupply) => ({ ...OPEN_COLLECTION, settings: 8, maxSupply });

/**
 * The root calls (pallet-nfts' ForceOrigin is the governance origin) that cede collection `c`
 * to governance, so that a market may be created on it (runtime/src/collections.rs): `issuer`
 * stays its Issuer (and may mint up to `maxSupply` items), nobody is its Admin or Freezer (who
 * could lock escrowed items), its supply is locked at `maxSupply` (no collateral minted without
 * limit) and its owner (who could lock the whole collection) is the keyless custodian.
 */
export function cedeCalls(api, c, issuer, maxSupply) {
  return [
    api.tx.nfts.setTeam(c, issuer.address, null, null),
    api.tx.nfts.forceCollectionConfig(c, cededConfig(maxSupply)),
    api.tx.nfts.forceCollectionOwner(c, CUSTODIAN),
  ];
}

/**
 * `count` collections created by `alice` and ceded to governance in one sudo batch (`cedeCalls`:
 * Alice stays their Issuer, `maxSupply` items each); returns their ids in order. Collection 0,
 * the dev chain's demo feed (the offchain worker may report it), is not one of them: created
 * (and left to Alice) if it is next, unless `demo` asks for it.
 */
export async function cededCollections(api, alice, count, { maxSupply = 10, demo = false } = {}) {
  const next = await api.query.nfts.nextCollectionId();
  const skip = !demo && (next.isNone || next.unwrap().toNumber() === 0);
  const ids = (await createCollections(api, alice, count + (skip ? 1 : 0))).filter((c) => !skip || c !== 0);
  await sudoOk(api, api.tx.utility.batchAll(ids.flatMap((c) => cedeCalls(api, c, alice, maxSupply))), alice);
  return ids;
}

/** Owner of an NFT (ss58 string) or null. */
export async function nftOwner(api, collection, item) {
  const d = await api.query.nfts.item(collection, item);
  return d.isSome ? d.unwrap().owner.toString() : null;
}

// ---- BigInt versions of the pallet's numerics -------------------------------------------------

const ceilDiv = (a, b) => (a + b - 1n) / b;
export const BILLION = 1_000_000_000n;

/** `mul_div(a, b, c, up)`. */
export const mulDiv = (a, b, c, up = false) => (up ? ceilDiv(a * b, c) : (a * b) / c);

/** `Perbill::mul_ceil` / `mul_floor` of an amount. */
export const perbillCeil = (x, parts) => ceilDiv(x * BigInt(parts), BILLION);
export const perbillFloor = (x, parts) => (x * BigInt(parts)) / BILLION;

/** Long by base `db` on reserves (B, Q) with invariant k: the quote paid and the new reserves. */
export function longByBase(B, Q, db, k = B * Q) {
  const B2 = B - db;
  const Q2 = ceilDiv(k, B2);
  return { quote: Q2 - Q, B: B2, Q: Q2 };
}

/** Mark `Q/B` as FixedU128 inner (rounded down). */
export const markOf = (B, Q) => (Q * UNIT) / B;

/** Integer square root. */
export function isqrt(n) {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** Base reserve at which a pool with invariant `k` has the mark `price` (FixedU128 inner): `sqrt(k / price)` rounded down (the mark there is at or just above `price`). */
export const baseAtMark = (k, price) => isqrt((k * UNIT) / price);

/** Pool reserves and k of a market from `vamm.pools`. */
export async function pool(api, market) {
  const p = (await api.query.vamm.pools(market)).unwrap();
  return { B: p.baseReserve.toBigInt(), Q: p.quoteReserve.toBigInt(), k: BigInt(p.k.toString()) };
}

/** Funding a short pays (positive) since its last settlement: `-(−ceil(|q|·|Δ|))` for Δ < 0. */
export function shortFundingPayment(size, lastIndex, currentIndex) {
  const delta = currentIndex - lastIndex;
  const q = size < 0n ? -size : size;
  // mul_signed(|q|, Δ, false): rounded towards −∞, then negated (the short pays it)
  if (delta < 0n) return ceilDiv(q * -delta, UNIT);
  return -((q * delta) / UNIT);
}

/** `long_funding_payment(size, last, current, g_last)` (g_last = 0 means 1). */
export function longFundingPayment(size, lastIndex, currentIndex, gLast) {
  const g = gLast === 0n ? UNIT : gLast;
  const delta = currentIndex - lastIndex;
  if (delta > 0n) return ceilDiv(size * delta, g);
  return -((size * -delta) / g);
}

/**
 * The dynamic long requirement (Perbill parts) and coverage of a market state, as
 * `long_requirement` computes it at the guarded prices: the longs' claims valued at the higher
 * of the mark and the reference price (the fresh index), the shorts' losses backing them at the
 * lower. `index` defaults to the mark (no index: the plain rule).
 */
export function longRequirement(m, mark, index = mark) {
  const hi = mark > index ? mark : index;
  const lo = mark < index ? mark : index;
  const im = BigInt(m.params.initialMargin);
  const totalLong = m.openInterestLong + m.longGrowthPending;
  const value = (totalLong * hi) / UNIT;
  const profit = value > m.longOpenNotional ? value - m.longOpenNotional : 0n;
  const claims = m.longCash + profit;
  const shortValue = ceilDiv(m.openInterestShort * lo, UNIT);
  const shortLoss = shortValue > m.shortOpenNotional ? shortValue - m.shortOpenNotional : 0n;
  const available = m.longCash + m.float + (shortLoss < m.shortCash ? shortLoss : m.shortCash);
  const coverage = claims === 0n ? UNIT : (available * UNIT) / claims;
  let req;
  if (coverage >= UNIT) req = im;
  else {
    const shortfall = ceilDiv((UNIT - coverage) * BILLION, UNIT);
    if (shortfall >= im) req = BILLION;
    else {
      const extra = ceilDiv((BILLION - im) * shortfall, im);
      req = im + extra > BILLION ? BILLION : im + extra;
    }
  }
  return { req, coverage, claims, available };
}

/** The market's storage record as BigInts (the fields the tests use). */
export async function marketState(api, market) {
  const m = (await api.query.floorPerp.markets(market)).unwrap();
  const b = (k) => BigInt(m[k].toString());
  const t = (k) => BigInt(m.totals[k].toString()); // what the accounts add up to
  return {
    params: m.params.toJSON(),
    insuranceFund: b('insuranceFund'),
    float: b('float'),
    openInterestLong: t('openInterestLong'),
    openInterestShort: t('openInterestShort'),
    longOpenNotional: t('longOpenNotional'),
    longCash: t('longCash'),
    shortOpenNotional: t('shortOpenNotional'),
    shortCash: t('shortCash'),
    totalUnsettled: t('unsettled'),
    longGrowthPending: b('longGrowthPending'),
    inKindGrowth: b('inKindGrowth'),
    cumulativeFundingLong: BigInt.asIntN(128, BigInt(m.cumulativeFundingLong.toString())),
    cumulativeFundingShort: BigInt.asIntN(128, BigInt(m.cumulativeFundingShort.toString())),
    escrowedNfts: m.escrowedNfts.toNumber(),
    nftAccounts: m.nftAccounts.toNumber(),
    bidsLocked: b('bidsLocked'),
  };
}

/** A margin account as BigInts, or null. */
export async function marginAccount(api, market, who) {
  const o = await api.query.floorPerp.accounts(market, who);
  if (o.isNone) return null;
  const a = o.unwrap();
  const p = a.position;
  return {
    cash: a.cash.toBigInt(),
    size: posSize(p),
    openNotional: p.openNotional.toBigInt(),
    lastCumulativeFunding: p.lastCumulativeFunding.toBigInt(),
    lastGrowth: BigInt(p.lastGrowth.toString()),
    unsettledProfit: a.unsettledProfit.toBigInt(),
    nftCount: a.nftCount.toNumber(),
    liquidationAuctions: a.liquidationAuctions.toNumber(),
    voluntaryAuctions: a.voluntaryAuctions.toNumber(),
    debt: a.debt.toBigInt(),
    inKindMinted: a.inKindMinted.toBigInt(),
    inKindReceived: a.inKindReceived.toBigInt(),
  };
}

/** WETH (asset 1) balance. */
export async function weth(api, who) {
  const a = await api.query.assets.account(1, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
}

/** The runtime API's position view as JSON with BigInt size (or null). */
export async function positionView(api, market, who) {
  const o = await api.call.floorPerpApi.position(market, who);
  if (o.isNone) return null;
  const v = o.unwrap();
  return { ...v.toJSON(), size: posSize(v) };
}
