// Small shared pieces: stat tiles, guard-rail badges, market naming.
import type { ComponentChildren } from 'preact';
import type { MarketInfo } from '../chain/views';
import { BILLION, ONE, abs, formatUnits, mulDiv, pctFixed } from '../lib/units';

export function Stat({ label, children, hint, testid }: { label: string; children: ComponentChildren; hint?: string; testid?: string }) {
  return (
    <div class="stat" title={hint} data-testid={testid}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{children}</div>
    </div>
  );
}

export function Row({ label, children, testid, hint }: { label: string; children: ComponentChildren; testid?: string; hint?: string }) {
  return (
    <div class="row" title={hint}>
      <span class="row-label">{label}</span>
      <span class="row-value" data-testid={testid}>
        {children}
      </span>
    </div>
  );
}

/** Premium of the mark over the index as a FixedU128-style ratio (1e18 = 100%). */
export function premium(m: MarketInfo): bigint | null {
  if (m.indexPrice === null || m.indexPrice === 0n) return null;
  return mulDiv(m.markPrice - m.indexPrice, ONE, m.indexPrice);
}

export interface GuardState {
  reduceOnly: boolean;
  stale: boolean;
  indexAge: number | null;
  /** The mark is at the edge of the mark–index band (≥ 90% of max_spread away). */
  atBandEdge: boolean;
}

export function guardState(m: MarketInfo, head: number): GuardState {
  const indexAge = m.indexUpdatedAt === null ? null : Math.max(0, head - m.indexUpdatedAt);
  const stale = !m.indexFresh;
  const p = premium(m);
  const band = (m.params.maxSpread * ONE) / BILLION;
  const atBandEdge = p !== null && abs(p) * 10n >= band * 9n;
  return { reduceOnly: stale, stale, indexAge, atBandEdge };
}

export function GuardBadges({ m, head }: { m: MarketInfo; head: number }) {
  const g = guardState(m, head);
  return (
    <span class="badges" data-testid="guard-state">
      {g.reduceOnly ? (
        <span class="badge bad" title={`No fresh floor index for ${m.params.maxIndexAge} blocks: only reducing trades are accepted, no funding or liquidation.`}>
          Reduce-only · index stale{g.indexAge !== null ? ` (${g.indexAge} blocks old)` : ' (no index yet)'}
        </span>
      ) : (
        <span class="badge ok" title={`Index updated ${g.indexAge} blocks ago (stale after ${m.params.maxIndexAge}).`}>
          Open · index fresh
        </span>
      )}
      {g.atBandEdge && (
        <span class="badge warn" title="Trades that take the mark further from the index are refused.">
          Mark at the edge of the ±{formatUnits(m.params.maxSpread * 100n, 0, 9)}% band
        </span>
      )}
    </span>
  );
}

/** Funding per perp and as a share of the index. */
export function fundingRate(rate: bigint, index: bigint | null): string {
  const pct = index ? pctFixed(mulDiv(rate, ONE, index), 4) : '';
  const who = rate > 0n ? 'longs pay' : rate < 0n ? 'shorts pay' : 'none';
  return `${formatUnits(rate, 6, 18, true)} WETH/perp${pct ? ` (${pct})` : ''} · ${who}`;
}

export function Loading({ what }: { what: string }) {
  return <div class="muted loading">Loading {what}…</div>;
}

export function ErrorBox({ error }: { error: Error | undefined }) {
  if (!error) return null;
  return <div class="error-box">{error.message}</div>;
}
