// The Floorperp demo on a running dev chain (`scripts/run-dev`): sets up the demo market
// (lib/demo.js) and plays the Ocelot hedge of seed 001 with real transactions, printing what
// happens. Run it through `scripts/demo`; `--setup-only` only sets up the market (what
// `scripts/run-dev` does in the background).
//
//   FLOORPERP_WS       the node's RPC (default ws://127.0.0.1:9944)
//   FLOOR_SOURCE_URL   the local floor source (default http://127.0.0.1:8787)
//   DEMO_RPC_WAIT      seconds to wait for the node's RPC (default 15; 600 with --setup-only)
import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { devAccounts, send, findEvents, sleep, UNIT } from './lib/node.js';
import { VAULT, longByQuote } from './lib/perp.js';
import { setupDemo, formatUnits, DEMO_COLLECTION, DEMO_ITEMS, DEMO_NAME } from './lib/demo.js';

const WS = process.env.FLOORPERP_WS || 'ws://127.0.0.1:9944';
const SOURCE = (process.env.FLOOR_SOURCE_URL || 'http://127.0.0.1:8787').replace(/\/$/, '');
const SETUP_ONLY = process.argv.includes('--setup-only');
const RPC_WAIT_S = Number(process.env.DEMO_RPC_WAIT || (SETUP_ONLY ? 600 : 15));
const APPS = `https://polkadot.js.org/apps/?rpc=${encodeURIComponent(WS)}`;
const U128_MAX = (2n ** 128n - 1n).toString();

const W = (x) => formatUnits(x, 4); // WETH, perps and prices: 4 decimals
const S = (x) => (BigInt(x) > 0n ? '+' : '') + W(x); // signed
const say = (s = '') => console.log(s);
const chapter = (s) => say(`\n== ${s}`);
class Stop extends Error {}

/** Wait until the node's RPC answers over HTTP (same port as the WebSocket). */
async function waitForRpc() {
  const http = WS.replace(/^ws/, 'http');
  const deadline = Date.now() + RPC_WAIT_S * 1000;
  while (true) {
    try {
      const res = await fetch(http, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      throw new Stop(`no node answers at ${WS} (waited ${RPC_WAIT_S} s): start the dev chain first with scripts/run-dev (or set FLOORPERP_WS)`);
    }
    await sleep(1000);
  }
}

async function main() {
  await waitForRpc();
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(WS), noInitWarn: true, throwOnConnect: true });
  try {
    const acc = await devAccounts();
    // only on a dev chain, where Alice is sudo (never on a network someone else runs)
    const key = await api.query.sudo.key();
    if (!key.isSome || key.unwrap().toString() !== acc.alice.address) {
      throw new Stop(`${WS} is not a Floorperp dev chain (sudo is not Alice): start one with scripts/run-dev`);
    }
    const prefix = SETUP_ONLY ? '[demo setup] ' : 'setup: ';
    const { market } = await setupDemo(api, acc, { log: (m) => say(prefix + m) });
    if (SETUP_ONLY) {
      const info = (await api.call.floorPerpApi.market(market)).unwrap();
      say(`${prefix}demo market ${market} is live on collection ${DEMO_COLLECTION} "${DEMO_NAME}" ` +
        `(mark ${W(info.markPrice.toBigInt())} WETH); Alice owns Ocelots #0..#${DEMO_ITEMS - 1}. ` +
        `Trade at ${APPS} or run scripts/demo`);
      return;
    }
    await story(api, acc, market);
  } finally {
    await api.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------

async function story(api, acc, m) {
  const { alice, bob, charlie } = acc;
  const names = new Map([[alice.address, 'Alice'], [bob.address, 'Bob'], [charlie.address, 'Charlie']]);
  names.set(VAULT, 'the vault (escrow)');
  const nameOf = (a) => (a === null ? 'nobody' : names.get(a.toString()) || a.toString());

  // --- views -----------------------------------------------------------------------------
  const marketInfo = async () => (await api.call.floorPerpApi.market(m)).unwrap();
  const mark = async () => (await marketInfo()).markPrice.toBigInt();
  const index = async () => {
    const i = await api.query.floorIndex.indices(DEMO_COLLECTION);
    return i.isSome ? { price: i.unwrap().price.toBigInt(), at: i.unwrap().updatedAt.toNumber() } : null;
  };
  const position = async (who) => {
    const p = await api.call.floorPerpApi.position(m, who.address);
    if (p.isNone) return null;
    const v = p.unwrap();
    const opt = (o) => (o.isSome ? o.unwrap().toBigInt() : null);
    return {
      size: (v.get('size_') ?? v.get('size')).toBigInt(), // `size` clashes with Map.size: polkadot.js renames it
      cash: v.cash.toBigInt(),
      nfts: v.nftCount.toNumber(),
      unsettled: v.unsettledProfit.toBigInt(),
      upnl: v.unrealisedPnl.toBigInt(),
      fundingOwed: v.fundingOwed.toBigInt(),
      cover: opt(v.nftCoverValue),
      liability: opt(v.nftLiability),
      marginRatio: opt(v.marginRatio),
      liqPrice: opt(v.liquidationPrice),
      entry: opt(v.entryPrice),
      inKindMinted: v.inKindMinted.toBigInt(),
      liquidatable: v.liquidatable.isTrue,
    };
  };
  const quote = async (side, amount) => (await api.call.floorPerpApi.quote(m, side, amount)).unwrap();
  const weth = async (who) => {
    const a = await api.query.assets.account(1, who.address);
    return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
  };
  const block = async () => (await api.rpc.chain.getHeader()).number.toNumber();
  const ownerOf = async (k) => {
    const it = await api.query.nfts.item(DEMO_COLLECTION, k);
    return it.isSome ? it.unwrap().owner.toString() : null;
  };
  const changed = (events, who) =>
    findEvents(events, 'floorPerp', 'PositionChanged').map((e) => e.data).find((d) => d.who.toString() === who.address);

  // --- the floor source ------------------------------------------------------------------
  const exact = (wei) => {
    const s = wei.toString().padStart(19, '0');
    const frac = s.slice(-18).replace(/0+$/, '');
    return frac ? `${s.slice(0, -18)}.${frac}` : s.slice(0, -18);
  };
  async function sourceRequest(method, path) {
    let res;
    try {
      res = await fetch(`${SOURCE}${path}`, { method, signal: AbortSignal.timeout(5000) });
    } catch (e) {
      throw new Stop(`the floor source does not answer at ${SOURCE} (${e.cause?.code || e.cause?.errors?.[0]?.code || e.message}): start it ` +
        '(scripts/run-dev does; by hand: floor-source --port 8787 --collection 0=walk:20:20:6000:1)');
    }
    const body = await res.text();
    if (!res.ok) throw new Stop(`floor source ${method} ${path}: ${res.status} ${body}`);
    return JSON.parse(body);
  }
  const servedFloor = async () =>
    BigInt((await sourceRequest('GET', `/collections/${DEMO_COLLECTION}/floor`)).collection.floorAsk.price.amount.raw);
  const setFloor = (wei) => sourceRequest('POST', `/collections/${DEMO_COLLECTION}/floor?price=${exact(wei)}`);
  /** Wait until the index is exactly `wei` (one offchain-worker round every 5 blocks, ≤10% per update). */
  async function waitIndex(wei, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    while (true) {
      const i = await index();
      if (i && i.price === wei) return i;
      if (i && last && i.at !== last.at) say(`     index ${W(i.price)} at block #${i.at} (moves at most 10% per update)`);
      last = i;
      if (Date.now() > deadline) {
        throw new Stop(`the index did not reach ${W(wei)} within ${timeoutMs / 1000} s (it is ${i ? W(i.price) : 'missing'}): ` +
          `is the offchain worker reading ${SOURCE}? (node log: target floor-index)`);
      }
      await sleep(1000);
    }
  }

  // --- trading helpers ---------------------------------------------------------------------
  const isqrt = (n) => {
    if (n < 2n) return n;
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x = (x + n / x) / 2n;
    while ((x + 1n) * (x + 1n) <= n) x += 1n;
    return x;
  };
  /** `who` trades on the vAMM so that the mark becomes `target` (x·y=k: B' = sqrt(k / target)). */
  async function moveMarkTo(who, target) {
    const pool = (await api.query.vamm.pools(m)).unwrap();
    const B = pool.baseReserve.toBigInt();
    const Q = pool.quoteReserve.toBigInt();
    const B2 = isqrt((B * Q * UNIT) / target);
    const db = B2 - B; // > 0: the pool must receive base, i.e. someone sells
    const abs = db < 0n ? -db : db;
    if (abs < UNIT / 1000n) return null; // below the market's minimum trade size: already there
    const side = db > 0n ? 'Short' : 'Long';
    const { events } = await send(api, api.tx.floorPerp.openPosition(m, side, { Base: abs.toString() }, side === 'Short' ? 0 : U128_MAX), who);
    return changed(events, who);
  }
  /** Close `who`'s position (if any) with no slippage limit; returns the PositionChanged data. */
  async function closeAll(who) {
    const p = await position(who);
    if (!p || p.size === 0n) return null;
    const { events } = await send(api, api.tx.floorPerp.closePosition(m, null, p.size > 0n ? 0 : U128_MAX), who);
    return changed(events, who);
  }
  /** Wait (up to `blocks` blocks) until `who`'s position is no longer liquidatable: the chain's
   * sweep liquidates it by itself. */
  async function awaitLiquidation(who, blocks = 15) {
    const until = (await block()) + blocks;
    while ((await block()) <= until) {
      const p = await position(who);
      if (!p || p.size === 0n || !p.liquidatable) return p;
      await sleep(1000);
    }
    return position(who);
  }
  /** Close a position left over (from an earlier run, or after a partial liquidation): one
   * under maintenance margin is the chain's to liquidate; a trader's own close may not realise
   * a loss beyond its cash (LossBeyondCash / LossExceedsCash), so the loss is paid in first.
   * Returns the PositionChanged data, or null when nothing was left to close. */
  async function closeLeftover(who, name) {
    let p = await position(who);
    if (p && p.size !== 0n && p.liquidatable) {
      say(`  (it is under maintenance margin: the chain's sweep liquidates it)`);
      p = await awaitLiquidation(who);
    }
    if (!p || p.size === 0n) return null;
    if (p.upnl < 0n && p.cash < -p.upnl + UNIT) {
      const top = -p.upnl + UNIT - p.cash;
      await send(api, api.tx.floorPerp.deposit(m, top.toString()), who);
      say(`  (it is at a loss of ${W(-p.upnl)}: ${name} deposits ${W(top)} WETH to pay for it)`);
    }
    try {
      return await closeAll(who);
    } catch (e) {
      throw new Stop(`${name} cannot close the position (${e.message}); ` +
        (/Loss(Exceeds|Beyond)Cash/.test(e.message) ? 'deposit WETH into the margin account first (floorPerp.deposit) and run again' : 'close it in polkadot.js apps and run again'));
    }
  }
  /** Charlie's margin for moving the mark: 1,000 WETH, plus his close-out loss and 30% of his
   * position's value (on a vAMM the last short standing carries the others' unpaid profits). */
  async function fundCharlie() {
    const p = await position(charlie);
    const need = 1_000n * UNIT + (p ? (p.upnl < 0n ? -p.upnl : 0n) + (p.size === 0n ? 0n : (await marketInfo()).markPrice.toBigInt() * (p.size < 0n ? -p.size : p.size) / UNIT * 3n / 10n) : 0n);
    const have = p ? p.cash : 0n;
    if (have >= need) return 0n;
    const top = ((need - have) / UNIT + 1n) * UNIT;
    await send(api, api.tx.floorPerp.deposit(m, top.toString()), charlie);
    return top;
  }

  // --- events the chain produces by itself (its hooks): funding and liquidations -------------
  let bobLiquidated = false;
  const unsubscribe = await api.rpc.chain.subscribeNewHeads(async (header) => {
    try {
      const records = await api.query.system.events.at(header.hash);
      const n = header.number.toNumber();
      for (const { event: e } of records) {
        if (e.section !== 'floorPerp' || e.data.market?.toNumber?.() !== m) continue;
        const d = e.data;
        if (e.method === 'Liquidated') {
          if (d.who.toString() === bob.address) bobLiquidated = true;
          say(`     [block #${n}] the chain liquidated ${nameOf(d.who)}'s position${d.keeper.isSome ? '' : " (the chain's sweep)"}: ` +
            `closed ${W(d.closed.toBigInt())} perps for ${W(d.quote.toBigInt())} WETH at mark ${W(d.markPrice.toBigInt())}, ` +
            `realised ${S(d.realisedPnl.toBigInt())} WETH, fees ${W(d.keeperFee.toBigInt() + d.fundFee.toBigInt())}` +
            (d.badDebt.toBigInt() > 0n ? `, bad debt ${W(d.badDebt.toBigInt())} (insurance fund)` : '') +
            (d.full.isTrue ? '' : `, ${W(-d.remainingSize.toBigInt())} left`));
        } else if (e.method === 'FundingUpdated') {
          const rate = d.rate.toBigInt();
          say(`     [block #${n}] funding: mark TWAP ${W(d.markTwap.toBigInt())}, index TWAP ${W(d.indexTwap.toBigInt())} -> ` +
            (rate >= 0n ? `longs pay shorts ${W(rate)}` : `shorts pay longs ${W(-rate)}`) +
            ` WETH per perp; next funding at block #${d.nextFundingBlock.toNumber()}`);
        } else if (e.method === 'FundingSkipped') {
          say(`     [block #${n}] funding skipped (${d.reason.toString()})`);
        } else if (e.method === 'FundingPaidInKind') {
          say(`     [block #${n}] ${nameOf(d.who)} paid ${W(d.value.toBigInt())} WETH of funding in kind: her short grew by ${W(d.minted.toBigInt())} perps`);
        } else if (e.method === 'NftShortLiquidated') {
          say(`     [block #${n}] ${nameOf(d.who)}'s NFT-backed short was liquidated on the index: debt ${W(d.debt.toBigInt())}, ${d.auctions} NFTs to auction`);
        }
      }
    } catch { /* the connection is closing */ }
  });

  try {
    const info0 = await marketInfo();
    say(`Floorperp demo: the Ocelot hedge (seed 001) on ${WS}, block #${await block()}`);
    say(`Market ${m}: floor perps on collection ${DEMO_COLLECTION} "${DEMO_NAME}"; funding every ` +
      `${info0.params.fundingPeriod.toNumber()} blocks (next at #${info0.nextFundingBlock.toNumber()}), 0.1% fee, 10x max.`);

    // ---- 0. the stage -----------------------------------------------------------------------
    chapter('0. The stage');
    const served = await servedFloor();
    const i0 = await index();
    say(`The floor source (${SOURCE}) serves ${W(served)} WETH; the chain's index is ${i0 ? W(i0.price) : 'missing'}, the perp's mark ${W(info0.markPrice.toBigInt())}.`);
    // pin the floor at the mark (2 decimals) and start with mark = index: a trade may not
    // leave the mark more than 5% from the index, so the index comes first
    const cur = await mark();
    const dp = cur >= 2n * UNIT ? 16n : 14n; // round to 0.01 (0.0001 under 2 WETH)
    const round = (x) => ((x + 10n ** dp / 2n) / 10n ** dp) * 10n ** dp;
    const start = round(cur);
    const topUp = await fundCharlie();
    if (topUp > 0n) say(`Charlie, a trader who follows the floor, deposits ${W(topUp)} WETH of margin.`);
    say(`The story starts at a floor of ${W(start)} WETH: setting it at the floor source, waiting for the index...`);
    await setFloor(start);
    const iStart = await waitIndex(start);
    say(`  index ${W(iStart.price)} at block #${iStart.at}`);
    // leftovers of an earlier (interrupted) run
    for (const [who, name] of [[alice, 'Alice'], [bob, 'Bob']]) {
      const p = await position(who);
      if (p && p.size !== 0n) {
        say(`${name} still has a ${p.size < 0n ? 'short' : 'long'} of ${W(p.size < 0n ? -p.size : p.size)} perps from an earlier run: closing it first.`);
        const d = await closeLeftover(who, name);
        if (d) say(`  closed: realised ${S(d.realisedPnl.toBigInt())} WETH`);
      }
    }
    for (const [who, name] of [[alice, 'Alice'], [bob, 'Bob']]) {
      const p = await position(who);
      if (p && p.cash > 0n && p.size === 0n) {
        await send(api, api.tx.floorPerp.withdraw(m, p.cash.toString()), who);
        say(`${name} takes the ${W(p.cash)} WETH left in the margin account from an earlier run back to the wallet.`);
      }
    }
    const adj = await moveMarkTo(charlie, start);
    if (adj) say(`  Charlie trades ${W(adj.base.toBigInt())} perps to bring the mark to ${W(adj.markPrice.toBigInt())}`);
    say(`Floor = index = mark = ${W(await mark())} WETH.`);

    // ---- 1. Alice locks her Ocelots -------------------------------------------------------
    chapter('1. Alice locks her 10 Ocelots in the escrow');
    const toDeposit = [];
    const already = [];
    const elsewhere = [];
    for (let k = 0; k < DEMO_ITEMS; k++) {
      const esc = await api.query.floorPerp.escrow(m, k);
      if (esc.isSome && esc.unwrap().owner.toString() === alice.address) already.push(k);
      else if ((await ownerOf(k)) === alice.address) toDeposit.push(k);
      else elsewhere.push(k);
    }
    if (already.length) say(`Ocelots #${already.join(', #')} are still escrowed from an earlier run.`);
    if (elsewhere.length) say(`Ocelots #${elsewhere.join(', #')} are not Alice's any more (owner: ${nameOf(await ownerOf(elsewhere[0]))}...): she goes on without them.`);
    if (toDeposit.length) {
      const { events } = await send(api, api.tx.utility.batchAll(toDeposit.map((k) => api.tx.floorPerp.depositNft(m, k))), alice);
      const dep = findEvents(events, 'floorPerp', 'NftDeposited');
      say(`floorPerp.depositNft(${m}, k) for k = ${toDeposit.join(', ')} (one utility.batchAll): ${dep.length} NFTs moved to the vault.`);
    }
    const owners = new Set();
    for (let k = 0; k < DEMO_ITEMS; k++) owners.add(nameOf(await ownerOf(k)));
    let pa = await position(alice);
    const n = pa ? pa.nfts : 0;
    if (n === 0) throw new Stop('Alice has no Ocelot to lock: the story needs at least one (is collection 0 the demo collection?)');
    say(`pallet-nfts now says Ocelots #0..#${DEMO_ITEMS - 1} belong to: ${[...owners].join(', ')}. Alice's nftCount = ${n}.`);
    const walletStart = await weth(alice);
    const unsettledStart = pa ? pa.unsettled : 0n;
    if (unsettledStart > 0n) say(`(Alice's account still holds ${W(unsettledStart)} WETH of unsettled profit from earlier runs.)`);
    await send(api, api.tx.floorPerp.deposit(m, UNIT.toString()), alice);
    pa = await position(alice);
    say(`floorPerp.deposit(${m}, 1 WETH) for the 0.1% trading fee: Alice's cash ${W(pa.cash)} WETH.`);

    // ---- 2. Alice sells perps against them ------------------------------------------------
    chapter(`2. Alice sells ${n} floor perps against them`);
    const size = BigInt(n) * UNIT;
    const qa = await quote('Short', { Base: size.toString() });
    const proceedsPreview = qa.amountOut.toBigInt();
    say(`Preview (floorPerpApi.quote): ${n} perps -> ${W(proceedsPreview)} WETH, average ${W(qa.averagePrice.toBigInt())}, ` +
      `impact ${formatUnits(qa.priceImpact.toBigInt() * 100n, 2)}%, fee ${W(qa.fee.toBigInt())}`);
    const minQuote = (proceedsPreview * 99n) / 100n;
    const markBeforeSale = await mark();
    const { events: saleEv } = await send(api, api.tx.floorPerp.openPosition(m, 'Short', { Base: size.toString() }, minQuote.toString()), alice);
    const sale = changed(saleEv, alice);
    const proceeds = sale.quote.toBigInt();
    say(`floorPerp.openPosition(${m}, Short, Base(${n}), min ${W(minQuote)}): sold ${W(sale.base.toBigInt())} perps for ${W(proceeds)} WETH ` +
      `(average ${W(sale.averagePrice.toBigInt())}, ${W(BigInt(n) * iStart.price - proceeds)} of slippage against ${W(BigInt(n) * iStart.price)} at the floor), fee ${W(sale.fee.toBigInt())}.`);
    for (const e of findEvents(saleEv, 'floorPerp', 'ProceedsAdvanced')) say(`  ${W(e.data.amount.toBigInt())} WETH of the proceeds paid to her cash from the market's float.`);
    pa = await position(alice);
    say(`The mark moved ${W(markBeforeSale)} -> ${W(sale.markPrice.toBigInt())}. No cash margin was asked: ` +
      `her cover c + n*i = ${W(pa.cover)} >= liability |q|*i = ${W(pa.liability)} WETH.`);

    // ---- 3. Bob goes long -----------------------------------------------------------------
    chapter('3. Bob goes long with 10x');
    const bobNotional = 100n * UNIT;
    // the margin a new long needs now (the dynamic requirement: 10% while the market holds
    // cash for every long's claims, more when it does not), valued at the index if his buy
    // takes the mark above it, and the 0.1% fee; plus 0.01 WETH
    const req = BigInt((await marketInfo()).longMarginRequirement.toNumber());
    const pool = (await api.query.vamm.pools(m)).unwrap();
    const after = longByQuote(pool.baseReserve.toBigInt(), pool.quoteReserve.toBigInt(), bobNotional, BigInt(pool.k.toString()));
    const markAfter = (after.Q * UNIT) / after.B;
    const iNow = (await index()).price;
    const haircut = markAfter > iNow ? bobNotional - (bobNotional * iNow) / markAfter : 0n;
    const cent = UNIT / 100n;
    const bobDeposit = ((bobNotional * req / 1_000_000_000n + haircut + bobNotional / 1000n + cent - 1n) / cent + 1n) * cent;
    await send(api, api.tx.floorPerp.deposit(m, bobDeposit.toString()), bob);
    const qb = await quote('Long', { Quote: bobNotional.toString() });
    const { events: bobEv } = await send(api, api.tx.floorPerp.openPosition(m, 'Long', { Quote: bobNotional.toString() }, ((qb.amountOut.toBigInt() * 99n) / 100n).toString()), bob);
    const bl = changed(bobEv, bob);
    const pb = await position(bob);
    say(`Bob deposits ${W(bobDeposit)} WETH and buys ${W(bobNotional)} WETH of perps: ${W(bl.base.toBigInt())} perps at ${W(bl.averagePrice.toBigInt())}; ` +
      `mark ${W(bl.markPrice.toBigInt())}. Margin ratio ${pb.marginRatio === null ? '-' : formatUnits(pb.marginRatio * 100n, 2) + '%'}` +
      `${pb.liqPrice === null ? '' : `, liquidated below a mark of about ${W(pb.liqPrice)}`}.`);

    // ---- 4. the floor falls ---------------------------------------------------------------
    chapter(`4. The floor falls from ${W(start)} to ${W(round(start / 2n))} WETH`);
    say('Each step: the floor source serves a lower floor; the offchain worker reports it (every 5 blocks) and the index follows;');
    say('Charlie sells perps until the mark is at the index again (no trade may take the mark more than 5% from the index:');
    say('the mark follows the floor, nobody can run it ahead).');
    const steps = [910n, 830n, 755n, 690n, 630n, 575n, 525n, 500n].map((f) => round((start * f) / 1000n));
    await setFloor(steps[0]);
    for (const [s, p] of steps.entries()) {
      const i = await waitIndex(p);
      // the next floor goes to the source at once: the offchain worker reads it in 5 blocks,
      // after Charlie's trade
      if (s + 1 < steps.length) await setFloor(steps[s + 1]);
      const d = await moveMarkTo(charlie, p);
      const a = await position(alice);
      say(`  step ${s + 1}: floor ${W(p)} -> index ${W(i.price)} (block #${i.at}); ` +
        (d ? `Charlie ${d.side.toString() === 'Short' ? 'sells' : 'buys'} ${W(d.base.toBigInt())} perps, mark ${W(d.markPrice.toBigInt())}` : `mark ${W(await mark())}`) +
        `; Alice's short: PnL ${S(a.upnl)} WETH, cover ${W(a.cover)} vs liability ${W(a.liability)}`);
    }
    const pb2 = await position(bob);
    if (pb2 && pb2.size !== 0n) {
      const d = await closeLeftover(bob, 'Bob');
      if (d) say(`Bob closes what is left of his long: realised ${S(d.realisedPnl.toBigInt())} WETH.`);
    }
    const pb3 = await position(bob);
    say(`Bob's long is gone; ${pb3 ? `${W(pb3.cash)} WETH left in his margin account` : 'his margin account is empty'}.`);
    if (bobLiquidated) {
      say('(Margin is valued at the worse, for the trader, of the mark and the index: his 10x long was liquidated as soon as');
      say(' the index fell, at the mark of the moment, before a mark game could make him bankrupt.)');
    }
    pa = await position(alice);
    say(`Alice was never at risk: an NFT-backed short is liquidated only when |q|*i > c + n*i (the index, not the mark), ` +
      `and her ${n} Ocelots cover her ${W(-pa.size)} perps at any floor.`);

    // ---- 5. Alice buys back ---------------------------------------------------------------
    chapter('5. Alice buys her perps back');
    const qc = await quote('Long', { Base: (-pa.size).toString() });
    const maxQuote = (qc.amountOut.toBigInt() * 101n) / 100n;
    const { events: closeEv, blockHash: closeHash } = await send(api, api.tx.floorPerp.closePosition(m, null, maxQuote.toString()), alice);
    const cl = changed(closeEv, alice);
    const realised = cl.realisedPnl.toBigInt();
    const mineEv = (evs, method) => findEvents(evs, 'floorPerp', method).filter((e) => e.data.who.toString() === alice.address)
      .reduce((sum, e) => sum + e.data.amount.toBigInt(), 0n);
    const advanced = mineEv(saleEv, 'ProceedsAdvanced') + mineEv(closeEv, 'ProceedsAdvanced');
    const paidNow = mineEv(closeEv, 'ProfitPaid');
    const fees = sale.fee.toBigInt() + cl.fee.toBigInt();
    const gain = proceeds - cl.quote.toBigInt();
    pa = await position(alice);
    say(`floorPerp.closePosition(${m}, None, max ${W(maxQuote)}): bought ${W(cl.base.toBigInt())} perps back for ${W(cl.quote.toBigInt())} WETH ` +
      `(average ${W(cl.averagePrice.toBigInt())}, fee ${W(cl.fee.toBigInt())}).`);
    say(`Her gain on the perps: sold for ${W(proceeds)}, bought back for ${W(cl.quote.toBigInt())} = ${W(gain)} WETH (and ${W(fees)} of fees).`);
    say('How the chain pays it (event PositionChanged, floorPerpApi.position):');
    if (advanced > 0n) say(`  ${W(advanced)} WETH of her sale proceeds went to her cash first, from the market's float (ProceedsAdvanced);`);
    say(`  realised PnL ${S(realised)} WETH${advanced > 0n ? ' on the rest' : ''};`);
    if (paidNow > 0n) say(`  ${W(paidNow)} WETH of unsettled profit paid to her cash from the float (ProfitPaid);`);
    say(`  cash ${W(pa.cash)} WETH, unsettled profit ${W(pa.unsettled)} WETH: profit is paid only from cash the market holds`);
    say('  (what losing traders paid in); the rest waits and is paid on a later touch of her account as that cash comes in.');
    // The chain's sweep collects variation margin from open losers into the float: after the
    // block's transactions (on_idle), or in the next block's on_initialize if the block was full.
    const closeBlock = (await api.rpc.chain.getHeader(closeHash)).number.toNumber();
    while ((await api.rpc.chain.getHeader()).number.toNumber() < closeBlock + 1) await sleep(500);
    let collected = 0;
    for (const n of [closeBlock, closeBlock + 1]) {
      const vm = (await api.query.system.events.at(await api.rpc.chain.getBlockHash(n)))
        .map(({ event }) => event)
        .filter((e) => e.section === 'floorPerp' && e.method === 'VariationMarginPaid' && e.data.market.toNumber() === m);
      for (const e of vm) {
        say(`  [block #${n}] the chain collected ${W(e.data.amount.toBigInt())} WETH of variation margin from ${nameOf(e.data.who.toString())}: ` +
          'its open loss (valued at close-out) paid into the float, its entry moved by as much (VariationMarginPaid).');
      }
      collected += vm.length;
    }
    if (collected === 0) say(`  [block #${closeBlock + 1}] no open loser holding cash: nothing collected yet.`);
    const float = (await marketInfo()).float.toBigInt();
    const payable = pa.unsettled < float ? pa.unsettled : float;
    const wallet0 = await weth(alice);
    if (pa.cash + payable > 0n) {
      await send(api, api.tx.floorPerp.withdraw(m, (pa.cash + payable).toString()), alice);
      say(`floorPerp.withdraw(${m}, ${W(pa.cash + payable)}): her cash and the profit the float pays; her WETH wallet ${W(wallet0)} -> ${W(await weth(alice))}.`);
    }

    // ---- 6. Alice takes her Ocelots back --------------------------------------------------
    chapter('6. Alice takes her Ocelots back');
    const mine = [];
    for (let k = 0; k < DEMO_ITEMS; k++) {
      const esc = await api.query.floorPerp.escrow(m, k);
      if (esc.isSome && esc.unwrap().owner.toString() === alice.address) mine.push(k);
    }
    const { events: wEv } = await send(api, api.tx.utility.batchAll(mine.map((k) => api.tx.floorPerp.withdrawNft(m, k))), alice);
    say(`floorPerp.withdrawNft(${m}, k) for k = ${mine.join(', ')}: ${findEvents(wEv, 'floorPerp', 'NftWithdrawn').length} NFTs returned.`);
    const back = [];
    for (let k = 0; k < DEMO_ITEMS; k++) back.push(`#${k} ${nameOf(await ownerOf(k))}`);
    say(`Owners now (pallet-nfts): ${back.join(', ')}.`);

    // ---- summary --------------------------------------------------------------------------
    const info = await marketInfo();
    const iEnd = await index();
    chapter('Summary');
    say(`The floor of "${DEMO_NAME}" fell from ${W(start)} to ${W(iEnd.price)} WETH (-${formatUnits(((start - iEnd.price) * 100n * UNIT) / start, 0)}%).`);
    const walletEnd = await weth(alice);
    const paEnd = await position(alice);
    say(`Alice sold ${n} perps against her ${n} Ocelots for ${W(proceeds)} WETH and bought them back for ${W(cl.quote.toBigInt())}: ${S(gain)} WETH.`);
    say(`  Her WETH wallet: ${W(walletStart)} -> ${W(walletEnd)} (${S(walletEnd - walletStart)} now, after ${W(fees)} of fees); ` +
      `${W(paEnd ? paEnd.unsettled : 0n)} WETH more waits as unsettled profit` +
      (unsettledStart > 0n ? ` (${W(unsettledStart)} of it from earlier runs).` : '.'));
    say(`  Her ${n} Ocelots are hers again. They lost ${W(BigInt(n) * (start - iEnd.price))} WETH of floor value; the hedge made up ` +
      `${formatUnits(((gain - fees) * 100n * UNIT) / (BigInt(n) * (start - iEnd.price)), 0)}% of it.`);
    say(`Bob's 10x long ${bobLiquidated ? 'was liquidated by the chain' : 'was closed at a loss'}; Charlie's short follows the floor (mark ${W(info.markPrice.toBigInt())}).`);
    say(`Market ${m}: open interest long ${W(info.openInterestLong.toBigInt())} / short ${W(info.openInterestShort.toBigInt())}, ` +
      `insurance fund ${W(info.insuranceFund.toBigInt())}, float ${W(info.float.toBigInt())}, next funding at block #${info.nextFundingBlock.toNumber()}.`);
    say(`Open ${APPS} to look around (Developer -> Runtime calls -> floorPerpApi).`);
  } finally {
    unsubscribe();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    const who = SETUP_ONLY ? '[demo setup] failed' : 'demo';
    console.error(e instanceof Stop ? `${who}: ${e.message}` : `${who}: ${e.stack || e}`);
    process.exit(1);
  },
);
