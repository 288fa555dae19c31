// The demo market of the dev chain: the "Awful Hot Ocelots" collection (pallet-nfts collection
// 0, created by Alice, items 0..9 minted to her, then ceded to governance: a market is created
// only on such a collection), its floor index (fed by the dev chain's offchain worker from the
// local floor source on :8787) and the floor-perp market on it. Idempotent: whatever already
// exists is reused. Used by `tests/e2e/demo.mjs` (and so by `scripts/run-dev` and `scripts/demo`).
import { send, sudo, findEvents, sleep, UNIT } from './node.js';
import { marketParams, pct, CUSTODIAN } from './perp.js';
import { cedeCalls } from './nft.js';

/** The demo collection: pallet-nfts collection 0, the one the dev genesis has a floor feed for. */
export const DEMO_COLLECTION = 0;
export const DEMO_NAME = 'Awful Hot Ocelots';
/** Ocelots #0..#9 are minted to Alice. */
export const DEMO_ITEMS = 10;
/** Virtual base reserve of the demo pool: 1,000 perps. */
export const DEMO_BASE_RESERVE = 1_000n * UNIT;

/**
 * Parameters of the demo market: the default market parameters (docs/design.md) (among them the 5% guard rail between mark
 * and index), a 25% fluctuation limit, funding every 5 minutes, and NFT-collateral decisions on
 * the spot index and its 5-minute TWAP (the runtime's default, as a live market has; the e2e
 * tests' `marketParams` read the spot index alone).
 */
export function demoMarketParams() {
  return marketParams({ maxPriceMove: pct(25), fundingPeriod: 150, nftIndexWindow: 150 });
}

const COLLECTION_CONFIG = {
  settings: 0,
  maxSupply: null,
  mintSettings: { mintType: 'Issuer', price: null, startBlock: null, endBlock: null, defaultItemSettings: 0 },
};

/** The Sudid result of a sudo call, as an error message or null. */
function sudoError(api, events) {
  for (const e of findEvents(events, 'sudo', 'Sudid')) {
    const r = e.data[0];
    if (r.isErr) {
      const err = r.asErr;
      if (err.isModule) {
        const d = api.registry.findMetaError(err.asModule);
        return `${d.section}.${d.name}`;
      }
      return err.toString();
    }
  }
  return null;
}

/** Collection 0 exists (creating it for Alice if absent); returns its owner's address. */
async function ensureCollection(api, alice, log) {
  const existing = await api.query.nfts.collection(DEMO_COLLECTION);
  if (existing.isSome) return existing.unwrap().owner.toString();
  const next = await api.query.nfts.nextCollectionId();
  if (next.isSome && next.unwrap().toNumber() !== DEMO_COLLECTION) {
    throw new Error(
      `collection ${DEMO_COLLECTION} does not exist and pallet-nfts would create collection ${next.unwrap()} next: ` +
        'the demo needs a fresh dev chain (scripts/run-dev starts one with --tmp)',
    );
  }
  const { events } = await send(api, api.tx.nfts.create(alice.address, COLLECTION_CONFIG), alice);
  const created = findEvents(events, 'nfts', 'Created')[0];
  const id = created ? created.data.collection.toNumber() : null;
  if (id !== DEMO_COLLECTION) throw new Error(`nfts.create made collection ${id}, not ${DEMO_COLLECTION}`);
  log(`created NFT collection ${DEMO_COLLECTION} "${DEMO_NAME}", owned by Alice`);
  return alice.address;
}

/**
 * Ocelots #0..#9 exist (minted to Alice if absent), with metadata. Once the collection is ceded
 * to governance Alice is still its Issuer (she mints up to its locked supply of 10), but nobody
 * is its Admin: metadata is then set by root (pallet-nfts' ForceOrigin).
 */
async function ensureItems(api, alice, owner, log) {
  const c = DEMO_COLLECTION;
  const calls = [];
  const missing = [];
  for (let k = 0; k < DEMO_ITEMS; k++) {
    if ((await api.query.nfts.item(c, k)).isNone) {
      missing.push(k);
      calls.push(api.tx.nfts.mint(c, k, alice.address, null));
    }
  }
  const ceded = owner === CUSTODIAN;
  if (owner !== alice.address && !ceded) {
    if (missing.length) throw new Error(`collection ${c} is owned by ${owner}, not Alice: Alice cannot mint Ocelots #${missing.join(', #')}`);
    return;
  }
  const meta = [];
  if ((await api.query.nfts.collectionMetadataOf(c)).isNone) {
    meta.push(api.tx.nfts.setCollectionMetadata(c, JSON.stringify({ name: DEMO_NAME, symbol: 'OCELOT', description: 'The floorperp demo collection' })));
  }
  for (let k = 0; k < DEMO_ITEMS; k++) {
    const exists = missing.includes(k) || (await api.query.nfts.item(c, k)).isSome;
    if (exists && (await api.query.nfts.itemMetadataOf(c, k)).isNone) {
      meta.push(api.tx.nfts.setMetadata(c, k, JSON.stringify({ name: `Awful Hot Ocelot #${k}` })));
    }
  }
  if (ceded) {
    if (calls.length) await send(api, api.tx.utility.batchAll(calls), alice);
    if (meta.length) {
      const { events } = await sudo(api, api.tx.utility.batchAll(meta), alice);
      const err = sudoError(api, events);
      if (err) throw new Error(`metadata of collection ${c} (root): ${err}`);
    }
  } else if (calls.length + meta.length) {
    await send(api, api.tx.utility.batchAll([...calls, ...meta]), alice);
  }
  if (missing.length) log(`minted Ocelots #${missing[0]}..#${missing[missing.length - 1]} to Alice`);
}

/** Wait for the floor index of the demo collection; returns its price (18 decimals). */
export async function waitForIndex(api, { timeoutMs = 120_000, log = () => {} } = {}) {
  const deadline = Date.now() + timeoutMs;
  let said = false;
  while (true) {
    const i = await api.query.floorIndex.indices(DEMO_COLLECTION);
    if (i.isSome) return i.unwrap().price.toBigInt();
    if (Date.now() > deadline) {
      throw new Error(
        `no floor index for collection ${DEMO_COLLECTION} after ${Math.round(timeoutMs / 1000)} s. The dev chain's ` +
          'offchain worker reads it from the local floor source http://127.0.0.1:8787 — is it running? ' +
          'scripts/run-dev starts it; by hand: floor-source --port 8787 --collection 0=walk:20:20:6000:1',
      );
    }
    if (!said) {
      log('waiting for the floor index of collection 0 (the offchain worker reports every 5 blocks)...');
      said = true;
    }
    await sleep(1000);
  }
}

/**
 * The demo market exists (created through sudo at mark = index if absent, in one governance
 * batch with the cession of collection 0 if it is not ceded yet: its owner becomes the keyless
 * custodian, nobody is its Admin or Freezer, its supply is locked at the 10 Ocelots and Alice
 * stays its Issuer); returns its id.
 */
async function ensureMarket(api, alice, log) {
  const existing = await api.query.floorPerp.marketByCollection(DEMO_COLLECTION);
  if (existing.isSome) return existing.unwrap().toNumber();
  const index = await waitForIndex(api, { log });
  const quote = index * (DEMO_BASE_RESERVE / UNIT); // mark = quote / base = index
  const owner = (await api.query.nfts.collection(DEMO_COLLECTION)).unwrap().owner.toString();
  const cede = owner === CUSTODIAN ? [] : cedeCalls(api, DEMO_COLLECTION, alice, DEMO_ITEMS);
  const { events } = await sudo(
    api,
    api.tx.utility.batchAll([
      ...cede,
      api.tx.floorPerp.createMarket(DEMO_COLLECTION, DEMO_BASE_RESERVE.toString(), quote.toString(), demoMarketParams()),
    ]),
    alice,
  );
  const created = findEvents(events, 'floorPerp', 'MarketCreated')[0];
  if (!created) {
    const err = sudoError(api, events);
    const again = await api.query.floorPerp.marketByCollection(DEMO_COLLECTION);
    if (again.isSome) return again.unwrap().toNumber(); // created meanwhile by another set-up
    throw new Error(`floorPerp.createMarket failed: ${err}`);
  }
  const market = created.data.market.toNumber();
  if (cede.length) log(`ceded collection ${DEMO_COLLECTION} to governance: owned by the keyless custodian ${CUSTODIAN}, no Admin or Freezer, supply locked at ${DEMO_ITEMS}, Alice still its Issuer`);
  log(`created market ${market} on collection ${DEMO_COLLECTION}: pool 1,000 perps / ${formatUnits(quote, 2)} WETH, mark = index = ${formatUnits(index)} WETH`);
  return market;
}

/**
 * Set up the demo (idempotent): collection 0 "Awful Hot Ocelots" created by Alice with Ocelots
 * #0..#9 minted to her, the floor index of collection 0, and the floor-perp market on it (the
 * collection ceded to governance first).
 * `accounts` are the dev accounts ({ alice, ... }, from `devAccounts()`). Returns
 * { collection, market }.
 */
export async function setupDemo(api, accounts, { log = () => {} } = {}) {
  const alice = accounts.alice;
  // A second set-up running at the same time (run-dev's and scripts/demo) can make a step
  // fail (nonce, item already minted): read the state again and retry.
  for (let attempt = 1; ; attempt++) {
    try {
      const owner = await ensureCollection(api, alice, log);
      await ensureItems(api, alice, owner, log);
      const market = await ensureMarket(api, alice, log);
      return { collection: DEMO_COLLECTION, market };
    } catch (e) {
      if (attempt >= 3 || /no floor index|needs a fresh dev chain|cannot mint/.test(e.message)) throw e;
      log(`set-up step failed (${e.message}); retrying`);
      await sleep(4000);
    }
  }
}

/** An 18-decimal amount as a decimal string with `dp` decimals (rounded half away from zero). */
export function formatUnits(x, dp = 4) {
  x = BigInt(x);
  const neg = x < 0n;
  if (neg) x = -x;
  const scale = 10n ** BigInt(18 - dp);
  const r = (x + scale / 2n) / scale;
  const s = r.toString().padStart(dp + 1, '0');
  const int = s.slice(0, s.length - dp).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const out = dp ? `${int}.${s.slice(s.length - dp)}` : int;
  return neg && r !== 0n ? `-${out}` : out;
}
