// Every market: mark, index, premium, funding, open interest, insurance fund, guard rails.
import { allMarkets, collectionMeta } from '../chain/views';
import { ErrorBox, GuardBadges, Loading, fundingRate, premium } from '../components/common';
import { useChain, useChainData } from '../lib/hooks';
import { blocksToDuration, formatUnits, pctFixed, price } from '../lib/units';

export function MarketsPage() {
  const c = useChain();
  const data = useChainData(async (api) => {
    const markets = await allMarkets(api);
    const names = await Promise.all(markets.map((m) => collectionMeta(api, m.collection)));
    return markets.map((m, i) => ({ m, name: names[i]!.name }));
  }, []);
  if (!data.data) return data.error ? <ErrorBox error={data.error} /> : <Loading what="markets" />;
  if (data.data.length === 0) {
    return (
      <section class="card">
        <h2>Markets</h2>
        <p class="muted">No market on this chain yet. On a dev chain, <code>scripts/run-dev</code> sets up market 0 on “Awful Hot Ocelots”.</p>
      </section>
    );
  }
  return (
    <section class="card">
      <h2>Markets</h2>
      <div class="table-scroll">
        <table class="markets" data-testid="markets-table">
          <thead>
            <tr>
              <th>Market</th>
              <th class="num">Mark</th>
              <th class="num">Index</th>
              <th class="num">Premium</th>
              <th>Next funding</th>
              <th>Last funding rate</th>
              <th class="num">Open interest long / short</th>
              <th class="num">Insurance fund</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.data.map(({ m, name }) => {
              const toFunding = Math.max(0, m.nextFundingBlock - c.head);
              return (
                <tr key={m.market} data-testid={`market-row-${m.market}`}>
                  <td>
                    <a href={`#/market/${m.market}`}>
                      <strong>{name}</strong>
                    </a>
                    <div class="muted small">
                      market {m.market} · collection {m.collection}
                    </div>
                  </td>
                  <td class="num" data-testid="mark">{price(m.markPrice)}</td>
                  <td class="num" data-testid="index">{price(m.indexPrice)}</td>
                  <td class="num">{pctFixed(premium(m), 2)}</td>
                  <td>
                    #{m.nextFundingBlock.toLocaleString('en-US')}
                    <div class="muted small">
                      in {toFunding} blocks · {blocksToDuration(toFunding, c.blockMs)}
                    </div>
                  </td>
                  <td class="small">{fundingRate(m.lastFundingRate, m.indexPrice)}</td>
                  <td class="num">
                    {formatUnits(m.openInterestLong)} / {formatUnits(m.openInterestShort)}
                  </td>
                  <td class="num">{formatUnits(m.insuranceFund)} WETH</td>
                  <td>
                    <GuardBadges m={m} head={c.head} />
                  </td>
                  <td>
                    <a class="button small" href={`#/market/${m.market}`}>
                      Trade
                    </a>{' '}
                    <a class="button small ghost" href={`#/vault/${m.market}`}>
                      Vault
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="muted small">
        Prices in WETH per perp (one perp = one NFT of the collection). Funding every period: the premium of the mark's TWAP over the index's TWAP, capped at{' '}
        {data.data[0] ? pctFixed(data.data[0].m.params.maxFundingPremiumPerDay * 1_000_000_000n, 0) : '10%'} of the index per day.
      </p>
    </section>
  );
}
