// The top bar: navigation, the chain's state, the account picker with FLOOR and WETH balances.
import { useState } from 'preact/hooks';
import { accounts, connectExtensions, selectAccount } from '../chain/accounts';
import { switchEndpoint } from '../chain/connection';
import { balances } from '../chain/views';
import { useAccount, useChain, useChainData } from '../lib/hooks';
import { useStore } from '../lib/store';
import { formatUnits, shortAddress } from '../lib/units';

function NetworkStatus() {
  const c = useChain();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(c.endpoint);
  const dot = c.status === 'ready' ? 'ok' : c.status === 'error' ? 'bad' : 'warn';
  const label = {
    connecting: 'connecting…',
    ready: c.chainName ?? 'connected',
    error: 'not connected',
    reconnecting: 'reconnecting…',
  }[c.status];
  if (editing) {
    return (
      <form
        class="network"
        onSubmit={(e) => {
          e.preventDefault();
          switchEndpoint(value.trim());
        }}
      >
        <input class="endpoint-input" value={value} onInput={(e) => setValue(e.currentTarget.value)} aria-label="RPC endpoint" />
        <button type="submit" class="small">Connect</button>
        <button type="button" class="small ghost" onClick={() => setEditing(false)}>Cancel</button>
      </form>
    );
  }
  return (
    <button class="network ghost" title={`RPC ${c.endpoint} — click to change`} onClick={() => setEditing(true)} data-testid="network">
      <span class={`dot ${dot}`} />
      <span>{label}</span>
      {c.status === 'ready' && (
        <span class="muted" data-testid="head">
          #{c.head.toLocaleString('en-US')} <span title="finalised block">(final #{c.finalized.toLocaleString('en-US')})</span>
        </span>
      )}
    </button>
  );
}

function AccountPicker() {
  const s = useStore(accounts);
  const c = useChain();
  const who = useAccount();
  const bal = useChainData(async (api) => (who ? balances(api, who) : null), [who]);
  const groups = new Map<string, typeof s.accounts>();
  for (const a of s.accounts) groups.set(a.source, [...(groups.get(a.source) ?? []), a]);
  return (
    <div class="account">
      {s.accounts.length > 0 ? (
        <select value={who ?? ''} onChange={(e) => selectAccount(e.currentTarget.value)} data-testid="account-select" aria-label="Account">
          {[...groups.entries()].map(([source, list]) => (
            <optgroup key={source} label={source === 'dev' ? 'Dev accounts (this page signs)' : `Wallet: ${source}`}>
              {list.map((a) => (
                <option key={a.address} value={a.address}>
                  {a.name} · {shortAddress(a.address)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      ) : (
        <span class="muted">{c.status === 'ready' ? 'No account' : ''}</span>
      )}
      {s.extension !== 'connected' && (
        <button class="small ghost" onClick={() => void connectExtensions()} disabled={s.extension === 'connecting'} data-testid="connect-wallet">
          {s.extension === 'connecting' ? 'Asking wallet…' : s.extension === 'none' ? 'No wallet found — retry' : s.extension === 'denied' ? 'Wallet refused — retry' : 'Connect wallet'}
        </button>
      )}
      {bal.data && (
        <span class="balances" data-testid="balances">
          <span title="FLOOR pays transaction fees">{formatUnits(bal.data.floor, 2)} FLOOR</span>
          <span data-testid="weth-balance">{formatUnits(bal.data.weth, 4)} WETH</span>
        </span>
      )}
    </div>
  );
}

export function Header({ route }: { route: string[] }) {
  const page = route[0] ?? 'markets';
  const market = route[1] ?? '0';
  const link = (href: string, label: string, active: boolean) => (
    <a href={href} class={active ? 'active' : ''}>
      {label}
    </a>
  );
  return (
    <header class="top">
      <a class="brand" href="#/markets">
        <span class="logo" />
        Floorperp
      </a>
      <nav>
        {link('#/markets', 'Markets', page === 'markets')}
        {link(`#/market/${market}`, 'Trade', page === 'market')}
        {link(`#/vault/${market}`, 'NFT vault', page === 'vault')}
        {link('#/auctions', 'Auctions', page === 'auctions')}
      </nav>
      <div class="spacer" />
      <NetworkStatus />
      <AccountPicker />
    </header>
  );
}
