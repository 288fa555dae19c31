// The clearing house on a live node: a market created by governance on the vAMM, cash
// deposits, a long and a short traded against the pool (numbers checked against an independent
// BigInt implementation of the vAMM formulas in docs/design.md), the runtime API preview, closes with value conserved,
// and K governance (adjust_k: a target reached in bounded steps) through the governance origin only. The guard rail keeps the
// mark within 5% of the index (or moving towards it): the floor moves and the mark follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, send, sudo, findEvents, UNIT } from '../lib/node.js';
import { marketParams, VAULT, longByQuote, shortByBase, feeOf, fixed, pct } from '../lib/perp.js';
import { checkSudid, baseAtMark, markOf, pool, eventLog, cededCollections } from '../lib/nft.js';

let node, api, acc, market;
// NFT collections ceded to governance (markets are created only on those): the seed's market,
// the one Bob tries to create a market on, the K governance market
let COLLECTION, SPARE, K_COLLECTION, POLICY_COLLECTION;
const B0 = 100n * UNIT;
const Q0 = 10_000n * UNIT;
const weth = async (who) => {
  const a = await api.query.assets.account(1, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
};
// `size` clashes with the `Map.size` of polkadot.js structs: read it through JSON.
const sizeOf = (s) => BigInt.asIntN(128, BigInt(s.toJSON().size));
const account = async (who) => (await api.query.floorPerp.accounts(market, who)).unwrap();
/** Root reports a floor for the collection: the index follows it (at most 10% per block). */
const feed = async (price) => {
  checkSudid(api, (await sudo(api, api.tx.floorOracle.feedValues([[COLLECTION, price.toString()]]), acc.alice)).events);
  assert.equal(BigInt((await api.query.floorIndex.indices(COLLECTION)).toJSON().price), price, 'the index follows the floor');
};

before(async () => {
  node = await startNode(['--dev'], { name: 'clearing-house' });
  api = await connect(node);
  acc = await devAccounts();
  [COLLECTION, SPARE, K_COLLECTION, POLICY_COLLECTION] = await cededCollections(api, acc.alice, 4);
  // The index: root reports a floor of 100 WETH for the collection into the floor oracle.
  await sudo(api, api.tx.floorOracle.feedValues([[COLLECTION, (100n * UNIT).toString()]]), acc.alice);
  // A 25% fluctuation limit lets the seed's 1,000-quote trade (a 21% move) through.
  const { events } = await sudo(
    api,
    api.tx.floorPerp.createMarket(COLLECTION, B0.toString(), Q0.toString(), marketParams({ maxPriceMove: pct(25) })),
    acc.alice,
  );
  const created = findEvents(events, 'floorPerp', 'MarketCreated');
  assert.equal(created.length, 1, 'MarketCreated');
  market = created[0].data.market.toNumber();
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('only governance creates markets', async () => {
  await assert.rejects(
    send(api, api.tx.floorPerp.createMarket(SPARE, B0.toString(), Q0.toString(), marketParams()), acc.bob),
    /BadOrigin/,
  );
});

test('seed 000: a 10x long and a short on the vAMM, closed with value conserved', async () => {
  const total0 = (await weth(acc.alice.address)) + (await weth(acc.bob.address)) + (await weth(VAULT));

  // The floor rises 21% (the index follows at most 10% per block: 110, then 121); Alice's
  // 10x long is the trade that brings the mark up to it. (A trade that left the mark more
  // than 5% from the index would be refused: MarkIndexSpreadExceeded.)
  await feed(110n * UNIT);
  await feed(121n * UNIT);

  // Alice deposits 101 WETH (100 of margin and the 0.1% fee) and goes long 1,000 WETH of
  // notional: 10x.
  await send(api, api.tx.floorPerp.deposit(market, (101n * UNIT).toString()), acc.alice);
  const notional = 1_000n * UNIT;
  const want = longByQuote(B0, Q0, notional);
  assert.equal(want.base, 9_090_909_090_909_090_909n); // the seed's 9.0909... perps

  const preview = (await api.call.floorPerpApi.quote(market, 'Long', { Quote: notional.toString() })).unwrap();
  assert.equal(preview.amountOut.toBigInt(), want.base);

  const { events } = await send(api, api.tx.floorPerp.openPosition(market, 'Long', { Quote: notional.toString() }, want.base.toString()), acc.alice);
  const opened = findEvents(events, 'floorPerp', 'PositionChanged')[0].data;
  assert.equal(opened.newSize.toBigInt(), want.base);
  const fee = feeOf(notional, pct(0.1));
  assert.equal(opened.fee.toBigInt(), fee);
  assert.equal((await account(acc.alice.address)).cash.toBigInt(), 101n * UNIT - fee);
  // The mark moved from 100 to 121 (Q'/B' rounded down), up to the index: no further.
  const mark = fixed((await api.call.floorPerpApi.market(market)).unwrap().markPrice);
  assert.equal(mark, (want.Q * UNIT) / want.B);
  assert.equal(mark, 120_999_999_999_999_999_999n);

  // Bob deposits and shorts a tenth of Alice's size (a larger short would push Alice's
  // close-out value below maintenance margin on this shallow pool, and the chain would
  // liquidate her by itself: see the liquidation tests of the pallet).
  await send(api, api.tx.floorPerp.deposit(market, (100n * UNIT).toString()), acc.bob);
  const bobSize = want.base / 10n;
  const bobTrade = shortByBase(want.B, want.Q, bobSize, B0 * Q0);
  const { events: ev2 } = await send(api, api.tx.floorPerp.openPosition(market, 'Short', { Base: bobSize.toString() }, bobTrade.quote.toString()), acc.bob);
  const bobOpened = findEvents(ev2, 'floorPerp', 'PositionChanged')[0].data;
  assert.equal(bobOpened.newSize.toBigInt(), -bobSize);
  assert.equal(bobOpened.quote.toBigInt(), bobTrade.quote);

  // Net position: long size - short size = the vAMM's net base B0 - B.
  const p1 = (await api.query.vamm.pools(market)).unwrap();
  assert.equal(B0 - p1.baseReserve.toBigInt(), want.base - bobSize);

  // The position view agrees with storage.
  const view = (await api.call.floorPerpApi.position(market, acc.alice.address)).unwrap();
  const v = view.toJSON();
  assert.equal(sizeOf(view), want.base);
  assert.equal(v.liquidatable, false);
  assert.equal(BigInt(v.cash), 101n * UNIT - fee);

  // Alice cannot close everything at once: selling 9.09 perps takes the mark from ~118.6 to
  // ~98.2, far below the index of 121.
  await assert.rejects(send(api, api.tx.floorPerp.closePosition(market, null, 0), acc.alice), /floorPerp\.MarkIndexSpreadExceeded/);

  // Bob closes (u128::MAX: the maximum paid for closing a short): the mark goes back up
  // towards the index.
  await send(api, api.tx.floorPerp.closePosition(market, null, (2n ** 128n - 1n).toString()), acc.bob);
  assert.equal(sizeOf((await account(acc.bob.address)).position), 0n);

  // Then the floor falls back to 100 and Alice sells her long down with it: each sale takes
  // the mark at most 5% below the index, then the index follows the mark (0 is the minimum
  // quote accepted for closing a long).
  for (const step of [1155n, 1100n, 1050n].map((x) => (x * UNIT) / 10n)) { // 115.5, 110, 105
    const p = await pool(api, market);
    const size = baseAtMark(p.k, step) - p.B;
    const sale = shortByBase(p.B, p.Q, size, p.k);
    const { events: evs } = await send(api, api.tx.floorPerp.closePosition(market, size.toString(), sale.quote.toString()), acc.alice);
    const d = findEvents(evs, 'floorPerp', 'PositionChanged')[0].data;
    assert.equal(d.quote.toBigInt(), sale.quote);
    assert.equal(d.markPrice.toBigInt(), markOf(sale.B, sale.Q));
    await feed(step);
  }
  await send(api, api.tx.floorPerp.closePosition(market, null, 0), acc.alice);
  await feed(100n * UNIT);
  for (const who of [acc.alice, acc.bob]) {
    assert.equal(sizeOf((await account(who.address)).position), 0n);
  }
  // The pool is back where it started (both closed everything).
  const p2 = await pool(api, market);
  assert.equal(p2.B, B0);
  // Withdraw everything each can; WETH is only moved around, never created.
  for (const who of [acc.alice, acc.bob]) {
    const cash = (await account(who.address)).cash.toBigInt();
    if (cash > 0n) await send(api, api.tx.floorPerp.withdraw(market, cash.toString()), who);
  }
  const total1 = (await weth(acc.alice.address)) + (await weth(acc.bob.address)) + (await weth(VAULT));
  assert.equal(total1, total0);
  const info = (await api.call.floorPerpApi.market(market)).unwrap();
  assert.ok(info.insuranceFund.toBigInt() >= fee, 'fees went to the insurance fund');
});

test('K governance: adjust_k sets a target the pool reaches in steps of at most 1% per funding period, paid by the fund; other origins refused', async () => {
  // A market of its own with a 5-block funding period, so that steps come quickly.
  const C = K_COLLECTION;
  await sudo(api, api.tx.floorOracle.feedValues([[C, (100n * UNIT).toString()]]), acc.alice);
  const { events: created } = await sudo(
    api,
    api.tx.floorPerp.createMarket(C, B0.toString(), Q0.toString(), marketParams({ fundingPeriod: 5 })),
    acc.alice,
  );
  const m = findEvents(created, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
  const log = await eventLog(api, node);
  try {
    // A net long (2% of the pool, inside the band) so that a deeper pool costs the fund.
    await send(api, api.tx.floorPerp.deposit(m, (50n * UNIT).toString()), acc.charlie);
    await send(api, api.tx.floorPerp.openPosition(m, 'Long', { Quote: (100n * UNIT).toString() }, 0), acc.charlie);
    const before = (await api.query.vamm.pools(m)).unwrap();
    const k0 = before.k.toBigInt();
    const markBefore = fixed((await api.call.floorPerpApi.market(m)).unwrap().markPrice);

    await assert.rejects(send(api, api.tx.vamm.adjustK(m, (2n * UNIT).toString()), acc.bob), /BadOrigin/);
    const { events, blockHash } = await sudo(api, api.tx.vamm.adjustK(m, (2n * UNIT).toString()), acc.alice);
    const set = findEvents(events, 'vamm', 'KTargetSet')[0].data;
    assert.equal(set.targetK.unwrap().toBigInt(), 2n * k0, 'the target: twice the depth');
    assert.equal((await api.query.vamm.pools.at(blockHash, m)).unwrap().k.toBigInt(), k0, 'nothing changed yet');
    assert.equal((await api.query.vamm.kTargets(m)).unwrap().toBigInt(), 2n * k0);
    const at = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();

    // The chain takes the first steps by itself, one per funding period, each at most 1%.
    const first = await log.waitFor('vamm', 'KAdjusted', (e) => e.data.market.toNumber() === m, { fromBlock: at, what: 'first step' });
    const second = await log.waitFor('vamm', 'KAdjusted', (e) => e.data.market.toNumber() === m, { fromBlock: first.block + 1, what: 'second step' });
    assert.equal(second.block - first.block, 5, 'one step per funding period');
    for (const { event } of [first, second]) {
      const oldK = event.data.oldK.toBigInt();
      const newK = event.data.newK.toBigInt();
      assert.ok(newK > oldK && newK <= oldK + oldK / 100n + oldK / 10n ** 12n, `a step of at most 1%: ${oldK} -> ${newK}`);
      const cost = event.data.cost.toBigInt();
      assert.ok(cost > 0n, 'deepening the pool under a net long costs the fund');
      const charged = log.find('floorPerp', 'KAdjustmentCharged', (e) => e.data.market.toNumber() === m, first.block)
        .filter((r) => r.event.data.amount.toBigInt() === cost);
      assert.ok(charged.length >= 1, 'charged to the insurance fund');
    }
    const markAfter = fixed((await api.call.floorPerpApi.market(m)).unwrap().markPrice);
    const drift = markAfter > markBefore ? markAfter - markBefore : markBefore - markAfter;
    assert.ok(drift <= 10n, `price kept: ${markBefore} -> ${markAfter}`);

    // Governance cancels what is left (ratio 1): no more steps.
    const { events: cancel } = await sudo(api, api.tx.vamm.adjustK(m, UNIT.toString()), acc.alice);
    assert.ok(findEvents(cancel, 'vamm', 'KTargetSet')[0].data.targetK.isNone, 'cancelled');
    assert.ok((await api.query.vamm.kTargets(m)).isNone);
  } finally {
    await log.stop();
  }
});

test('algorithmic K: a policy set by governance deepens a busy pool at a funding boundary within its fee-funded budget, shallows a quiet one; other origins refused', async () => {
  const C = POLICY_COLLECTION;
  await sudo(api, api.tx.floorOracle.feedValues([[C, (100n * UNIT).toString()]]), acc.alice);
  const { events: created } = await sudo(
    api,
    api.tx.floorPerp.createMarket(C, B0.toString(), Q0.toString(), marketParams({ fundingPeriod: 5 })),
    acc.alice,
  );
  const m = findEvents(created, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
  const log = await eventLog(api, node);
  try {
    const k0 = (await api.query.vamm.pools(m)).unwrap().k.toBigInt();
    // a pool 1,000x the period's volume is wanted: any trading asks for a deeper pool
    const policy = {
      depthPerVolume: (1_000n * UNIT).toString(),
      depthPerOpenInterest: (2n * UNIT).toString(),
      fundingWeight: (10n * UNIT).toString(),
      minK: (k0 / 100n).toString(),
      maxK: (k0 * 100n).toString(),
      maxStep: 10_000_000, // 1%
      feeShare: 1_000_000_000, // 100%
    };
    await assert.rejects(send(api, api.tx.vamm.setKPolicy(m, policy), acc.bob), /BadOrigin/);
    const { events, blockHash } = await sudo(api, api.tx.vamm.setKPolicy(m, policy), acc.alice);
    assert.equal(findEvents(events, 'vamm', 'KPolicySet').length, 1);
    const at = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();

    // trading: a round trip of 100 WETH
    await send(api, api.tx.floorPerp.deposit(m, (50n * UNIT).toString()), acc.charlie);
    await send(api, api.tx.floorPerp.openPosition(m, 'Long', { Quote: (100n * UNIT).toString() }, 0), acc.charlie);
    await send(api, api.tx.floorPerp.closePosition(m, null, 0), acc.charlie);

    const busy = await log.waitFor('vamm', 'KPolicyStepped',
      (e) => e.data.market.toNumber() === m && e.data.volume.toBigInt() > 0n, { fromBlock: at, what: 'a step of a busy period' });
    const d = busy.event.data;
    assert.ok(d.ratio.toBigInt() > UNIT && d.ratio.toBigInt() <= UNIT + UNIT / 100n, `deeper by at most 1%: ${d.ratio}`);
    const kBefore = (await api.query.vamm.pools.at(await api.rpc.chain.getBlockHash(busy.block - 1), m)).unwrap().k.toBigInt();
    assert.ok(d.k.toBigInt() > kBefore, 'k grew');
    assert.ok(d.wantedQuote.toBigInt() > Q0, 'the period asked for more depth');
    assert.ok(d.cost.toBigInt() >= 0n);
    const budgetAfter = (await api.query.vamm.kBudgets.at(await api.rpc.chain.getBlockHash(busy.block), m)).toBigInt();
    assert.equal(budgetAfter, d.budget.toBigInt(), 'the budget left is stored');

    // nothing trades: the next step makes the pool shallower
    const quiet = await log.waitFor('vamm', 'KPolicyStepped',
      (e) => e.data.market.toNumber() === m && e.data.volume.toBigInt() === 0n, { fromBlock: busy.block + 1, what: 'a step of a quiet period' });
    assert.ok(quiet.event.data.ratio.toBigInt() < UNIT, 'shallower');

    // removed: no more steps
    await sudo(api, api.tx.vamm.setKPolicy(m, null), acc.alice);
    assert.ok((await api.query.vamm.kPolicies(m)).isNone);
  } finally {
    await log.stop();
  }
});
