// The chain's events, block by block, from the moment the app connects — those of
// `on_initialize` too (funding rounds, liquidations, auction settlements are in no extrinsic's
// result) — and the funding rounds before it, read at the blocks they happened in as far as the
// node still has their state.
import type { ApiPromise } from '@polkadot/api';
import type { EventRecord } from '@polkadot/types/interfaces';
import { createStore } from '../lib/store';
import { provider } from './connection';
import { big, num, type PrimObject } from './codec';

export interface ChainEvent {
  block: number;
  section: string;
  method: string;
  data: PrimObject;
}

export interface FundingRound {
  market: number;
  block: number;
  markTwap: bigint;
  indexTwap: bigint;
  /** Funding per perp (positive: longs paid). */
  rate: bigint;
  insuranceFund: bigint;
  periods: number;
}

const INTERESTING = new Set(['floorPerp', 'vamm', 'floorIndex']);
export const recentEvents = createStore<ChainEvent[]>([]);

function toEvent(block: number, r: EventRecord): ChainEvent {
  const { event } = r;
  const names = event.data.names ?? [];
  const data: PrimObject = {};
  const values = event.data.toPrimitive() as unknown;
  if (Array.isArray(values)) names.forEach((n, i) => (data[n] = (values as PrimObject[])[i] ?? null));
  else Object.assign(data, values as PrimObject);
  return { block, section: event.section, method: event.method, data };
}

/** Follows every new block's events (the interesting pallets only). */
export async function followEvents(api: ApiPromise): Promise<void> {
  let last = 0;
  await api.rpc.chain.subscribeNewHeads(async (header) => {
    const n = header.number.toNumber();
    if (n <= last) return;
    last = n;
    try {
      const records = (await api.query.system.events.at(header.hash)) as unknown as EventRecord[];
      const list = records.filter((r) => INTERESTING.has(r.event.section)).map((r) => toEvent(n, r));
      if (list.length) recentEvents.update((all) => [...all, ...list].slice(-500));
    } catch {
      /* a block we could not read: skipped */
    }
  });
}

export function fundingRoundOf(e: ChainEvent): FundingRound | null {
  if (e.section !== 'floorPerp' || e.method !== 'FundingUpdated') return null;
  const d = e.data;
  return {
    market: num(d, 'market'),
    block: e.block,
    markTwap: big(d, 'markTwap'),
    indexTwap: big(d, 'indexTwap'),
    rate: big(d, 'rate'),
    insuranceFund: big(d, 'insuranceFund'),
    periods: num(d, 'periods'),
  };
}

/**
 * Funding rounds of `market` before the app connected: the events of the blocks where the
 * rounds were due (`nextFundingBlock − k·period`), newest first, until the node no longer has
 * a block's state (a pruning node keeps 256 blocks; an archive node all). `pruned`: the node
 * could not show an earlier round.
 */
export async function pastFundingRounds(api: ApiPromise, market: number, nextFundingBlock: number, period: number, head: number, rounds = 12): Promise<{ rounds: FundingRound[]; pruned: boolean }> {
  const out: FundingRound[] = [];
  for (let k = 1; k <= rounds; k++) {
    const block = nextFundingBlock - k * period;
    if (block < 1 || block > head) break;
    try {
      const hash = await api.rpc.chain.getBlockHash(block);
      // straight through the provider: a pruned block's state is an expected answer here, not
      // an error for the console (api.query.*.at logs one)
      const raw = (await provider().send('state_getStorage', [api.query.system.events.key(), hash.toHex()])) as string | null;
      if (raw === null) continue;
      const records = api.registry.createType('Vec<FrameSystemEventRecord>', raw) as unknown as EventRecord[];
      for (const r of records) {
        if (r.event.section === 'floorPerp' && r.event.method === 'FundingUpdated') {
          const f = fundingRoundOf(toEvent(block, r));
          if (f && f.market === market) out.push(f);
        }
      }
    } catch {
      return { rounds: out, pruned: true };
    }
  }
  return { rounds: out, pruned: false };
}

export function eventField(e: ChainEvent, key: string): bigint {
  return big(e.data, key);
}

export const eventsOf = (list: ChainEvent[], section: string, method: string): ChainEvent[] =>
  list.filter((e) => e.section === section && e.method === method);

