// The order ticket: long or short, by size (perps) or notional (WETH), leverage, slippage; the
// runtime API's preview (amount out, average price, impact, fee) and the clearing house's view
// (margin required, liquidation price after) before signing. The margin the leverage asks for
// is deposited in the same transaction (utility.batchAll: deposit + openPosition).
import { useState } from 'preact/hooks';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { api } from '../chain/connection';
import { submit, batch, TxError } from '../chain/tx';
import { amountArg, pool, tradeQuote, type MarketInfo, type PositionInfo, type Side, type TradeAmount } from '../chain/views';
import { depositForLeverage, previewTrade } from '../lib/perp';
import { useAccount, useChain, useChainData } from '../lib/hooks';
import { BILLION, abs, formatUnits, leverageOf, max, mulDiv, parseUnits, pctFixed, price } from '../lib/units';
import { Row } from './common';

interface Props {
  market: MarketInfo;
  position: PositionInfo | null;
  wethBalance: bigint | null;
}

/** Slippage limit for the chain (`limit` of openPosition): see primitives' `within_slippage`. */
export function slippageLimit(side: Side, amount: TradeAmount, base: bigint, quote: bigint, bps: bigint): bigint {
  const down = (x: bigint) => (x * (10_000n - bps)) / 10_000n;
  const up = (x: bigint) => (x * (10_000n + bps) + 9_999n) / 10_000n;
  if (side === 'Long') return 'Quote' in amount ? down(base) : up(quote);
  return 'Base' in amount ? down(quote) : up(base);
}

export function OrderTicket({ market: m, position, wethBalance }: Props) {
  const who = useAccount();
  const c = useChain();
  const [side, setSide] = useState<Side>('Long');
  const [mode, setMode] = useState<'Quote' | 'Base'>('Quote');
  const [amountStr, setAmountStr] = useState('');
  const maxLevTenths = (BILLION * 10n) / m.params.initialMargin; // 10% → 100 tenths = 10x
  const [levStr, setLevStr] = useState(formatUnits(maxLevTenths / 2n, 1, 1).replace(/\.0$/, ''));
  const [slipStr, setSlipStr] = useState('0.5');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);

  const amount = parseUnits(amountStr);
  const levTenths = parseUnits(levStr, 1);
  const slipBps = parseUnits(slipStr, 2);
  const tradeAmount: TradeAmount | null = amount && amount > 0n ? (mode === 'Base' ? { Base: amount } : { Quote: amount }) : null;
  const nftShort = (position?.nftCount ?? 0) > 0 && side === 'Short';

  const preview = useChainData(
    async (a, head) => {
      if (!tradeAmount) return null;
      const [q, p] = await Promise.all([tradeQuote(a, m.market, side, tradeAmount), pool(a, m.market)]);
      if (!q || !p) return null;
      const pv = previewTrade({ market: m, pool: p, position, side, amount: tradeAmount, head });
      if (!pv) return { q, pv: null, deposit: 0n };
      let deposit = nftShort ? 0n : depositForLeverage(pv, position, levTenths ?? 10n);
      const cash = position?.cash ?? 0n;
      if (pv.nftBacked) deposit = max(0n, pv.cashRequired - cash);
      // within the market's leverage, post at least what the chain requires
      if (levTenths !== null && levTenths <= maxLevTenths && !pv.nftBacked && pv.increases) deposit = max(deposit, pv.cashRequired - cash);
      // a new margin account opens with at least the minimum margin
      if (deposit > 0n && position === null) deposit = max(deposit, m.params.minMargin);
      const withDeposit = previewTrade({ market: m, pool: p, position, side, amount: tradeAmount, head, deposit });
      return { q, pv: withDeposit, deposit };
    },
    [m.market, side, mode, amountStr, levStr, position?.cash, position?.size, position?.nftCount],
  );

  const d = preview.data;
  const levTooHigh = levTenths !== null && levTenths > maxLevTenths && !nftShort;
  const enoughWallet = d && wethBalance !== null ? wethBalance >= d.deposit : true;
  const cashAfterDeposit = (position?.cash ?? 0n) + (d?.deposit ?? 0n);
  const marginShort = d?.pv && d.pv.increases ? cashAfterDeposit < d.pv.cashRequired : false;

  async function send() {
    if (!who || !tradeAmount || !d || slipBps === null) return;
    setBusy(true);
    setMessage(null);
    try {
      const a = api();
      const limit = slippageLimit(side, tradeAmount, d.q.base, d.q.quote, slipBps);
      const calls: SubmittableExtrinsic<'promise'>[] = [];
      if (d.deposit > 0n) calls.push(a.tx.floorPerp.deposit(m.market, d.deposit.toString()));
      calls.push(a.tx.floorPerp.openPosition(m.market, side, amountArg(tradeAmount), limit.toString()));
      const what = 'Base' in tradeAmount ? `${formatUnits(tradeAmount.Base)} perps` : `${formatUnits(tradeAmount.Quote)} WETH`;
      await submit(`${side === 'Long' ? 'Buy' : 'Sell'} ${what}${d.deposit > 0n ? ` (+${formatUnits(d.deposit)} WETH margin)` : ''}`, batch(calls), who);
      setMessage({ kind: 'ok', text: 'Trade done.' });
      setAmountStr('');
    } catch (e) {
      setMessage({ kind: 'bad', text: e instanceof TxError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const q = d?.q;
  const pv = d?.pv;
  const effLeverage = pv && pv.increases && !pv.nftBacked ? (() => {
    const upnl = pv.sizeAfter > 0n ? pv.valueAfter - pv.openNotionalAfter : pv.openNotionalAfter - pv.valueAfter;
    const equity = cashAfterDeposit - pv.fee + upnl - (position?.fundingOwed ?? 0n);
    return equity > 0n ? mulDiv(pv.valueAfter, 10n, equity) : null;
  })() : null;

  return (
    <section class="card ticket" data-testid="order-ticket">
      <h3>Order</h3>
      <div class="segmented">
        <button class={side === 'Long' ? 'long active' : ''} onClick={() => { setSide('Long'); setMessage(null); }} data-testid="side-long">
          Long
        </button>
        <button class={side === 'Short' ? 'short active' : ''} onClick={() => { setSide('Short'); setMessage(null); }} data-testid="side-short">
          Short
        </button>
      </div>
      <label class="field">
        <span>Amount</span>
        <div class="input-group">
          <input inputMode="decimal" placeholder="0.0" value={amountStr} onInput={(e) => { setAmountStr(e.currentTarget.value); setMessage(null); }} data-testid="amount" />
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value as 'Quote' | 'Base')} data-testid="amount-mode" aria-label="Amount in">
            <option value="Quote">WETH (notional)</option>
            <option value="Base">perps (size)</option>
          </select>
        </div>
        {amountStr && amount === null && <span class="bad small">Not a number with at most 18 decimals.</span>}
      </label>
      {!nftShort ? (
        <label class="field">
          <span>
            Leverage <span class="muted">(max {leverageOf(m.params.initialMargin)})</span>
          </span>
          <div class="input-group">
            <input type="range" min="1" max={Number(maxLevTenths) / 10} step="0.5" value={Math.min(Number(levStr) || 1, Number(maxLevTenths) / 10)} onInput={(e) => setLevStr(e.currentTarget.value)} aria-label="Leverage slider" />
            <input class="short-input" inputMode="decimal" value={levStr} onInput={(e) => { setLevStr(e.currentTarget.value); setMessage(null); }} data-testid="leverage" aria-label="Leverage" />
            <span class="unit">x</span>
          </div>
          {levTooHigh && (
            <span class="warn small" data-testid="leverage-warning">
              Above this market's maximum leverage of {leverageOf(m.params.initialMargin)}: the chain will refuse the trade for lack of margin.
            </span>
          )}
        </label>
      ) : (
        <p class="muted small">Short against your {position?.nftCount} escrowed NFTs: each covers one perp at the index, no leverage to choose.</p>
      )}
      <label class="field">
        <span>Slippage tolerance</span>
        <div class="input-group">
          <input class="short-input" inputMode="decimal" value={slipStr} onInput={(e) => setSlipStr(e.currentTarget.value)} data-testid="slippage" />
          <span class="unit">%</span>
        </div>
      </label>

      <div class="preview" data-testid="preview">
        {!tradeAmount && <p class="muted small">Enter an amount to see the preview.</p>}
        {tradeAmount && !q && !preview.loading && <p class="bad small">The pool cannot fill this amount.</p>}
        {q && (
          <>
            <Row label={mode === 'Base' ? (side === 'Long' ? 'You pay' : 'You receive') : side === 'Long' ? 'You receive' : 'You give'} testid="pv-amount-out">
              {mode === 'Base' ? `${formatUnits(q.amountOut)} WETH` : `${formatUnits(q.amountOut)} perps`}
            </Row>
            <Row label="Average price" testid="pv-avg">{price(q.averagePrice)}</Row>
            <Row label="Price impact" testid="pv-impact">{pctFixed(q.priceImpact, 2)}</Row>
            <Row label="Fee" testid="pv-fee">{formatUnits(q.fee)} WETH</Row>
            {pv && (
              <>
                <Row label="Mark after">{price(pv.markAfter)}</Row>
                <Row label="Position after" testid="pv-size-after">
                  {pv.sizeAfter === 0n ? 'none' : `${pv.sizeAfter > 0n ? 'long' : 'short'} ${formatUnits(abs(pv.sizeAfter))} perps`}
                </Row>
                {pv.increases && (
                  <Row label={pv.nftBacked ? 'Cash needed (beyond NFT cover)' : 'Margin required'} testid="pv-margin-required" hint="Cash the account must hold before the trade, fee included, for the chain to accept it">
                    {formatUnits(pv.cashRequired)} WETH
                  </Row>
                )}
                {d.deposit > 0n && (
                  <Row label="Deposited with the trade" testid="pv-deposit">
                    {formatUnits(d.deposit)} WETH
                  </Row>
                )}
                {effLeverage !== null && <Row label="Leverage after">{formatUnits(effLeverage, 1, 1)}x</Row>}
                {!pv.increases && pv.realisedPnl !== 0n && <Row label="Realised PnL">{formatUnits(pv.realisedPnl, 4, 18, true)} WETH</Row>}
                <Row label={pv.liquidationOnIndex ? 'Liquidation index after' : 'Liquidation price after'} testid="pv-liq">
                  {pv.sizeAfter === 0n ? '—' : pv.liquidationPriceAfter === null ? (pv.liquidationOnIndex ? 'none: your NFTs cover the short' : 'none') : price(pv.liquidationPriceAfter)}
                </Row>
                {pv.problems.map((p) => (
                  <p class="warn small" key={p}>
                    {p}
                  </p>
                ))}
                {marginShort && !levTooHigh && <p class="warn small">Your margin account would hold less than the chain requires for this trade.</p>}
              </>
            )}
          </>
        )}
        {!enoughWallet && <p class="bad small">Your wallet holds less WETH than the margin this trade deposits.</p>}
      </div>
      <button class={`wide ${side === 'Long' ? 'long' : 'short'}`} disabled={!who || !d || !q || busy || slipBps === null || !enoughWallet} onClick={() => void send()} data-testid="submit-order">
        {busy ? 'Waiting for the chain…' : !who ? 'Choose an account' : `${side === 'Long' ? 'Long' : 'Short'}${q ? ` ${formatUnits(q.base)} perps` : ''}`}
      </button>
      {message && (
        <p class={`${message.kind} small`} data-testid="order-message">
          {message.text}
        </p>
      )}
      <p class="muted small">Block #{c.head.toLocaleString('en-US')}: preview at the current state; the chain decides in the block that includes the trade.</p>
    </section>
  );
}
