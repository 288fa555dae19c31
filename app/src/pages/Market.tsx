// A market: its numbers, mark against index, funding history, the order ticket, the account's
// position and margin.
import { useMemo } from 'preact/hooks';
import { fundingRoundOf, pastFundingRounds, recentEvents, type FundingRound } from '../chain/events';
import { balances, collectionMeta, marketInfo, positionInfo } from '../chain/views';
import { ErrorBox, GuardBadges, Loading, Stat, fundingRate, premium } from '../components/common';
import { OrderTicket } from '../components/OrderTicket';
import { MarginPanel, PositionPanel } from '../components/PositionPanel';
import { PriceChart } from '../components/PriceChart';
import { useAccount, useChain, useChainData } from '../lib/hooks';
import { useAsync, useStore } from '../lib/store';
import { useHistory } from '../lib/useHistory';
import { blocksToDuration, formatUnits, pctFixed, price } from '../lib/units';

function FundingHistory({ market, nextFundingBlock, period }: { market: number; nextFundingBlock: number; period: number }) {
  const c = useChain();
  const live = useStore(recentEvents);
  // rounds before the app connected: read once per market
  const past = useAsync(async () => (c.api ? pastFundingRounds(c.api, market, nextFundingBlock, period, c.head) : { rounds: [], pruned: false }), [c.api, market]);
  const rounds = useMemo(() => {
    const byBlock = new Map<number, FundingRound>();
    for (const r of past.data?.rounds ?? []) byBlock.set(r.block, r);
    for (const e of live) {
      const r = fundingRoundOf(e);
      if (r && r.market === market) byBlock.set(r.block, r);
    }
    return [...byBlock.values()].sort((a, b) => b.block - a.block);
  }, [past.data, live, market]);
  return (
    <section class="card" data-testid="funding-history">
      <h3>Funding history</h3>
      <p class="muted small">
        Every {period} blocks ({blocksToDuration(period, c.blockMs)}); next at #{nextFundingBlock.toLocaleString('en-US')}, in {Math.max(0, nextFundingBlock - c.head)} blocks ({blocksToDuration(nextFundingBlock - c.head, c.blockMs)}).
      </p>
      {rounds.length === 0 ? (
        <p class="muted small">
          {past.loading ? 'Looking for past rounds…' : past.data?.pruned ? 'No funding round in the blocks whose state this node still holds (run it with --state-pruning archive to see older rounds).' : 'No funding round yet.'}
        </p>
      ) : (
        <table class="compact" data-testid="funding-rounds">
          <thead>
            <tr>
              <th>Block</th>
              <th class="num">Mark TWAP</th>
              <th class="num">Index TWAP</th>
              <th>Rate</th>
              <th class="num">Insurance fund</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.block}>
                <td>#{r.block.toLocaleString('en-US')}</td>
                <td class="num">{price(r.markTwap)}</td>
                <td class="num">{price(r.indexTwap)}</td>
                <td class="small">{fundingRate(r.rate, r.indexTwap)}</td>
                <td class="num">{formatUnits(r.insuranceFund)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function MarketPage({ id }: { id: number }) {
  const c = useChain();
  const who = useAccount();
  const data = useChainData(
    async (api) => {
      const [m, pos, bal] = await Promise.all([marketInfo(api, id), who ? positionInfo(api, id, who) : null, who ? balances(api, who) : null]);
      const meta = m ? await collectionMeta(api, m.collection) : null;
      return { m, pos, bal, name: meta?.name ?? '' };
    },
    [id, who],
  );
  const hist = useHistory(c.api, c.chainKey, data.data?.m ?? undefined, c.head);
  if (!data.data) return data.error ? <ErrorBox error={data.error} /> : <Loading what={`market ${id}`} />;
  const { m, pos, bal, name } = data.data;
  if (!m) return <div class="card">Market {id} does not exist on this chain. <a href="#/markets">All markets</a></div>;
  const toFunding = Math.max(0, m.nextFundingBlock - c.head);
  return (
    <div class="market-page" data-testid="market-page" data-market={id}>
      <section class="card market-head">
        <div class="title-row">
          <h2 data-testid="market-name">{name}</h2>
          <span class="muted">market {m.market} · perps on the floor of collection {m.collection}</span>
          <GuardBadges m={m} head={c.head} />
          <a class="button small ghost" href={`#/vault/${m.market}`}>NFT vault →</a>
        </div>
        <div class="stats">
          <Stat label="Mark" testid="stat-mark">{price(m.markPrice)}</Stat>
          <Stat label="Index" testid="stat-index">{price(m.indexPrice)}</Stat>
          <Stat label="Premium">{pctFixed(premium(m), 2)}</Stat>
          <Stat label="Next funding">
            in {toFunding} blocks <span class="muted small">({blocksToDuration(toFunding, c.blockMs)})</span>
          </Stat>
          <Stat label="Last funding rate">
            <span class="small">{fundingRate(m.lastFundingRate, m.indexPrice)}</span>
          </Stat>
          <Stat label="Open interest long / short" testid="stat-oi">
            {formatUnits(m.openInterestLong)} / {formatUnits(m.openInterestShort)}
          </Stat>
          <Stat label="Insurance fund">{formatUnits(m.insuranceFund)} WETH</Stat>
          <Stat label="Long margin now" hint="Margin a new long needs: the initial margin, up to 100% when the market holds too little cash for the longs' claims">
            {pctFixed(m.longMarginRequirement * 1_000_000_000n, 2)}
          </Stat>
        </div>
      </section>
      <div class="columns">
        <div class="main-col">
          <section class="card">
            <h3>Mark vs index</h3>
            <PriceChart mark={hist.mark} index={hist.index} head={c.head} headAt={c.headAt} blockMs={c.blockMs} />
          </section>
          <PositionPanel market={m} position={pos} />
          <FundingHistory market={m.market} nextFundingBlock={m.nextFundingBlock} period={m.params.fundingPeriod} />
        </div>
        <div class="side-col">
          <OrderTicket market={m} position={pos} wethBalance={bal?.weth ?? null} />
          <MarginPanel market={m} position={pos} wethBalance={bal?.weth ?? null} />
        </div>
      </div>
    </div>
  );
}
