// NFT collateral on a live node (README "NFT collateral"): NFTs of pallet-nfts escrowed in the
// vault, NFT-backed shorts (the seed's Ocelot hedge), funding paid in kind, liquidation on the
// index only with an English auction of the NFT, a voluntary auction buying back one perp, and
// the dynamic margin requirement of longs against NFT-backed sellers. Numbers are checked
// against independent BigInt implementations of the vAMM and of the pallet's rounding. Trades
// keep the mark within 5% of the index (the guard rail): when the floor moves, the index is
// fed first and the mark follows it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, send, findEvents, UNIT } from '../lib/node.js';
import { marketParams, pct, VAULT, shortByBase } from '../lib/perp.js';
import {
  eventLog, batch, sudoOk, field, big, cededCollections, nftOwner, perbillCeil, perbillFloor,
  longByBase, markOf, pool, shortFundingPayment, longFundingPayment, longRequirement,
  marketState, marginAccount, weth, positionView, mulDiv, baseAtMark,
} from '../lib/nft.js';

const MAX = (2n ** 128n - 1n).toString();
const s = (x) => x.toString();
const B0 = 1_000n * UNIT;
const Q0 = 20_000n * UNIT;
// the variation-margin markets: pool 60 / 60 (mark 1), no fee, the mark may move 80% in a block
const VM_POOL = 60n * UNIT;
const VM_FLOOR = 17n * UNIT / 10n;
const VM_PARAMS = marketParams({ tradingFee: 0, maxPriceMove: pct(80), maxIndexAge: 10_000 });

let node, api, acc, log;
// collections and markets per scenario
const C = {};
const M = {};

const one = (events, section, method) => {
  const evs = findEvents(events, section, method);
  assert.equal(evs.length, 1, `one ${section}.${method} (got ${evs.length})`);
  return evs[0];
};
const mine = (who) => (ev) => field(ev, 'who').toString() === who.address;
const inMarket = (m) => (ev) => field(ev, 'market').toNumber() === m;
const fmt = (x) => {
  const neg = x < 0n;
  const a = neg ? -x : x;
  return `${neg ? '-' : ''}${a / UNIT}.${(a % UNIT).toString().padStart(18, '0')}`;
};
/** Number of the block a `send` result was included in. */
const blockOf = async (res) => (await api.rpc.chain.getHeader(res.blockHash)).number.toNumber();
const feed = (collection, price) =>
  sudoOk(api, api.tx.floorOracle.feedValues([[collection, s(price)]]), acc.alice);
const indexOf = async (collection) => BigInt((await api.query.floorIndex.indices(collection)).toJSON().price);

before(async () => {
  node = await startNode(['--dev'], { name: 'nft' });
  api = await connect(node);
  acc = await devAccounts();
  log = await eventLog(api, node);

  // Seven collections of Alice's, ceded to governance (markets are created only on those; Alice
  // stays their Issuer, up to 10 items each). Collection 0 is the dev chain's demo feed (the
  // offchain worker may report it): not one of ours.
  const ids = await cededCollections(api, acc.alice, 7, { maxSupply: 10 });
  [C.hedge, C.inKind, C.liq, C.voluntary, C.dynamic, C.variation, C.variationSweep] = ids;
  assert.ok(!ids.includes(0));

  // Alice mints the items and, as sudo, feeds the floors and creates the seven markets. The
  // in-kind market (pool 100 / 1,000: mark 10; index 10.2 as in the seed) funds every 10 blocks
  // from now: its test opens its positions at once, concurrently with the hedge. The two
  // variation-margin markets have a pool of 60 / 60 (mark 1), shallow enough for 15 perps to
  // take the mark to 1.78, deep enough for 1 perp to move it less than the 5% band: one starts
  // at the index 1 (the floor runs up in its test), the other at 1.7.
  const mint = (c, items, to) => items.map((i) => api.tx.nfts.mint(c, i, to.address, null));
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  const twenty = s(20n * UNIT);
  const params = {
    hedge: marketParams({ maxPriceMove: pct(60), maxIndexAge: 10_000 }),
    liq: marketParams({ maxPriceMove: pct(80), maxIndexAge: 10_000, auctionDuration: 8 }),
    voluntary: marketParams({ maxIndexAge: 10_000, voluntaryAuctionDuration: 8 }),
    dynamic: marketParams({ tradingFee: 0, maxPriceMove: pct(50), maxIndexAge: 10_000 }),
  };
  const governance = api.tx.utility.batchAll([
    api.tx.floorOracle.feedValues([...['hedge', 'liq', 'voluntary', 'dynamic'].map((k) => [C[k], twenty]), [C.inKind, s(102n * UNIT / 10n)], [C.variation, s(UNIT)], [C.variationSweep, s(VM_FLOOR)]]),
    ...Object.entries(params).map(([k, p]) => api.tx.floorPerp.createMarket(C[k], s(B0), s(Q0), p)),
    api.tx.floorPerp.createMarket(C.inKind, s(100n * UNIT), s(1_000n * UNIT), marketParams({ tradingFee: 0, fundingPeriod: 10, maxIndexAge: 10_000 })),
    ...['variation', 'variationSweep'].map((k) => api.tx.floorPerp.createMarket(C[k], s(VM_POOL), s(VM_POOL), VM_PARAMS)),
  ]);
  const { events } = await batch(api, [
    ...mint(C.hedge, range(10), acc.alice),
    ...mint(C.inKind, [0], acc.charlie),
    ...mint(C.liq, [0], acc.eve),
    ...mint(C.voluntary, [0, 1], acc.charlie),
    ...mint(C.dynamic, range(5), acc.alice),
    ...mint(C.variation, [0], acc.alice),
    api.tx.sudo.sudo(governance),
  ], acc.alice);
  const sudid = findEvents(events, 'sudo', 'Sudid');
  assert.equal(sudid.length, 1);
  assert.ok(sudid[0].data[0].isOk, `governance batch: ${sudid[0].data[0].toString()}`);
  assert.equal(findEvents(events, 'nfts', 'Issued').length, 20);
  for (const ev of findEvents(events, 'floorPerp', 'MarketCreated')) {
    const c = field(ev, 'collection').toNumber();
    const k = Object.keys(C).find((x) => C[x] === c);
    M[k] = field(ev, 'market').toNumber();
  }
  assert.deepEqual(Object.keys(M).sort(), ['dynamic', 'hedge', 'inKind', 'liq', 'variation', 'variationSweep', 'voluntary']);
});

after(async () => {
  if (log) await log.stop();
  if (api) await api.disconnect();
  if (node) await node.stop();
});

// The hedge and the in-kind round (which waits for its funding block) use disjoint accounts and
// markets: they run concurrently; so do the two auctions.
describe('NFT-backed shorts', { concurrency: true }, () => {
  test('seed 001: the Ocelot hedge — 10 NFTs escrowed, 10 perps sold, bought back after the fall, NFTs back', async (t) => {
    const m = M.hedge;
    const items = Array.from({ length: 10 }, (_, i) => i);
    const alice = acc.alice.address;
    const weth0 = await weth(api, alice);

    // 1. Alice escrows her 10 Ocelots (the vault becomes their owner) and 1 WETH for the fee.
    const { events } = await batch(api, [...items.map((i) => api.tx.floorPerp.depositNft(m, i)), api.tx.floorPerp.deposit(m, s(UNIT))], acc.alice);
    const deposited = findEvents(events, 'floorPerp', 'NftDeposited');
    assert.equal(deposited.length, 10);
    assert.equal(field(deposited[9], 'nft_count').toNumber(), 10);
    for (const i of items) assert.equal(await nftOwner(api, C.hedge, i), VAULT, `item ${i} escrowed`);
    assert.equal((await marginAccount(api, m, alice)).nftCount, 10);
    assert.equal((await marketState(api, m)).escrowedNfts, 10);

    // 2. She sells 10 perps on the pool of 1,000 / 20,000: 20,000 − ceil(k / 1,010) WETH, no margin.
    const sale = shortByBase(B0, Q0, 10n * UNIT);
    assert.equal(sale.quote, Q0 - (B0 * Q0 + 1_010n * UNIT - 1n) / (1_010n * UNIT));
    assert.equal(sale.quote / 10n ** 16n, 19_801n, 'the seed\'s 198.01.. WETH');
    const { events: ev1 } = await send(api, api.tx.floorPerp.openPosition(m, 'Short', { Base: s(10n * UNIT) }, s(sale.quote)), acc.alice);
    const opened = one(ev1, 'floorPerp', 'PositionChanged');
    const fee1 = perbillCeil(sale.quote, pct(0.1));
    assert.equal(big(opened, 'quote'), sale.quote);
    assert.equal(big(opened, 'new_size'), -10n * UNIT);
    assert.equal(big(opened, 'open_notional'), sale.quote);
    assert.equal(big(opened, 'fee'), fee1);
    assert.equal(big(opened, 'cash'), UNIT - fee1);
    const view = await positionView(api, m, alice);
    assert.equal(BigInt(view.nftLiability), 200n * UNIT, '|q|·i = 10 · 20');
    assert.equal(BigInt(view.nftCoverValue), UNIT - fee1 + 200n * UNIT, 'c + n·i');
    assert.equal(view.liquidatable, false);

    // An 11th perp is not covered (11 · 20 > c + 10 · 20). Meanwhile Dave buys 10 perps with
    // cash (the long who will lose) and Bob deposits margin.
    const daveBuy = longByBase(sale.B, sale.Q, 10n * UNIT, B0 * Q0);
    const [eleventh, daveRes, bobDeposit] = await Promise.allSettled([
      send(api, api.tx.floorPerp.openPosition(m, 'Short', { Base: s(UNIT) }, 0), acc.alice),
      batch(api, [api.tx.floorPerp.deposit(m, s(150n * UNIT)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(10n * UNIT) }, MAX)], acc.dave),
      send(api, api.tx.floorPerp.deposit(m, s(1_000n * UNIT)), acc.bob),
    ]);
    assert.equal(eleventh.status, 'rejected', 'the 11th perp was refused');
    assert.match(eleventh.reason.message, /floorPerp\.InsufficientNftCover/);
    assert.equal(daveRes.status, 'fulfilled', `Dave's long: ${daveRes.reason}`);
    assert.equal(bobDeposit.status, 'fulfilled', `Bob's deposit: ${bobDeposit.reason}`);
    const daveOpened = one(daveRes.value.events, 'floorPerp', 'PositionChanged');
    assert.equal(big(daveOpened, 'quote'), daveBuy.quote);

    // 3. The floor falls: the index is fed down 10% per block towards 10, and after each step
    // Bob shorts the mark down to it with cash margin (a trade may not leave the mark more than
    // 5% from the index, so the mark follows the floor step by step).
    const path = [18n, 162n, 1458n, 13122n, 118098n, 1062882n].map((x, i) => (x * UNIT) / 10n ** BigInt(i));
    path.push(10n * UNIT);
    for (const price of path) {
      await feed(C.hedge, price);
      assert.equal(await indexOf(C.hedge), price, 'each step within the 10% limit');
      const p0 = await pool(api, m);
      // B at which Q/B = price, rounded down to 0.001 perps of size: the mark stays just above
      const bobSize = ((baseAtMark(p0.k, price) - p0.B) / 10n ** 15n) * 10n ** 15n;
      const bobSale = shortByBase(p0.B, p0.Q, bobSize, p0.k);
      const bobRes = await send(api, api.tx.floorPerp.openPosition(m, 'Short', { Base: s(bobSize) }, s(bobSale.quote)), acc.bob);
      const bobPc = one(bobRes.events, 'floorPerp', 'PositionChanged');
      assert.equal(big(bobPc, 'quote'), bobSale.quote);
      const markNow = big(bobPc, 'mark_price');
      assert.equal(markNow, markOf(bobSale.B, bobSale.Q));
      assert.ok(markNow >= price && markNow - price < UNIT / 1000n, `the mark follows the index: ${fmt(markNow)} vs ${fmt(price)}`);
    }
    const mark = BigInt((await api.call.floorPerpApi.market(m)).unwrap().markPrice.toString());
    assert.ok(mark > 9n * UNIT && mark < 11n * UNIT, `mark ~10: ${mark}`);

    // 4. Alice buys her 10 perps back: realised PnL = sale proceeds − buy-back cost. Nobody has
    // lost cash yet (float 0), so the profit waits as unsettled profit.
    const p1 = await pool(api, m);
    const buyBack = longByBase(p1.B, p1.Q, 10n * UNIT, p1.k);
    const before = await marginAccount(api, m, alice);
    assert.equal(before.openNotional, sale.quote, 'proceeds not advanced: the float was empty');
    assert.equal((await marketState(api, m)).float, 0n);
    const closeRes = await send(api, api.tx.floorPerp.closePosition(m, null, MAX), acc.alice);
    const ev2 = closeRes.events;
    const closed = one(ev2, 'floorPerp', 'PositionChanged');
    const cost = big(closed, 'quote');
    assert.equal(cost, buyBack.quote);
    const pnl = big(closed, 'realised_pnl');
    assert.equal(pnl, sale.quote - cost, 'realised PnL = proceeds − buy-back cost');
    assert.ok(pnl > 95n * UNIT && pnl < 100n * UNIT, `about +98 WETH: ${pnl}`);
    const fee2 = perbillCeil(cost, pct(0.1));
    assert.equal(big(closed, 'fee'), fee2);
    assert.equal(big(closed, 'new_size'), 0n);
    assert.equal(big(closed, 'unsettled_profit'), pnl);
    assert.equal(big(closed, 'cash'), before.cash - fee2);

    // Alice's profit waits, and the open losers with cash pay theirs into the float: the sweep
    // collects by itself, in the same block after its transactions (on_idle), as variation margin, exactly what she waits for from Dave
    // (the long bought at ~20) and from Bob, whose short is a loss at its close-out cost now
    // that her buy-back moved the mark up (he is the counterparty of the whole fall: buying it
    // all back through the vAMM would cost more than he received). Each one's entry basis moves
    // by what it paid (a long's down, a short's up).
    const closeBlock = await blockOf(closeRes);
    // their accounts before the close's block (its transactions do not touch them; its idle
    // sweep does)
    const atClose = await api.at(await api.rpc.chain.getBlockHash(closeBlock - 1));
    const open0 = { [acc.dave.address]: await marginAccount(atClose, m, acc.dave.address), [acc.bob.address]: await marginAccount(atClose, m, acc.bob.address) };
    await log.waitFor('floorPerp', 'VariationMarginPaid', inMarket(m), { fromBlock: closeBlock, timeoutMs: 20_000, what: 'in the hedge market' });
    await log.waitBlock(closeBlock + 1);
    const vms = log.find('floorPerp', 'VariationMarginPaid', inMarket(m), closeBlock);
    assert.ok(vms.length > 0 && vms.every((r) => r.block === closeBlock && r.phase.isFinalization), 'by the idle sweep of the same block');
    const vmOf = {};
    for (const { event } of vms) {
      const who = field(event, 'who').toString();
      const a0 = open0[who];
      assert.ok(a0, `paid by an open loser (Dave or Bob), not ${who}`);
      const amount = big(event, 'amount');
      vmOf[who] = amount;
      assert.equal(big(event, 'cash'), a0.cash - amount);
      assert.equal(big(event, 'open_notional'), a0.size > 0n ? a0.openNotional - amount : a0.openNotional + amount);
    }
    const vm = Object.values(vmOf).reduce((x, y) => x + y, 0n);
    assert.equal(vm, pnl, 'what Alice waits for');
    const daveVm = vmOf[acc.dave.address] ?? 0n;

    // Dave, the long, closes: the rest of his loss goes to the float too, from which Alice is paid.
    const { events: ev3 } = await send(api, api.tx.floorPerp.closePosition(m, null, 0), acc.dave);
    const daveClosed = one(ev3, 'floorPerp', 'PositionChanged');
    const daveLoss = -big(daveClosed, 'realised_pnl');
    assert.ok(daveLoss > 0n);
    assert.equal(daveVm + daveLoss, daveBuy.quote - big(daveClosed, 'quote'), 'his whole loss: partly paid early, the rest realised');
    const st = await marketState(api, m);
    assert.equal(st.float, vm + daveLoss);

    // 5. Alice withdraws her cash with the profit the float pays, and all ten NFTs.
    const a = await marginAccount(api, m, alice);
    const paid = a.unsettledProfit < st.float ? a.unsettledProfit : st.float;
    const amount = a.cash + paid;
    const { events: ev4 } = await batch(api, [api.tx.floorPerp.withdraw(m, s(amount)), ...items.map((i) => api.tx.floorPerp.withdrawNft(m, i))], acc.alice);
    assert.equal(big(one(ev4, 'floorPerp', 'ProfitPaid'), 'amount'), paid);
    assert.equal(findEvents(ev4, 'floorPerp', 'NftWithdrawn').length, 10);
    for (const i of items) assert.equal(await nftOwner(api, C.hedge, i), alice, `item ${i} back to Alice`);
    const end = await marginAccount(api, m, alice);
    if (paid === pnl) assert.equal(end, null, 'account emptied');
    else assert.equal(end.unsettledProfit, pnl - paid);
    // the hedge: her NFTs back and the fall's loss on the floor paid in WETH (less fees)
    assert.equal(await weth(api, alice), weth0 - UNIT + amount);
    if (paid === pnl) assert.equal(amount - UNIT, pnl - fee1 - fee2);
    t.diagnostic(`sold 10 for ${fmt(sale.quote)}, bought back for ${fmt(cost)}: PnL ${fmt(pnl)}, paid ${fmt(paid)} from the variation margin of Dave ${fmt(daveVm)} and Bob ${fmt(vmOf[acc.bob.address] ?? 0n)}; Dave then realised ${fmt(daveLoss)} more`);
    const st2 = await marketState(api, m);
    assert.equal(st2.escrowedNfts, 0);
    assert.equal(st2.nftAccounts, 0);
  });

  test('in-kind funding: a cashless NFT-backed short pays funding in size, credited to the long', async (t) => {
    const m = M.inKind;
    const nextFunding = (await api.query.floorPerp.markets(m)).unwrap().nextFundingBlock.toNumber();
    const half = UNIT / 2n;

    // Charlie escrows 1 NFT and sells 0.5 perps with no cash; Ferdie buys 0.5 with cash.
    const opened = await Promise.all([
      batch(api, [api.tx.floorPerp.depositNft(m, 0), api.tx.floorPerp.openPosition(m, 'Short', { Base: s(half) }, 0)], acc.charlie),
      batch(api, [api.tx.floorPerp.deposit(m, s(5n * UNIT)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(half) }, MAX)], acc.ferdie),
    ]);
    for (const res of opened) assert.ok((await blockOf(res)) < nextFunding, 'both positions open before the first funding round');
    const charlie0 = await marginAccount(api, m, acc.charlie.address);
    assert.equal(charlie0.size, -half);
    assert.equal(charlie0.cash, 0n);
    assert.equal(charlie0.nftCount, 1);
    const ferdie0 = await marginAccount(api, m, acc.ferdie.address);
    assert.equal(ferdie0.size, half);
    const net0 = (await api.call.floorPerpApi.market(m)).unwrap().netBase.toBigInt();
    assert.equal(net0, 0n);

    // The round: mark (~10) below index (10.2): shorts pay.
    const fu = await log.waitFor('floorPerp', 'FundingUpdated', inMarket(m), { fromBlock: nextFunding, timeoutMs: 40_000, what: `of market ${m}` });
    const ev = fu.event;
    assert.equal(fu.block, nextFunding);
    const markTwap = big(ev, 'mark_twap');
    const indexTwap = big(ev, 'index_twap');
    let premium = markTwap - indexTwap;
    const cap = perbillFloor(indexTwap, pct(10));
    if (premium < -cap) premium = -cap;
    const rate = -((-premium * 10n) / 43_200n);
    assert.ok(premium < 0n, `mark TWAP ${markTwap} below index TWAP ${indexTwap}`);
    assert.equal(big(ev, 'rate'), rate);
    assert.equal(big(ev, 'short_received_per_unit'), rate, 'shorts pay');
    assert.equal(big(ev, 'long_paid_per_unit'), rate, 'longs receive (balanced sides)');
    assert.equal(big(ev, 'fund_delta'), 0n);

    // Charlie has no cash: she pays in kind, settled by the in-kind sweep in the same block.
    const owed = shortFundingPayment(-half, charlie0.lastCumulativeFunding, big(ev, 'cumulative_funding_short'));
    assert.ok(owed > 0n);
    const paidRec = await log.waitFor('floorPerp', 'FundingPaidInKind', (e) => inMarket(m)(e) && mine(acc.charlie)(e), { fromBlock: fu.block, what: 'of Charlie' });
    assert.equal(paidRec.block, fu.block);
    const paid = paidRec.event;
    const p = await pool(api, m);
    assert.equal(big(paid, 'mark_price'), markOf(p.B, p.Q));
    assert.equal(big(paid, 'value'), owed);
    const minted = big(paid, 'minted');
    assert.equal(minted, mulDiv(owed, UNIT, big(paid, 'mark_price'), true), 'minted = ceil(owed / mark)');
    assert.equal(big(paid, 'new_size'), -(half + minted));
    const fin = await log.waitFor('floorPerp', 'InKindRoundFinalised', inMarket(m), { fromBlock: fu.block, what: `of market ${m}` });
    assert.equal(fin.block, fu.block);
    assert.equal(big(fin.event, 'value'), owed);
    assert.equal(big(fin.event, 'minted'), minted);
    assert.equal(big(fin.event, 'long_size'), half);
    const growth = mulDiv(UNIT, half + minted, half);
    assert.equal(big(fin.event, 'in_kind_growth'), growth);

    // state at the end of the round's block (the next round is 10 blocks later)
    const atRound = await api.at(await api.rpc.chain.getBlockHash(fu.block));
    const charlie1 = await marginAccount(atRound, m, acc.charlie.address);
    assert.equal(charlie1.size, -(half + minted), 'her short grew by exactly the minted size');
    assert.equal(charlie1.inKindMinted, minted);
    assert.equal(charlie1.cash, 0n);
    const st = await marketState(atRound, m);
    assert.equal(st.openInterestShort, half + minted);
    assert.equal(st.openInterestLong, half, 'the long settles lazily');
    assert.equal(st.longGrowthPending, minted);
    assert.equal(st.openInterestLong + st.longGrowthPending, half + minted, 'total long grew by minted');
    assert.equal(st.inKindGrowth, growth);
    assert.equal((await api.call.floorPerpApi.market(m)).unwrap().netBase.toBigInt(), net0, 'the vAMM net position did not move');

    // Ferdie's view already shows the growth; touching his account (1 wei) settles it.
    const fView = await positionView(api, m, acc.ferdie.address);
    assert.equal(fView.size, mulDiv(half, growth, ferdie0.lastGrowth), 'view includes the growth');
    assert.equal(fView.size, half + minted);
    assert.equal(BigInt(fView.inKindReceived), 0n);
    const { events: ev2, blockHash } = await send(api, api.tx.floorPerp.deposit(m, 1), acc.ferdie);
    const touched = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
    assert.ok(touched < fu.block + 10, `Ferdie's touch (block ${touched}) came before the next round (${fu.block + 10})`);
    const recv = one(ev2, 'floorPerp', 'InKindReceived');
    assert.equal(big(recv, 'size'), minted);
    assert.equal(big(recv, 'new_size'), half + minted);
    // funding: credited the round in cash, pays back R/L per unit: net ceil-rounding dust only
    const atTouch = await api.at(blockHash);
    const stNow = await marketState(atTouch, m);
    const ferdiePays = longFundingPayment(half, ferdie0.lastCumulativeFunding, stNow.cumulativeFundingLong, ferdie0.lastGrowth);
    const fs = findEvents(ev2, 'floorPerp', 'FundingSettled');
    if (ferdiePays === 0n) assert.equal(fs.length, 0);
    else assert.equal(big(fs[0], 'amount'), ferdiePays);
    assert.ok(ferdiePays >= 0n && ferdiePays <= 1n, `net funding of the long is rounding dust: ${ferdiePays}`);
    const ferdie1 = await marginAccount(atTouch, m, acc.ferdie.address);
    assert.equal(ferdie1.size, half + minted);
    assert.equal(ferdie1.inKindReceived, minted);
    assert.equal(BigInt((await positionView(api, m, acc.ferdie.address)).inKindReceived), minted);
    assert.equal(stNow.openInterestLong, half + minted, 'long open interest grew by minted');
    assert.equal(stNow.longGrowthPending, 0n);
    t.diagnostic(`round at block ${fu.block}: rate ${rate}/unit, owed ${owed} wei, minted ${minted} wei at mark ${fmt(big(paid, 'mark_price'))}`);
  });

});

describe('auctions', { concurrency: true }, () => {
  test('index-based liquidation: a mark spike does nothing, the index does; the NFT is auctioned', async (t) => {
    const m = M.liq;
    const eve = acc.eve.address;
    // Eve: 1 NFT, 0.65 WETH, short 1.03 at index 20: 1.03 · 20 = 20.6 ≤ c + 20 (tight).
    const q = 103n * UNIT / 100n;
    const deposit = 65n * UNIT / 100n;
    const sale = shortByBase(B0, Q0, q);
    const [eveRes] = await Promise.all([
      batch(api, [
        api.tx.floorPerp.depositNft(m, 0),
        api.tx.floorPerp.deposit(m, s(deposit)),
        api.tx.floorPerp.openPosition(m, 'Short', { Base: s(q) }, s(sale.quote)),
      ], acc.eve),
      send(api, api.tx.floorPerp.deposit(m, s(600n * UNIT)), acc.bob),
    ]);
    const fee = perbillCeil(sale.quote, pct(0.1));
    const opened = one(eveRes.events, 'floorPerp', 'PositionChanged');
    assert.equal(big(opened, 'quote'), sale.quote);
    assert.equal(big(opened, 'cash'), deposit - fee);
    const cash = deposit - fee;
    let view = await positionView(api, m, eve);
    assert.equal(BigInt(view.nftLiability), q * 20n);
    assert.equal(BigInt(view.nftCoverValue), cash + 20n * UNIT);

    // A mark spike: Bob buys perps up to the top of the guard rail's band, 5% above the index
    // (20 -> 21; a trade beyond it is refused). Her cash margin at the mark is gone, but she
    // is liquidated on the index only.
    const p0 = await pool(api, m);
    const top = 21n * UNIT;
    const tooFar = p0.B - baseAtMark(p0.k, 215n * UNIT / 10n); // to 21.5
    await assert.rejects(
      send(api, api.tx.floorPerp.openPosition(m, 'Long', { Base: s(tooFar) }, MAX), acc.bob),
      /floorPerp\.MarkIndexSpreadExceeded/,
    );
    const spikeBase = p0.B - (baseAtMark(p0.k, top) + 1n); // the mark just at or below 21
    const spikeTrade = longByBase(p0.B, p0.Q, spikeBase, p0.k);
    const spikeRes = await send(api, api.tx.floorPerp.openPosition(m, 'Long', { Base: s(spikeBase) }, s(spikeTrade.quote)), acc.bob);
    const spike = spikeRes.events;
    const spikeMark = big(one(spike, 'floorPerp', 'PositionChanged'), 'mark_price');
    assert.equal(spikeMark, markOf(spikeTrade.B, spikeTrade.Q));
    assert.ok(spikeMark <= top && spikeMark > top - UNIT / 1000n, `mark at the top of the band: ${fmt(spikeMark)}`);
    const spikeBlock = await blockOf(spikeRes);
    view = await positionView(api, m, eve);
    assert.ok(BigInt.asIntN(128, BigInt(view.unrealisedPnl)) < -cash, `under water at the mark: ${view.unrealisedPnl}`);
    assert.equal(view.liquidatable, false);
    await assert.rejects(send(api, api.tx.floorPerp.liquidate(m, eve), acc.ferdie), /floorPerp\.NotLiquidatable/);
    await log.waitBlock(spikeBlock + 3);
    assert.equal(log.find('floorPerp', 'NftShortLiquidated', inMarket(m), spikeBlock).length, 0, 'no liquidation on a mark spike');
    assert.equal(log.find('floorPerp', 'Liquidated', inMarket(m), spikeBlock).length, 0);

    // The index rises 10% to 22: 1.03 · 22 = 22.66 > c + 22 -> the chain's sweep liquidates her, in
    // the block of the feed, after it (on_idle).
    const p = await pool(api, m);
    const buyBack = longByBase(p.B, p.Q, q, p.k);
    const feedBlock = await blockOf(await feed(C.liq, 22n * UNIT));
    assert.equal(await indexOf(C.liq), 22n * UNIT);
    const liq = await log.waitFor('floorPerp', 'NftShortLiquidated', mine(acc.eve), { fromBlock: feedBlock, timeoutMs: 20_000, what: 'of Eve' });
    assert.equal(liq.block, feedBlock, 'by the idle sweep of the same block');
    assert.ok(liq.phase.isFinalization, 'in on_idle, after the feed');
    const l = liq.event;
    assert.ok(field(l, 'keeper').isNone, 'the chain\'s sweep');
    assert.equal(big(l, 'closed'), q);
    assert.equal(big(l, 'quote'), buyBack.quote);
    assert.equal(big(l, 'realised_pnl'), sale.quote - buyBack.quote);
    const debt = buyBack.quote - sale.quote - cash;
    assert.ok(debt > 0n, 'loss beyond her cash');
    assert.equal(big(l, 'debt'), debt);
    assert.equal(field(l, 'auctions').toNumber(), 1);
    assert.equal(big(l, 'index_price'), 22n * UNIT);
    const started = await log.waitFor('floorPerp', 'AuctionStarted', inMarket(m), { fromBlock: liq.block });
    assert.equal(started.block, liq.block);
    const st = started.event;
    const aid = field(st, 'auction').toNumber();
    const reserve = perbillFloor(22n * UNIT, pct(90));
    assert.equal(big(st, 'reserve'), reserve);
    assert.equal(field(st, 'kind').toString(), 'Liquidation');
    assert.equal(field(st, 'owner').toString(), eve);
    assert.equal(field(st, 'item').toNumber(), 0);
    const end = field(st, 'end').toNumber();
    assert.equal(end, liq.block + 8);
    const eve1 = await marginAccount(api, m, eve);
    assert.deepEqual([eve1.size, eve1.cash, eve1.debt, eve1.liquidationAuctions, eve1.nftCount], [0n, 0n, debt, 1, 1]);

    // Ferdie bids the reserve; Bob outbids by the minimum increment (a lower bid is refused);
    // Ferdie gets his WETH back at once.
    const ferdie0 = await weth(api, acc.ferdie.address);
    await send(api, api.tx.floorPerp.bid(aid, s(reserve)), acc.ferdie);
    assert.equal(await weth(api, acc.ferdie.address), ferdie0 - reserve);
    assert.equal((await marketState(api, m)).bidsLocked, reserve);
    const bobBid = reserve + perbillCeil(reserve, pct(1));
    const [low, outbid] = await Promise.allSettled([
      send(api, api.tx.floorPerp.bid(aid, s(bobBid - 1n)), acc.alice),
      send(api, api.tx.floorPerp.bid(aid, s(bobBid)), acc.bob),
    ]);
    assert.equal(low.status, 'rejected');
    assert.match(low.reason.message, /floorPerp\.BidTooLow/);
    assert.equal(outbid.status, 'fulfilled', `Bob's bid: ${outbid.reason}`);
    const placed = one(outbid.value.events, 'floorPerp', 'BidPlaced');
    const outbidBy = field(placed, 'outbid').unwrap();
    assert.equal(outbidBy[0].toString(), acc.ferdie.address);
    assert.equal(outbidBy[1].toBigInt(), reserve);
    assert.equal(await weth(api, acc.ferdie.address), ferdie0, 'Ferdie refunded exactly');
    assert.equal((await marketState(api, m)).bidsLocked, bobBid);
    const fund0 = (await marketState(api, m)).insuranceFund;

    // The auction settles by itself at its end block.
    const settled = await log.waitFor('floorPerp', 'AuctionSettled', (e) => field(e, 'auction').toNumber() === aid, { fromBlock: liq.block, timeoutMs: 40_000, what: `of auction ${aid}` });
    assert.equal(settled.block, end);
    const se = settled.event;
    const excess = bobBid - debt;
    const liqFee = perbillCeil(excess, pct(1.25));
    assert.equal(field(se, 'winner').toString(), acc.bob.address);
    assert.equal(big(se, 'price'), bobBid);
    assert.equal(big(se, 'to_debt'), debt);
    assert.equal(big(se, 'fee'), liqFee);
    assert.equal(big(se, 'to_owner'), excess - liqFee);
    assert.equal(big(se, 'shortfall'), 0n);
    assert.equal(await nftOwner(api, C.liq, 0), acc.bob.address, 'Bob owns the NFT');
    const eve2 = await marginAccount(api, m, eve);
    assert.equal(eve2.cash - eve1.cash, big(se, 'to_owner'), 'Eve\'s cash increased by to_owner');
    assert.deepEqual([eve2.debt, eve2.nftCount, eve2.liquidationAuctions], [0n, 0, 0]);
    const stEnd = await marketState(api, m);
    assert.equal(stEnd.bidsLocked, 0n);
    assert.equal(stEnd.escrowedNfts, 0);
    assert.equal(stEnd.insuranceFund - fund0, liqFee, 'no keeper: the whole fee to the fund');
    t.diagnostic(`liquidated at block ${liq.block}: buy-back ${fmt(buyBack.quote)}, debt ${fmt(debt)}; sold for ${fmt(bobBid)} at block ${end}: fee ${fmt(liqFee)}, to Eve ${fmt(excess - liqFee)}`);
  });

  test('voluntary auction: the owner sells one NFT at her reserve and buys back one perp', async (t) => {
    const m = M.voluntary;
    const charlie = acc.charlie.address;
    const sale = shortByBase(B0, Q0, 3n * UNIT / 2n);
    const reserve = 20n * UNIT;
    const startRes = await batch(api, [
      api.tx.floorPerp.depositNft(m, 0),
      api.tx.floorPerp.depositNft(m, 1),
      api.tx.floorPerp.deposit(m, s(UNIT)),
      api.tx.floorPerp.openPosition(m, 'Short', { Base: s(3n * UNIT / 2n) }, s(sale.quote)),
      api.tx.floorPerp.startVoluntaryAuction(m, 0, s(reserve)),
    ], acc.charlie);
    const startBlock = await blockOf(startRes);
    const st = one(startRes.events, 'floorPerp', 'AuctionStarted');
    const aid = field(st, 'auction').toNumber();
    assert.equal(field(st, 'kind').toString(), 'Voluntary');
    assert.equal(big(st, 'reserve'), reserve);
    const end = field(st, 'end').toNumber();
    assert.equal(end, startBlock + 8, 'voluntary_auction_duration');
    const c0 = await marginAccount(api, m, charlie);
    assert.deepEqual([c0.nftCount, c0.voluntaryAuctions, c0.size], [2, 1, -3n * UNIT / 2n]);

    // Dave bids the reserve; meanwhile the NFT on auction cannot be withdrawn.
    const [bidRes, wd] = await Promise.allSettled([
      send(api, api.tx.floorPerp.bid(aid, s(reserve)), acc.dave),
      send(api, api.tx.floorPerp.withdrawNft(m, 0), acc.charlie),
    ]);
    assert.equal(bidRes.status, 'fulfilled', `bid: ${bidRes.reason}`);
    assert.equal(wd.status, 'rejected');
    assert.match(wd.reason.message, /floorPerp\.NftOnAuction/);

    const p = await pool(api, m);
    const buyBack = longByBase(p.B, p.Q, UNIT, p.k);
    const float = (await marketState(api, m)).float; // pays a realised profit as far as it goes
    const settled = await log.waitFor('floorPerp', 'AuctionSettled', (e) => field(e, 'auction').toNumber() === aid, { fromBlock: startBlock, timeoutMs: 40_000, what: `of auction ${aid}` });
    assert.equal(settled.block, end);
    const se = settled.event;
    assert.equal(field(se, 'winner').toString(), acc.dave.address);
    assert.deepEqual([big(se, 'price'), big(se, 'to_debt'), big(se, 'fee'), big(se, 'to_owner')], [reserve, 0n, 0n, reserve]);
    const bought = log.find('floorPerp', 'ShortBoughtBack', (e) => inMarket(m)(e) && mine(acc.charlie)(e), settled.block).filter((r) => r.block === settled.block);
    assert.equal(bought.length, 1, `ShortBoughtBack in the settlement block\n${node.log().slice(-3000)}`);
    assert.equal(big(bought[0].event, 'closed'), UNIT, 'one perp');
    const pcs = log.find('floorPerp', 'PositionChanged', (e) => inMarket(m)(e) && mine(acc.charlie)(e), settled.block);
    assert.equal(pcs.length, 1);
    const pc = pcs[0].event;
    assert.equal(field(pc, 'side').toString(), 'Long');
    assert.equal(big(pc, 'base'), UNIT);
    assert.equal(big(pc, 'quote'), buyBack.quote);
    assert.equal(big(pc, 'new_size'), -UNIT / 2n);
    const removed = (c0.openNotional * UNIT) / (3n * UNIT / 2n);
    const pnl = removed - buyBack.quote;
    assert.equal(big(pc, 'realised_pnl'), pnl);
    const fee = perbillCeil(buyBack.quote, pct(0.1));
    assert.equal(big(pc, 'fee'), fee);

    assert.equal(await nftOwner(api, C.voluntary, 0), acc.dave.address, 'the NFT went to the bidder');
    assert.equal(await nftOwner(api, C.voluntary, 1), VAULT, 'the other stays escrowed');
    const c1 = await marginAccount(api, m, charlie);
    assert.deepEqual([c1.nftCount, c1.voluntaryAuctions, c1.size], [1, 0, -UNIT / 2n]);
    // proceeds to her cash, minus the loss (or plus the paid profit) and the fee of the buy-back
    const cashPnl = pnl < 0n ? pnl : (pnl < float ? pnl : float);
    assert.equal(c1.cash, c0.cash + reserve + cashPnl - fee);
    assert.equal(c1.unsettledProfit, pnl > 0n ? pnl - cashPnl : 0n);
    t.diagnostic(`sold for ${fmt(reserve)}, bought back 1 perp for ${fmt(buyBack.quote)} (PnL ${fmt(pnl)})`);
  });

});

test('dynamic collateral: longs profiting against an NFT-backed seller raise the long margin requirement', async (t) => {
  const m = M.dynamic;
  // Bob buys 5 perps with 15 WETH; Alice escrows 5 NFTs and sells 5 perps with no cash (no fee).
  await Promise.all([
    batch(api, Array.from({ length: 5 }, (_, i) => api.tx.floorPerp.depositNft(m, i)), acc.alice),
    batch(api, [api.tx.floorPerp.deposit(m, s(15n * UNIT)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(5n * UNIT) }, MAX)], acc.bob),
  ]);
  await Promise.all([
    send(api, api.tx.floorPerp.openPosition(m, 'Short', { Base: s(5n * UNIT) }, 0), acc.alice),
    send(api, api.tx.floorPerp.deposit(m, s(250n * UNIT)), acc.dave),
    send(api, api.tx.floorPerp.deposit(m, s(10n * UNIT)), acc.ferdie),
  ]);
  const info0 = (await api.call.floorPerpApi.market(m)).unwrap();
  assert.equal(info0.longMarginRequirement.toNumber(), pct(10), 'covered: the initial margin');
  assert.equal((await marginAccount(api, m, acc.alice.address)).cash, 0n, 'the seller brought no cash');

  // The requirement the chain shows must be the one recomputed from the market's state at the
  // guarded prices: claims at the higher of the mark and the index, backing at the lower.
  const check = async () => {
    const info = (await api.call.floorPerpApi.market(m)).unwrap();
    const mark = BigInt(info.markPrice.toString());
    const index = await indexOf(C.dynamic);
    const want = longRequirement(await marketState(api, m), mark, index);
    assert.equal(BigInt(info.longCoverage.toString()), want.coverage);
    assert.equal(BigInt(info.longMarginRequirement.toNumber()), want.req);
    return { ...want, mark, index };
  };

  // Dave buys 490 WETH of perps with 250 of margin: the mark goes to the top of the guard
  // rail's band (20 -> ~20.99). The longs' profit at the mark is already beyond the cash the
  // market holds for them (the seller has NFTs, not cash): the requirement ramps up.
  const { events: daveEv } = await send(api, api.tx.floorPerp.openPosition(m, 'Long', { Quote: s(490n * UNIT) }, 0), acc.dave);
  const daveMark = big(one(daveEv, 'floorPerp', 'PositionChanged'), 'mark_price');
  assert.ok(daveMark > 20n * UNIT && daveMark <= 21n * UNIT, `mark inside the band: ${fmt(daveMark)}`);
  const ramp = await check();
  assert.ok(ramp.claims > ramp.available, 'under-covered');
  assert.ok(ramp.req > BigInt(pct(10)) && ramp.req < 1_000_000_000n, `on the ramp: ${ramp.req}`);

  // The floor rises 10% to 22 (the mark stays): valued at the index, the longs' claims are now
  // far beyond the cash that backs them.
  await feed(C.dynamic, 22n * UNIT);
  const want = await check();
  assert.equal(want.index, 22n * UNIT);
  assert.ok(want.claims > want.available, 'under-covered');
  assert.equal(want.req, 1_000_000_000n, 'coverage below 90%: fully collateralised longs only');
  t.diagnostic(`at mark ${fmt(ramp.mark)}: coverage ${fmt(ramp.coverage)}, requirement ${ramp.req} ppb; ` +
    `at index 22: longs claim ${fmt(want.claims)}, the market holds ${fmt(want.available)}: coverage ${fmt(want.coverage)}, requirement 100%`);

  // So Ferdie cannot buy at 2x, only fully paid. (Meanwhile the seller cannot take an NFT
  // back: 5 · 22 · 1.1 > 0 + 4 · 22.)
  const [twoX, nftBack] = await Promise.allSettled([
    send(api, api.tx.floorPerp.openPosition(m, 'Long', { Quote: s(20n * UNIT) }, 0), acc.ferdie),
    send(api, api.tx.floorPerp.withdrawNft(m, 0), acc.alice),
  ]);
  assert.equal(twoX.status, 'rejected');
  assert.match(twoX.reason.message, /floorPerp\.InsufficientMargin/);
  assert.equal(nftBack.status, 'rejected');
  assert.match(nftBack.reason.message, /floorPerp\.InsufficientNftCover/);
  const { events } = await send(api, api.tx.floorPerp.openPosition(m, 'Long', { Quote: s(9n * UNIT) }, 0), acc.ferdie);
  assert.ok(big(one(events, 'floorPerp', 'PositionChanged'), 'new_size') > 0n);
});

// Variation margin (pallets/floor-perp/src/variation.rs): a realised profit is paid from the
// float, which fills only as losers realise their losses; while a winner waits for it, an open
// cash-margined loser pays its unrealised loss into the float (its entry basis moves by as much:
// its equity is unchanged). On the pool of 60 / 60 the seed's numbers are exact: after Bob's
// sale the net position is back where it was before his buy, so Charlie's open loss at the mark
// is Bob's profit to the wei (x·y=k with the same rounding on both legs), and the mark stays
// above the index (the better price for a long): all of it is due.
describe('variation margin', () => {
  const ratio = async (m) => {
    const info = (await api.call.floorPerpApi.market(m)).unwrap();
    return { req: BigInt(info.longMarginRequirement.toNumber()), coverage: BigInt(info.longCoverage.toString()), mark: BigInt(info.markPrice.toString()) };
  };

  test('the seed\'s Charlie case: Charlie\'s open loss pays Bob\'s waiting profit; one batch of Bob\'s takes his stake and all of it', async (t) => {
    const m = M.variation;
    const charlie = acc.charlie.address;
    const bob = acc.bob.address;
    const p0 = await pool(api, m);
    assert.deepEqual([p0.B, p0.Q], [VM_POOL, VM_POOL]);
    assert.equal(await indexOf(C.variation), UNIT);

    // 1. Alice escrows 1 NFT and sells 1 perp with no cash (mark 1 -> 0.97, inside the band);
    // Bob buys it fully paid (1 WETH), for exactly what Alice received (mark back to 1).
    const sale = shortByBase(p0.B, p0.Q, UNIT, p0.k);
    const { events: ev0 } = await batch(api, [api.tx.floorPerp.depositNft(m, 0), api.tx.floorPerp.openPosition(m, 'Short', { Base: s(UNIT) }, s(sale.quote))], acc.alice);
    assert.equal(big(one(ev0, 'floorPerp', 'PositionChanged'), 'quote'), sale.quote);
    const stake = UNIT;
    const buy = longByBase(sale.B, sale.Q, UNIT, p0.k);
    const { events: ev1 } = await batch(api, [api.tx.floorPerp.deposit(m, s(stake)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(UNIT) }, s(buy.quote))], acc.bob);
    const bought = one(ev1, 'floorPerp', 'PositionChanged');
    const bobCost = big(bought, 'quote');
    assert.equal(bobCost, buy.quote);
    assert.equal(bobCost, sale.quote, 'Bob pays what Alice received: 60 − ceil(3600/61)');
    assert.equal(big(bought, 'mark_price'), UNIT);
    assert.equal((await marginAccount(api, m, acc.alice.address)).cash, 0n, 'the seller brought no cash');

    // 2. The floor runs up 10% a block to 1.7 (the mark stays at 1: nobody trades). The longs'
    // claims, valued at the index, are now far beyond the cash the market holds for them (the
    // seller brought an NFT, not cash): a new long must be fully collateralised.
    for (const price of [11n, 121n, 1331n, 14641n, 161051n].map((x, i) => (x * UNIT) / 10n ** BigInt(i + 1)).concat([VM_FLOOR])) {
      await feed(C.variation, price);
      assert.equal(await indexOf(C.variation), price, 'each step within the 10% limit');
    }
    const r = await ratio(m);
    const want = longRequirement(await marketState(api, m), r.mark, VM_FLOOR);
    assert.equal(r.coverage, want.coverage);
    assert.equal(r.req, want.req);
    assert.equal(r.req, 1_000_000_000n, `coverage ${fmt(r.coverage)}: fully collateralised longs only`);

    // 3. Charlie wants 15 perps (20 WETH: mark 1 -> 1.78, within 5% of the index 1.7): at 2x
    // (10 WETH) he is refused; fully paid, accepted.
    const p1 = await pool(api, m);
    const cb = longByBase(p1.B, p1.Q, 15n * UNIT, p1.k);
    assert.equal(cb.quote, 20n * UNIT, '3600/45 − 60');
    await send(api, api.tx.floorPerp.deposit(m, s(10n * UNIT)), acc.charlie);
    await assert.rejects(
      send(api, api.tx.floorPerp.openPosition(m, 'Long', { Base: s(15n * UNIT) }, MAX), acc.charlie),
      /floorPerp\.InsufficientMargin/,
    );
    const { events: ev2 } = await batch(api, [api.tx.floorPerp.deposit(m, s(10n * UNIT)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(15n * UNIT) }, s(cb.quote))], acc.charlie);
    const cOpened = one(ev2, 'floorPerp', 'PositionChanged');
    assert.equal(big(cOpened, 'quote'), cb.quote);
    assert.equal(big(cOpened, 'cash'), 20n * UNIT);
    assert.equal(big(cOpened, 'open_notional'), 20n * UNIT);
    const topMark = big(cOpened, 'mark_price');
    assert.equal(topMark, markOf(cb.B, cb.Q));
    assert.ok(topMark <= VM_FLOOR * 105n / 100n, `the mark inside the band: ${fmt(topMark)}`);

    // 4. Bob closes near the top: his sale takes the mark to 1.7013, still above the index.
    // The float is empty (nobody has realised a loss), so his profit will wait; Charlie, whose
    // buy the sale undercut, has an open loss of exactly that profit, and 20 WETH of cash.
    const p2 = await pool(api, m);
    const bs = shortByBase(p2.B, p2.Q, UNIT, p2.k);
    const profit = bs.quote - bobCost;
    const charlieValue = shortByBase(bs.B, bs.Q, 15n * UNIT, p2.k).quote;
    assert.equal(cb.quote - charlieValue, profit, 'Charlie\'s open loss after the sale is Bob\'s profit');
    assert.ok(markOf(bs.B, bs.Q) > VM_FLOOR, 'the mark stays above the index: the loss is valued at the mark');
    const st0 = await marketState(api, m);
    assert.deepEqual([st0.float, st0.totalUnsettled], [0n, 0n]);
    assert.equal(log.find('floorPerp', 'VariationMarginPaid', inMarket(m)).length, 0, 'nothing due before anyone realised');

    // Bob's one batch, the way a user does it: close, ask for Charlie's variation margin, take
    // his stake and the whole profit. (The close is in the batch: a close of its own would be
    // followed by the chain's sweep after the block's transactions, which collects the same by
    // itself — see the next test —
    // and the batch's settleVariationMargin would then find nothing due.)
    const weth0 = await weth(api, bob);
    const res = await batch(api, [
      api.tx.floorPerp.closePosition(m, null, s(bs.quote)),
      api.tx.floorPerp.settleVariationMargin(m, charlie),
      api.tx.floorPerp.withdraw(m, s(stake + profit)),
    ], acc.bob);
    const names = res.events.map(({ event }) => `${event.section}.${event.method}`).filter((n) => n.startsWith('floorPerp.'));
    assert.deepEqual(names, ['floorPerp.PositionChanged', 'floorPerp.VariationMarginPaid', 'floorPerp.ProfitPaid', 'floorPerp.Withdrawn']);
    // the close: the profit realised, none of it paid (the float is empty)
    const closed = one(res.events, 'floorPerp', 'PositionChanged');
    assert.equal(big(closed, 'quote'), bs.quote);
    assert.equal(big(closed, 'realised_pnl'), profit);
    assert.equal(big(closed, 'unsettled_profit'), profit, 'unpaid at first');
    assert.equal(big(closed, 'cash'), stake);
    assert.equal(big(closed, 'mark_price'), markOf(bs.B, bs.Q));
    // Charlie pays his open loss into the float: exactly what Bob waits for
    const vm = one(res.events, 'floorPerp', 'VariationMarginPaid');
    assert.equal(field(vm, 'who').toString(), charlie);
    assert.equal(field(vm, 'market').toNumber(), m);
    assert.equal(big(vm, 'amount'), profit, 'the variation margin is Bob\'s unsettled profit');
    assert.equal(big(vm, 'cash'), 20n * UNIT - profit);
    assert.equal(big(vm, 'open_notional'), cb.quote - profit);
    // the withdrawal settles Bob first: the float pays him
    const paid = one(res.events, 'floorPerp', 'ProfitPaid');
    assert.equal(field(paid, 'who').toString(), bob);
    assert.equal(big(paid, 'amount'), profit);
    assert.equal(big(paid, 'remaining'), 0n);
    const out = one(res.events, 'floorPerp', 'Withdrawn');
    assert.equal(big(out, 'amount'), stake + profit);
    assert.equal(big(out, 'cash'), 0n);
    assert.equal(await weth(api, bob), weth0 + stake + profit, 'Bob took his stake and all of his profit');
    assert.equal(await marginAccount(api, m, bob), null, 'Bob\'s account is closed');

    // Charlie: cash and entry basis both down by the same amount; his equity is what his 15
    // perps are worth (unchanged by the payment): no unrealised loss left.
    const c = await marginAccount(api, m, charlie);
    assert.deepEqual([c.size, c.cash, c.openNotional], [15n * UNIT, 20n * UNIT - profit, cb.quote - profit]);
    const cv = await positionView(api, m, charlie);
    assert.equal(BigInt(cv.positionNotional), charlieValue);
    assert.equal(BigInt.asIntN(128, BigInt(cv.unrealisedPnl)), 0n);
    assert.equal(c.cash, charlieValue, 'equity = cash = the value of his perps, as before the payment');
    const a = await marginAccount(api, m, acc.alice.address);
    assert.deepEqual([a.size, a.cash, a.openNotional, a.nftCount], [-UNIT, 0n, sale.quote, 1], 'the NFT-backed seller is not called');
    const st1 = await marketState(api, m);
    assert.deepEqual([st1.float, st1.totalUnsettled], [0n, 0n]);

    // Nothing more is due (no winner waits): neither on request nor by the chain's sweep.
    const resBlock = await blockOf(res);
    await assert.rejects(send(api, api.tx.floorPerp.settleVariationMargin(m, charlie), acc.dave), /floorPerp\.NoVariationDue/);
    await log.waitBlock(resBlock + 1);
    const vms = log.find('floorPerp', 'VariationMarginPaid', inMarket(m));
    assert.deepEqual(vms.map((x) => x.block), [resBlock], 'the batch\'s only');
    t.diagnostic(`Bob: stake ${fmt(stake)}, bought 1 for ${fmt(bobCost)}, sold for ${fmt(bs.quote)}: profit ${fmt(profit)}; ` +
      `Charlie: 15 perps for ${fmt(cb.quote)}, mark ${fmt(topMark)} -> ${fmt(markOf(bs.B, bs.Q))} (index ${fmt(VM_FLOOR)}), variation margin ${fmt(big(vm, 'amount'))}, cash left ${fmt(c.cash)}`);
  });

  test('the sweep collects variation margin by itself in the block of the close, after it; the winner\'s next touch is paid', async (t) => {
    const m = M.variationSweep;
    const charlie = acc.charlie.address;
    const bob = acc.bob.address;
    assert.equal(await indexOf(C.variationSweep), VM_FLOOR);
    const p0 = await pool(api, m);
    assert.deepEqual([p0.B, p0.Q], [VM_POOL, VM_POOL]);

    // Bob buys 1 perp at mark ~1 (towards the index 1.7: allowed), then Charlie 14 (mark
    // 1.0339 -> 1.7778): the longs' claims at the index exceed the cash, he pays in full.
    const stake = 2n * UNIT;
    const bb = longByBase(p0.B, p0.Q, UNIT, p0.k);
    const { events: ev0 } = await batch(api, [api.tx.floorPerp.deposit(m, s(stake)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(UNIT) }, s(bb.quote))], acc.bob);
    assert.equal(big(one(ev0, 'floorPerp', 'PositionChanged'), 'quote'), bb.quote);
    assert.equal((await ratio(m)).req, 1_000_000_000n, 'fully collateralised longs only');
    const cb = longByBase(bb.B, bb.Q, 14n * UNIT, p0.k);
    const deposit = 19n * UNIT;
    assert.ok(deposit >= cb.quote, `fully paid: ${fmt(cb.quote)}`);
    const { events: ev1 } = await batch(api, [api.tx.floorPerp.deposit(m, s(deposit)), api.tx.floorPerp.openPosition(m, 'Long', { Base: s(14n * UNIT) }, s(cb.quote))], acc.charlie);
    assert.equal(big(one(ev1, 'floorPerp', 'PositionChanged'), 'quote'), cb.quote);

    // Bob closes on his own: his profit waits (the float is empty).
    const p1 = await pool(api, m);
    const bs = shortByBase(p1.B, p1.Q, UNIT, p1.k);
    const profit = bs.quote - bb.quote;
    const charlieValue = shortByBase(bs.B, bs.Q, 14n * UNIT, p1.k).quote;
    assert.equal(cb.quote - charlieValue, profit, 'Charlie\'s open loss after the sale is Bob\'s profit');
    assert.ok(markOf(bs.B, bs.Q) > VM_FLOOR, 'the mark stays above the index');
    const closeRes = await send(api, api.tx.floorPerp.closePosition(m, null, s(bs.quote)), acc.bob);
    const closed = one(closeRes.events, 'floorPerp', 'PositionChanged');
    assert.equal(big(closed, 'realised_pnl'), profit);
    assert.equal(big(closed, 'unsettled_profit'), profit, 'unpaid: the float is empty');
    assert.equal(big(closed, 'cash'), stake);
    const closeBlock = await blockOf(closeRes);

    // Nobody asks: the chain's sweep, in the same block after Bob's close (on_idle), collects
    // Charlie's loss into the float, exactly what Bob waits for.
    const rec = await log.waitFor('floorPerp', 'VariationMarginPaid', (e) => inMarket(m)(e) && mine(acc.charlie)(e), { fromBlock: closeBlock, timeoutMs: 20_000, what: 'of Charlie' });
    assert.equal(rec.block, closeBlock, 'by the idle sweep of the same block');
    assert.ok(rec.phase.isFinalization, 'in on_idle, after the close');
    assert.equal(big(rec.event, 'amount'), profit);
    assert.equal(big(rec.event, 'cash'), deposit - profit);
    assert.equal(big(rec.event, 'open_notional'), cb.quote - profit);
    const atSweep = await api.at(await api.rpc.chain.getBlockHash(rec.block));
    const st = await marketState(atSweep, m);
    assert.deepEqual([st.float, st.totalUnsettled], [profit, profit], 'in the float, Bob not paid yet');
    const b = await marginAccount(atSweep, m, bob);
    assert.deepEqual([b.cash, b.unsettledProfit], [stake, profit]);

    // Now nothing is due on request (a batch of Bob's asking for it after his own close would
    // fail here), and Bob's withdrawal is paid from the float.
    const weth0 = await weth(api, bob);
    const [late, wd] = await Promise.allSettled([
      send(api, api.tx.floorPerp.settleVariationMargin(m, charlie), acc.dave),
      send(api, api.tx.floorPerp.withdraw(m, s(stake + profit)), acc.bob),
    ]);
    assert.equal(late.status, 'rejected');
    assert.match(late.reason.message, /floorPerp\.NoVariationDue/);
    assert.equal(wd.status, 'fulfilled', `Bob's withdrawal: ${wd.reason}`);
    const paid = one(wd.value.events, 'floorPerp', 'ProfitPaid');
    assert.deepEqual([big(paid, 'amount'), big(paid, 'remaining')], [profit, 0n]);
    assert.equal(big(one(wd.value.events, 'floorPerp', 'Withdrawn'), 'amount'), stake + profit);
    assert.equal(await weth(api, bob), weth0 + stake + profit, 'his stake and all of his profit');
    assert.equal(await marginAccount(api, m, bob), null);
    const c = await marginAccount(api, m, charlie);
    assert.deepEqual([c.size, c.cash, c.openNotional], [14n * UNIT, deposit - profit, cb.quote - profit]);
    const st2 = await marketState(api, m);
    assert.deepEqual([st2.float, st2.totalUnsettled], [0n, 0n]);
    assert.equal(log.find('floorPerp', 'VariationMarginPaid', inMarket(m)).length, 1, 'collected once');
    t.diagnostic(`Bob: stake ${fmt(stake)}, profit ${fmt(profit)}; swept from Charlie at block ${rec.block} (close at ${closeBlock}): ${fmt(profit)}`);
  });
});
