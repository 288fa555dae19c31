// The walking skeleton: a real `floorperp-node --dev`, polkadot.js over WebSocket, a signed
// WETH transfer and an NFT mint, checked through events and storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, send, findEvents, waitForBlock, sleep, UNIT } from '../lib/node.js';
import { checkVaultWethUntouchable, marketParams, CUSTODIAN } from '../lib/perp.js';
import { OPEN_COLLECTION, cededConfig, sudoOk, nftOwner } from '../lib/nft.js';

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
  await checkVaultWethUntouchable(api, acc.alice, [acc.bob, acc.charlie]);
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

test('a collection whose Freezer is an ordinary account is refused a market; ceded to governance, it is accepted', async () => {
  // What each role of a collection could do to NFTs escrowed in the vault: its owner lock every
  // item (and re-assign the roles), a Freezer or an Admin lock an escrowed item, an Issuer with
  // an unlocked supply mint collateral without limit. Governance (root) creates markets only on
  // collections whose owner is the keyless custodian, whose Freezer and Admin are nobody else,
  // whose items are transferable and whose supply is locked; the checks run in that order.
  const createMarket = (c) => sudoOk(api, api.tx.floorPerp.createMarket(c, (1_000n * UNIT).toString(), (20_000n * UNIT).toString(), marketParams()), acc.alice);
  const { events } = await send(api, api.tx.nfts.create(acc.alice.address, OPEN_COLLECTION), acc.alice);
  const c = findEvents(events, 'nfts', 'Created')[0].data.collection.toNumber();
  await assert.rejects(createMarket(c + 1000), /sudo: floorPerp\.UnknownCollection$/, 'no such collection');
  // Alice's collection as created: she owns it and holds every role
  await assert.rejects(createMarket(c), /sudo: floorPerp\.CollectionOwnerNotCeded$/);

  // governance takes the ownership but Bob is made its Freezer (Alice stays Issuer, no Admin)
  await sudoOk(api, api.tx.utility.batchAll([
    api.tx.nfts.forceCollectionOwner(c, CUSTODIAN),
    api.tx.nfts.setTeam(c, acc.alice.address, null, acc.bob.address),
  ]), acc.alice);
  assert.equal((await api.query.nfts.collection(c)).unwrap().owner.toString(), CUSTODIAN);
  assert.ok((await api.query.nfts.collectionRoleOf(c, acc.bob.address)).isSome, 'Bob holds a role');
  await assert.rejects(createMarket(c), /sudo: floorPerp\.CollectionRoleNotCeded$/, 'Bob could lock escrowed items');

  // the Freezer role back to nobody: the supply is still open (Alice could mint without limit)
  await sudoOk(api, api.tx.nfts.setTeam(c, acc.alice.address, null, null), acc.alice);
  assert.ok((await api.query.nfts.collectionRoleOf(c, acc.bob.address)).isNone);
  await assert.rejects(createMarket(c), /sudo: floorPerp\.CollectionSupplyNotLocked$/);
  // a locked supply but items that cannot be transferred (TransferableItems = 1 disabled)
  await sudoOk(api, api.tx.nfts.forceCollectionConfig(c, { ...cededConfig(2), settings: 8 | 1 }), acc.alice);
  await assert.rejects(createMarket(c), /sudo: floorPerp\.CollectionNotTransferable$/);

  // transferable items, 2 of them at most: accepted
  await sudoOk(api, api.tx.nfts.forceCollectionConfig(c, cededConfig(2)), acc.alice);
  const { events: created } = await createMarket(c);
  const ev = findEvents(created, 'floorPerp', 'MarketCreated');
  assert.equal(ev.length, 1);
  assert.equal(ev[0].data.collection.toNumber(), c);
  // Alice, still the Issuer, mints up to the locked supply and not beyond
  await send(api, api.tx.utility.batchAll([0, 1].map((i) => api.tx.nfts.mint(c, i, acc.bob.address, null))), acc.alice);
  assert.equal(await nftOwner(api, c, 1), acc.bob.address);
  await assert.rejects(send(api, api.tx.nfts.mint(c, 2, acc.bob.address, null), acc.alice), /nfts\.MaxSupplyReached/);
  // and nobody but governance can change any of it now: Alice is not the owner any more
  await assert.rejects(send(api, api.tx.nfts.setTeam(c, acc.alice.address, acc.alice.address, acc.alice.address), acc.alice), /nfts\.NoPermission/);
});
