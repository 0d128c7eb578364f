/**
 * Sorted, merged, half-open intervals `[start, end)` of epoch milliseconds.
 *
 * Every function returns a normalized set (sorted by start, non-empty, pairwise
 * disjoint and non-touching); the set arguments of `intersect`, `subtract`,
 * `contains` and `overlaps` must already be normalized.
 */
export type Interval = readonly [start: number, end: number];
export type IntervalSet = readonly Interval[];

/** Sorts, drops empty intervals and merges overlapping or touching ones. */
export function merge(intervals: Iterable<Interval>): Interval[] {
  const list = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of list) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

/** Union of two normalized sets. */
export function union(a: IntervalSet, b: IntervalSet): Interval[] {
  return merge([...a, ...b]);
}

/** Intersection of two normalized sets. */
export function intersect(a: IntervalSet, b: IntervalSet): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const s = Math.max(x[0], y[0]);
    const e = Math.min(x[1], y[1]);
    if (e > s) out.push([s, e]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

/** `a` minus `b`, both normalized. */
export function subtract(a: IntervalSet, b: IntervalSet): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && b[j]![1] <= s) j++;
    let k = j;
    while (k < b.length && b[k]![0] < e) {
      const [bs, be] = b[k]!;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e) break;
      k++;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** Index of the last interval whose start is <= t, or -1. */
function floorIndex(set: IntervalSet, t: number): number {
  let lo = 0;
  let hi = set.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (set[mid]![0] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether `[start, end)` (non-empty) lies inside one interval of the set. */
export function contains(set: IntervalSet, start: number, end: number): boolean {
  const i = floorIndex(set, start);
  return i >= 0 && set[i]![1] >= end;
}

/** Whether `[start, end)` (non-empty) overlaps any interval of the set. */
export function overlaps(set: IntervalSet, start: number, end: number): boolean {
  const i = floorIndex(set, end - 1);
  return i >= 0 && set[i]![1] > start;
}
