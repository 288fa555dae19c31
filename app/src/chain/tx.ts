// Transactions: sign, send, and follow each one through its states — signing, sent, in a
// block, finalised — or its failure in words. The transaction panel shows `txs`.
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { ISubmittableResult } from '@polkadot/types/types';
import { createStore } from '../lib/store';
import { api } from './connection';
import { signerFor } from './accounts';
import { explainDispatchError, explainSubmitError, type ExplainedError } from './errors';

export type TxStatus = 'signing' | 'sent' | 'inBlock' | 'finalized' | 'failed';

export interface TxRecord {
  id: number;
  label: string;
  account: string;
  status: TxStatus;
  blockNumber?: number;
  blockHash?: string;
  error?: ExplainedError;
  /** Whether the chain dispatched it successfully (known from in-block on). */
  ok?: boolean;
  startedAt: number;
}

export const txs = createStore<TxRecord[]>([]);
let nextId = 1;
/** How long a finalised transaction stays in the panel. */
const FINALISED_SHOWN_MS = 20_000;

function patch(id: number, change: Partial<TxRecord>): void {
  txs.update((list) => list.map((t) => (t.id === id ? { ...t, ...change } : t)));
}

export function dismissTx(id: number): void {
  txs.update((list) => list.filter((t) => t.id !== id));
}

export class TxError extends Error {
  constructor(public readonly explained: ExplainedError) {
    super(explained.message);
  }
}

/**
 * Signs and sends `tx` from `address`. Resolves once it is in a block and succeeded; rejects
 * with a TxError (in words) when signing is refused, the pool refuses it or the chain's
 * dispatch fails. Finalisation is followed and shown after the promise resolves.
 */
export async function submit(label: string, tx: SubmittableExtrinsic<'promise'>, address: string): Promise<{ blockHash: string; result: ISubmittableResult }> {
  const id = nextId++;
  txs.update((list) => [{ id, label, account: address, status: 'signing' as const, startedAt: Date.now() }, ...list].slice(0, 12));
  const a = api();
  return new Promise((resolve, reject) => {
    let settled = false;
    let unsub: (() => void) | null = null;
    const fail = (error: ExplainedError) => {
      patch(id, { status: 'failed', error, ok: false });
      if (!settled) {
        settled = true;
        reject(new TxError(error));
      }
    };
    signerFor(address)
      .then(({ account, signer }) =>
        tx.signAndSend(account, { nonce: -1, signer }, (result) => {
          const { status, dispatchError } = result;
          if (status.isReady || status.isBroadcast) {
            patch(id, { status: 'sent' });
          } else if (status.isInBlock) {
            const blockHash = status.asInBlock.toHex();
            void a.rpc.chain.getHeader(blockHash).then((h) => patch(id, { blockNumber: h.number.toNumber() }));
            if (dispatchError) {
              patch(id, { blockHash });
              fail(explainDispatchError(a, dispatchError));
              return;
            }
            patch(id, { status: 'inBlock', blockHash, ok: true });
            if (!settled) {
              settled = true;
              resolve({ blockHash, result });
            }
          } else if (status.isFinalized) {
            if (!dispatchError) {
              patch(id, { status: 'finalized', ok: true });
              // a finalised success leaves the panel after a while; failures stay until dismissed
              setTimeout(() => dismissTx(id), FINALISED_SHOWN_MS);
            }
            if (unsub) unsub();
          } else if (status.isDropped || status.isInvalid || status.isUsurped) {
            fail({ code: status.type, message: `The transaction was ${status.type.toLowerCase()} by the network: nothing happened. Try again.` });
            if (unsub) unsub();
          }
        }),
      )
      .then((u) => {
        unsub = u;
      })
      .catch((e: unknown) => fail(explainSubmitError(e)));
  });
}

/** One transaction for several calls (all or nothing), or the call itself when alone. */
export function batch(calls: SubmittableExtrinsic<'promise'>[]): SubmittableExtrinsic<'promise'> {
  const a = api();
  return calls.length === 1 ? calls[0]! : a.tx.utility.batchAll(calls);
}
