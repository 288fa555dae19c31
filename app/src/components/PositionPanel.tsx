// The account's position in a market (FloorPerpApi.position): entry, mark, PnL, funding owed,
// margin ratio, liquidation price; close it; and the margin account's cash: deposit, withdraw.
import { useState } from 'preact/hooks';
import { api } from '../chain/connection';
import { submit, TxError } from '../chain/tx';
import type { MarketInfo, PositionInfo } from '../chain/views';
import { useAccount } from '../lib/hooks';
import { abs, formatUnits, parseUnits, pctFixed, price } from '../lib/units';
import { Row } from './common';

function useAction() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  async function run(fn: () => Promise<unknown>, ok: string) {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
    } catch (e) {
      setMessage({ kind: 'bad', text: e instanceof TxError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }
  return { busy, message, run };
}

export function Message({ m, testid }: { m: { kind: 'ok' | 'bad'; text: string } | null; testid?: string }) {
  return m ? (
    <p class={`${m.kind} small`} data-testid={testid}>
      {m.text}
    </p>
  ) : null;
}

/** Limit of a close: the least a long accepts, the most a short pays (close-out value ± slippage). */
export function closeLimit(p: PositionInfo, bps: bigint, part = abs(p.size)): bigint {
  const value = (p.positionNotional * part) / abs(p.size);
  return p.size > 0n ? (value * (10_000n - bps)) / 10_000n : (value * (10_000n + bps) + 9_999n) / 10_000n;
}

export function PositionPanel({ market: m, position: p }: { market: MarketInfo; position: PositionInfo | null }) {
  const who = useAccount();
  const act = useAction();
  const [slip, setSlip] = useState('1');
  if (!who) return null;
  const hasPosition = p !== null && p.size !== 0n;
  const nftShort = p !== null && p.nftCount > 0 && p.size < 0n;
  const pnlClass = p && p.unrealisedPnl > 0n ? 'pos' : p && p.unrealisedPnl < 0n ? 'neg' : '';

  const close = () => {
    if (!p) return;
    const bps = parseUnits(slip, 2) ?? 100n;
    const a = api();
    const limit = closeLimit(p, bps);
    void act.run(() => submit(`Close ${p.size > 0n ? 'long' : 'short'} ${formatUnits(abs(p.size))} perps`, a.tx.floorPerp.closePosition(m.market, null, limit.toString()), who), 'Position closed.');
  };

  return (
    <section class="card" data-testid="position-panel">
      <h3>Your position</h3>
      {!hasPosition ? (
        <p class="muted" data-testid="no-position">
          No open position in this market.
        </p>
      ) : (
        <>
          <div class={`side-tag ${p.size > 0n ? 'long' : 'short'}`} data-testid="position-side">
            {p.size > 0n ? 'LONG' : 'SHORT'} {formatUnits(abs(p.size))} perps{nftShort ? ` · backed by ${p.nftCount} NFTs` : ''}
          </div>
          <Row label="Entry price" testid="pos-entry">{price(p.entryPrice)}</Row>
          <Row label="Mark price" testid="pos-mark">{price(m.markPrice)}</Row>
          <Row label="Index price">{price(m.indexPrice)}</Row>
          <Row label="Position value (close-out)">{formatUnits(p.positionNotional)} WETH</Row>
          <Row label="Unrealised PnL" testid="pos-pnl">
            <span class={pnlClass}>{formatUnits(p.unrealisedPnl, 4, 18, true)} WETH</span>
          </Row>
          <Row label="Funding owed" testid="pos-funding" hint="Positive: you pay it at your next settlement; negative: you receive it">
            {p.fundingOwed === 0n ? '0.0000 WETH' : `${formatUnits(p.fundingOwed, 4, 18, true)} WETH ${p.fundingOwed > 0n ? '(you pay)' : '(you receive)'}`}
          </Row>
          {!nftShort && (
            <Row label="Margin ratio" testid="pos-margin-ratio" hint={`Liquidated below ${pctFixed(m.params.maintenanceMargin * 1_000_000_000n, 2)}`}>
              {pctFixed(p.marginRatio, 2)} <span class="muted">(maintenance {pctFixed(m.params.maintenanceMargin * 1_000_000_000n, 2)})</span>
            </Row>
          )}
          <Row label={nftShort ? 'Liquidation index' : 'Liquidation price (mark)'} testid="pos-liq">
            {p.liquidationPrice === null ? (nftShort ? 'none: your NFTs cover the short' : 'none') : price(p.liquidationPrice)}
          </Row>
          {p.liquidatable && <p class="bad small">This position can be liquidated now.</p>}
          <div class="input-group">
            <span class="muted small">slippage</span>
            <input class="short-input" value={slip} onInput={(e) => setSlip(e.currentTarget.value)} aria-label="Close slippage" />
            <span class="unit">%</span>
            <button class="wide" disabled={act.busy} onClick={close} data-testid="close-position">
              {act.busy ? 'Waiting for the chain…' : 'Close position'}
            </button>
          </div>
        </>
      )}
      <Message m={act.message} testid="position-message" />
    </section>
  );
}

export function MarginPanel({ market: m, position: p, wethBalance }: { market: MarketInfo; position: PositionInfo | null; wethBalance: bigint | null }) {
  const who = useAccount();
  const act = useAction();
  const [amountStr, setAmountStr] = useState('');
  if (!who) return null;
  const amount = parseUnits(amountStr);
  const cash = p?.cash ?? 0n;
  const deposit = () => {
    if (!amount) return;
    void act.run(() => submit(`Deposit ${formatUnits(amount)} WETH`, api().tx.floorPerp.deposit(m.market, amount.toString()), who), 'Deposited.');
  };
  const withdraw = () => {
    if (!amount) return;
    void act.run(() => submit(`Withdraw ${formatUnits(amount)} WETH`, api().tx.floorPerp.withdraw(m.market, amount.toString()), who), 'Withdrawn to your wallet.');
  };
  return (
    <section class="card" data-testid="margin-panel">
      <h3>Margin account</h3>
      <Row label="Cash" testid="margin-cash">{formatUnits(cash)} WETH</Row>
      {p && p.unsettledProfit > 0n && (
        <Row label="Profit waiting to be paid" hint="Realised profit is paid from cash the market holds (what losing traders paid in); the rest waits and is paid on a later touch of your account">
          {formatUnits(p.unsettledProfit)} WETH
        </Row>
      )}
      <Row label="Wallet">{wethBalance === null ? '—' : `${formatUnits(wethBalance)} WETH`}</Row>
      <div class="input-group">
        <input inputMode="decimal" placeholder="WETH" value={amountStr} onInput={(e) => setAmountStr(e.currentTarget.value)} data-testid="margin-amount" aria-label="Margin amount" />
        <button class="small ghost" onClick={() => setAmountStr(formatUnits(cash, 18).replace(/,/g, ''))} title="Your whole cash">
          Max
        </button>
      </div>
      {p === null && <p class="muted small">Opening a margin account takes at least {formatUnits(m.params.minMargin)} WETH.</p>}
      <div class="button-row">
        <button disabled={!amount || act.busy} onClick={deposit} data-testid="deposit">
          Deposit
        </button>
        <button class="ghost" disabled={!amount || act.busy || cash === 0n} onClick={withdraw} data-testid="withdraw">
          Withdraw
        </button>
      </div>
      <Message m={act.message} testid="margin-message" />
    </section>
  );
}

export { useAction };
