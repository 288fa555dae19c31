// Accounts: browser wallets through the injected-extension standard (polkadot.js extension,
// Talisman, SubWallet: @polkadot/extension-dapp) and, on a dev chain only, the dev accounts
// Alice, Bob and Charlie signed in the page with a keyring.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { createStore } from '../lib/store';
import { chain } from './connection';

export interface Account {
  address: string;
  name: string;
  /** 'dev' for an in-page dev account, else the wallet extension's name. */
  source: string;
}

export interface AccountsState {
  accounts: Account[];
  selected: string | null;
  extension: 'idle' | 'connecting' | 'connected' | 'none' | 'denied';
  extensionNames: string[];
}

const SELECTED_KEY = 'floorperp.account';
export const DEV_NAMES = ['Alice', 'Bob', 'Charlie'];

export const accounts = createStore<AccountsState>({ accounts: [], selected: null, extension: 'idle', extensionNames: [] });

const devPairs = new Map<string, KeyringPair>();

function remembered(): string | null {
  try {
    return window.localStorage.getItem(SELECTED_KEY);
  } catch {
    return null;
  }
}

export function selectAccount(address: string | null): void {
  accounts.update((s) => ({ ...s, selected: address }));
  try {
    if (address) window.localStorage.setItem(SELECTED_KEY, address);
  } catch {
    /* ignore */
  }
}

function merge(list: Account[]): void {
  accounts.update((s) => {
    const byAddress = new Map(s.accounts.map((a) => [a.address, a]));
    for (const a of list) if (!byAddress.has(a.address)) byAddress.set(a.address, a);
    const all = [...byAddress.values()];
    const want = s.selected ?? remembered();
    const selected = want && all.some((a) => a.address === want) ? want : all[0]?.address ?? null;
    return { ...s, accounts: all, selected };
  });
}

/** Adds Alice, Bob and Charlie when the chain is a dev chain (call once connected). */
export function addDevAccounts(): void {
  const c = chain.get();
  if (!c.isDev) return;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: c.ss58 });
  const list = DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`, { name });
    devPairs.set(pair.address, pair);
    return { address: pair.address, name, source: 'dev' };
  });
  merge(list);
}

/** Asks the installed wallet extensions for their accounts. */
export async function connectExtensions(): Promise<void> {
  accounts.update((s) => ({ ...s, extension: 'connecting' }));
  try {
    const { web3Enable, web3Accounts } = await import('@polkadot/extension-dapp');
    const injected = await web3Enable('Floorperp');
    if (injected.length === 0) {
      const hasAny = Object.keys((window as unknown as { injectedWeb3?: object }).injectedWeb3 ?? {}).length > 0;
      accounts.update((s) => ({ ...s, extension: hasAny ? 'denied' : 'none' }));
      return;
    }
    const list = await web3Accounts({ ss58Format: chain.get().ss58 });
    merge(list.map((a) => ({ address: a.address, name: a.meta.name ?? a.address.slice(0, 8), source: a.meta.source })));
    accounts.update((s) => ({ ...s, extension: 'connected', extensionNames: injected.map((i) => i.name) }));
  } catch {
    accounts.update((s) => ({ ...s, extension: 'none' }));
  }
}

/** What `signAndSend` needs for an account: a keyring pair, or the address and its wallet's signer. */
export async function signerFor(address: string): Promise<{ account: KeyringPair | string; signer?: Signer }> {
  const pair = devPairs.get(address);
  if (pair) return { account: pair };
  const { web3FromAddress } = await import('@polkadot/extension-dapp');
  const injector = await web3FromAddress(address);
  return { account: address, signer: injector.signer as Signer };
}

export function accountName(address: string | null | undefined): string {
  if (!address) return '—';
  const a = accounts.get().accounts.find((x) => x.address === address);
  return a ? a.name : `${address.slice(0, 6)}…${address.slice(-4)}`;
}
