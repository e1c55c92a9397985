// Reciprocal rank fusion and the final order. Equal input always gives equal order: every
// comparison ends on (type, rowid), which are unique per record.
import type { RecordType } from '../../../shared/domain';

/** The usual RRF constant: damps the head so one list cannot drown the other. */
export const RRF_K = 60;

export interface Ranked {
  rowid: number;
  type: RecordType;
}

export interface Fused extends Ranked {
  score: number;
  keywordRank: number | null;
  vectorRank: number | null;
  boost: number;
}

export const compareFused = (a: Fused, b: Fused): number =>
  b.score - a.score || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || a.rowid - b.rowid;

/**
 * Sums 1/(k + rank) over the lists a record is in, adds its exact-match boost, and sorts. A
 * boost is worth more than any RRF sum (≤ 2/(k+1)), so exact matches always lead.
 */
export function fuse(keyword: readonly Ranked[], vector: readonly Ranked[], boosts: ReadonlyMap<number, { type: RecordType; boost: number }>): Fused[] {
  const byRow = new Map<number, Fused>();
  const entry = (r: Ranked): Fused => {
    let f = byRow.get(r.rowid);
    if (!f) {
      f = { rowid: r.rowid, type: r.type, score: 0, keywordRank: null, vectorRank: null, boost: 0 };
      byRow.set(r.rowid, f);
    }
    return f;
  };
  keyword.forEach((r, i) => {
    const f = entry(r);
    if (f.keywordRank === null) {
      f.keywordRank = i + 1;
      f.score += 1 / (RRF_K + i + 1);
    }
  });
  vector.forEach((r, i) => {
    const f = entry(r);
    if (f.vectorRank === null) {
      f.vectorRank = i + 1;
      f.score += 1 / (RRF_K + i + 1);
    }
  });
  for (const [rowid, b] of boosts) {
    const f = entry({ rowid, type: b.type });
    f.boost += b.boost;
    f.score += b.boost;
  }
  return [...byRow.values()].sort(compareFused);
}

/** Boost sizes: an exact identifier beats a name match, which beats any fused rank. */
export const BOOST = {
  identifier: 1,
  recordName: 0.5,
  orgName: 0.4,
} as const;
