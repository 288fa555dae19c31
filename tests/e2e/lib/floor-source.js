// Start the real local floor-price source (`tools/floor-source`) for the end-to-end tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { floorSourceBinary } from './binaries.js';

export { floorSourceBinary };

/**
 * Start a floor source on a free port serving `collections` ({ id: price }); resolves with
 * { port, url(id), set(id, price), fail(id, mode), stop() } once it listens.
 */
export async function startFloorSource(collections = {}) {
  const binary = floorSourceBinary();
  if (!existsSync(binary)) throw new Error(`floor-source not found: ${binary} (cargo build --workspace --bins)`);
  const args = ['--port', '0', ...Object.entries(collections).flatMap(([id, p]) => ['--collection', `${id}=${p}`])];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const port = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`floor-source did not start: ${out}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = out.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(t); resolve(Number(m[1])); }
    });
    child.stderr.on('data', (d) => { out += d.toString(); });
    child.on('exit', (code) => { clearTimeout(t); reject(new Error(`floor-source exited ${code}: ${out}`)); });
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (path) => {
    const res = await fetch(`${base}${path}`, { method: 'POST' });
    if (!res.ok) throw new Error(`floor-source ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    port,
    url: (id) => `${base}/collections/${id}/floor`,
    set: (id, price) => post(`/collections/${id}/floor?price=${price}`),
    fail: (id, mode) => post(`/collections/${id}/fail?mode=${mode}`),
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
}
