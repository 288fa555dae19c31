// Start real floorperp-node processes for the end-to-end tests and connect polkadot.js to them.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { freePort, nodeBinary, rpcAnswers } from './binaries.js';

export { freePort, nodeBinary };

/**
 * The runtime wasm with the next spec_version: $FLOORPERP_UPGRADE_WASM (set by scripts/test),
 * else built (or found in the cache) by scripts/build-upgrade-wasm.
 */
export function upgradeWasm() {
  if (process.env.FLOORPERP_UPGRADE_WASM) return process.env.FLOORPERP_UPGRADE_WASM;
  const script = fileURLToPath(new URL('../../../scripts/build-upgrade-wasm', import.meta.url));
  return execFileSync(script, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * Start a node with `args` (e.g. ['--dev']) on free ports, in a fresh base path.
 * Resolves once its RPC answers; rejects with the node's log if it exits or does not answer
 * within `timeoutMs`.
 */
export async function startNode(args, { timeoutMs = 60_000, binary = nodeBinary(), name = 'node' } = {}) {
  if (!existsSync(binary)) throw new Error(`node binary not found: ${binary} (build it: cargo build --workspace --bins)`);
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), `floorperp-${name}-`));
  const fullArgs = [
    ...args,
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    '--rpc-cors', 'all',
  ];
  const child = spawn(binary, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const onData = (d) => { log += d.toString(); if (log.length > 200_000) log = log.slice(-100_000); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const node = {
    child, rpcPort, p2pPort, basePath, name,
    url: `ws://127.0.0.1:${rpcPort}`,
    log: () => log,
    async stop() {
      if (exited === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(t);
      }
      rmSync(basePath, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (exited !== null) {
      await node.stop();
      throw new Error(`${name} exited (${JSON.stringify(exited)}) before its RPC answered:\n${log.slice(-4000)}`);
    }
    if (await rpcAnswers(rpcPort)) return node;
    if (Date.now() > deadline) {
      await node.stop();
      throw new Error(`${name}: RPC did not answer within ${timeoutMs} ms:\n${log.slice(-4000)}`);
    }
    await sleep(200);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Connect polkadot.js to a node. */
export async function connect(node) {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true, throwOnConnect: true });
  return api;
}

/** The dev accounts (sr25519). */
export async function devAccounts() {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
}

/**
 * Sign and send `tx`, resolve when it is in a block with { events, blockHash }.
 * Rejects with the decoded module error if the extrinsic failed.
 */
export function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    tx.signAndSend(signer, { nonce: -1 }, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock || status.isFinalized) {
        if (unsub) unsub();
        if (dispatchError) {
          let msg = dispatchError.toString();
          if (dispatchError.isModule) {
            const d = api.registry.findMetaError(dispatchError.asModule);
            msg = `${d.section}.${d.name}`;
          }
          const err = new Error(msg);
          err.events = events;
          reject(err);
        } else {
          resolve({ events, blockHash: status.isInBlock ? status.asInBlock : status.asFinalized });
        }
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        if (unsub) unsub();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }).catch(reject);
  });
}

/** Send a call with root origin through sudo. */
export function sudo(api, call, alice) {
  return send(api, api.tx.sudo.sudo(call), alice);
}

/** Find events `section.method` in a list of EventRecords. */
export function findEvents(events, section, method) {
  return events.filter(({ event }) => event.section === section && event.method === method).map(({ event }) => event);
}

/** Wait until the best block number is at least `n`. */
export async function waitForBlock(api, n, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const h = await api.rpc.chain.getHeader();
    if (h.number.toNumber() >= n) return h.number.toNumber();
    if (Date.now() > deadline) throw new Error(`block ${n} not reached in ${timeoutMs} ms`);
    await sleep(500);
  }
}

/** 1 unit with 18 decimals as a BigInt. */
export const UNIT = 10n ** 18n;
