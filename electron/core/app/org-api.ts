// org.*: the organization list with counts, one type's records inside an org (keyset-paged),
// and the detail pane of any record with its related items one hop up and down.
import type Database from 'better-sqlite3-multiple-ciphers';
import { RECORD_TYPES, type RecordType } from '../../../shared/domain';
import type { DocumentSection, OrgApi, RecordDetail, RecordSummary, SectionKind } from '../../../shared/ipc';
import { err, ok } from '../../../shared/result';
import { parseStoredAttrs, type StoreReader } from '../store/index';
import type { AppContext } from './context';
import { labelledFields, subtitleOf } from '../store/read/fields';
import { passwordsOf } from './passwords';

interface SummaryRow {
  rowid: number;
  type: string;
  itglue_id: string;
  org_id: number | null;
  org_name: string | null;
  name: string;
  attrs: string;
  archived: number;
}

const isRecordType = (t: string): t is RecordType => (RECORD_TYPES as readonly string[]).includes(t);


function toSummary(r: SummaryRow): RecordSummary | null {
  if (!isRecordType(r.type)) return null;
  return {
    type: r.type,
    id: r.itglue_id,
    name: r.name,
    org: r.org_id !== null && r.org_name !== null ? { id: r.org_id, name: r.org_name } : null,
    subtitle: subtitleOf(r.type, parseStoredAttrs(r.attrs)),
    archived: r.archived === 1,
  };
}

const SUMMARY = `SELECT r.rowid, r.type, r.itglue_id, r.org_id, o.name AS org_name, r.name, r.attrs, r.archived
  FROM records r LEFT JOIN organizations o ON o.id = r.org_id`;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Cursor {
  n: string;
  r: number;
}

function decodeCursor(cursor: string | undefined): Cursor | null | 'bad' {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof v === 'object' && v !== null && 'n' in v && 'r' in v && typeof v.n === 'string' && typeof v.r === 'number') return { n: v.n, r: v.r };
  } catch {
    // fall through
  }
  return 'bad';
}

function related(db: Database.Database, type: RecordType, id: string): RecordDetail['related'] {
  const rows = db
    .prepare<[string, string, string, string], SummaryRow & { direction: 'up' | 'down' }>(
      `SELECT * FROM (
         SELECT r.rowid, r.type, r.itglue_id, r.org_id, o.name AS org_name, r.name, r.attrs, r.archived, 'down' AS direction
           FROM relations rel JOIN records r ON r.type = rel.to_type AND r.itglue_id = rel.to_id AND r.deleted_at IS NULL
           LEFT JOIN organizations o ON o.id = r.org_id
          WHERE rel.from_type = ? AND rel.from_id = ?
         UNION
         SELECT r.rowid, r.type, r.itglue_id, r.org_id, o.name, r.name, r.attrs, r.archived, 'up'
           FROM relations rel JOIN records r ON r.type = rel.from_type AND r.itglue_id = rel.from_id AND r.deleted_at IS NULL
           LEFT JOIN organizations o ON o.id = r.org_id
          WHERE rel.to_type = ? AND rel.to_id = ?)
       ORDER BY name COLLATE NOCASE LIMIT 400`,
    )
    .all(type, id, type, id);
  const up: RecordSummary[] = [];
  const down: RecordSummary[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.direction}:${row.type}:${row.itglue_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const s = toSummary(row);
    if (s) (row.direction === 'up' ? up : down).push(s);
  }
  return { up, down };
}

const SECTION_KINDS: Record<string, SectionKind> = { text: 'text', heading: 'heading', gallery: 'gallery', step: 'step' };

function sectionsOf(reader: StoreReader, id: string): DocumentSection[] | undefined {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) return undefined;
  const doc = reader.documentWithSections(n);
  if (!doc) return undefined;
  return doc.sections.map((s) => {
    const kind = (s.kind ?? 'text').toLowerCase().replace(/^document::/, '').replace(/s$/, '');
    return { id: String(s.id), kind: SECTION_KINDS[kind] ?? 'text', content: s.text, html: s.html };
  });
}

export function createOrgApi(ctx: AppContext): OrgApi {
  return {
    list: async ({ query }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const q = query?.trim().toLowerCase() ?? '';
      const all = ctx.memo.get('organizations', opened.value.store.db, () => opened.value.reader.listOrganizations());
      const orgs = all.filter((o) => !q || o.name.toLowerCase().includes(q) || (o.shortName ?? '').toLowerCase().includes(q));
      return ok(orgs.map((o) => ({ id: o.id, name: o.name, shortName: o.shortName, typeName: o.typeName, counts: o.counts })));
    },

    records: async ({ orgId, type, query, cursor, limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const after = decodeCursor(cursor);
      if (after === 'bad') return err('INVALID_INPUT', 'That page cursor is not valid; reload the list to start from the first page.');
      const size = limit ?? 100;
      const params: (string | number)[] = [type, orgId];
      let where = 'r.type = ? AND r.org_id = ? AND r.deleted_at IS NULL';
      const q = query?.trim() ?? '';
      if (q) {
        const like = `%${escapeLike(q)}%`;
        where += " AND (r.name LIKE ? ESCAPE '\\' OR r.body LIKE ? ESCAPE '\\')";
        params.push(like, like);
      }
      if (after) {
        where += ' AND (lower(r.name), r.rowid) > (?, ?)';
        params.push(after.n, after.r);
      }
      params.push(size + 1);
      const rows = opened.value.store.db.prepare<(string | number)[], SummaryRow>(`${SUMMARY} WHERE ${where} ORDER BY lower(r.name), r.rowid LIMIT ?`).all(...params);
      const page = rows.slice(0, size);
      const last = page[page.length - 1];
      return ok({
        items: page.map(toSummary).filter((s): s is RecordSummary => s !== null),
        nextCursor: rows.length > size && last ? Buffer.from(JSON.stringify({ n: last.name.toLowerCase(), r: last.rowid })).toString('base64url') : null,
      });
    },

    detail: async ({ type, id }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const { reader, store } = opened.value;
      const record = reader.getRecord(type, id);
      if (!record || record.deletedAt !== null) return err('NOT_FOUND', `This ${type.replace(/-/g, ' ').replace(/s$/, '')} is no longer in the local copy; it may have been deleted in IT Glue. Sync again to refresh.`);
      const orgName = record.orgId !== null ? (store.db.prepare<[number], { name: string }>('SELECT name FROM organizations WHERE id = ?').get(record.orgId)?.name ?? null) : null;
      const detail: RecordDetail = {
        type,
        id,
        name: record.name,
        org: record.orgId !== null && orgName !== null ? { id: record.orgId, name: orgName } : null,
        url: record.url ?? '',
        archived: record.archived,
        fields: labelledFields(store.db, { type, id, attrs: record.attrs }),
        related: related(store.db, type, id),
        passwords: passwordsOf(store.db, type, id),
      };
      if (type === 'configurations') {
        const c = reader.configurationDetail(Number(id));
        if (c) detail.interfaces = c.interfaces.map((i) => ({ name: i.name ?? 'Interface', ip: i.ip, mac: i.mac, primary: i.isPrimary, notes: null }));
      }
      if (type === 'documents') detail.sections = sectionsOf(reader, id);
      return ok(detail);
    },
  };
}
