// Organizations and how many records each holds.
import type { RecordType } from '../../../../shared/domain';
import { isRecordType, type Db } from './rows';

export interface OrganizationSummary {
  id: number;
  name: string;
  shortName: string | null;
  typeName: string | null;
  statusName: string | null;
  parentId: number | null;
  /** Live records per type (archived included); empty when the caller did not ask for counts. */
  counts: Partial<Record<RecordType, number>>;
}

interface OrgRow {
  id: number;
  name: string;
  short_name: string | null;
  type_name: string | null;
  status_name: string | null;
  parent_id: number | null;
}

/**
 * The live organizations, in list order (name, then id): the org browser's list and the org
 * directory name matching reads (org-directory.ts) hold the same organizations in the same order.
 * records_flags holds deleted_at, so the organizations' own wide rows stay unread.
 */
export const LIVE_ORGS = 'FROM organizations o JOIN records r INDEXED BY records_flags ON r.rowid = o.record_rowid AND r.deleted_at IS NULL ORDER BY o.name COLLATE NOCASE, o.id';

export function organizationReads(db: Db) {
  /** record_counts (migration 4) is kept by triggers; org 0 stands for "no organization". */
  function countsByOrg(orgIds?: readonly number[]): Map<number, Partial<Record<RecordType, number>>> {
    const only = orgIds ? ` AND org_id IN (${orgIds.map(() => '?').join(',')})` : '';
    const rows = db
      .prepare<number[], { org_id: number; type: string; n: number }>(`SELECT org_id, type, live AS n FROM record_counts WHERE org_id <> 0 AND type <> 'organizations' AND live > 0${only}`)
      .all(...(orgIds ?? []));
    const byOrg = new Map<number, Partial<Record<RecordType, number>>>((orgIds ?? []).map((id) => [id, {}]));
    for (const c of rows) {
      if (!isRecordType(c.type)) continue;
      const entry = byOrg.get(c.org_id) ?? {};
      entry[c.type] = c.n;
      byOrg.set(c.org_id, entry);
    }
    return byOrg;
  }

  return {
    /**
     * Live organizations by name. Counts come from record_counts, cheap but not free, so only
     * callers that show them ask (`counts: true`).
     */
    listOrganizations(opts: { counts?: boolean } = { counts: true }): OrganizationSummary[] {
      const orgs = db
        .prepare<[], OrgRow>(`SELECT o.id, o.name, o.short_name, o.type_name, o.status_name, o.parent_id ${LIVE_ORGS}`)
        .all();
      const counts = opts.counts === false ? new Map<number, Partial<Record<RecordType, number>>>() : countsByOrg();
      return orgs.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, typeName: o.type_name, statusName: o.status_name, parentId: o.parent_id, counts: counts.get(o.id) ?? {} }));
    },

    /** Live record counts per type for a few organizations (one page), not the whole tenant. */
    orgCounts(orgIds: readonly number[]): Map<number, Partial<Record<RecordType, number>>> {
      return orgIds.length === 0 ? new Map() : countsByOrg(orgIds);
    },

    /** An organization's name, deleted or not; null when it was never stored. */
    orgName(id: number): string | null {
      return db.prepare<[number], { name: string }>('SELECT name FROM organizations WHERE id = ?').get(id)?.name ?? null;
    },
  };
}
