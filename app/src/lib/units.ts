// Units and formatting. On-chain amounts are BigInt integers with 18 decimals (WETH, perps,
// FLOOR, FixedU128 prices); Perbill ratios are parts per billion. Arithmetic stays in BigInt;
// numbers are only turned into strings here, never into floats for anything but display ratios.

export const DECIMALS = 18;
export const ONE = 10n ** 18n;
export const BILLION = 1_000_000_000n;
export const U128_MAX = 2n ** 128n - 1n;

const group = (int: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * An integer with `decimals` decimals as a string with exactly `dp` decimals, rounded half away
 * from zero, with thousands separators: formatUnits(1234567n * 10n**15n) = "1,234.5670".
 */
export function formatUnits(x: bigint, dp = 4, decimals = DECIMALS, signed = false): string {
  const neg = x < 0n;
  let v = neg ? -x : x;
  let digits: string;
  if (dp >= decimals) {
    digits = (v * 10n ** BigInt(dp - decimals)).toString();
  } else {
    const scale = 10n ** BigInt(decimals - dp);
    v = (v + scale / 2n) / scale;
    digits = v.toString();
  }
  digits = digits.padStart(dp + 1, '0');
  const int = group(digits.slice(0, digits.length - dp));
  const out = dp ? `${int}.${digits.slice(digits.length - dp)}` : int;
  const isZero = /^[0.,]+$/.test(out);
  if (neg && !isZero) return `-${out}`;
  if (signed && !isZero) return `+${out}`;
  return out;
}

/** WETH amounts and prices: 4 decimals. */
export const weth = (x: bigint, dp = 4): string => `${formatUnits(x, dp)} WETH`;
/** A price in WETH per perp (FixedU128 inner). */
export const price = (x: bigint | null | undefined): string => (x == null ? '—' : formatUnits(x, 4));
/** Perps (18-decimal base amounts). */
export const perps = (x: bigint, dp = 4): string => formatUnits(x, dp);
/** A signed amount with an explicit + sign. */
export const signed = (x: bigint, dp = 4): string => formatUnits(x, dp, DECIMALS, true);

/** A FixedU128/FixedI128 inner value (1e18 = 100%) as a percentage. */
export function pctFixed(x: bigint | null | undefined, dp = 2): string {
  if (x == null) return '—';
  return `${formatUnits(x * 100n, dp)}%`;
}

/** Perbill parts (1e9 = 100%) as a percentage. */
export function pctPerbill(parts: bigint | number, dp = 2): string {
  return `${formatUnits(BigInt(parts) * 100n, dp, 9)}%`;
}

/** Max leverage of an initial margin (Perbill): 10% → 10x. */
export function leverageOf(imParts: bigint): string {
  if (imParts === 0n) return '∞';
  const tenths = (BILLION * 10n) / imParts;
  return `${formatUnits(tenths, tenths % 10n === 0n ? 0 : 1, 1)}x`;
}

/**
 * A user-typed decimal amount ("1,234.5", "0.1") as an integer with `decimals` decimals, or
 * null if it is not a plain non-negative decimal or has more decimals than allowed.
 */
export function parseUnits(input: string, decimals = DECIMALS): bigint | null {
  const s = input.trim().replace(/[,_\s]/g, '');
  if (!/^\d*(\.\d*)?$/.test(s) || s === '' || s === '.') return null;
  const [int = '', frac = ''] = s.split('.');
  if (frac.length > decimals) return null;
  return BigInt(int || '0') * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

/** An integer amount as the exact decimal string (for the floor source's `price=`). */
export function exactDecimal(x: bigint, decimals = DECIMALS): string {
  const neg = x < 0n;
  const s = (neg ? -x : x).toString().padStart(decimals + 1, '0');
  const frac = s.slice(-decimals).replace(/0+$/, '');
  const out = frac ? `${s.slice(0, -decimals)}.${frac}` : s.slice(0, -decimals);
  return neg ? `-${out}` : out;
}

/** Float of an 18-decimal integer, for charts and gauges only. */
export const toFloat = (x: bigint, decimals = DECIMALS): number => Number(x) / 10 ** decimals;

/** `a * b / c`, rounded down or up (BigInt). */
export function mulDiv(a: bigint, b: bigint, c: bigint, up = false): bigint {
  if (c === 0n) throw new Error('division by zero');
  const p = a * b;
  if (!up) return p / c;
  return p >= 0n ? (p + c - 1n) / c : p / c;
}

export const abs = (x: bigint): bigint => (x < 0n ? -x : x);
export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** Blocks as a duration at `blockMs` per block: "4 min 10 s", "2 h 5 min". */
export function blocksToDuration(blocks: number, blockMs: number): string {
  const total = Math.max(0, Math.round((blocks * blockMs) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s} s`;
  return `${s} s`;
}

/** A shortened address: 5Grw…utQY. */
export const shortAddress = (a: string): string => (a.length > 12 ? `${a.slice(0, 4)}…${a.slice(-4)}` : a);
