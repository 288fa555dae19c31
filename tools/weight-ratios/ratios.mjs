// The weight of a trade next to a transfer (issue #17, item 1), from ONE `benchmark pallet` run
// of the node (the raw results of `--json-file`): for each benchmark, ref time = the median
// measured execution + its storage reads and writes at the runtime's database weights
// (ParityDB: 8 µs a read, 50 µs a write), and the proof size the benchmark recorded; each as a
// ratio to pallet_assets' `transfer_keep_alive` (a WETH transfer). Usage:
//   node tools/weight-ratios/ratios.mjs results.json [--markdown]
import { readFileSync } from 'node:fs';

const READ_PS = 8_000_000n;
const WRITE_PS = 50_000_000n;
const BASE = ['pallet_assets', 'transfer_keep_alive'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return s[Math.floor((s.length - 1) / 2)];
};

/** { pallet, benchmark, refTimePs, execPs, reads, writes, proof } for each benchmark. */
export function weights(results) {
  return results.map((r) => {
    // the largest component values (the worst case) when the benchmark has components
    const last = (rs) => {
      const size = (x) => x.components.reduce((s, [, v]) => s + v, 0);
      const top = Math.max(...rs.map(size));
      return rs.filter((x) => size(x) === top);
    };
    const time = last(r.time_results);
    const db = last(r.db_results)[0];
    const execPs = BigInt(median(time.map((x) => BigInt(x.extrinsic_time)))) * 1000n;
    const refTimePs = execPs + BigInt(db.reads) * READ_PS + BigInt(db.writes) * WRITE_PS;
    return { pallet: r.pallet, benchmark: r.benchmark, refTimePs, execPs, reads: db.reads, writes: db.writes, proof: db.proof_size };
  });
}

export function table(ws, markdown = false) {
  const base = ws.find((w) => w.pallet === BASE[0] && w.benchmark === BASE[1]);
  if (!base) throw new Error(`no ${BASE.join('::')} in the results`);
  const ratio = (a, b) => (Number(a) / Number(b)).toFixed(2);
  const rows = ws.map((w) => [
    `${w.pallet}::${w.benchmark}`,
    (Number(w.refTimePs) / 1e6).toFixed(1),
    `${w.reads}/${w.writes}`,
    String(w.proof),
    ratio(w.refTimePs, base.refTimePs),
    base.proof ? ratio(w.proof, base.proof) : '-',
  ]);
  const head = ['benchmark', 'ref time µs', 'reads/writes', 'proof bytes', 'ref time ÷ asset transfer', 'proof ÷ asset transfer'];
  if (markdown) {
    return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  }
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(width[i])).join('  ')).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, flag] = process.argv.slice(2);
  if (!path) { console.error('usage: ratios.mjs results.json [--markdown]'); process.exit(2); }
  const ws = weights(JSON.parse(readFileSync(path, 'utf8')));
  console.log(table(ws, flag === '--markdown'));
  const open = ws.find((w) => w.benchmark === 'open_position');
  const base = ws.find((w) => w.pallet === BASE[0] && w.benchmark === BASE[1]);
  if (open && base) console.log(`\nopen_position / asset transfer_keep_alive: ${(Number(open.refTimePs) / Number(base.refTimePs)).toFixed(2)} (goal <= 3)`);
}
