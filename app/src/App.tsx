// Layout and routes: #/markets, #/market/:id, #/vault/:id, #/auctions.
import { Header } from './components/Header';
import { TxPanel } from './components/TxPanel';
import { AuctionsPage } from './pages/Auctions';
import { MarketPage } from './pages/Market';
import { MarketsPage } from './pages/Markets';
import { VaultPage } from './pages/Vault';
import { useChain, useRoute } from './lib/hooks';
import { DEFAULT_RPC } from './chain/connection';

function Page({ route }: { route: string[] }) {
  const [page = 'markets', arg = '0'] = route;
  const id = Number.parseInt(arg, 10) || 0;
  switch (page) {
    case 'market':
      return <MarketPage id={id} />;
    case 'vault':
      return <VaultPage id={id} />;
    case 'auctions':
      return <AuctionsPage />;
    default:
      return <MarketsPage />;
  }
}

export function App() {
  const route = useRoute();
  const c = useChain();
  return (
    <>
      <Header route={route} />
      <main>
        {c.status === 'error' && (
          <div class="card error-box" data-testid="connect-error">
            <p>{c.error}</p>
            <p class="muted small">
              Start a dev chain with <code>scripts/run-dev</code> (RPC {DEFAULT_RPC}), or open this page with <code>?rpc=ws://host:port</code>, or click the network button to change it.
            </p>
          </div>
        )}
        {c.status === 'ready' && (c.wethDecimals !== 18 || (c.floorDecimals !== null && c.floorDecimals !== 18)) && (
          <div class="card error-box">
            This chain declares {c.wethDecimals} decimals for WETH and {c.floorDecimals} for FLOOR; this app shows amounts with 18 (the Floorperp runtime's). Amounts may be shown wrongly.
          </div>
        )}
        {c.status === 'connecting' && <div class="muted loading">Connecting to {c.endpoint}…</div>}
        {c.api && <Page route={route} />}
      </main>
      <TxPanel />
    </>
  );
}
