// Price history for the chart: the mark and the floor index of a market, block by block.
// The chain keeps TWAP histories — the vAMM's last 64 accumulator points (one per block with a
// trade) and the index's last 192 (one per report, every 5 blocks) — and between two points the
// price was constant, so `(c₂ − c₁) / (b₂ − b₁)` is exactly the price over [b₁, b₂). The app
// adds a sample of both prices at every new block while it runs, and keeps those samples in
// localStorage (per chain and market), so that a reload still shows the last hours.
import type { ApiPromise } from '@polkadot/api';
import { big, num, prim, type PrimObject } from './codec';

export interface PricePoint {
  block: number;
  price: bigint;
}

export interface History {
  mark: PricePoint[];
  index: PricePoint[];
}

/** Prices from a TWAP history of `{ block, cumulative }` points. */
export function pricesFromTwap(points: { block: number; cumulative: bigint }[]): PricePoint[] {
  const out: PricePoint[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const blocks = BigInt(b.block - a.block);
    if (blocks <= 0n) continue;
    out.push({ block: a.block, price: (b.cumulative - a.cumulative) / blocks });
  }
  return out;
}

function twapPoints(raw: unknown): { block: number; cumulative: bigint }[] {
  const list = prim(raw) as PrimObject[];
  return list.map((p) => ({ block: num(p, 'block'), cumulative: big(p, 'cumulative') }));
}

/** What the chain's TWAP histories say about the mark of `market` and the index of `collection`. */
export async function chainHistory(api: ApiPromise, market: number, collection: number): Promise<History> {
  const [m, i] = await Promise.all([api.query.vamm.twapHistory(market), api.query.floorIndex.twapHistory(collection)]);
  return { mark: pricesFromTwap(twapPoints(m)), index: pricesFromTwap(twapPoints(i)) };
}

const MAX_SAMPLES = 6000; // 3.3 hours of 2 s blocks

function storageKey(genesis: string, market: number): string {
  return `floorperp.history.${genesis}.${market}`;
}

/** Samples recorded by earlier visits (same chain, same market). */
export function loadSamples(genesis: string, market: number): History {
  try {
    const raw = window.localStorage.getItem(storageKey(genesis, market));
    if (!raw) return { mark: [], index: [] };
    const j = JSON.parse(raw) as { mark: [number, string][]; index: [number, string][] };
    const back = (l: [number, string][]) => l.map(([block, p]) => ({ block, price: BigInt(p) }));
    return { mark: back(j.mark), index: back(j.index) };
  } catch {
    return { mark: [], index: [] };
  }
}

export function saveSamples(genesis: string, market: number, h: History): void {
  const out = (l: PricePoint[]) => l.slice(-MAX_SAMPLES).map((p) => [p.block, p.price.toString()]);
  try {
    window.localStorage.setItem(storageKey(genesis, market), JSON.stringify({ mark: out(h.mark), index: out(h.index) }));
  } catch {
    /* storage full or disabled: the chart still has the chain's history */
  }
}

/** Merge point lists by block (later lists win on the same block), in block order. */
export function mergePoints(...lists: PricePoint[][]): PricePoint[] {
  const byBlock = new Map<number, bigint>();
  for (const l of lists) for (const p of l) byBlock.set(p.block, p.price);
  return [...byBlock.entries()].sort((a, b) => a[0] - b[0]).map(([block, price]) => ({ block, price }));
}

/** Drop points that repeat the previous price (a step line needs only the changes). */
export function compress(points: PricePoint[]): PricePoint[] {
  const out: PricePoint[] = [];
  for (const p of points) if (out.length === 0 || out[out.length - 1]!.price !== p.price) out.push(p);
  return out;
}
