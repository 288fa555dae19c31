// Every transaction of this session with its state: signing → sent → in block → finalised,
// or the reason it failed, in words.
import { accountName } from '../chain/accounts';
import { dismissTx, txs, type TxRecord } from '../chain/tx';
import { useStore } from '../lib/store';

const STEPS: { key: TxRecord['status']; label: string }[] = [
  { key: 'signing', label: 'Signing' },
  { key: 'sent', label: 'Sent' },
  { key: 'inBlock', label: 'In block' },
  { key: 'finalized', label: 'Finalised' },
];

function Steps({ t }: { t: TxRecord }) {
  const reached = STEPS.findIndex((s) => s.key === t.status);
  return (
    <ol class="steps">
      {STEPS.map((s, i) => (
        <li key={s.key} class={i < reached ? 'done' : i === reached ? 'current' : ''}>
          {s.label}
        </li>
      ))}
    </ol>
  );
}

export function TxPanel() {
  const list = useStore(txs);
  if (list.length === 0) return null;
  return (
    <aside class="tx-panel" aria-label="Transactions" data-testid="tx-panel">
      {list.map((t) => (
        <div key={t.id} class={`tx ${t.status}`} data-testid="tx" data-status={t.status} data-code={t.error?.code ?? ''}>
          <div class="tx-head">
            <strong>{t.label}</strong>
            <span class="muted"> · {accountName(t.account)}</span>
            <button class="close" title="Dismiss" onClick={() => dismissTx(t.id)}>
              ×
            </button>
          </div>
          {t.status === 'failed' ? (
            <div class="tx-error" data-testid="tx-error">
              <strong>Failed.</strong> {t.error?.message}
              {t.error && t.error.code !== t.error.message && <span class="code"> ({t.error.code})</span>}
            </div>
          ) : (
            <Steps t={t} />
          )}
          {t.blockNumber !== undefined && <div class="muted small">block #{t.blockNumber.toLocaleString('en-US')}</div>}
        </div>
      ))}
    </aside>
  );
}
