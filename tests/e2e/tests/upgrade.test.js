// Runtime upgrade on a live node: governance (root through sudo) replaces the runtime with
// `set_code` by a build of the same runtime with the next `spec_version`
// (`scripts/build-upgrade-wasm`); markets, positions, escrowed NFTs and the vAMM's K survive,
// the node reports the new version, and trading goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { startNode, connect, devAccounts, send, sudo, findEvents, waitForBlock, upgradeWasm, UNIT } from '../lib/node.js';
import { marketParams, pct } from '../lib/perp.js';
import { cededCollections } from '../lib/nft.js';

let node, api, acc;

/** Every key and value of the best block's state but `:code`, as JSON, to `path`. */
async function dumpState(api, path) {
  const at = (await api.rpc.chain.getHeader()).hash;
  const pairs = [];
  let start;
  for (;;) {
    const keys = await api.rpc.state.getKeysPaged('0x', 1000, start, at);
    if (keys.length === 0) break;
    const values = await api.rpc.state.queryStorageAt(keys, at);
    keys.forEach((k, i) => {
      if (k.toHex() !== '0x3a636f6465' && values[i].isSome) pairs.push([k.toHex(), values[i].unwrap().toHex()]);
    });
    start = keys[keys.length - 1];
    if (keys.length < 1000) break;
  }
  writeFileSync(path, JSON.stringify({ block: at.toHex(), pairs }));
}

before(async () => {
  node = await startNode(['--dev'], { name: 'upgrade' });
  api = await connect(node);
  acc = await devAccounts();
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('set_code by governance upgrades the runtime; state survives and trading goes on', async () => {
  const wasmPath = upgradeWasm();
  const before = await api.rpc.state.getRuntimeVersion();
  assert.equal(before.specVersion.toNumber(), 100);

  // state worth keeping: an NFT collection (ceded to governance, its custodian the owner, Alice
  // its Issuer) with an escrowed Ocelot, a market with positions
  const [collection] = await cededCollections(api, acc.alice, 1, { maxSupply: 1 });
  await send(api, api.tx.nfts.mint(collection, 7, acc.alice.address, null), acc.alice);
  await sudo(api, api.tx.floorOracle.feedValues([[collection, (20n * UNIT).toString()]]), acc.alice);
  const mk = await sudo(api, api.tx.floorPerp.createMarket(collection, (1_000n * UNIT).toString(), (20_000n * UNIT).toString(), marketParams({ maxPriceMove: pct(25) })), acc.alice);
  const market = findEvents(mk.events, 'floorPerp', 'MarketCreated')[0].data.market.toNumber();
  await send(api, api.tx.floorPerp.depositNft(market, 7), acc.alice);
  await send(api, api.tx.floorPerp.deposit(market, (100n * UNIT).toString()), acc.bob);
  await send(api, api.tx.floorPerp.openPosition(market, 'Long', { Base: (2n * UNIT).toString() }, (1_000n * UNIT).toString()), acc.bob);

  const snapshot = async () => ({
    market: (await api.query.floorPerp.markets(market)).toJSON(),
    bob: (await api.query.floorPerp.accounts(market, acc.bob.address)).toJSON(),
    alice: (await api.query.floorPerp.accounts(market, acc.alice.address)).toJSON(),
    escrow: (await api.query.floorPerp.escrow(market, 7)).toJSON(),
    pool: (await api.query.vamm.pools(market)).toJSON(),
    nftOwner: (await api.query.nfts.item(collection, 7)).toJSON().owner,
  });
  const pre = await snapshot();
  assert.ok(pre.escrow, 'NFT escrowed');
  // the state the try-runtime test migrates (runtime/tests/live_upgrade.rs)
  await dumpState(api, process.env.FLOORPERP_SNAPSHOT ?? join(tmpdir(), 'floorperp-dev-snapshot.json'));
  assert.notEqual(pre.bob.position, null);

  // the upgrade: root (the governance origin) through sudo, unchecked weight (set_code is heavy)
  const code = u8aToHex(readFileSync(wasmPath));
  const timeout = new Promise((_, reject) => setTimeout(
    () => reject(new Error(`set_code not included within 120 s:\n${node.log().slice(-3000)}`)), 120_000).unref());
  const { events } = await Promise.race([
    send(api, api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(code), { refTime: 0, proofSize: 0 }), acc.alice),
    timeout,
  ]).catch((e) => { throw new Error(`set_code failed: ${e.message}\n${node.log().slice(-3000)}`); });
  // The events of the set_code block are decoded while polkadot.js switches to the new
  // runtime's metadata and may come back empty; when they are there they must say so.
  const sudid = findEvents(events, 'sudo', 'Sudid');
  if (sudid.length > 0) {
    const result = sudid[0].data[0];
    if (result.isErr) {
      const e = result.asErr;
      const why = e.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(e.asModule)) : e.toString();
      assert.fail(`set_code refused: ${why} (wasm ${wasmPath})`);
    }
    assert.equal(findEvents(events, 'system', 'CodeUpdated').length, 1, 'CodeUpdated');
  }

  // the next block runs the new code
  const h = await api.rpc.chain.getHeader();
  await waitForBlock(api, h.number.toNumber() + 2);
  const after = await api.rpc.state.getRuntimeVersion();
  assert.equal(after.specVersion.toNumber(), 101, 'the node reports the new spec_version');
  assert.equal(after.specName.toString(), 'floorperp');
  const lastUpgrade = (await api.query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(lastUpgrade.specVersion.toNumber(), 101);

  // everything survived, and trading goes on (polkadot.js follows the new metadata)
  const post = await snapshot();
  assert.deepEqual(post.escrow, pre.escrow);
  assert.deepEqual(post.bob, pre.bob);
  assert.deepEqual(post.alice, pre.alice);
  assert.equal(post.pool.k, pre.pool.k, 'K survived');
  assert.equal(post.nftOwner, pre.nftOwner);
  assert.ok(BigInt(pre.market.totals.openInterestLong) > 0n, 'a position was open before the upgrade');
  assert.equal(post.market.totals.openInterestLong, pre.market.totals.openInterestLong);
  const closed = await send(api, api.tx.floorPerp.closePosition(market, null, 0), acc.bob);
  assert.equal(findEvents(closed.events, 'floorPerp', 'PositionChanged').length, 1);
  await send(api, api.tx.floorPerp.withdrawNft(market, 7), acc.alice);
  assert.equal((await api.query.nfts.item(collection, 7)).toJSON().owner, acc.alice.address);
});
