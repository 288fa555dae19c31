#!/usr/bin/env node
// RPC load generator for a floorperp dev node (issue #17, item 2): pre-signed WETH transfers
// (assets.transferKeepAlive) and trades (floorPerp.openPosition / closePosition) from many
// accounts, submitted as fast as the RPC takes them, and measured from the blocks: included
// transfers/s and trades/s in the same run, extrinsics per block, block fullness (normal-class
// weight and length), failures by error, and the time until every submitted transaction is in a
// block. Loopback only; bounded in count (--accounts x --per-account) and time (--seconds).
//
//   node load.mjs [options] [-- extra node args]
//
//   --accounts N       load accounts //load/0..N-1 (default 200): even ones send WETH transfers,
//                      odd ones trade (--kinds transfer|trade: all of them send that kind)
//   --per-account K    pre-signed extrinsics per account (default 50)
//   --seconds S        deadline for inclusion, from the first submission (default 90)
//   --min-ratio R      exit 1 if trades/s < R x transfers/s (default 0.5; --kinds both only)
//   --json FILE        write the full JSON summary there (with per-block rows and the txpool
//                      metric samples; a shorter one is always printed after "== summary")
//   --kinds K          both (default) | transfer | trade
//   --connections C    WebSocket connections used to submit (default 4)
//   --in-flight M      submissions in flight per connection (default 64)
//   --ws URL           use a running dev node (Alice must be sudo) instead of starting one
//   --node PATH        node binary (default $FLOORPERP_NODE, else
//                      $CARGO_TARGET_DIR/debug/floorperp-node, else
//                      ~/.cache/floorperp/target/debug/floorperp-node)
//   --log FILE         keep the started node's log there (else it is deleted with its base path)
//   --metrics-every S  sample the node's txpool metrics every S seconds (default 2; 0: off;
//                      only for a node this tool starts: it runs with Prometheus on a free port)
//   --resubmit-after S once, S seconds after the first submission, submit every transaction
//                      not yet in a block again and tally the RPC's answers (diagnosis of a
//                      stall: 1013 "already imported" = still held by the pool, 1012 "banned")
//   --quiet            no per-block progress lines
//   -- ARGS            passed to the started node, e.g. -- --pool-type single-state -ltxpool=debug
//
// How the two rates are defined. The pool orders ready transactions by priority, and
// pallet-transaction-payment gives a lighter extrinsic a higher one (more of them fit in a
// block), so under load the blocks first fill with transfers and then with trades: both kinds
// are submitted together, in one run, but they mostly take turns. Each kind's rate is its
// succeeded count over the block time it used: every block of the window (from the first
// block with a load transaction to the last) counts for its interval (timestamp minus the
// previous block's), shared between the kinds in proportion to the weight each used in it;
// blocks of the window with no load transaction are shared in proportion to the whole run's
// weights. Over full blocks this is the throughput a chain of only that kind would have. The
// summary also gives each kind's count over its own span of blocks (rates.bySpan), the rates
// over the common window (rates.window) and the capacity the benchmarked weights allow
// (normal-class max weight / weight per extrinsic / block time).
//
// Exit status: 0 if every pre-signed transaction was included and succeeded by the deadline and
// the ratio is at least --min-ratio; 1 otherwise (the summary says why); 2 on a set-up error.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// the node binary and free ports are found as the e2e suite finds them
import { freePort, nodeBinary as e2eNodeBinary, rpcAnswers } from '../../tests/e2e/lib/binaries.js';

// ---------------------------------------------------------------------------------------------
// options

function parseArgs(argv) {
  const o = {
    accounts: 200, perAccount: 50, seconds: 90, minRatio: 0.5, json: null, kinds: 'both',
    connections: 4, inFlight: 64, ws: null, node: null, log: null, metricsEvery: 2, quiet: false, resubmitAfter: null,
    nodeArgs: [],
  };
  const num = (k, v) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0) throw new Error(`--${k}: not a number: ${v}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { o.nodeArgs = argv.slice(i + 1); break; }
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--accounts': o.accounts = Math.floor(num('accounts', val())); break;
      case '--per-account': o.perAccount = Math.floor(num('per-account', val())); break;
      case '--seconds': o.seconds = num('seconds', val()); break;
      case '--min-ratio': o.minRatio = num('min-ratio', val()); break;
      case '--json': o.json = val(); break;
      case '--kinds': o.kinds = val(); break;
      case '--connections': o.connections = Math.max(1, Math.floor(num('connections', val()))); break;
      case '--in-flight': o.inFlight = Math.max(1, Math.floor(num('in-flight', val()))); break;
      case '--ws': o.ws = val(); break;
      case '--node': o.node = val(); break;
      case '--log': o.log = val(); break;
      case '--metrics-every': o.metricsEvery = num('metrics-every', val()); break;
      case '--quiet': o.quiet = true; break;
      case '--resubmit-after': o.resubmitAfter = num('resubmit-after', val()); break;
      case '-h': case '--help':
        console.log(HELP);
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${a} (--help)`);
    }
  }
  if (!['both', 'transfer', 'trade'].includes(o.kinds)) throw new Error(`--kinds: both, transfer or trade, not ${o.kinds}`);
  if (o.accounts < (o.kinds === 'both' ? 2 : 1)) throw new Error('--accounts: at least 2 (one of each kind)');
  if (o.perAccount < 1) throw new Error('--per-account: at least 1');
  if (o.ws && !/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(o.ws)) {
    throw new Error(`--ws: loopback only (ws://127.0.0.1:PORT), not ${o.ws}`);
  }
  return o;
}

const HELP = `usage: node load.mjs [--accounts N] [--per-account K] [--seconds S] [--min-ratio R]
  [--json FILE] [--kinds both|transfer|trade] [--connections C] [--in-flight M]
  [--ws ws://127.0.0.1:PORT | --node PATH] [--log FILE] [--metrics-every S] [--quiet] [-- NODE ARGS]
(see the header of tools/load/load.mjs)`;

// ---------------------------------------------------------------------------------------------
// constants of the dev chain

const UNIT = 10n ** 18n;
const WETH = 1; // pallet-assets id of WETH (chain spec: dev accounts hold 100,000 each)
const U128_MAX = (2n ** 128n - 1n).toString();
const FLOOR_FUND = 100n * UNIT; // native fee token per load account (a transfer costs ~0.03 FLOOR)
const WETH_FUND = 12n * UNIT; // WETH per load account
const DEPOSIT = 10n * UNIT; // margin each trading account deposits
const TRANSFER_AMOUNT = UNIT / 1000n; // 0.001 WETH per transfer
const TRADE_SIZE = UNIT / 100n; // 0.01 perps per trade (min trade size 0.001), ~1 WETH notional
const POOL_BASE = 1_000_000n * UNIT; // a deep pool: 100 accounts' trades move the mark ~1e-6
const INDEX = 100n * UNIT; // the fed floor index and the initial mark: 100 WETH
const pct = (p) => Math.round(p * 10_000_000);
// tests/e2e/lib/perp.js `marketParams()` (the default market parameters)
const MARKET_PARAMS = {
  initialMargin: pct(10), maintenanceMargin: pct(6.25), liquidationFee: pct(1.25),
  partialLiquidationRatio: pct(25), tradingFee: pct(0.1), fundingPeriod: 1800,
  maxFundingPremiumPerDay: pct(10), maxOpenInterest: (100_000n * UNIT).toString(),
  maxPosition: (10_000n * UNIT).toString(), minTradeSize: (UNIT / 1000n).toString(),
  minMargin: (UNIT / 10n).toString(), maxPriceMove: pct(10), maxSpread: pct(5), maxIndexAge: 1800,
  nftSafetyMargin: pct(10), auctionDuration: 1800, voluntaryAuctionDuration: 7200,
  auctionReserveRatio: pct(90), auctionMinIncrement: pct(1), nftIndexWindow: 0,
};
// sc-rpc author errors worth retrying: the pool is full or the tx is (temporarily) banned
const RETRY_CODES = new Set([1012, 1014, 1016]);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const round = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const bump = (obj, key, by = 1) => { obj[key] = (obj[key] || 0) + by; };

// ---------------------------------------------------------------------------------------------
// the node

const nodeBinary = (o) => o.node || e2eNodeBinary();

/**
 * Start a dev node on free loopback ports in a fresh base path; resolves once its RPC answers.
 * `register(node)` is called as soon as the process exists, so that a signal during the start
 * stops it too.
 */
async function startNode(o, register = () => {}) {
  const binary = nodeBinary(o);
  if (!existsSync(binary)) throw new Error(`node binary not found: ${binary} (--node PATH or FLOORPERP_NODE)`);
  const [rpcPort, p2pPort, promPort] = [await freePort(), await freePort(), await freePort()];
  const basePath = mkdtempSync(join(tmpdir(), 'floorperp-load-'));
  const logPath = join(basePath, 'node.log');
  const args = [
    '--dev', '--base-path', basePath, '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    ...(o.metricsEvery > 0 ? ['--prometheus-port', String(promPort)] : ['--no-prometheus']),
    '--no-telemetry', '--no-mdns', '--rpc-max-connections', '200',
    ...o.nodeArgs,
  ];
  const logStream = createWriteStream(logPath);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  let stopping = null;
  const node = {
    binary, args, rpcPort, url: `ws://127.0.0.1:${rpcPort}`, basePath, logPath,
    metricsUrl: o.metricsEvery > 0 ? `http://127.0.0.1:${promPort}/metrics` : null,
    exited: () => exited,
    stop() {
      stopping ||= this.doStop();
      return stopping;
    },
    async doStop() {
      if (exited === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(t);
      }
      await new Promise((r) => logStream.end(r));
      try {
        if (o.log) copyFileSync(logPath, o.log);
      } finally {
        rmSync(basePath, { recursive: true, force: true });
      }
    },
  };
  register(node);
  const deadline = Date.now() + 60_000;
  while (!(await rpcAnswers(rpcPort))) {
    if (exited !== null || Date.now() > deadline) {
      await sleep(200);
      let tail = '';
      try { tail = readFileSync(logPath, 'utf8').slice(-3000); } catch { /* stopped meanwhile */ }
      await node.stop();
      throw new Error(`the node ${exited ? `exited (${JSON.stringify(exited)})` : 'did not answer in 60 s'}; args: ${args.join(' ')}\n${tail}`);
    }
    await sleep(200);
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// sending during the set-up (not measured)

function moduleError(api, dispatchError) {
  if (dispatchError.isModule) {
    const d = api.registry.findMetaError(dispatchError.asModule);
    return `${d.section}.${d.name}`;
  }
  return dispatchError.toString();
}

/** Sign (with `nonce`, or the next one) and send; resolves with the events once in a block. */
function send(api, tx, signer, nonce = -1) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    const done = (f) => { if (unsub) unsub(); else setTimeout(() => unsub && unsub(), 0); f(); };
    tx.signAndSend(signer, { nonce }, ({ status, events, dispatchError }) => {
      if (status.isInBlock || status.isFinalized) {
        if (dispatchError) done(() => reject(new Error(moduleError(api, dispatchError))));
        else done(() => resolve(events));
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        done(() => reject(new Error(`transaction ${status.type}`)));
      }
    }).then((u) => { unsub = u; }).catch(reject);
  });
}

/** The `Sudid` result of a sudo call: throws on an error. */
function checkSudid(api, events, what) {
  for (const { event } of events) {
    if (event.section === 'sudo' && event.method === 'Sudid' && event.data[0].isErr) {
      throw new Error(`${what}: ${moduleError(api, event.data[0].asErr)}`);
    }
  }
}

const findEvent = (events, section, method) =>
  events.map((r) => r.event).find((e) => e.section === section && e.method === method);

/**
 * The load accounts funded (FLOOR and WETH from Alice, in utility batches), a market (a new
 * collection ceded to governance, its index fed by root at 100 WETH, a deep pool at mark = index)
 * and each trading account's margin deposited. Returns { market }.
 */
async function setup(api, alice, accounts, traders, log) {
  // funding: one batch per 50 accounts, all from Alice, sent together
  const calls = accounts.flatMap((a) => [
    api.tx.balances.transferKeepAlive(a.address, FLOOR_FUND.toString()),
    api.tx.assets.transferKeepAlive(WETH, a.address, WETH_FUND.toString()),
  ]);
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const batches = [];
  for (let i = 0; i < calls.length; i += 100) batches.push(calls.slice(i, i + 100));
  // a collection to cede (skipping collection 0: the dev chain's demo feed may report it)
  const next = await api.query.nfts.nextCollectionId();
  const skip = next.isNone || next.unwrap().toNumber() === 0;
  const collectionCfg = {
    settings: 0, maxSupply: null,
    mintSettings: { mintType: 'Issuer', price: null, startBlock: null, endBlock: null, defaultItemSettings: 0 },
  };
  const creates = Array.from({ length: skip ? 2 : 1 }, () => api.tx.nfts.create(alice.address, collectionCfg));
  const sent = batches.map((b) => send(api, api.tx.utility.batchAll(b), alice, nonce++));
  sent.push(send(api, api.tx.utility.batchAll(creates), alice, nonce++));
  const results = await Promise.all(sent);
  const created = results[results.length - 1].map((r) => r.event).filter((e) => e.section === 'nfts' && e.method === 'Created');
  const collection = created[created.length - 1].data.collection.toNumber();
  log(`funded ${accounts.length} accounts (${FLOOR_FUND / UNIT} FLOOR, ${WETH_FUND / UNIT} WETH each) in ${batches.length} batches; collection ${collection}`);

  // cede the collection, feed its index, create the market (one sudo batch)
  const cede = [
    api.tx.nfts.setTeam(collection, alice.address, null, null),
    api.tx.nfts.forceCollectionConfig(collection, { ...collectionCfg, settings: 8, maxSupply: 10 }),
    api.tx.nfts.forceCollectionOwner(collection, custodian(api)),
  ];
  const quote = (POOL_BASE / UNIT) * INDEX;
  const events = await send(api, api.tx.sudo.sudo(api.tx.utility.batchAll([
    ...cede,
    api.tx.floorOracle.feedValues([[collection, INDEX.toString()]]),
    api.tx.floorPerp.createMarket(collection, POOL_BASE.toString(), quote.toString(), MARKET_PARAMS),
  ])), alice);
  checkSudid(api, events, 'market set-up');
  const mc = findEvent(events, 'floorPerp', 'MarketCreated');
  if (!mc) throw new Error('market set-up: no MarketCreated event');
  const market = mc.data.market.toNumber();
  log(`market ${market} on collection ${collection}: index ${INDEX / UNIT} WETH, pool ${POOL_BASE / UNIT} perps`);

  // every trading account deposits its margin
  if (traders.length) {
    await Promise.all(traders.map((t) => send(api, api.tx.floorPerp.deposit(market, DEPOSIT.toString()), t, 0)));
    log(`${traders.length} trading accounts deposited ${DEPOSIT / UNIT} WETH of margin`);
  }
  return { market, collection };
}

/** The keyless account collections are ceded to: `modl` + `flr/coll`, zero padded. */
function custodian(api) {
  const raw = new Uint8Array(32);
  raw.set(new TextEncoder().encode('modlflr/coll'));
  return api.registry.createType('AccountId', raw).toString();
}

// ---------------------------------------------------------------------------------------------
// pre-signing and submitting

/**
 * K extrinsics per account, signed now with explicit nonces and an immortal era. Transfer
 * accounts send 0.001 WETH to the next transfer account; trading accounts alternate an
 * openPosition of 0.01 perps (long for every other trader, short for the rest: the net stays
 * within one trade of zero and the mark at the index) and a closePosition of all of it.
 */
async function presign(api, o, plan, market) {
  const txs = [];
  const transferers = plan.filter((p) => p.kind === 'transfer');
  const signOpts = {
    blockHash: api.genesisHash, genesisHash: api.genesisHash, runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions, version: api.extrinsicType,
  };
  for (const p of plan) {
    const base = (await api.rpc.system.accountNextIndex(p.pair.address)).toNumber();
    const dest = p.kind === 'transfer' ? transferers[(transferers.indexOf(p) + 1) % transferers.length].pair.address : null;
    for (let j = 0; j < o.perAccount; j++) {
      let call;
      if (p.kind === 'transfer') {
        call = api.tx.assets.transferKeepAlive(WETH, dest === p.pair.address ? ALICE : dest, TRANSFER_AMOUNT.toString());
      } else if (j % 2 === 0) {
        const side = p.long ? 'Long' : 'Short';
        call = api.tx.floorPerp.openPosition(market, side, { Base: TRADE_SIZE.toString() }, p.long ? U128_MAX : 0);
      } else {
        call = api.tx.floorPerp.closePosition(market, null, p.long ? 0 : U128_MAX);
      }
      call.sign(p.pair, { nonce: base + j, ...signOpts }); // no era: immortal
      txs.push({ hex: call.toHex(), hash: call.hash.toHex(), kind: p.kind, account: p.index, nonce: base + j, order: j });
    }
  }
  // submission order: round-robin over the accounts, nonce by nonce (as many independent users
  // would arrive): with --in-flight x --connections above the number of accounts, consecutive
  // nonces of one account can be in flight together and reach the pool out of order (futures
  // for a moment)
  txs.sort((a, b) => a.order - b.order || a.account - b.account);
  return txs;
}
let ALICE = null;

/** author_submitExtrinsic for every tx, `inFlight` at a time on each of `conns` connections. */
async function submitAll(conns, txs, o, stats, deadlineAt, log, retryFull = true) {
  const queue = txs.slice();
  let qi = 0;
  const retry = [];
  stats.submitStarted = now();
  const worker = async (provider) => {
    while (now() < deadlineAt) {
      let tx = null;
      if (retry.length && retry[0].at <= now()) tx = retry.shift().tx;
      else if (qi < queue.length) tx = queue[qi++];
      else if (retry.length) { await sleep(50); continue; } else return;
      tx.sentAt = now();
      try {
        await provider.send('author_submitExtrinsic', [tx.hex]);
        tx.accepted = true;
        stats.accepted++;
      } catch (e) {
        const msg = String(e.message || e);
        const code = Number((msg.match(/^(-?\d+):/) || [])[1]);
        if (code === 1013) { tx.accepted = true; stats.accepted++; stats.alreadyImported++; continue; }
        bump(stats.rejectedBy, msg.slice(0, 120));
        if (retryFull && RETRY_CODES.has(code)) { stats.retries++; retry.push({ tx, at: now() + 1000 }); continue; }
        tx.rejected = msg;
        stats.rejected++;
      }
    }
  };
  const workers = [];
  for (const c of conns) for (let k = 0; k < o.inFlight; k++) workers.push(worker(c));
  await Promise.all(workers);
  stats.submitEnded = now();
  const left = queue.length - qi + retry.length;
  if (left) log(`deadline reached with ${left} transactions never accepted by the RPC`);
}

// ---------------------------------------------------------------------------------------------
// following the blocks

function follower(api, byHash, consts, log, quiet) {
  const blocks = [];
  let best = null;
  let next = null;
  let running = null;
  let stopped = false;
  const state = { included: 0, accepted: () => 0, onBlock: () => {} };

  async function processBlock(n) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const [signed, apiAt] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
    const [events, bw] = await Promise.all([apiAt.query.system.events(), apiAt.query.system.blockWeight()]);
    const seenAt = now();
    const exts = signed.block.extrinsics;
    let ts = null;
    const outcome = new Map();
    for (const { phase, event } of events) {
      if (!phase.isApplyExtrinsic) continue;
      const i = phase.asApplyExtrinsic.toNumber();
      if (event.section === 'system' && event.method === 'ExtrinsicSuccess') outcome.set(i, { ok: true, weight: event.data[0].weight.refTime.toBigInt() });
      if (event.section === 'system' && event.method === 'ExtrinsicFailed') outcome.set(i, { ok: false, error: moduleError(api, event.data[0]), weight: event.data[1].weight.refTime.toBigInt() });
    }
    const b = { n, ts: null, ext: exts.length, len: 0, transfer: 0, trade: 0, failed: 0, other: 0, normal: bw.normal.refTime.toBigInt(), seenAt, w: { transfer: 0, trade: 0 } };
    exts.forEach((ex, i) => {
      b.len += ex.encodedLength;
      if (ex.method.section === 'timestamp' && ex.method.method === 'set') ts = Number(ex.method.args[0].toString());
      const tx = byHash.get(ex.hash.toHex());
      if (!tx) { if (ex.isSigned) b.other++; return; }
      if (tx.includedIn !== undefined) return; // (a re-org re-including it: counted once)
      const out = outcome.get(i) || { ok: false, error: 'no outcome event' };
      tx.includedIn = n;
      tx.includedAt = seenAt;
      tx.ok = out.ok;
      tx.error = out.error;
      tx.weight = out.weight;
      state.included++;
      b[tx.kind]++;
      b.w[tx.kind] += Number(out.weight || 0n);
      if (!out.ok) b.failed++;
    });
    b.ts = ts;
    b.pending = state.accepted() - state.included;
    blocks.push(b);
    if (!quiet) {
      const full = Number(b.normal * 1000n / consts.maxNormal) / 10;
      log(`#${n}: ${b.ext} ext (${b.transfer} transfers, ${b.trade} trades${b.failed ? `, ${b.failed} failed` : ''}${b.other ? `, ${b.other} other` : ''}), normal weight ${full}%, ${b.len} B; pending ${b.pending}`);
    }
    state.onBlock(b);
  }

  async function loop() {
    while (!stopped && next !== null && best !== null && next <= best) {
      try {
        await processBlock(next);
        next++;
      } catch (e) {
        if (stopped) return;
        log(`reading block #${next}: ${e.message}; retrying`);
        await sleep(500);
      }
    }
  }
  const kick = () => { if (!running) running = loop().finally(() => { running = null; if (!stopped && best !== null && next <= best) kick(); }); };

  return {
    blocks, state,
    async start() {
      const h = await api.rpc.chain.getHeader();
      best = h.number.toNumber();
      next = best + 1;
      this.unsub = await api.rpc.chain.subscribeNewHeads((head) => { best = Math.max(best, head.number.toNumber()); kick(); });
      return best;
    },
    async stop() {
      // read what is already there, then stop
      if (running) await running;
      const h = await api.rpc.chain.getHeader();
      best = h.number.toNumber();
      await loop();
      stopped = true;
      if (this.unsub) this.unsub();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// txpool metrics of the started node (Prometheus)

async function sampleMetrics(url) {
  try {
    const text = await (await fetch(url, { signal: AbortSignal.timeout(1500) })).text();
    const out = {};
    for (const line of text.split('\n')) {
      // e.g. substrate_sub_txpool_unwatched_txs{chain="dev"} 12 (histograms: their _sum/_count)
      const m = line.match(/^substrate_(sub_txpool_[a-z_]+|ready_transactions_number|block_height)(\{[^}]*\})?\s+([0-9.e+-]+)$/);
      if (!m || /_bucket$/.test(m[1])) continue;
      if (m[1] === 'block_height' && !/status="best"/.test(m[2] || '')) continue;
      const labels = (m[2] || '').replace(/,?chain="[^"]*"/, '').replace(/\{,/, '{').replace(/^\{\}$/, '');
      out[m[1].replace(/^sub_txpool_/, '') + labels] = Number(m[3]);
    }
    return out;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// the summary

function summarize(o, ctx) {
  const { txs, blocks, stats, consts, t0 } = ctx;
  const kinds = o.kinds === 'both' ? ['transfer', 'trade'] : [o.kinds];
  const s = {
    when: new Date().toISOString(),
    params: { accounts: o.accounts, perAccount: o.perAccount, kinds: o.kinds, seconds: o.seconds, minRatio: o.minRatio, connections: o.connections, inFlight: o.inFlight },
    node: ctx.node ? { binary: ctx.node.binary, extraArgs: o.nodeArgs } : { ws: o.ws },
    setupSeconds: round(ctx.setupSeconds, 1),
    submit: {
      presigned: txs.length, accepted: stats.accepted, alreadyImported: stats.alreadyImported,
      rejected: stats.rejected, retries: stats.retries, rejectedBy: stats.rejectedBy,
      seconds: round((stats.submitEnded - stats.submitStarted) / 1000),
      perSecond: round(stats.accepted / ((stats.submitEnded - stats.submitStarted) / 1000), 0),
    },
    included: {}, rates: {}, blocks: {}, capacity: {},
  };
  // per kind: included, failed by error, span
  const tsOf = new Map(blocks.map((b) => [b.n, b.ts]));
  const firstBlock = blocks.length ? blocks[0].n : null;
  const prevTs = (n) => tsOf.get(n - 1) ?? (tsOf.get(n) !== undefined ? tsOf.get(n) - consts.slotMs : null);
  let last = null;
  for (const k of kinds) {
    const mine = txs.filter((t) => t.kind === k);
    const inc = mine.filter((t) => t.includedIn !== undefined);
    const ok = inc.filter((t) => t.ok);
    const failedBy = {};
    for (const t of inc) if (!t.ok) bump(failedBy, t.error);
    const first = inc.length ? Math.min(...inc.map((t) => t.includedIn)) : null;
    const lastN = inc.length ? Math.max(...inc.map((t) => t.includedIn)) : null;
    const spanMs = first !== null ? tsOf.get(lastN) - prevTs(first) : null;
    s.included[k] = {
      submitted: mine.length, included: inc.length, succeeded: ok.length, failed: inc.length - ok.length, failedBy,
      notIncluded: mine.length - inc.length, firstBlock: first, lastBlock: lastN, spanSeconds: round(spanMs / 1000, 1),
    };
    s.rates.bySpan = s.rates.bySpan || {};
    s.rates.bySpan[`${k}sPerSecond`] = spanMs ? round(ok.length / (spanMs / 1000), 1) : 0;
    // the ExtrinsicSuccess weight is what the block is charged (it includes the base extrinsic
    // weight: the normal-class BlockWeight is the sum of these)
    const w = ok.length ? ok.reduce((a, t) => a + t.weight, 0n) / BigInt(ok.length) : null;
    s.capacity[`${k}Weight`] = w === null ? null : Number(w);
    s.capacity[`${k}sPerSecondByWeight`] = w === null ? null : round(Number(consts.maxNormal / w) / (consts.slotMs / 1000), 1);
    if (lastN !== null) last = Math.max(last ?? lastN, lastN);
  }
  // block time per kind, shared by weight (see the header)
  const allInc = txs.filter((t) => t.includedIn !== undefined);
  if (allInc.length) {
    const first = Math.min(...allInc.map((t) => t.includedIn));
    const win = blocks.filter((b) => b.n >= first && b.n <= last);
    const total = Object.fromEntries(kinds.map((k) => [k, win.reduce((a, b) => a + b.w[k], 0)]));
    const totalW = kinds.reduce((a, k) => a + total[k], 0);
    const used = Object.fromEntries(kinds.map((k) => [k, 0]));
    for (const b of win) {
      const dt = (b.ts - (tsOf.get(b.n - 1) ?? b.ts - consts.slotMs)) / 1000;
      const wb = kinds.reduce((a, k) => a + b.w[k], 0);
      for (const k of kinds) used[k] += dt * (wb > 0 ? b.w[k] / wb : totalW > 0 ? total[k] / totalW : 1 / kinds.length);
    }
    for (const k of kinds) {
      const okK = allInc.filter((t) => t.kind === k && t.ok).length;
      s.rates[`${k}sPerSecond`] = used[k] > 0 ? round(okK / used[k], 1) : 0;
      s.rates[`${k}Seconds`] = round(used[k], 1);
    }
  } else {
    for (const k of kinds) s.rates[`${k}sPerSecond`] = 0;
  }
  if (o.kinds === 'both') {
    const t = s.rates.tradesPerSecond;
    const x = s.rates.transfersPerSecond;
    s.rates.ratio = x ? round(t / x, 3) : null;
    s.capacity.ratioByWeight = s.capacity.tradeWeight && s.capacity.transferWeight ? round(s.capacity.transferWeight / s.capacity.tradeWeight, 3) : null;
  }
  s.rates.method = "each kind's succeeded count over the block time it used: the window's block intervals shared by the weight each kind used in them (see the header of load.mjs)";
  // the common window: from the block before the first inclusion to the last inclusion
  const all = txs.filter((t) => t.includedIn !== undefined);
  if (all.length) {
    const first = Math.min(...all.map((t) => t.includedIn));
    const winMs = tsOf.get(last) - prevTs(first);
    s.rates.window = { firstBlock: first, lastBlock: last, seconds: round(winMs / 1000, 1) };
    for (const k of kinds) s.rates.window[`${k}sPerSecond`] = round(all.filter((t) => t.kind === k && t.ok).length / (winMs / 1000), 1);
    s.rates.window.includedPerSecond = round(all.length / (winMs / 1000), 1);
    const win = blocks.filter((b) => b.n >= first && b.n <= last);
    const fullness = win.map((b) => Number(b.normal * 10000n / consts.maxNormal) / 10000);
    const lenFull = win.map((b) => b.len / consts.maxLength);
    const avg = (a) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : null);
    let run = 0;
    let longest = 0;
    let emptyWhilePending = 0;
    for (const b of blocks.filter((bb) => bb.n >= first)) {
      const ours = b.transfer + b.trade;
      if (ours === 0 && b.pending > 0) { emptyWhilePending++; run++; longest = Math.max(longest, run); } else run = 0;
    }
    s.blocks = {
      inWindow: win.length,
      extrinsicsPerBlock: round(avg(win.map((b) => b.ext)), 1),
      loadPerBlock: round(avg(win.map((b) => b.transfer + b.trade)), 1),
      maxLoadPerBlock: Math.max(...win.map((b) => b.transfer + b.trade)),
      fullness: { normalWeightAvg: round(avg(fullness), 3), normalWeightMax: round(Math.max(...fullness), 3), lengthAvg: round(avg(lenFull), 4) },
      blocksWithNoLoadWhilePending: emptyWhilePending,
      longestRunOfSuchBlocks: longest,
      blockSeconds: round(consts.slotMs / 1000, 1),
    };
  }
  s.capacity.maxNormalWeight = Number(consts.maxNormal);
  s.capacity.baseExtrinsicWeight = Number(consts.baseExtrinsic);
  const lastIncludedAt = all.length ? Math.max(...all.map((t) => t.includedAt)) : null;
  const notIncluded = txs.filter((t) => t.includedIn === undefined);
  s.allIncluded = notIncluded.length === 0;
  s.secondsToAllIncluded = s.allIncluded && lastIncludedAt ? round((lastIncludedAt - t0) / 1000, 1) : null;
  s.notIncluded = {
    total: notIncluded.length,
    accepted: notIncluded.filter((t) => t.accepted).length,
    neverAccepted: notIncluded.filter((t) => !t.accepted).length,
  };
  if (ctx.stuck) s.notIncluded.diagnosis = ctx.stuck;
  if (ctx.resubmit) s.resubmit = ctx.resubmit;
  if (ctx.metrics?.length) s.poolMetrics = ctx.metrics;
  s.perBlock = blocks.map((b) => [b.n, b.ts, b.ext, b.transfer, b.trade, b.failed, Number(b.normal * 1000n / consts.maxNormal) / 10, b.len, b.pending]);
  s.perBlockColumns = ['number', 'timestamp', 'extrinsics', 'transfers', 'trades', 'failed', 'normalWeight%', 'bytes', 'pendingAfter'];
  // verdict
  const why = [];
  if (!s.allIncluded) why.push(`${notIncluded.length} transactions not included within ${o.seconds} s (${s.notIncluded.accepted} of them accepted by the pool)`);
  const failed = kinds.reduce((a, k) => a + s.included[k].failed, 0);
  if (failed) why.push(`${failed} included transactions failed: ${JSON.stringify(Object.assign({}, ...kinds.map((k) => s.included[k].failedBy)))}`);
  if (o.kinds === 'both' && s.allIncluded && !(s.rates.ratio >= o.minRatio)) why.push(`ratio ${s.rates.ratio} below --min-ratio ${o.minRatio}`);
  s.ok = why.length === 0;
  s.failures = why;
  return s;
}

/** For the accounts whose transactions did not all get in: the first missing nonce, the chain's nonce. */
async function diagnoseStuck(api, plan, txs, ctx) {
  const missing = txs.filter((t) => t.includedIn === undefined);
  if (!missing.length) return null;
  const accounts = [...new Set(missing.map((t) => t.account))];
  const sample = [];
  let gapAccounts = 0;
  for (const a of accounts) {
    const p = plan[a];
    const chainNonce = (await api.query.system.account(p.pair.address)).nonce.toNumber();
    const mine = missing.filter((t) => t.account === a);
    const first = mine.reduce((x, t) => (t.nonce < x.nonce ? t : x), mine[0]);
    if (chainNonce === first.nonce) gapAccounts++;
    if (sample.length < 5) {
      sample.push({ account: `//load/${a}`, kind: p.kind, chainNonce, firstMissingNonce: first.nonce, firstMissingHash: first.hash, missing: mine.length });
    }
  }
  let pendingRpc = null;
  try { pendingRpc = (await api.rpc.author.pendingExtrinsics()).length; } catch { /* */ }
  return {
    accounts: accounts.length,
    accountsWaitingOnTheirNextNonce: gapAccounts,
    authorPendingExtrinsics: pendingRpc,
    lastMetrics: ctx.metrics?.length ? ctx.metrics[ctx.metrics.length - 1] : null,
    sample,
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`load: ${e.message}`);
    process.exit(2);
  }
  const T = now();
  const log = (m) => console.log(`[load ${((now() - T) / 1000).toFixed(1).padStart(6)} s] ${m}`);
  let node = null;
  const apis = [];
  const conns = [];
  let metricsTimer = null;
  // one clean-up, however many paths ask for it (a signal, an error, the end)
  let cleaning = null;
  const cleanup = () => {
    cleaning ||= (async () => {
      if (metricsTimer) clearInterval(metricsTimer);
      for (const a of apis) await a.disconnect().catch(() => {});
      for (const c of conns) await c.disconnect().catch(() => {});
      if (node) await node.stop();
    })();
    return cleaning;
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup().finally(() => process.exit(130)); });

  let summary;
  try {
    await cryptoWaitReady();
    if (!o.ws) {
      node = await startNode(o, (n) => { node = n; });
      log(`started ${node.binary} at ${node.url}${o.nodeArgs.length ? ` with ${o.nodeArgs.join(' ')}` : ''}`);
    }
    const url = o.ws || node.url;
    const api = await ApiPromise.create({ provider: new WsProvider(url, 1000, {}, 120_000), noInitWarn: true, throwOnConnect: true });
    apis.push(api);
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const alice = keyring.addFromUri('//Alice');
    ALICE = alice.address;
    const key = await api.query.sudo.key();
    if (!key.isSome || key.unwrap().toString() !== alice.address) throw new Error(`${url} is not a floorperp dev chain (sudo is not Alice)`);

    const weights = api.consts.system.blockWeights;
    const slotMs = api.consts.aura?.slotDuration ? Number(api.consts.aura.slotDuration.toString()) : Number(api.consts.timestamp.minimumPeriod.toString()) * 2;
    const consts = {
      maxNormal: weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt(),
      baseExtrinsic: weights.perClass.normal.baseExtrinsic.refTime.toBigInt(),
      maxLength: Number(api.consts.system.blockLength.max.normal.toString()),
      slotMs,
    };

    // accounts: even indices send transfers, odd ones trade (or all one kind)
    const plan = Array.from({ length: o.accounts }, (_, i) => {
      const kind = o.kinds === 'both' ? (i % 2 === 0 ? 'transfer' : 'trade') : o.kinds;
      return { index: i, pair: keyring.addFromUri(`//load/${i}`), kind, long: Math.floor(i / 2) % 2 === 0 };
    });
    const traders = plan.filter((p) => p.kind === 'trade');
    if (o.kinds === 'trade') traders.forEach((p, k) => { p.long = k % 2 === 0; });
    const setupStart = now();
    const existing = await api.query.system.account(plan[0].pair.address);
    if (existing.nonce.toNumber() > 0 || existing.data.free.toBigInt() > 0n) {
      throw new Error('//load/0 is already funded on this chain: use a fresh dev chain (this tool starts one unless --ws)');
    }
    const { market } = await setup(api, alice, plan.map((p) => p.pair), traders.map((p) => p.pair), log);
    const txs = await presign(api, o, plan, market);
    const byHash = new Map(txs.map((t) => [t.hash, t]));
    const setupSeconds = (now() - setupStart) / 1000;
    log(`pre-signed ${txs.length} extrinsics (${o.accounts} accounts x ${o.perAccount}; set-up took ${setupSeconds.toFixed(1)} s)`);

    for (let c = 0; c < o.connections; c++) {
      const p = new WsProvider(url, 1000, {}, 120_000);
      await p.isReady;
      conns.push(p);
    }
    const stats = { accepted: 0, alreadyImported: 0, rejected: 0, retries: 0, rejectedBy: {} };
    const fol = follower(api, byHash, consts, log, o.quiet);
    fol.state.accepted = () => stats.accepted;
    const metrics = [];
    const t0 = now();
    const deadlineAt = t0 + o.seconds * 1000;
    if (node?.metricsUrl) {
      const take = async () => { const m = await sampleMetrics(node.metricsUrl); if (m) metrics.push({ t: round((now() - t0) / 1000, 1), ...m }); };
      await take();
      metricsTimer = setInterval(take, o.metricsEvery * 1000);
    }
    const startBlock = await fol.start();
    log(`submitting from block #${startBlock}: ${o.connections} connections x ${o.inFlight} in flight; deadline ${o.seconds} s`);
    let allIn;
    const allInPromise = new Promise((r) => { allIn = r; });
    fol.state.onBlock = () => { if (fol.state.included === txs.length) allIn(); };
    await submitAll(conns, txs, o, stats, deadlineAt, log);
    log(`submitted: ${stats.accepted} accepted, ${stats.rejected} rejected, ${stats.retries} retries in ${((stats.submitEnded - stats.submitStarted) / 1000).toFixed(1)} s`);
    let resubmit = null;
    if (o.resubmitAfter !== null) {
      const at = t0 + o.resubmitAfter * 1000;
      if (at > now()) await Promise.race([allInPromise, sleep(at - now())]);
      const again = txs.filter((t) => t.includedIn === undefined).map((t) => ({ ...t, accepted: false }));
      if (again.length) {
        const rs = { accepted: 0, alreadyImported: 0, rejected: 0, retries: 0, rejectedBy: {} };
        const oAgain = { ...o, inFlight: Math.min(o.inFlight, 16) };
        await submitAll(conns, again, oAgain, rs, Math.min(deadlineAt, now() + 10_000), log, false);
        resubmit = { atSeconds: round((now() - t0) / 1000, 1), notYetIncluded: again.length, acceptedAsNew: rs.accepted - rs.alreadyImported, alreadyImported: rs.alreadyImported, rejectedBy: rs.rejectedBy };
        log(`resubmitted ${again.length} not yet included: ${JSON.stringify(resubmit)}`);
      }
    }
    const left = deadlineAt - now();
    if (left > 0 && fol.state.included < txs.length) await Promise.race([allInPromise, sleep(left)]);
    await fol.stop();
    if (metricsTimer) { clearInterval(metricsTimer); metricsTimer = null; }
    const ctx = { txs, blocks: fol.blocks, stats, consts, t0, node, setupSeconds, metrics, resubmit };
    ctx.stuck = await diagnoseStuck(api, plan, txs, ctx);
    summary = summarize(o, ctx);
  } catch (e) {
    console.error(`load: ${e.stack || e.message}`);
    await cleanup();
    process.exit(2);
  }
  await cleanup();

  const s = summary;
  const json = JSON.stringify(s, null, 1);
  if (o.json) writeFileSync(o.json, json + '\n');
  const brief = { ...s };
  delete brief.perBlock;
  delete brief.perBlockColumns;
  if (brief.poolMetrics) brief.poolMetrics = `${brief.poolMetrics.length} samples${o.json ? ` (in ${o.json})` : ''}`;
  console.log('== summary');
  console.log(JSON.stringify(brief, null, 1));
  const r = s.rates;
  const b = s.blocks;
  const line = o.kinds === 'both'
    ? `trades/s / transfers/s = ${r.tradesPerSecond} / ${r.transfersPerSecond} = ${r.ratio} (min ${o.minRatio}; by weight ${s.capacity.ratioByWeight})`
    : `${o.kinds}s/s = ${r[`${o.kinds}sPerSecond`]}`;
  console.log(`${line}; ${b.extrinsicsPerBlock ?? '-'} ext/block, normal weight ${b.fullness ? Math.round(b.fullness.normalWeightAvg * 100) : '-'}% full on average; ` +
    `${s.allIncluded ? `all ${s.submit.presigned} included in ${s.secondsToAllIncluded} s` : `${s.notIncluded.total} NOT included within ${o.seconds} s`}` +
    `${s.ok ? '' : ` — FAIL: ${s.failures.join('; ')}`}`);
  process.exit(s.ok ? 0 : 1);
}

main();
