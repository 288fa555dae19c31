// Turning polkadot.js codecs into plain values. Integers arrive from `toPrimitive()` as numbers
// (up to 52 bits) or decimal strings (larger, signed ones with a '-'): both become BigInt here,
// never a float.

/** A JSON-like value as `toPrimitive()` gives it. */
export type Prim = null | boolean | number | string | Prim[] | { [key: string]: Prim };
export type PrimObject = { [key: string]: Prim };

interface HasPrimitive {
  toPrimitive(): unknown;
}

/** `codec.toPrimitive()`. */
export function prim(codec: unknown): Prim {
  return (codec as HasPrimitive).toPrimitive() as Prim;
}

/** `codec.toPrimitive()` as an object (structs). */
export function primObject(codec: unknown): PrimObject {
  const p = prim(codec);
  if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new Error(`expected a struct, got ${JSON.stringify(p)}`);
  return p;
}

/** A field that polkadot.js may have renamed (`size` clashes with Map.size: `size_`). */
function field(o: PrimObject, key: string): Prim | undefined {
  return key in o ? o[key] : o[`${key}_`];
}

/** An integer field as BigInt (throws when absent). */
export function big(o: PrimObject, key: string): bigint {
  const v = field(o, key);
  if (v === undefined || v === null) throw new Error(`missing integer field ${key}`);
  return toBig(v);
}

/** An optional integer field as BigInt or null. */
export function optBig(o: PrimObject, key: string): bigint | null {
  const v = field(o, key);
  return v === undefined || v === null ? null : toBig(v);
}

export function num(o: PrimObject, key: string): number {
  const v = field(o, key);
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  throw new Error(`missing number field ${key}`);
}

export function optNum(o: PrimObject, key: string): number | null {
  const v = field(o, key);
  return v === undefined || v === null ? null : Number(v);
}

export function toBig(v: Prim): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'string') return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new Error(`not an integer: ${JSON.stringify(v)}`);
}

/** `Option<T>` codec: the unwrapped codec or null. */
export function unwrap<T>(o: unknown): T | null {
  const opt = o as { isSome: boolean; unwrap(): T };
  return opt.isSome ? opt.unwrap() : null;
}
