// The chain connection: one ApiPromise for the whole app, the best and finalised block numbers,
// and what kind of chain it is (a dev chain offers the in-page dev accounts).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import { createStore } from '../lib/store';

export const DEFAULT_RPC = 'ws://127.0.0.1:9944';
const RPC_KEY = 'floorperp.rpc';
/** Alice's sr25519 public key (//Alice): the dev chain's sudo key. */
const ALICE_PUBLIC = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';

export interface ChainState {
  status: 'connecting' | 'ready' | 'error' | 'reconnecting';
  endpoint: string;
  api?: ApiPromise;
  error?: string;
  chainName?: string;
  specVersion?: number;
  /** A dev chain: sudo is Alice, or the chain calls itself a development chain. */
  isDev: boolean;
  /** Best block number. */
  head: number;
  finalized: number;
  /** Block time in milliseconds (Aura slot duration). */
  blockMs: number;
  /** Unix ms at which `head` was seen. */
  headAt: number;
  ss58: number;
  /** Identifies this chain run: genesis hash + block #1's hash (a --tmp dev chain reuses its genesis). */
  chainKey: string;
  /** Decimals the chain declares for FLOOR (system properties) and WETH (asset metadata). */
  floorDecimals: number | null;
  wethDecimals: number | null;
}

/** The RPC endpoint: `?rpc=` in the URL, else the last one used, else the local dev chain. */
export function chosenEndpoint(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('rpc');
  if (fromUrl) return fromUrl;
  try {
    return window.localStorage.getItem(RPC_KEY) || DEFAULT_RPC;
  } catch {
    return DEFAULT_RPC;
  }
}

export const chain = createStore<ChainState>({
  status: 'connecting',
  endpoint: chosenEndpoint(),
  isDev: false,
  head: 0,
  finalized: 0,
  blockMs: 6000,
  headAt: Date.now(),
  ss58: 42,
  chainKey: '',
  floorDecimals: null,
  wethDecimals: null,
});

let wsProvider: WsProvider | null = null;

/** The WebSocket provider, for raw RPC calls whose errors are expected (no console noise). */
export function provider(): WsProvider {
  if (!wsProvider) throw new Error('not connected to a chain yet');
  return wsProvider;
}

/** The API once connected (throws before). */
export function api(): ApiPromise {
  const a = chain.get().api;
  if (!a) throw new Error('not connected to a chain yet');
  return a;
}

/** Switch to another endpoint (reloads the page: every view starts afresh). */
export function switchEndpoint(endpoint: string): void {
  try {
    window.localStorage.setItem(RPC_KEY, endpoint);
  } catch {
    /* private mode: the URL parameter still works */
  }
  const url = new URL(window.location.href);
  url.searchParams.set('rpc', endpoint);
  window.location.href = url.toString();
}

export async function connect(): Promise<void> {
  const endpoint = chain.get().endpoint;
  try {
    await cryptoWaitReady();
    const ws = new WsProvider(endpoint, 2_000);
    wsProvider = ws;
    ws.on('disconnected', () => {
      if (chain.get().status === 'ready') chain.update((s) => ({ ...s, status: 'reconnecting' }));
    });
    ws.on('connected', () => {
      if (chain.get().status === 'reconnecting') chain.update((s) => ({ ...s, status: 'ready' }));
    });
    const a = await ApiPromise.create({ provider: ws, noInitWarn: true, throwOnConnect: true });
    const [name, version, sudoKey, slot] = await Promise.all([
      a.rpc.system.chain(),
      a.rpc.state.getRuntimeVersion(),
      a.query.sudo ? a.query.sudo.key() : Promise.resolve(null),
      a.call.auraApi ? a.call.auraApi.slotDuration() : Promise.resolve(null),
    ]);
    const chainName = name.toString();
    const ss58 = a.registry.chainSS58 ?? 42;
    const sudo = sudoKey && (sudoKey as unknown as { isSome: boolean }).isSome ? (sudoKey as unknown as { unwrap(): { toString(): string } }).unwrap().toString() : null;
    const isDev = /development/i.test(chainName) || (sudo !== null && sudo === encodeAddress(ALICE_PUBLIC, ss58));
    const blockMs = slot ? Number(slot.toString()) : 6000;
    const first = await a.rpc.chain.getBlockHash(1);
    // the app's units assume 18 decimals (WETH, perps, FixedU128 prices): read what the chain says
    const [props, wethMeta] = await Promise.all([a.rpc.system.properties(), a.query.assets.metadata(1)]);
    const floorDecimals = props.tokenDecimals.isSome ? Number(props.tokenDecimals.unwrap()[0]?.toString() ?? 18) : null;
    const wethDecimals = Number((wethMeta as unknown as { decimals: { toString(): string } }).decimals.toString());
    const chainKey = `${a.genesisHash.toHex().slice(0, 18)}-${first.toHex().slice(0, 18)}`;
    chain.update((s) => ({ ...s, status: 'ready', api: a, chainName, specVersion: version.specVersion.toNumber(), isDev, blockMs, ss58, chainKey, floorDecimals, wethDecimals }));
    await a.rpc.chain.subscribeNewHeads((h) => {
      chain.update((s) => ({ ...s, head: h.number.toNumber(), headAt: Date.now() }));
    });
    await a.rpc.chain.subscribeFinalizedHeads((h) => {
      chain.update((s) => ({ ...s, finalized: h.number.toNumber() }));
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    chain.update((s) => ({ ...s, status: 'error', error: `Cannot connect to ${endpoint}: ${msg}` }));
  }
}
