// The guard rails on a live node, tried the attacker's way (README "Guard rails", exploit 1 of
// the clearing-house issue): one account signs one `utility.batchAll` of
// `utility.asDerivative` calls, so that two accounts it controls trade against each other in
// one block in the order it chooses. A, with 99 WETH, goes long 976 WETH of notional on a pool
// of 1,000 perps / 20,000 WETH (mark 20, index 20); B, with 210 WETH, shorts 2,000; A closes,
// B closes — A's loss beyond its cash would have been the insurance fund's. The long alone
// would take the mark ~10% above the index: the batch is refused at it and nothing moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aConcat, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { startNode, connect, devAccounts, send, findEvents, UNIT } from '../lib/node.js';
import { marketParams, VAULT } from '../lib/perp.js';
import { sudoOk, marketState, marginAccount, weth, pool, cededCollections } from '../lib/nft.js';

const B0 = 1_000n * UNIT;
const Q0 = 20_000n * UNIT;
const MAX = (2n ** 128n - 1n).toString();
const s = (x) => x.toString();
let node, api, acc, market, collection;

/**
 * The account `utility.asDerivative(index, ..)` dispatches from when `who` signs it
 * (pallet-utility `derivative_account_id`): blake2_256(b"modlpy/utilisuba" ++ who ++ index as
 * u16 little endian).
 */
function derivativeAccount(who, index) {
  const idx = new Uint8Array(2);
  new DataView(idx.buffer).setUint16(0, index, true);
  return encodeAddress(blake2AsU8a(u8aConcat(stringToU8a('modlpy/utilisuba'), decodeAddress(who), idx), 256), 42);
}

before(async () => {
  node = await startNode(['--dev'], { name: 'guard-rails' });
  api = await connect(node);
  acc = await devAccounts();
  // governance: an NFT collection ceded to it, its floor at 20 and a market on it at mark 20,
  // default parameters (10x, 5% guard rail between mark and index, 10% per-block band)
  [collection] = await cededCollections(api, acc.alice, 1);
  await sudoOk(api, api.tx.floorOracle.feedValues([[collection, s(20n * UNIT)]]), acc.alice);
  const { events } = await sudoOk(api, api.tx.floorPerp.createMarket(collection, s(B0), s(Q0), marketParams()), acc.alice);
  market = findEvents(events, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('exploit 1, the attacker\'s way: an in-block self-trade through utility.asDerivative is refused and moves nothing', async (t) => {
  // A fund worth draining: Dave trades in and out inside the band (fees to the fund).
  await send(api, api.tx.floorPerp.deposit(market, s(1_000n * UNIT)), acc.dave);
  await send(api, api.tx.floorPerp.openPosition(market, 'Long', { Quote: s(400n * UNIT) }, 0), acc.dave);
  await send(api, api.tx.floorPerp.closePosition(market, null, 0), acc.dave);
  const fund0 = (await marketState(api, market)).insuranceFund;
  assert.ok(fund0 > 0n, 'the fund holds Dave\'s fees');

  // The attacker (Eve) funds her two derivative accounts with exactly their margins.
  const eve = acc.eve;
  const A = derivativeAccount(eve.address, 0);
  const B = derivativeAccount(eve.address, 1);
  assert.notEqual(A, B);
  await send(api, api.tx.utility.batchAll([
    api.tx.assets.transfer(1, A, s(99n * UNIT)),
    api.tx.assets.transfer(1, B, s(210n * UNIT)),
  ]), eve);
  assert.equal(await weth(api, A), 99n * UNIT);
  assert.equal(await weth(api, B), 210n * UNIT);

  const snapshot = async () => ({
    fund: (await marketState(api, market)).insuranceFund,
    a: await weth(api, A),
    b: await weth(api, B),
    eve: await weth(api, eve.address),
    vault: await weth(api, VAULT),
    pool: await pool(api, market),
    accounts: [await marginAccount(api, market, A), await marginAccount(api, market, B)],
  });
  const pre = await snapshot();
  assert.deepEqual(pre.pool, { B: B0, Q: Q0, k: B0 * Q0 }, 'mark 20');
  assert.deepEqual(pre.accounts, [null, null]);

  // The long alone would move the mark to ~22 (within the vAMM's 10% band, not within 5% of
  // the index): the preview shows it.
  const preview = (await api.call.floorPerpApi.quote(market, 'Long', { Quote: s(976n * UNIT) })).unwrap();
  assert.ok(preview.averagePrice.toBigInt() > 20n * UNIT);

  // One extrinsic, so one block: A deposits 99 and goes long 976; B deposits 210 and shorts
  // 2,000; A closes; B closes.
  const asA = (call) => api.tx.utility.asDerivative(0, call);
  const asB = (call) => api.tx.utility.asDerivative(1, call);
  const attack = api.tx.utility.batchAll([
    asA(api.tx.floorPerp.deposit(market, s(99n * UNIT))),
    asA(api.tx.floorPerp.openPosition(market, 'Long', { Quote: s(976n * UNIT) }, 0)),
    asB(api.tx.floorPerp.deposit(market, s(210n * UNIT))),
    asB(api.tx.floorPerp.openPosition(market, 'Short', { Quote: s(2_000n * UNIT) }, MAX)),
    asA(api.tx.floorPerp.closePosition(market, null, 0)),
    asB(api.tx.floorPerp.closePosition(market, null, MAX)),
  ]);
  let failure = null;
  await send(api, attack, eve).catch((e) => { failure = e; });
  assert.ok(failure, 'the batch was refused');
  // A's deposit went through inside the batch (so the derivative account was funded), then
  // A's long was refused by the guard rail; batchAll reverts everything.
  assert.match(failure.message, /^floorPerp\.MarkIndexSpreadExceeded$/);
  assert.equal(findEvents(failure.events, 'system', 'ExtrinsicFailed').length, 1);
  for (const method of ['Deposited', 'PositionChanged']) {
    assert.equal(findEvents(failure.events, 'floorPerp', method).length, 0, `no ${method}`);
  }
  assert.equal(findEvents(failure.events, 'utility', 'BatchCompleted').length, 0);

  // Nothing moved but Eve's transaction fee (native token, not WETH).
  const post = await snapshot();
  assert.deepEqual(post, pre);
  t.diagnostic(`A = ${A}, B = ${B}: refused with ${failure.message}; fund ${fund0} untouched`);
});
