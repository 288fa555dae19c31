// Hooks shared by the pages: the chain, the head block, the selected account, the route.
import { useEffect, useState } from 'preact/hooks';
import type { ApiPromise } from '@polkadot/api';
import { chain, type ChainState } from '../chain/connection';
import { accounts } from '../chain/accounts';
import { useAsync, useStore, type Async } from './store';

export function useChain(): ChainState {
  return useStore(chain);
}

/** The selected account's address (null: none). */
export function useAccount(): string | null {
  return useStore(accounts).selected;
}

/** Runs `fn(api)` on connection and again at every new block (and when `deps` change). */
export function useChainData<T>(fn: (api: ApiPromise, head: number) => Promise<T>, deps: unknown[]): Async<T> {
  const c = useChain();
  return useAsync(async () => {
    if (!c.api) throw new Error('not connected');
    return fn(c.api, c.head);
  }, [c.api, c.head, ...deps]);
}

/** The hash route split in parts: '#/market/0' → ['market', '0']. */
export function useRoute(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Seconds since `t` (ms), refreshed every second. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
