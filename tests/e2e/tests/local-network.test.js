// `--chain local`: three validators (Alice, Bob, Charlie) produce and finalise blocks, and the
// local chain's spec keeps the vault's WETH out of every signed account's reach, as the dev
// chain's does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, connect, devAccounts, sleep } from '../lib/node.js';
import { checkVaultWethUntouchable } from '../lib/perp.js';

const nodes = [];
let api, acc;

before(async () => {
  const nodeKey = (i) => String(i + 1).padStart(64, '0');
  const alice = await startNode(['--chain', 'local', '--alice', '--node-key', nodeKey(0), '--validator'], { name: 'alice' });
  nodes.push(alice);
  const boot = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp`;
  for (const [i, who] of [[1, '--bob'], [2, '--charlie']]) {
    nodes.push(await startNode(['--chain', 'local', who, '--validator', '--node-key', nodeKey(i), '--bootnodes', boot], { name: who.slice(2) }));
  }
  api = await connect(alice);
  acc = await devAccounts();
});

after(async () => {
  if (api) await api.disconnect();
  for (const n of nodes) await n.stop();
});

test('a local 3-validator network finalises blocks', async () => {
  const alice = nodes[0];
  const deadline = Date.now() + 90_000;
  let finalised = 0;
  while (Date.now() < deadline) {
    const head = await api.rpc.chain.getFinalizedHead();
    finalised = (await api.rpc.chain.getHeader(head)).number.toNumber();
    if (finalised >= 3) break;
    await sleep(1000);
  }
  assert.ok(finalised >= 3, `finalised only up to ${finalised}\n${alice.log().slice(-3000)}`);
  const peers = (await api.rpc.system.health()).peers.toNumber();
  assert.equal(peers, 2);
  // Aura: the author of a block is authority number (slot mod 3); the slot is in the header's
  // pre-runtime digest.
  const authors = new Set();
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let n = 1; n <= best; n++) {
    const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
    for (const log of header.digest.logs) {
      if (log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura') {
        const slot = api.createType('u64', log.asPreRuntime[1]).toBigInt();
        authors.add(Number(slot % 3n));
      }
    }
  }
  assert.ok(authors.size >= 2, `blocks ${best} authored by validators ${[...authors]}`);
});

test("on the local chain no ordinary account can move the vault's WETH", async () => {
  // the local spec is the one a test network starts from: its WETH roles, too, are held by a
  // keyless account (Alice, Bob and Charlie validate there, nobody holds the sudo key, and no signed
  // origin may force a transfer, burn, freeze or block)
  await checkVaultWethUntouchable(api, acc.alice, [acc.bob, acc.charlie]);
});
