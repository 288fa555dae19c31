// Governance on a live `--chain local` network (three validators, no sudo key): the technical
// committee reaches Root only through the time lock. A 2/3 motion schedules a change; it is
// visible (storage, the `TimelockApi` runtime API with a K change's cost) and refused before
// its enactment block; the scheduler enacts it at that block; a second K change is cancelled;
// the runtime upgrade is authorised that way and applied by an unsigned, free
// `apply_authorized_upgrade`; the node then reports spec_version 101 and the state survived.
//
// The network runs the local preset with one change: `timelock.delay` is 40 blocks (80 s)
// instead of the preset's 150 (5 minutes), so that the test waits for two enactments in about
// three minutes. Everything else is `--chain local` as `build-spec` prints it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, xxhashAsU8a } from '@polkadot/util-crypto';
import { startNode, connect, devAccounts, send, findEvents, waitForBlock, nodeBinary, upgradeWasm, sleep, UNIT } from '../lib/node.js';
import { marketParams, pct } from '../lib/perp.js';
import { createCollections, cedeCalls } from '../lib/nft.js';

const DELAY = 40;
const nodes = [];
let api, acc;

before(async () => {
  // the local spec with a shorter delay (edited as text: JSON.parse would round its 10^24
  // balances)
  const spec = execFileSync(nodeBinary(), ['build-spec', '--chain', 'local'], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  assert.match(spec, /"sudo":\s*\{\s*"key":\s*null\s*\}/, 'the local spec has no sudo key');
  const delay = /("timelock":\s*\{\s*"delay":\s*)150(\s*\})/;
  assert.match(spec, delay, "the local preset's delay: 150 blocks");
  const specPath = join(mkdtempSync(join(tmpdir(), 'floorperp-gov-')), 'local-gov.json');
  writeFileSync(specPath, spec.replace(delay, `$1${DELAY}$2`));

  const nodeKey = (i) => String(i + 1).padStart(64, '0');
  const alice = await startNode(['--chain', specPath, '--alice', '--node-key', nodeKey(0), '--validator'], { name: 'gov-alice' });
  nodes.push(alice);
  const boot = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp`;
  for (const [i, who] of [[1, '--bob'], [2, '--charlie']]) {
    nodes.push(await startNode(['--chain', specPath, who, '--validator', '--node-key', nodeKey(i), '--bootnodes', boot], { name: `gov-${who.slice(2)}` }));
  }
  api = await connect(alice);
  acc = await devAccounts();
});

after(async () => {
  if (api) await api.disconnect();
  for (const n of nodes) await n.stop();
});

const WEIGHT_BOUND = { refTime: 100_000_000_000n, proofSize: 1_000_000n };

/** A committee motion: Alice proposes (threshold 2), Alice and Bob vote aye, Charlie closes. */
async function motion(call) {
  const len = call.method.encodedLength;
  const proposed = await send(api, api.tx.technicalCommittee.propose(2, call, len), acc.alice);
  const p = findEvents(proposed.events, 'technicalCommittee', 'Proposed')[0];
  assert.ok(p, 'Proposed');
  const hash = p.data.proposalHash.toHex();
  const index = p.data.proposalIndex.toNumber();
  await send(api, api.tx.technicalCommittee.vote(hash, index, true), acc.alice);
  await send(api, api.tx.technicalCommittee.vote(hash, index, true), acc.bob);
  const closed = await send(api, api.tx.technicalCommittee.close(hash, index, WEIGHT_BOUND, len), acc.charlie);
  const executed = findEvents(closed.events, 'technicalCommittee', 'Executed')[0];
  assert.ok(executed, 'the motion executed');
  const block = (await api.rpc.chain.getHeader(closed.blockHash)).number.toNumber();
  return { result: executed.data.result, events: closed.events, block };
}

/** Explain a DispatchResult's error. */
function why(result) {
  if (result.isOk) return 'Ok';
  const e = result.asErr;
  if (e.isModule) { const d = api.registry.findMetaError(e.asModule); return `${d.section}.${d.name}`; }
  return e.type;
}

/** A time-locked change through the committee; returns { index, when, block }. */
async function schedule(call) {
  const m = await motion(api.tx.timelock.schedule(call));
  assert.ok(m.result.isOk, `timelock.schedule through the committee: ${why(m.result)}`);
  const s = findEvents(m.events, 'timelock', 'Scheduled')[0];
  const index = s.data.index.toNumber();
  const when = s.data.when.toNumber();
  assert.equal(when, m.block + DELAY, 'enacted DELAY blocks after the motion');
  return { index, when, block: m.block };
}

/** The pending changes, as the runtime API returns them (codec objects). */
const pendingChanges = async () => [...(await api.call.timelockApi.pendingChanges())];

/** The `timelock.Enacted` events of block `n`. */
async function enactedAt(n) {
  const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(n));
  return findEvents(events, 'timelock', 'Enacted');
}

/** The storage version of pallet `name` (`:__STORAGE_VERSION__:`). */
async function storageVersion(name) {
  const key = u8aConcat(xxhashAsU8a(name, 128), xxhashAsU8a(':__STORAGE_VERSION__:', 128));
  const raw = await api.rpc.state.getStorage(u8aToHex(key));
  return api.createType('u16', raw.unwrap()).toNumber();
}

test('the committee governs through the time lock only: upgrade, market and K changes wait for the delay', async () => {
  // no sudo, no instant committee power, no outsider
  assert.ok((await api.query.sudo.key()).isNone, 'no sudo key');
  await assert.rejects(send(api, api.tx.sudo.sudo(api.tx.timelock.setDelay(1)), acc.alice), /sudo\.RequireSudo/);
  await assert.rejects(send(api, api.tx.technicalCommittee.propose(2, api.tx.timelock.schedule(api.tx.system.remark('0x00')), 64), acc.dave), /technicalCommittee\.NotMember/);
  const direct = await motion(api.tx.system.authorizeUpgrade(blake2AsHex(new Uint8Array([1]), 256)));
  assert.equal(why(direct.result), 'BadOrigin', 'a motion is not Root');
  const single = await send(api, api.tx.technicalCommittee.propose(1, api.tx.timelock.schedule(api.tx.system.remark('0x00')), 64), acc.alice);
  assert.equal(why(findEvents(single.events, 'technicalCommittee', 'Executed')[0].data.result), 'BadOrigin', 'one member is not 2/3');

  // 1. the upgrade is authorised through the time lock, and a market created the same way
  const code = readFileSync(upgradeWasm());
  const codeHash = blake2AsHex(code, 256);
  // collection 0 is the local spec's demo feed: the market is written on the next one
  const collection = (await createCollections(api, acc.alice, 2))[1];
  const upgrade = await schedule(api.tx.system.authorizeUpgrade(codeHash));
  const marketCall = api.tx.utility.batchAll([
    ...cedeCalls(api, collection, acc.alice, 10),
    // one report makes an index here (the local quorum is two operators of three)
    api.tx.floorIndex.setRules(1, 300),
    api.tx.floorOracle.feedValues([[collection, (20n * UNIT).toString()]]),
    api.tx.floorPerp.createMarket(collection, (1_000n * UNIT).toString(), (20_000n * UNIT).toString(), marketParams({ maxPriceMove: pct(25) })),
  ]);
  const creation = await schedule(marketCall);

  const pending = await pendingChanges();
  assert.deepEqual(pending.map((c) => c.index.toNumber()), [upgrade.index, creation.index]);
  assert.equal(pending[0].when.toNumber(), upgrade.when);
  assert.equal(pending[0].effect.unwrap().asRuntimeUpgrade.codeHash.toHex(), codeHash, 'the API says which code is authorised');
  assert.equal(pending[1].callLen.toNumber(), marketCall.method.encodedLength);
  assert.equal(pending[1].call.unwrap().toHex(), marketCall.method.toHex(), 'a long call waits in the preimage store');

  // before the delay: nothing authorised, the code refused
  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'not authorised before the delay');
  // (signed, so that the refusal is the dispatch's: an unsigned submission the pool refuses
  // would ban these very bytes for the rest of the test)
  await assert.rejects(send(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)), acc.dave), /system\.NothingAuthorized/);
  assert.equal((await api.query.floorPerp.markets.entries()).length, 0, 'no market yet');

  // at the enactment block
  await waitForBlock(api, creation.when, 200_000);
  for (const c of [upgrade, creation]) {
    const enacted = (await enactedAt(c.when)).filter((e) => e.data.index.toNumber() === c.index);
    assert.equal(enacted.length, 1, `change ${c.index} enacted at block ${c.when}`);
    assert.ok(enacted[0].data.result.isOk, `change ${c.index}: ${why(enacted[0].data.result)}`);
    assert.equal((await enactedAt(c.when - 1)).length, 0, 'not a block earlier');
  }
  assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), codeHash);
  const market = (await api.query.floorPerp.markets.keys())[0].args[0].toNumber();

  // 2. a K change: pending with its cost at the current net position, then enacted; a second
  //    one cancelled. Bob's long makes the net position (and so the cost) non-zero.
  await send(api, api.tx.floorPerp.deposit(market, (100n * UNIT).toString()), acc.bob);
  await send(api, api.tx.floorPerp.openPosition(market, 'Long', { Base: (5n * UNIT).toString() }, (1_000n * UNIT).toString()), acc.bob);
  const kBefore = BigInt((await api.query.vamm.pools(market)).unwrap().k.toString());
  const deepen = await schedule(api.tx.vamm.adjustK(market, (2n * UNIT).toString()));
  const shallow = await schedule(api.tx.vamm.adjustK(market, (UNIT / 2n).toString()));
  const byIndex = Object.fromEntries((await pendingChanges()).map((c) => [c.index.toNumber(), c.effect.unwrap().asKChange]));
  const dk = byIndex[deepen.index];
  assert.equal(dk.market.toNumber(), market);
  assert.equal(dk.preview.unwrap().k.toBigInt(), kBefore);
  assert.equal(dk.preview.unwrap().targetK.toBigInt(), 2n * kBefore);
  assert.ok(dk.preview.unwrap().cost.toBigInt() > 0n, 'deepening under a net long costs the insurance fund');
  assert.ok(byIndex[shallow.index].preview.unwrap().cost.toBigInt() < 0n, 'a shallower pool is a gain');
  const cancel = await motion(api.tx.timelock.cancel(shallow.index));
  assert.ok(cancel.result.isOk, `cancel: ${why(cancel.result)}`);
  assert.equal(findEvents(cancel.events, 'timelock', 'Cancelled').length, 1);
  assert.deepEqual((await pendingChanges()).map((c) => c.index.toNumber()), [deepen.index]);
  assert.ok((await api.query.vamm.kTargets(market)).isNone, 'no K target before the delay');

  await waitForBlock(api, Math.max(deepen.when, shallow.when) + 1, 200_000);
  const enacted = await enactedAt(deepen.when);
  assert.equal(enacted.length, 1);
  assert.ok(enacted[0].data.result.isOk, why(enacted[0].data.result));
  assert.equal(BigInt((await api.query.vamm.kTargets(market)).unwrap().toString()), 2n * kBefore, 'the target is set at enactment');
  assert.equal((await enactedAt(shallow.when)).filter((e) => e.data.index.toNumber() === shallow.index).length, 0, 'the cancelled change never ran');
  assert.equal((await pendingChanges()).length, 0);

  // 3. anyone applies the authorised code, unsigned and free
  const snapshot = async () => ({
    market: (await api.query.floorPerp.markets(market)).toJSON(),
    bob: (await api.query.floorPerp.accounts(market, acc.bob.address)).toJSON(),
    pool: (await api.query.vamm.pools(market)).toJSON(),
  });
  const pre = await snapshot();
  const versions = {};
  for (const p of ['Vamm', 'FloorPerp', 'FloorIndex', 'Timelock']) versions[p] = await storageVersion(p);
  assert.equal(versions.Vamm, 1, 'the vAMM at storage version 1');
  await api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)).send();
  const deadline = Date.now() + 120_000;
  while ((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber() !== 101) {
    assert.ok(Date.now() < deadline, `spec_version 101 not reached:\n${nodes[0].log().slice(-3000)}`);
    await sleep(1000);
  }
  // polkadot.js signs with the version it has seen (a transaction signed for 100 has a "bad
  // signature" on 101): wait until it follows the new runtime, then a block more
  while (api.runtimeVersion.specVersion.toNumber() !== 101) {
    assert.ok(Date.now() < deadline, 'polkadot.js did not follow the upgrade');
    await sleep(500);
  }
  await waitForBlock(api, (await api.rpc.chain.getHeader()).number.toNumber() + 1);
  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'the authorisation is spent');
  const post = await snapshot();
  assert.deepEqual(post.bob, pre.bob);
  assert.equal(post.pool.k, pre.pool.k);
  assert.equal(post.market.totals.openInterestLong, pre.market.totals.openInterestLong);
  for (const p of Object.keys(versions)) assert.equal(await storageVersion(p), versions[p], `${p}'s storage version`);
  // the new runtime keeps governing and trading
  const closed = await send(api, api.tx.floorPerp.closePosition(market, null, 0), acc.bob);
  assert.equal(findEvents(closed.events, 'floorPerp', 'PositionChanged').length, 1);
});
