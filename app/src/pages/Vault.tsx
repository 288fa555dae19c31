// The hedger's page: NFTs of the market's collection in the wallet and in the vault, lock and
// unlock, perps sold against them and bought back, the cover gauge (c + n·i against |q|·i), the
// index at which the short would be liquidated, funding paid in kind, voluntary auctions.
import { useState } from 'preact/hooks';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { api } from '../chain/connection';
import { batch, submit } from '../chain/tx';
import { balances, collectionMeta, escrowedNfts, marketInfo, positionInfo, tradeQuote, walletNfts, type MarketInfo, type Nft, type PositionInfo } from '../chain/views';
import { ErrorBox, GuardBadges, Loading, Row, Stat } from '../components/common';
import { Message, closeLimit, useAction } from '../components/PositionPanel';
import { useAccount, useChain, useChainData } from '../lib/hooks';
import { ONE, abs, formatUnits, max, mulDiv, parseUnits, pctFixed, price, toFloat } from '../lib/units';

/** A generated picture for NFTs without an image: the collection's colour and the item number. */
function Placeholder({ item, label }: { item: number; label: string }) {
  const hue = (item * 47) % 360;
  return (
    <svg viewBox="0 0 100 100" class="nft-img" role="img" aria-label={label}>
      <defs>
        <linearGradient id={`g${item}`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color={`hsl(${hue},70%,45%)`} />
          <stop offset="1" stop-color={`hsl(${(hue + 60) % 360},70%,30%)`} />
        </linearGradient>
      </defs>
      <rect width="100" height="100" fill={`url(#g${item})`} />
      <text x="50" y="58" text-anchor="middle" font-size="28" fill="white" font-family="sans-serif">
        #{item}
      </text>
    </svg>
  );
}

function NftCard({ nft, children, testid }: { nft: Nft; children?: preact.ComponentChildren; testid: string }) {
  return (
    <div class="nft" data-testid={testid} data-item={nft.item}>
      {nft.image ? <img class="nft-img" src={nft.image} alt={nft.name} loading="lazy" /> : <Placeholder item={nft.item} label={nft.name} />}
      <div class="nft-name">{nft.name}</div>
      {children}
    </div>
  );
}

/** The cover gauge: cash + NFTs × index against |position| × index. */
function CoverGauge({ m, p }: { m: MarketInfo; p: PositionInfo | null }) {
  const index = m.indexPrice;
  if (!p || index === null) return <p class="muted">No NFTs locked and no short: nothing to cover.</p>;
  const cover = p.nftCoverValue ?? p.cash + mulDiv(BigInt(p.nftCount) * ONE, index, ONE);
  const liability = p.nftLiability ?? (p.size < 0n ? mulDiv(abs(p.size), index, ONE, true) : 0n);
  const ratio = cover > 0n ? Math.min(1, toFloat(liability) / toFloat(cover)) : liability > 0n ? 1 : 0;
  // NFTs alone covering the short (no liquidation index) is safe at any floor
  const safe = p.size >= 0n || (p.liquidationPrice === null && BigInt(p.nftCount) * ONE >= abs(p.size));
  const level = safe ? 'ok' : ratio >= 1 ? 'bad' : ratio > 0.9 ? 'warn' : 'ok';
  return (
    <div class="gauge" data-testid="cover-gauge">
      <div class="gauge-bar">
        <div class={`gauge-fill ${level}`} style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      <div class="gauge-legend">
        <span>
          Liability |q|·i <strong data-testid="liability">{formatUnits(liability)} WETH</strong>
        </span>
        <span>
          Cover c + n·i <strong data-testid="cover">{formatUnits(cover)} WETH</strong>
        </span>
      </div>
      <p class="muted small">
        {formatUnits(p.cash)} WETH cash + {p.nftCount} NFTs × {price(index)} index against {formatUnits(abs(p.size < 0n ? p.size : 0n))} perps × {price(index)}. Liquidated only when the liability
        exceeds the cover — on the index, never on a mark spike.
      </p>
    </div>
  );
}

export function VaultPage({ id }: { id: number }) {
  const c = useChain();
  const who = useAccount();
  const act = useAction();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [sellStr, setSellStr] = useState('');
  const [buyStr, setBuyStr] = useState('');
  const [reserveStr, setReserveStr] = useState<Record<number, string>>({});
  const data = useChainData(
    async (a) => {
      const m = await marketInfo(a, id);
      if (!m || !who) return { m, pos: null, wallet: [], escrow: [], name: '', bal: null };
      const [pos, wallet, escrow, meta, bal] = await Promise.all([
        positionInfo(a, id, who),
        walletNfts(a, m.collection, who),
        escrowedNfts(a, id, m.collection, who),
        collectionMeta(a, m.collection),
        balances(a, who),
      ]);
      return { m, pos, wallet, escrow, name: meta.name, bal };
    },
    [id, who],
  );
  const sellAmount = parseUnits(sellStr);
  const sellQuote = useChainData(async (a) => (sellAmount && sellAmount > 0n ? tradeQuote(a, id, 'Short', { Base: sellAmount }) : null), [id, sellStr]);

  if (!data.data) return data.error ? <ErrorBox error={data.error} /> : <Loading what="the vault" />;
  const { m, pos, wallet, escrow, name, bal } = data.data;
  if (!m) return <div class="card">Market {id} does not exist on this chain.</div>;
  if (!who) return <div class="card">Choose an account to see its NFTs.</div>;
  const short = pos && pos.size < 0n ? abs(pos.size) : 0n;
  const freeNfts = escrow.filter((n) => n.auction === null).length;

  const lock = (items: number[]) => {
    if (items.length === 0) return;
    const a = api();
    void act.run(async () => {
      await submit(`Lock ${items.length === 1 ? `NFT #${items[0]}` : `${items.length} NFTs`} in the vault`, batch(items.map((i) => a.tx.floorPerp.depositNft(id, i))), who);
      setSelected(new Set());
    }, `Locked ${items.length} NFT${items.length > 1 ? 's' : ''}.`);
  };
  const unlock = (items: number[]) => {
    if (items.length === 0) return;
    const a = api();
    void act.run(() => submit(`Unlock ${items.length === 1 ? `NFT #${items[0]}` : `${items.length} NFTs`}`, batch(items.map((i) => a.tx.floorPerp.withdrawNft(id, i))), who), 'Back in your wallet.');
  };
  // the trading fee comes from cash, and a buy-back may not realise a loss beyond the cash:
  // the sale brings the fees of the sale and of the buy-back plus 1% of the proceeds along
  const sellDeposit = (() => {
    const q = sellQuote.data;
    if (!q) return 0n;
    const cash = pos?.cash ?? 0n;
    const cashNeed = q.fee * 2n + q.quote / 100n;
    let deposit = cash >= cashNeed ? 0n : cashNeed - cash;
    if (deposit > 0n && pos === null) deposit = max(deposit, m.params.minMargin);
    return deposit;
  })();
  const sell = () => {
    if (!sellAmount || !sellQuote.data) return;
    const a = api();
    const q = sellQuote.data;
    const deposit = sellDeposit;
    const minQuote = (q.quote * 9_900n) / 10_000n; // 1% slippage
    const calls: SubmittableExtrinsic<'promise'>[] = [];
    if (deposit > 0n) calls.push(a.tx.floorPerp.deposit(id, deposit.toString()));
    calls.push(a.tx.floorPerp.openPosition(id, 'Short', { Base: sellAmount.toString() }, minQuote.toString()));
    void act.run(async () => {
      await submit(`Sell ${formatUnits(sellAmount)} perps against NFTs${deposit > 0n ? ` (+${formatUnits(deposit)} WETH cash for fees)` : ''}`, batch(calls), who);
      setSellStr('');
    }, 'Perps sold.');
  };
  const buyBack = () => {
    if (!pos || short === 0n) return;
    const part = buyStr ? parseUnits(buyStr) : short;
    if (!part || part <= 0n) return;
    const limit = closeLimit(pos, 100n, part);
    void act.run(async () => {
      await submit(`Buy back ${formatUnits(part)} perps`, api().tx.floorPerp.closePosition(id, part === short ? null : part.toString(), limit.toString()), who);
      setBuyStr('');
    }, 'Bought back.');
  };
  const auction = (item: number) => {
    const reserve = parseUnits(reserveStr[item] ?? '');
    if (!reserve) return;
    void act.run(() => submit(`Voluntary auction of NFT #${item}`, api().tx.floorPerp.startVoluntaryAuction(id, item, reserve.toString()), who), 'Auction started: see Auctions.');
  };

  const toggle = (item: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(item)) n.delete(item);
      else n.add(item);
      return n;
    });

  return (
    <div class="vault-page" data-testid="vault-page" data-market={id}>
      <section class="card market-head">
        <div class="title-row">
          <h2>NFT vault · {name}</h2>
          <GuardBadges m={m} head={c.head} />
          <a class="button small ghost" href={`#/market/${id}`}>Market →</a>
        </div>
        <p class="muted">
          Lock your NFTs in the chain's escrow and sell floor perps against them: one NFT covers one perp at the index, no cash margin needed. If the floor falls, the short gains what your
          NFTs lose; buy the perps back and unlock your NFTs.
        </p>
        <div class="stats">
          <Stat label="Index" testid="vault-index">{price(m.indexPrice)}</Stat>
          <Stat label="Mark">{price(m.markPrice)}</Stat>
          <Stat label="Locked NFTs" testid="vault-locked">{pos?.nftCount ?? 0}</Stat>
          <Stat label="Short" testid="vault-short">{formatUnits(short)} perps</Stat>
          <Stat label="Liquidated at index" testid="vault-liq" hint="The index at which |q|·i would exceed c + n·i">
            {short === 0n ? '—' : pos?.liquidationPrice ? price(pos.liquidationPrice) : 'never: NFTs cover it'}
          </Stat>
          <Stat label="Cash">{formatUnits(pos?.cash ?? 0n)} WETH</Stat>
        </div>
      </section>
      <div class="columns">
        <div class="main-col">
          <section class="card">
            <h3>Cover</h3>
            <CoverGauge m={m} p={pos} />
            {pos && (
              <>
                <Row label="Unrealised PnL of the short" testid="vault-pnl">{formatUnits(pos.unrealisedPnl, 4, 18, true)} WETH</Row>
                <Row label="Funding owed" hint="Positive: you pay; an NFT-backed short pays from cash first, the rest in kind (its short grows)">
                  {formatUnits(pos.fundingOwed, 4, 18, true)} WETH
                </Row>
                <Row label="Funding paid in kind (short grown by)" testid="vault-in-kind-paid">{formatUnits(pos.inKindMinted)} perps</Row>
                <Row label="Funding received in kind">{formatUnits(pos.inKindReceived)} perps</Row>
                {pos.unsettledProfit > 0n && <Row label="Profit waiting to be paid">{formatUnits(pos.unsettledProfit)} WETH</Row>}
                {pos.debt > 0n && <Row label="Debt awaiting auctions">{formatUnits(pos.debt)} WETH</Row>}
              </>
            )}
          </section>
          <section class="card">
            <h3>In the vault ({escrow.length})</h3>
            {escrow.length === 0 ? (
              <p class="muted">No NFT locked in this market.</p>
            ) : (
              <div class="nft-grid" data-testid="escrowed-nfts">
                {escrow.map((n) => (
                  <NftCard key={n.item} nft={n} testid="escrowed-nft">
                    {n.auction !== null ? (
                      <a class="badge warn" href="#/auctions">
                        on auction #{n.auction}
                      </a>
                    ) : (
                      <>
                        <button class="small" disabled={act.busy} onClick={() => unlock([n.item])} data-testid={`unlock-${n.item}`}>
                          Unlock
                        </button>
                        <div class="input-group">
                          <input class="short-input" placeholder="reserve" data-testid={`reserve-${n.item}`} value={reserveStr[n.item] ?? ''} onInput={(e) => setReserveStr({ ...reserveStr, [n.item]: e.currentTarget.value })} aria-label={`Reserve of #${n.item}`} />
                          <button class="small ghost" disabled={act.busy || !parseUnits(reserveStr[n.item] ?? '')} onClick={() => auction(n.item)} title="Sell this NFT at auction: the proceeds become cash and buy back one perp" data-testid={`auction-${n.item}`}>
                            Auction
                          </button>
                        </div>
                      </>
                    )}
                  </NftCard>
                ))}
              </div>
            )}
          </section>
          <section class="card">
            <h3>In your wallet ({wallet.length})</h3>
            {wallet.length === 0 ? (
              <p class="muted">No NFT of this collection in your wallet.</p>
            ) : (
              <>
                <div class="nft-grid" data-testid="wallet-nfts">
                  {wallet.map((n) => (
                    <NftCard key={n.item} nft={n} testid="wallet-nft">
                      <label class="check">
                        <input type="checkbox" checked={selected.has(n.item)} onChange={() => toggle(n.item)} data-testid={`select-${n.item}`} /> select
                      </label>
                    </NftCard>
                  ))}
                </div>
                <button disabled={selected.size === 0 || act.busy} onClick={() => lock([...selected].sort((a, b) => a - b))} data-testid="lock-selected">
                  Lock {selected.size || ''} selected
                </button>
              </>
            )}
          </section>
        </div>
        <div class="side-col">
          <section class="card" data-testid="sell-panel">
            <h3>Sell perps against your NFTs</h3>
            <p class="muted small">
              {freeNfts} NFTs on no auction cover up to {freeNfts} perps at the index; you are short {formatUnits(short)}.
            </p>
            <div class="input-group">
              <input inputMode="decimal" placeholder="perps" value={sellStr} onInput={(e) => setSellStr(e.currentTarget.value)} data-testid="sell-amount" aria-label="Perps to sell" />
              <button class="small ghost" onClick={() => setSellStr(formatUnits(max(0n, BigInt(freeNfts) * ONE - short), 4).replace(/,/g, ''))}>
                Max
              </button>
            </div>
            {sellQuote.data && (
              <div class="preview" data-testid="sell-preview">
                <Row label="You receive" testid="sell-receive">{formatUnits(sellQuote.data.amountOut)} WETH</Row>
                <Row label="Average price">{price(sellQuote.data.averagePrice)}</Row>
                <Row label="Price impact">{pctFixed(sellQuote.data.priceImpact, 2)}</Row>
                <Row label="Fee">{formatUnits(sellQuote.data.fee)} WETH</Row>
                {sellDeposit > 0n && (
                  <Row label="Cash deposited with the sale" hint="Pays the fee now and the buy-back's fee and slippage later (a buy-back may not realise a loss beyond your cash)">
                    {formatUnits(sellDeposit)} WETH
                  </Row>
                )}
                <Row label="Slippage tolerance">1.00%</Row>
                {sellAmount && sellAmount + short > BigInt(freeNfts) * ONE && (
                  <p class="warn small">More perps than NFTs: the rest needs cash at the index ({formatUnits(mulDiv(sellAmount + short - BigInt(freeNfts) * ONE, m.indexPrice ?? 0n, ONE))} WETH).</p>
                )}
              </div>
            )}
            <button class="wide short" disabled={!sellQuote.data || act.busy} onClick={sell} data-testid="sell-perps">
              Sell {sellAmount ? formatUnits(sellAmount) : ''} perps
            </button>
          </section>
          <section class="card" data-testid="buyback-panel">
            <h3>Buy back</h3>
            {short === 0n ? (
              <p class="muted small">No short to buy back.</p>
            ) : (
              <>
                <p class="muted small">
                  Buying back {formatUnits(short)} perps costs about {formatUnits(pos?.positionNotional ?? 0n)} WETH now (sold for {formatUnits(pos?.openNotional ?? 0n)}).
                </p>
                {pos && pos.positionNotional > pos.openNotional + pos.cash && <p class="warn small">That would realise a loss beyond your cash: deposit WETH first (Market page).</p>}
                <div class="input-group">
                  <input inputMode="decimal" placeholder={`all (${formatUnits(short)})`} value={buyStr} onInput={(e) => setBuyStr(e.currentTarget.value)} aria-label="Perps to buy back" />
                </div>
                <button class="wide long" disabled={act.busy} onClick={buyBack} data-testid="buy-back">
                  Buy back {buyStr || 'all'}
                </button>
              </>
            )}
          </section>
          <section class="card">
            <h3>Cash</h3>
            <Row label="Margin account">{formatUnits(pos?.cash ?? 0n)} WETH</Row>
            <Row label="Wallet">{bal ? `${formatUnits(bal.weth)} WETH` : '—'}</Row>
            {pos && pos.cash > 0n && short === 0n && (
              <button class="ghost" disabled={act.busy} onClick={() => void act.run(() => submit(`Withdraw ${formatUnits(pos.cash)} WETH`, api().tx.floorPerp.withdraw(id, pos.cash.toString()), who), 'Withdrawn.')} data-testid="withdraw-all">
                Withdraw all cash
              </button>
            )}
          </section>
          <Message m={act.message} testid="vault-message" />
        </div>
      </div>
    </div>
  );
}
