// Live auctions of escrowed NFTs: countdown in blocks and time, reserve, best bid, bidding,
// settlement of ended ones.
import { useState } from 'preact/hooks';
import { accountName } from '../chain/accounts';
import { api } from '../chain/connection';
import { submit } from '../chain/tx';
import { allMarkets, auctions, type Auction, type MarketInfo } from '../chain/views';
import { ErrorBox, Loading } from '../components/common';
import { Message, useAction } from '../components/PositionPanel';
import { useAccount, useChain, useChainData } from '../lib/hooks';
import { BILLION, blocksToDuration, formatUnits, max, parseUnits } from '../lib/units';

/** The least the next bid must be: the reserve, or the best bid plus the minimum increment. */
export function minimumBid(a: Auction, m: MarketInfo | undefined): bigint {
  if (!a.bestBid) return a.reserve;
  const inc = m ? (a.bestBid.amount * m.params.auctionMinIncrement + BILLION - 1n) / BILLION : 0n;
  return max(a.reserve, a.bestBid.amount + inc);
}

function AuctionRow({ a, m }: { a: Auction; m: MarketInfo | undefined }) {
  const c = useChain();
  const who = useAccount();
  const act = useAction();
  const minBid = minimumBid(a, m);
  const [bidStr, setBidStr] = useState('');
  const bid = parseUnits(bidStr);
  const left = a.end - c.head;
  const ended = left <= 0;
  return (
    <tr data-testid={`auction-${a.id}`}>
      <td>
        #{a.id} <span class={`badge ${a.kind === 'Liquidation' ? 'bad' : 'ok'}`}>{a.kind === 'Liquidation' ? 'liquidation' : 'voluntary'}</span>
        {a.round > 0 && <span class="muted small"> round {a.round + 1}</span>}
      </td>
      <td>
        NFT #{a.item} <span class="muted small">market {a.market}</span>
        <div class="muted small">owner {accountName(a.owner)}</div>
      </td>
      <td data-testid="time-left">{ended ? <span class="badge warn">ended — settles at #{a.end}</span> : <>{left} blocks · {blocksToDuration(left, c.blockMs)}<div class="muted small">ends at #{a.end.toLocaleString('en-US')}</div></>}</td>
      <td class="num">{formatUnits(a.reserve)} WETH</td>
      <td class="num" data-testid="best-bid">{a.bestBid ? <>{formatUnits(a.bestBid.amount)} WETH<div class="muted small">{accountName(a.bestBid.bidder)}</div></> : <span class="muted">none</span>}</td>
      <td>
        {ended ? (
          <button class="small" disabled={!who || act.busy} onClick={() => who && void act.run(() => submit(`Settle auction #${a.id}`, api().tx.floorPerp.settleAuction(a.id), who), 'Settled.')}>
            Settle
          </button>
        ) : (
          <div class="input-group">
            <input class="short-input" placeholder={formatUnits(minBid)} data-testid="bid-amount" value={bidStr} onInput={(e) => setBidStr(e.currentTarget.value)} aria-label={`Bid on auction ${a.id}`} />
            <button class="small" data-testid="bid" disabled={!who || !bid || bid < minBid || act.busy} onClick={() => who && bid && void act.run(async () => { await submit(`Bid ${formatUnits(bid)} WETH on NFT #${a.item}`, api().tx.floorPerp.bid(a.id, bid.toString()), who); setBidStr(''); }, 'Bid placed: the amount is held in the vault until you are outbid (then refunded).')}>
              Bid
            </button>
          </div>
        )}
        {!ended && <div class="muted small">at least {formatUnits(minBid)} WETH</div>}
        <Message m={act.message} />
      </td>
    </tr>
  );
}

export function AuctionsPage() {
  const data = useChainData(async (a) => {
    const [list, markets] = await Promise.all([auctions(a), allMarkets(a)]);
    return { list, markets: new Map(markets.map((m) => [m.market, m])) };
  }, []);
  if (!data.data) return data.error ? <ErrorBox error={data.error} /> : <Loading what="auctions" />;
  return (
    <section class="card">
      <h2>Auctions</h2>
      <p class="muted small">
        NFTs of liquidated NFT-backed shorts (English auctions in WETH, a new round at a lower reserve if nobody bids) and voluntary sales by their owners. A bid is held in the vault and
        refunded when outbid; the chain settles each auction in its end block.
      </p>
      {data.data.list.length === 0 ? (
        <p class="muted" data-testid="no-auctions">
          No auction right now.
        </p>
      ) : (
        <div class="table-scroll">
          <table data-testid="auctions-table">
            <thead>
              <tr>
                <th>Auction</th>
                <th>NFT</th>
                <th>Time left</th>
                <th class="num">Reserve</th>
                <th class="num">Best bid</th>
                <th>Bid</th>
              </tr>
            </thead>
            <tbody>
              {data.data.list.map((a) => (
                <AuctionRow key={a.id} a={a} m={data.data!.markets.get(a.market)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
