// The vector half of hybrid search: the query embedding (cached, the embedder loaded on first
// use) and the nearest records. Used only when the embedder has a model AND the store holds
// vectors from that same model; otherwise the caller searches by keywords and says so.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../shared/domain';
import type { Embedder } from './embedder';
import { embeddingMeta, vectorSearch, type VectorHit } from './vectors';

export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }
  get size(): number {
    return this.map.size;
  }
}

export type VectorReadiness = { ready: true; modelId: string } | { ready: false; reason: string };

export function vectorReadiness(db: Database.Database, embedder: Embedder | null): VectorReadiness {
  if (!embedder) return { ready: false, reason: 'no embedding model configured' };
  if (embedder.info.state === 'missing') return { ready: false, reason: 'the embedding model is not installed (run `glue model download`)' };
  const meta = embeddingMeta(db);
  if (!meta) return { ready: false, reason: 'no embeddings have been built yet' };
  if (meta.modelId !== embedder.info.id) return { ready: false, reason: 'the stored embeddings are from another model and are being rebuilt' };
  return { ready: true, modelId: meta.modelId };
}

export interface QueryEmbedder {
  embedder: Embedder;
  cache: Lru<string, Float32Array>;
}

export async function embedQuery(q: QueryEmbedder, text: string): Promise<Float32Array> {
  const key = text.trim().toLowerCase();
  const hit = q.cache.get(key);
  if (hit) return hit;
  const [vec] = await q.embedder.embed([key]);
  if (!vec) throw new Error('the embedder returned no vector');
  q.cache.set(key, vec);
  return vec;
}

export interface VectorRanked {
  rowid: number;
  type: RecordType;
  distance: number;
}

interface TypeRow {
  rowid: number;
  type: RecordType;
  org_id: number | null;
}

/**
 * Vector neighbours by query text and scope, for the life of one store version. An answer often
 * searches the same words twice (its intent's typed search, then the general fallback); the
 * unscoped KNN is half of each search's time on a 100k store, so the second reuses the first's.
 */
export interface NeighbourCache {
  /** Text, scope, model and store version: a write to the store changes the key. */
  key: string;
  lru: Lru<string, { k: number; candidates: number; hits: VectorHit[] }>;
}

/** Nearest live records, filtered by type (vec0 has no type column, so it oversamples). */
export function nearestRecords(
  db: Database.Database,
  vector: Float32Array,
  opts: { k: number; orgId?: number; types?: readonly RecordType[]; modelId: string; cache?: NeighbourCache },
): VectorRanked[] {
  const wantTypes = opts.types && opts.types.length > 0 ? new Set(opts.types) : null;
  const k = wantTypes ? opts.k * 4 : opts.k;
  // With a type filter k is already widened 4x, so the coarse bit scan needs less oversampling.
  const oversample = wantTypes ? 4 : 10;
  // A search that looked at more candidates and kept more neighbours answers this one: its top
  // k is at least as near (exactly the same within an org, where the KNN is exact).
  const cached = opts.cache?.lru.get(opts.cache.key);
  let hits: VectorHit[];
  if (cached && cached.k >= k && cached.candidates >= k * oversample) {
    hits = cached.hits.slice(0, k);
  } else {
    hits = vectorSearch(db, vector, { k, orgId: opts.orgId, modelId: opts.modelId, oversample });
    opts.cache?.lru.set(opts.cache.key, { k, candidates: k * oversample, hits });
  }
  if (hits.length === 0) return [];
  const ids = hits.map((h) => h.recordRowid);
  const rows = db
    .prepare<number[], TypeRow>(`SELECT rowid, type, org_id FROM records WHERE deleted_at IS NULL AND rowid IN (${ids.map(() => '?').join(',')})`)
    .all(...ids);
  const byId = new Map(rows.map((r) => [r.rowid, r]));
  const out: VectorRanked[] = [];
  for (const h of hits) {
    const r = byId.get(h.recordRowid);
    if (!r) continue;
    if (wantTypes && !wantTypes.has(r.type)) continue;
    if (opts.orgId !== undefined && r.org_id !== opts.orgId) continue;
    out.push({ rowid: r.rowid, type: r.type, distance: h.distance });
    if (out.length >= opts.k) break;
  }
  return out;
}
