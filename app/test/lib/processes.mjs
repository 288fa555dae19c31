// The processes of the browser test, each on a free port and stopped afterwards: a dev node
// (as tests/e2e/lib/node.js starts one), the local floor source (tests/e2e/lib/floor-source.js),
// the app's built bundle served by `vite preview`, and the demo set-up of tests/e2e/demo.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// the node binary, the floor source and free ports are found as the e2e suite finds them
import { floorSourceBinary as e2eFloorSourceBinary, freePort, nodeBinary } from '../../../tests/e2e/lib/binaries.js';

export { freePort, nodeBinary };

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_DIR = join(APP_DIR, '..');
/** The floor source: $FLOOR_SOURCE_BIN, else as the e2e suite finds it ($FLOOR_SOURCE, the build). */
export const floorSourceBinary = () => process.env.FLOOR_SOURCE_BIN || e2eFloorSourceBinary();
/** Debian's Chromium (apt-get install chromium), or $CHROMIUM_BIN. */
export const chromiumBinary = () => process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A child process whose output is kept (the last 200 kB) and that can be stopped. */
function track(child, name) {
  let log = '';
  const onData = (d) => {
    log += d.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  return {
    child,
    name,
    log: () => log,
    exited: () => exited,
    async stop(signal = 'SIGINT') {
      if (exited === null && child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(t);
      }
    },
  };
}

async function httpAnswers(url, body) {
  try {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntil(proc, check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (proc.exited() !== null) throw new Error(`${proc.name} exited (${JSON.stringify(proc.exited())}) before ${what}:\n${proc.log().slice(-4000)}`);
    if (await check()) return;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${proc.name}: ${what} not within ${timeoutMs} ms:\n${proc.log().slice(-4000)}`);
    }
    await sleep(200);
  }
}

/** `floorperp-node --dev` on free ports in a fresh base path; resolves once its RPC answers. */
export async function startNode({ timeoutMs = 60_000 } = {}) {
  const binary = nodeBinary();
  if (!existsSync(binary)) throw new Error(`node binary not found: ${binary} (build it: cargo build --workspace --bins, or set FLOORPERP_NODE)`);
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), 'floorperp-app-'));
  const args = ['--dev', '--base-path', basePath, '--rpc-port', String(rpcPort), '--port', String(p2pPort), '--no-prometheus', '--no-telemetry', '--no-mdns', '--rpc-cors', 'all'];
  const proc = track(spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }), 'floorperp-node');
  const node = {
    ...proc,
    rpcPort,
    url: `ws://127.0.0.1:${rpcPort}`,
    async stop() {
      await proc.stop('SIGINT');
      rmSync(basePath, { recursive: true, force: true });
    },
  };
  await waitUntil(proc, () => httpAnswers(`http://127.0.0.1:${rpcPort}`, { id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }), timeoutMs, 'its RPC answered');
  return node;
}

/** The local floor source on a free port (`--port 0` prints the port it took). */
export async function startFloorSource(collections = { 0: '20' }) {
  const binary = floorSourceBinary();
  if (!existsSync(binary)) throw new Error(`floor-source not found: ${binary} (cargo build --workspace --bins, or set FLOOR_SOURCE_BIN)`);
  const args = ['--port', '0', ...Object.entries(collections).flatMap(([id, p]) => ['--collection', `${id}=${p}`])];
  const proc = track(spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }), 'floor-source');
  let port = null;
  await waitUntil(proc, async () => {
    const m = proc.log().match(/listening on 127\.0\.0\.1:(\d+)/);
    if (m) port = Number(m[1]);
    return port !== null;
  }, 10_000, 'it listened');
  const base = `http://127.0.0.1:${port}`;
  const post = async (path) => {
    const res = await fetch(`${base}${path}`, { method: 'POST' });
    if (!res.ok) throw new Error(`floor-source ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    ...proc,
    port,
    base,
    url: (id) => `${base}/collections/${id}/floor`,
    set: (id, price) => post(`/collections/${id}/floor?price=${price}`),
    stop: () => proc.stop('SIGKILL'),
  };
}

/** The built app (dist/) served by `vite preview` on a free port. */
export async function startPreview() {
  if (!existsSync(join(APP_DIR, 'dist/index.html'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const port = await freePort();
  const vite = join(APP_DIR, 'node_modules/vite/bin/vite.js');
  const proc = track(spawn(process.execPath, [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: APP_DIR, stdio: ['ignore', 'pipe', 'pipe'] }), 'vite preview');
  const url = `http://127.0.0.1:${port}/`;
  await waitUntil(proc, () => httpAnswers(url), 30_000, 'it served the app');
  return { ...proc, url, stop: () => proc.stop('SIGTERM') };
}

/**
 * The demo market of the dev chain (collection 0 "Awful Hot Ocelots", Ocelots #0..#9 to Alice,
 * market 0 at mark = index): tests/e2e/demo.mjs --setup-only, as scripts/run-dev runs it.
 */
export async function setupDemo(wsUrl, sourceBase) {
  const script = join(REPO_DIR, 'tests/e2e/demo.mjs');
  if (!existsSync(join(REPO_DIR, 'tests/e2e/node_modules/@polkadot/api'))) {
    throw new Error('tests/e2e/node_modules is missing: the demo set-up runs tests/e2e/demo.mjs (npm ci --prefix tests/e2e, or scripts/setup)');
  }
  const proc = track(spawn(process.execPath, [script, '--setup-only'], { env: { ...process.env, FLOORPERP_WS: wsUrl, FLOOR_SOURCE_URL: sourceBase }, stdio: ['ignore', 'pipe', 'pipe'] }), 'demo set-up');
  const code = await new Promise((r) => proc.child.on('exit', r));
  if (code !== 0) throw new Error(`demo set-up failed (${code}):\n${proc.log()}`);
  return proc.log();
}
