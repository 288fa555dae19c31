// Where the built binaries are, a free port to run them on and whether a node's RPC answers:
// shared by the e2e suite, the web app's browser test (app/test) and the load generator
// (tools/load). No dependencies.
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The shared build directory: $CARGO_TARGET_DIR, else ~/.cache/floorperp/target. */
export function targetDir() {
  return process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/floorperp/target');
}

/** The node binary: $FLOORPERP_NODE, or the debug build in the shared target dir. */
export function nodeBinary() {
  return process.env.FLOORPERP_NODE || join(targetDir(), 'debug/floorperp-node');
}

/** The local floor source: $FLOOR_SOURCE, or the debug build in the shared target dir. */
export function floorSourceBinary() {
  return process.env.FLOOR_SOURCE || join(targetDir(), 'debug/floor-source');
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether the node's RPC on 127.0.0.1:`port` answers (`system_health` over HTTP). */
export async function rpcAnswers(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}
