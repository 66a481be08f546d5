// The server's query semantics for the value types the pushdown tests generate, in plain JS:
// equality and ranges that also match array elements, type bracketing, and sort order by BSON
// type (arrays sort by their smallest element ascending, their largest descending).
import {mongo} from 'mongoose';

const {Double, Int32, Long, ObjectId} = mongo;
type Double = mongo.Double;
type Int32 = mongo.Int32;
type Long = mongo.Long;
type ObjectId = mongo.ObjectId;

export type Scalar = null | number | Double | Int32 | Long | string | ObjectId | boolean | Date;
export type Value = Scalar | Scalar[] | {x?: Value} | {x?: Value}[] | undefined;
export type Doc = {_id: number; a?: Value; b?: Value; n?: Value};
export type Cond = {eq: Scalar} | {in: Scalar[]} | {op: '$gt' | '$gte' | '$lt' | '$lte'; v: number | Date};

/** Type order of the server's comparisons (undefined = missing, compared as null). */
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number' || v instanceof Double || v instanceof Int32 || v instanceof Long) return 3;
  if (typeof v === 'string') return 4;
  if (Array.isArray(v)) return 6;
  if (v instanceof ObjectId) return 8;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  return 5; // embedded document
}

function num(v: unknown): number {
  return v instanceof Long ? v.toNumber() : Number(v instanceof Double || v instanceof Int32 ? v.valueOf() : v);
}

/** Compares two scalars in the server's order. */
export function compareScalars(x: unknown, y: unknown): number {
  const d = typeRank(x) - typeRank(y);
  if (d !== 0) return Math.sign(d);
  switch (typeRank(x)) {
    case 3: return Math.sign(num(x) - num(y));
    case 4: return x === y ? 0 : (x as string) < (y as string) ? -1 : 1;
    case 8: return compareScalars((x as ObjectId).toHexString(), (y as ObjectId).toHexString());
    case 9: return Number(x) - Number(y);
    case 10: return Math.sign((x as Date).getTime() - (y as Date).getTime());
    default: return 0;
  }
}

function scalarMatches(x: unknown, c: Cond): boolean {
  if (Array.isArray(x) || (typeRank(x) === 5)) return false;
  if ('in' in c) return false;
  if ('eq' in c) return typeRank(x) === typeRank(c.eq) && compareScalars(x, c.eq) === 0;
  if (typeRank(x) !== typeRank(c.v)) return false; // ranges only compare within a type
  const d = compareScalars(x, c.v);
  return c.op === '$gt' ? d > 0 : c.op === '$gte' ? d >= 0 : c.op === '$lt' ? d < 0 : d <= 0;
}

/** Does a field value match (the value itself, or one element of an array value)? */
function valueMatches(x: unknown, c: Cond): boolean {
  if ('in' in c) return c.in.some((eq) => valueMatches(x, {eq}));
  if (Array.isArray(x)) return x.some((e) => scalarMatches(e, c));
  return scalarMatches(x, c);
}

/** Values reached by a path: `n.x` goes into an embedded document or each document of an array. */
function reach(doc: Doc, path: string): unknown[] {
  const [head, tail] = path.split('.') as [keyof Doc, string | undefined];
  const v = doc[head];
  if (!tail) return [v];
  if (Array.isArray(v)) return v.filter((e) => typeRank(e) === 5).map((e) => (e as Record<string, unknown>)[tail]);
  if (typeRank(v) === 5) return [(v as Record<string, unknown>)[tail]];
  return [undefined];
}

export function matches(doc: Doc, filter: Record<string, Cond>): boolean {
  return Object.entries(filter).every(([path, c]) => reach(doc, path).some((x) => valueMatches(x, c)));
}

/** The value a document sorts by for one direction. */
export function sortKey(doc: Doc, field: 'a' | 'b', dir: 1 | -1): unknown {
  const v = doc[field];
  if (!Array.isArray(v)) return v;
  return [...v].sort((x, y) => dir * compareScalars(x, y))[0];
}

export function compareDocs(x: Doc, y: Doc, field: 'a' | 'b', dir: 1 | -1): number {
  return dir * compareScalars(sortKey(x, field, dir), sortKey(y, field, dir)) || 0;
}

/** Filter value as the driver sends it. */
export function toFilter(filter: Record<string, Cond>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).map(([path, c]) => [path, 'eq' in c ? c.eq : 'in' in c ? {$in: c.in} : {[c.op]: c.v}]));
}
