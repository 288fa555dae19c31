// A node that cannot start must fail fast and show why; a missing binary is reported clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startNode } from '../lib/node.js';

test('a node with an unknown chain spec fails at once with its log', async () => {
  const t0 = Date.now();
  await assert.rejects(
    startNode(['--chain', '/nonexistent/spec.json'], { timeoutMs: 30_000, name: 'bad' }),
    (err) => /exited/.test(err.message) && /nonexistent/.test(err.message),
  );
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
});

test('a missing binary is reported with its path', async () => {
  await assert.rejects(
    startNode(['--dev'], { binary: '/nonexistent/floorperp-node' }),
    /node binary not found: \/nonexistent\/floorperp-node/,
  );
});
