// Related items and dependency walks over `relations` (from → to: the from-record links to,
// and depends on, the to-record: a switch → its firewall, an application → its server).
import type { RecordType } from '../../../../shared/domain';
import { clampInt, SUMMARY_COLUMNS, toSummary, type Db, type RecordSummary, type SummaryRowDb } from './rows';

/**
 * Which way along dependencies, one vocabulary for every layer (read model, answers, app, MCP):
 * - 'up'   = what X depends on: the items X's relations point at (X → Y), e.g. a switch's firewall;
 * - 'down' = what depends on X: the items whose relations point at X (Y → X), e.g. the
 *            workstations on that switch, or a flexible asset that lists X.
 */
export type Direction = 'up' | 'down';

/** An item one hop from a record. */
export interface RelatedItem {
  type: string;
  id: string;
  /** Null when the item is not in the local copy. */
  name: string | null;
  kind: string;
  notes: string | null;
  direction: Direction;
  /** The item's record when it is in the local copy. */
  record: RecordSummary | null;
}

/** An item reached by a dependency walk. */
export interface DependencyNode {
  type: string;
  id: string;
  /** Null when the item is not in the local copy. */
  name: string | null;
  orgId: number | null;
  /** Hops from the start (1 = directly related). */
  depth: number;
  kind: string;
}

type RelatedRowDb = Omit<SummaryRowDb, 'rowid' | 'type' | 'itglue_id' | 'name'> & {
  rowid: number | null;
  rel_type: string;
  rel_id: string;
  name: string | null;
  kind: string;
  notes: string | null;
  direction: Direction;
};

export function relationReads(db: Db) {
  return {
    /** Every item one hop from a record, both ways, items not in the local copy included: what it depends on first, then by name. */
    related(type: RecordType, id: string): RelatedItem[] {
      const side = (me: 'from' | 'to', other: 'from' | 'to', direction: Direction) =>
        `SELECT rel.${other}_type AS rel_type, rel.${other}_id AS rel_id, rel.kind, rel.notes, '${direction}' AS direction, ${SUMMARY_COLUMNS}
           FROM relations rel LEFT JOIN records r ON r.type = rel.${other}_type AND r.itglue_id = rel.${other}_id
           LEFT JOIN organizations o ON o.id = r.org_id
          WHERE rel.${me}_type = ? AND rel.${me}_id = ? AND r.deleted_at IS NULL`;
      const rows = db
        .prepare<[string, string, string, string], RelatedRowDb>(`SELECT * FROM (${side('from', 'to', 'up')} UNION ALL ${side('to', 'from', 'down')}) ORDER BY direction DESC, name COLLATE NOCASE`)
        .all(type, id, type, id);
      return rows.map((r) => ({
        type: r.rel_type,
        id: r.rel_id,
        name: r.name,
        kind: r.kind,
        notes: r.notes,
        direction: r.direction,
        record: r.rowid !== null && r.name !== null ? toSummary({ ...r, rowid: r.rowid, type: r.rel_type, itglue_id: r.rel_id, name: r.name }) : null,
      }));
    },

    /** Items reachable from a record in one direction, up to `depth` hops (1–10), nearest first, each once. */
    walkDependencies(type: RecordType | string, id: string, direction: Direction, depth = 3): DependencyNode[] {
      const maxDepth = clampInt(depth, 1, 10);
      // UNION (not UNION ALL) drops repeated (node, depth) rows and the depth bound ends any
      // cycle; the outer query keeps each node once, at its shortest distance.
      const [fromCol, toCol] = direction === 'up' ? ['from', 'to'] : ['to', 'from'];
      return db
        .prepare<[string, string, number, string, string], { type: string; id: string; name: string | null; org_id: number | null; depth: number; kind: string }>(
          `WITH RECURSIVE walk(type, id, depth, kind) AS (
             SELECT ?, ?, 0, ''
             UNION
             SELECT rel.${toCol}_type, rel.${toCol}_id, walk.depth + 1, rel.kind
               FROM walk JOIN relations rel ON rel.${fromCol}_type = walk.type AND rel.${fromCol}_id = walk.id
              WHERE walk.depth < ?
                AND NOT EXISTS (SELECT 1 FROM records d WHERE d.type = rel.${toCol}_type AND d.itglue_id = rel.${toCol}_id AND d.deleted_at IS NOT NULL)
           )
           SELECT w.type, w.id, r.name, r.org_id, min(w.depth) AS depth, w.kind
             FROM walk w LEFT JOIN records r ON r.type = w.type AND r.itglue_id = w.id
            WHERE NOT (w.type = ? AND w.id = ?)
            GROUP BY w.type, w.id
            ORDER BY depth, r.name`,
        )
        .all(type, id, maxDepth, type, id)
        .map((n) => ({ type: n.type, id: n.id, name: n.name, orgId: n.org_id, depth: n.depth, kind: n.kind }));
    },
  };
}
