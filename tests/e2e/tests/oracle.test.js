// The floor index on a live node: the dev chain's offchain worker (Alice's operator key, put in
// the keystore by `--dev`) fetches a real local floor-price source over HTTP and reports it;
// the index follows the served floor, moves at most 10% per update, and when the source
// breaks the index goes stale and the market on it becomes reduce-only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, send, sudo, findEvents, waitForBlock, sleep, UNIT } from '../lib/node.js';
import { startFloorSource } from '../lib/floor-source.js';
import { marketParams } from '../lib/perp.js';

const COLLECTION = 0;
const POINTER = '/collection/floorAsk/price/amount/decimal';
let node, api, acc, source;

const index = async () => {
  const s = (await api.query.floorIndex.indices(COLLECTION)).toJSON();
  return s ? { price: BigInt(s.price), updatedAt: s.updatedAt } : null;
};

/** Wait until the index satisfies `pred`; returns it. */
async function waitIndex(pred, what, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const i = await index();
    if (i && pred(i)) return i;
    await sleep(1000);
  }
  throw new Error(`index never ${what}: ${JSON.stringify(await index(), (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n${node.log().slice(-3000)}`);
}

before(async () => {
  source = await startFloorSource({ [COLLECTION]: '20' });
  node = await startNode(['--dev'], { name: 'oracle' });
  api = await connect(node);
  acc = await devAccounts();
  // point the dev chain's demo feed at this test's source (governance)
  await sudo(api, api.tx.floorIndex.setSources(COLLECTION, [{ url: source.url(COLLECTION), pointer: POINTER, decimals: 0 }]), acc.alice);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
  if (source) await source.stop();
});

test('the offchain worker reports the served floor and the index follows it, clamped', async () => {
  const first = await waitIndex((i) => i.price === 20n * UNIT, 'reached 20');
  // the reports are fee-less authorized transactions by Alice's operator key
  const round = (await api.query.floorIndex.lastRound(acc.alice.address)).toJSON();
  assert.ok(round >= 1, `Alice reported (round ${round})`);

  await source.set(COLLECTION, '21.5');
  const moved = await waitIndex((i) => i.price === 215n * UNIT / 10n, 'followed 21.5');
  assert.ok(moved.updatedAt > first.updatedAt);

  // a jump to 40 moves the index by at most 10% per update: 23.65 first
  await source.set(COLLECTION, '40');
  const clamped = await waitIndex((i) => i.price > 215n * UNIT / 10n, 'moved towards 40');
  assert.equal(clamped.price, 2365n * UNIT / 100n, 'clamped to +10%');
  // the TWAP lies between the old and the new floor
  const h = await api.rpc.chain.getHeader();
  assert.ok(h.number.toNumber() >= clamped.updatedAt);
});

test('a broken source stops the index: the market on it becomes reduce-only', async () => {
  // a market whose index goes stale after 12 blocks
  const { events } = await sudo(
    api,
    api.tx.floorPerp.createMarket(COLLECTION, (1_000n * UNIT).toString(), (20_000n * UNIT).toString(), marketParams({ maxIndexAge: 12 })),
    acc.alice,
  );
  const market = findEvents(events, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
  await send(api, api.tx.floorPerp.deposit(market, (100n * UNIT).toString()), acc.bob);
  const info = async () => (await api.call.floorPerpApi.market(market)).unwrap().toJSON();
  assert.equal((await info()).indexFresh, true);

  await source.fail(COLLECTION, 'malformed');
  const last = (await index()).updatedAt;
  await waitForBlock(api, last + 14);
  assert.equal((await index()).updatedAt, last, 'no update from a malformed answer');
  assert.equal((await info()).indexFresh, false);
  await assert.rejects(
    send(api, api.tx.floorPerp.openPosition(market, 'Long', { Quote: (10n * UNIT).toString() }, 0), acc.bob),
    /floorPerp\.MarketReduceOnly/,
  );

  // the source recovers: the index is fresh again
  await source.fail(COLLECTION, 'off');
  await waitIndex((i) => i.updatedAt > last, 'recovered');
  assert.equal((await info()).indexFresh, true);
});
