// The walking skeleton: a real `floorperp-node --dev`, polkadot.js over WebSocket, a signed
// WETH transfer and an NFT mint, checked through events and storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, send, findEvents, waitForBlock, sleep, UNIT } from '../lib/node.js';
import { VAULT } from '../lib/perp.js';

let node, api, acc;

before(async () => {
  node = await startNode(['--dev'], { name: 'dev' });
  api = await connect(node);
  acc = await devAccounts();
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('the dev chain produces blocks every 2 s and finalises them', async () => {
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  const t0 = Date.now();
  await waitForBlock(api, start + 3, 30_000);
  const perBlock = (Date.now() - t0) / 3;
  assert.ok(perBlock < 3500, `blocks take ${perBlock} ms`);
  // GRANDPA's voter starts a few seconds after the node; finality must then follow.
  const deadline = Date.now() + 60_000;
  let finNum = 0;
  while (finNum < 1 && Date.now() < deadline) {
    const fin = await api.rpc.chain.getFinalizedHead();
    finNum = (await api.rpc.chain.getHeader(fin)).number.toNumber();
    if (finNum < 1) await sleep(500);
  }
  assert.ok(finNum >= 1, `finalised ${finNum}`);
  assert.equal(api.runtimeVersion.specName.toString(), 'floorperp');
});

test('WETH (asset 1) exists with its metadata and funds the dev accounts', async () => {
  const meta = await api.query.assets.metadata(1);
  assert.equal(meta.symbol.toUtf8(), 'WETH');
  assert.equal(meta.name.toUtf8(), 'Wrapped Ether');
  assert.equal(meta.decimals.toNumber(), 18);
  const bob = await api.query.assets.account(1, acc.bob.address);
  assert.equal(bob.unwrap().balance.toBigInt(), 100_000n * UNIT);
});

test('a signed assets.transfer moves exactly the amount', async () => {
  const before = (await api.query.assets.account(1, acc.charlie.address)).unwrap().balance.toBigInt();
  const amount = 12n * UNIT + 345n;
  const { events } = await send(api, api.tx.assets.transfer(1, acc.charlie.address, amount), acc.alice);
  const transferred = findEvents(events, 'assets', 'Transferred');
  assert.equal(transferred.length, 1);
  assert.equal(transferred[0].data.amount.toBigInt(), amount);
  const after = (await api.query.assets.account(1, acc.charlie.address)).unwrap().balance.toBigInt();
  assert.equal(after - before, amount);
});

test('a transfer of more WETH than owned fails with BalanceLow and moves nothing', async () => {
  const before = (await api.query.assets.account(1, acc.dave.address)).unwrap().balance.toBigInt();
  await assert.rejects(
    send(api, api.tx.assets.transfer(1, acc.alice.address, before + 1n), acc.dave),
    /assets\.BalanceLow/,
  );
  const after = (await api.query.assets.account(1, acc.dave.address)).unwrap().balance.toBigInt();
  assert.equal(after, before);
});

test("no signed account holds a role of WETH: nobody can take, burn or freeze the vault's WETH", async () => {
  // the vault holds a deposit
  await send(api, api.tx.assets.transfer(1, VAULT, (10n * UNIT).toString()), acc.alice);
  const balance = async () => {
    const a = await api.query.assets.account(1, VAULT);
    return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
  };
  const before = await balance();
  assert.ok(before >= 10n * UNIT);
  const details = (await api.query.assets.asset(1)).unwrap();
  for (const role of ['owner', 'issuer', 'admin', 'freezer']) {
    assert.ok(![acc.alice, acc.bob, acc.charlie].map((k) => k.address).includes(details[role].toString()), `${role} is no dev account`);
  }
  const attacks = [
    api.tx.assets.forceTransfer(1, VAULT, acc.alice.address, UNIT.toString()),
    api.tx.assets.burn(1, VAULT, UNIT.toString()),
    api.tx.assets.freeze(1, VAULT),
    api.tx.assets.block(1, VAULT),
    api.tx.assets.freezeAsset(1),
  ];
  for (const tx of attacks) {
    await assert.rejects(send(api, tx, acc.alice), /assets\.NoPermission|BadOrigin/, tx.method.method);
  }
  assert.equal(await balance(), before, "the vault's WETH did not move");
  const account = (await api.query.assets.account(1, VAULT)).unwrap();
  assert.equal(account.status.toString(), 'Liquid', 'not frozen or blocked');
});

test('nfts.create and nfts.mint give Bob an item', async () => {
  const { events } = await send(
    api,
    api.tx.nfts.create(acc.alice.address, { settings: 0, maxSupply: null, mintSettings: { mintType: 'Issuer', price: null, startBlock: null, endBlock: null, defaultItemSettings: 0 } }),
    acc.alice,
  );
  const created = findEvents(events, 'nfts', 'Created');
  assert.equal(created.length, 1);
  const collection = created[0].data.collection.toNumber();
  const { events: ev2 } = await send(api, api.tx.nfts.mint(collection, 7, acc.bob.address, null), acc.alice);
  assert.equal(findEvents(ev2, 'nfts', 'Issued').length, 1);
  const item = await api.query.nfts.item(collection, 7);
  assert.equal(item.unwrap().owner.toString(), acc.bob.address);
});
