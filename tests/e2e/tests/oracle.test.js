// The floor index on a live node: the dev chain's offchain worker (Alice's operator key, put in
// the keystore by `--dev`) fetches a real local floor-price source over HTTP and reports it;
// the index follows the served floor, moves at most 10% per update, and when the source
// breaks the index goes stale and the market on it becomes reduce-only. Operators report only
// through their signed offchain reports (a direct feed is filtered out), and once governance asks
// for a quorum of two, one operator's reports leave the index where it is until a second agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { startNode, connect, devAccounts, send, sudo, findEvents, waitForBlock, sleep, UNIT } from '../lib/node.js';
import { startFloorSource } from '../lib/floor-source.js';
import { marketParams } from '../lib/perp.js';
import { cededCollections, sudoOk, eventLog, field } from '../lib/nft.js';

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
  // a market whose index goes stale after 12 blocks, on NFT collection 0: the chain's first,
  // created by Alice and ceded to governance (markets are created only on such collections)
  const [collection] = await cededCollections(api, acc.alice, 1, { demo: true });
  assert.equal(collection, COLLECTION);
  const { events } = await sudoOk(
    api,
    api.tx.floorPerp.createMarket(COLLECTION, (1_000n * UNIT).toString(), (20_000n * UNIT).toString(), marketParams({ maxIndexAge: 12 })),
    acc.alice,
  );
  const market = findEvents(events, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
  await send(api, api.tx.floorPerp.deposit(market, (100n * UNIT).toString()), acc.bob);
  const info = async () => (await api.call.floorPerpApi.market(market)).unwrap().toJSON();
  assert.equal((await info()).indexFresh, true);

  await source.fail(COLLECTION, 'malformed');
  // a report of the floor fetched just before the failure may still be on its way into a block
  const failedAt = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForBlock(api, failedAt + 2);
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

test('an index reported by one operator of three does not move until the quorum agrees', async (t) => {
  const log = await eventLog(api, node);
  try {
    // the index has caught up with the served 40 since the first test (10% per report)
    await waitIndex((i) => i.price === 40n * UNIT, 'reached 40', 120_000);
    const price = 42n * UNIT; // within 10% of 40: the clamp lets the index reach it in one update
    const forCollection = (e) => field(e, 'collection').toNumber() === COLLECTION;

    // An operator cannot feed the oracle directly (that would skip the checks of a signed
    // report, and be free): the runtime's call filter refuses Alice's feedValues at dispatch.
    const refused = await send(api, api.tx.floorOracle.feedValues([[COLLECTION, price.toString()]]), acc.alice).then(() => null, (e) => e);
    assert.ok(refused, 'a signed feedValues was refused');
    assert.equal(refused.message, 'system.CallFiltered');
    assert.equal(findEvents(refused.events, 'system', 'ExtrinsicFailed').length, 1);
    assert.equal((await api.query.floorOracle.rawValues(acc.alice.address, COLLECTION)).unwrap().value.toString(), (40n * UNIT).toString(), 'her report is still the served 40');

    // Governance: Bob and Charlie become operators too, and two fresh reports must agree to
    // move an index (a quorum above the number of operators is refused). The clamp window stays
    // 1 block: ±10% of the previous block's closing index.
    await sudoOk(api, api.tx.utility.batchAll([
      api.tx.oracleOperators.addMember(acc.bob.address),
      api.tx.oracleOperators.addMember(acc.charlie.address),
    ]), acc.alice);
    await assert.rejects(sudoOk(api, api.tx.floorIndex.setRules(4, 1), acc.alice), /floorIndex\.BadQuorum$/);
    const rules = await sudoOk(api, api.tx.floorIndex.setRules(2, 1), acc.alice);
    const set = findEvents(rules.events, 'floorIndex', 'RulesSet');
    assert.deepEqual(set.map((e) => [field(e, 'quorum').toNumber(), field(e, 'clamp_window').toNumber()]), [[2, 1]]);
    assert.deepEqual((await api.query.floorIndex.rules()).toJSON(), { quorum: 2, clampWindow: 1 });
    const rulesBlock = (await api.rpc.chain.getHeader(rules.blockHash)).number.toNumber();
    const before = await index();
    assert.equal(before.price, 40n * UNIT);

    // The floor moves to 42. Alice's offchain worker reports it (only her node has an operator
    // key): one fresh report of the two needed, the index waits.
    await source.set(COLLECTION, '42');
    let aliceAt = 0;
    // (120 s: one CI run saw her first report of 42 land after 60 s — six rounds)
    const deadline = Date.now() + 120_000;
    while (!aliceAt) {
      const r = await api.query.floorOracle.rawValues(acc.alice.address, COLLECTION);
      if (r.isSome && BigInt(r.unwrap().value.toString()) === price) aliceAt = r.unwrap().timestamp.toNumber();
      else if (Date.now() > deadline) throw new Error(`Alice never reported 42\n${node.log().slice(-3000)}`);
      else await sleep(1000);
    }
    const awaiting = await log.waitFor('floorIndex', 'AwaitingQuorum', forCollection, { fromBlock: aliceAt, what: 'after Alice\'s report of 42' });
    assert.equal(awaiting.block, aliceAt, 'her report found no quorum');
    assert.deepEqual([field(awaiting.event, 'fresh').toNumber(), field(awaiting.event, 'quorum').toNumber()], [1, 2]);
    // and her next round's report neither
    const again = await log.waitFor('floorIndex', 'AwaitingQuorum', forCollection, { fromBlock: aliceAt + 1, what: 'in Alice\'s next round' });
    assert.equal(field(again.event, 'fresh').toNumber(), 1);
    assert.deepEqual(await index(), before, 'the index did not move');
    assert.equal(log.find('floorIndex', 'IndexUpdated', forCollection, rulesBlock + 1).length, 0, 'no update since the quorum became 2');
    assert.ok((await api.query.floorOracle.rawValues(acc.bob.address, COLLECTION)).isNone, 'Bob has not reported');

    // Bob's operator key goes into the node's keystore: its offchain worker reports as Bob too
    // from the next round. His report and Alice's are two fresh reports of 42: their median.
    const keyAt = (await api.rpc.chain.getHeader()).number.toNumber();
    await api.rpc.author.insertKey('flor', '//Bob', u8aToHex(acc.bob.publicKey));
    const updated = await log.waitFor('floorIndex', 'IndexUpdated', forCollection, { fromBlock: keyAt, what: 'once Bob reports' });
    assert.equal(BigInt(field(updated.event, 'price').toString()), price);
    assert.equal(BigInt(field(updated.event, 'median').toString()), price);
    assert.equal(field(updated.event, 'clamped').isTrue, false, 'within 10% of 40: not clamped');
    // the reports the index read in that block: Alice's and Bob's 42, none of Charlie's
    const atUpdate = await api.at(await api.rpc.chain.getBlockHash(updated.block));
    for (const [who, since] of [[acc.alice, aliceAt], [acc.bob, keyAt]]) {
      const r = (await atUpdate.query.floorOracle.rawValues(who.address, COLLECTION)).unwrap();
      assert.equal(BigInt(r.value.toString()), price);
      assert.ok(r.timestamp.toNumber() >= since, 'a report of the new floor');
    }
    assert.ok((await atUpdate.query.floorOracle.rawValues(acc.charlie.address, COLLECTION)).isNone, 'Charlie never reported');
    const after = await index();
    assert.equal(after.price, price);
    assert.ok(after.updatedAt >= updated.block);
    t.diagnostic(`quorum 2 from block ${rulesBlock}; Alice reported 42 at ${aliceAt} (AwaitingQuorum at ${awaiting.block}, ${again.block}); ` +
      `Bob's key inserted at ${keyAt}; index 40 -> 42 at ${updated.block}`);
  } finally {
    await log.stop();
  }
});
