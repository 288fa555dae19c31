// A cash-margined long liquidated on a live node: the floor and the mark fall, the
// chain's sweep finds the long under maintenance margin (valued at the worse, for it,
// of the mark and the index) and closes it by itself (`Liquidated` with no keeper, the whole
// fee to the insurance fund); value is conserved. Trades keep the mark within 5% of the index:
// the floor moves first, the mark follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, send, sudo, findEvents, sleep, UNIT } from '../lib/node.js';
import { marketParams, pct, VAULT } from '../lib/perp.js';
import { cededCollections } from '../lib/nft.js';

let node, api, acc;
// an NFT collection ceded to governance (markets are created only on those)
let COLLECTION;

before(async () => {
  node = await startNode(['--dev'], { name: 'liquidation' });
  api = await connect(node);
  acc = await devAccounts();
  [COLLECTION] = await cededCollections(api, acc.alice, 1);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

const weth = async (who) => {
  const a = await api.query.assets.account(1, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};

test('the sweep liquidates a 10x long after the floor and the mark fall', async () => {
  await sudo(api, api.tx.floorOracle.feedValues([[COLLECTION, (100n * UNIT).toString()]]), acc.alice);
  const { events } = await sudo(api, api.tx.floorPerp.createMarket(COLLECTION, (1_000n * UNIT).toString(), (100_000n * UNIT).toString(),
    marketParams({ maxPriceMove: pct(50) })), acc.alice);
  const market = findEvents(events, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
  const users = [acc.dave, acc.eve];
  const before = (await Promise.all(users.map((u) => weth(u.address)))).reduce((a, b) => a + b, 0n) + await weth(VAULT);

  // The floor rises 2% to 102; Dave's 10x long (110 WETH for ~1,010 of notional) brings the
  // mark up to it (100 -> 102.03). (At an index of 100 the same long would be refused: valued
  // at the index, below the mark, it would not meet the initial margin.) Eve: a large short
  // with plenty of cash.
  await sudo(api, api.tx.floorOracle.feedValues([[COLLECTION, (102n * UNIT).toString()]]), acc.alice);
  await send(api, api.tx.floorPerp.deposit(market, (110n * UNIT).toString()), acc.dave);
  await send(api, api.tx.floorPerp.openPosition(market, 'Long', { Base: (10n * UNIT).toString() }, (2_000n * UNIT).toString()), acc.dave);
  await send(api, api.tx.floorPerp.deposit(market, (20_000n * UNIT).toString()), acc.eve);
  const pos = async () => (await api.call.floorPerpApi.position(market, acc.dave.address)).unwrap().toJSON();
  assert.equal((await pos()).liquidatable, false);

  // the floor falls 10% (102 -> 91.8) and Eve's short drags the mark down with it (to ~90.7,
  // within 5% of the index); Dave's long is far below maintenance at the index already
  const sub = [];
  const unsub = await api.query.system.events((evs) => {
    for (const { event } of evs) if (event.section === 'floorPerp' && event.method === 'Liquidated') sub.push(event);
  });
  await sudo(api, api.tx.floorOracle.feedValues([[COLLECTION, (918n * UNIT / 10n).toString()]]), acc.alice);
  await send(api, api.tx.floorPerp.openPosition(market, 'Short', { Base: (60n * UNIT).toString() }, 0), acc.eve);

  const deadline = Date.now() + 60_000;
  while (sub.length === 0 && Date.now() < deadline) await sleep(500);
  unsub();
  assert.ok(sub.length >= 1, `no Liquidated event:\n${node.log().slice(-3000)}`);
  const ev = sub[0].toJSON().data;
  const [, who, keeper] = Array.isArray(ev) ? ev : [ev.market, ev.who, ev.keeper];
  assert.equal(who, acc.dave.address, 'Dave was liquidated');
  assert.equal(keeper, null, 'by the chain\'s sweep, not a keeper');
  const after = (await api.query.floorPerp.accounts(market, acc.dave.address)).toJSON();
  const size = after ? BigInt.asIntN(128, BigInt(after.position.size)) : 0n;
  assert.ok(size < 10n * UNIT, `Dave's long was reduced (size ${size})`);

  // value conserved: WETH of the users and the vault is unchanged
  const total = (await Promise.all(users.map((u) => weth(u.address)))).reduce((a, b) => a + b, 0n) + await weth(VAULT);
  assert.equal(total, before);
});
