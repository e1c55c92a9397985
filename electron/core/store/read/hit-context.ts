// What ranking needs to know about search hits beyond the records row: the kind of thing each
// one is (a configuration's type, a flexible asset's type) and, for child records, the parent
// a technician would open (an interface's device, a section's document and heading, an entry
// of IT Glue's expirations list's domain, certificate or device). One
// indexed lookup per hit, batched by the caller's page, so it stays flat at 1M records.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../../shared/domain';
import { isRecordType, prepared } from './rows';

export interface HitRef {
  rowid: number;
  type: RecordType;
  id: string;
}

export interface HitContext {
  /** Configuration type name, or flexible asset type name; null for other records. */
  kind: string | null;
  /** The record a technician opens for this hit, when it is a child record. */
  parent: { type: RecordType; id: string; name: string; rowid: number } | null;
  /** How the child reads under its parent: "WAN 198.51.100.7", "Restore › Step 4". */
  childLabel: string | null;
}

interface Statements {
  configurationKind: Database.Statement<[number], { t: string | null }>;
  assetKind: Database.Statement<[number], { t: string | null }>;
  interfaceParent: Database.Statement<[number], { id: number; name: string; rowid: number; iface: string | null; ip: string | null; ip6: string | null }>;
  sectionParent: Database.Statement<[number], { id: number; name: string; rowid: number; sort: number | null; kind: string | null; content: string | null }>;
  headingBefore: Database.Statement<[number, number], { content: string | null }>;
  expirationParent: Database.Statement<[number], { type: string; id: string; name: string; rowid: number; expires_on: string | null }>;
}

const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  const hit = cache.get(db);
  if (hit) return hit;
  const s: Statements = {
    configurationKind: db.prepare('SELECT type_name AS t FROM configurations WHERE id = ?'),
    assetKind: db.prepare('SELECT t.name AS t FROM flexible_assets a JOIN flexible_asset_types t ON t.id = a.type_id WHERE a.id = ?'),
    interfaceParent: db.prepare(
      `SELECT c.id, c.name, c.record_rowid AS rowid, i.name AS iface, i.ip, i.ip6
         FROM interfaces i JOIN configurations c ON c.id = i.configuration_id
         JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL
        WHERE i.id = ?`,
    ),
    sectionParent: db.prepare(
      `SELECT d.id, d.name, d.record_rowid AS rowid, s.sort, s.kind, s.content
         FROM document_sections s JOIN documents d ON d.id = s.document_id
         JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL
        WHERE s.id = ?`,
    ),
    headingBefore: db.prepare(
      `SELECT content FROM document_sections
        WHERE document_id = ? AND sort <= ? AND kind LIKE '%Heading' ORDER BY sort DESC, id DESC LIMIT 1`,
    ),
    expirationParent: db.prepare(
      `SELECT r.type, r.itglue_id AS id, r.name, r.rowid, x.expires_on
         FROM expirations x JOIN records r ON r.type = x.resource_type AND r.itglue_id = CAST(x.resource_id AS TEXT) AND r.deleted_at IS NULL
        WHERE x.id = ?`,
    ),
  };
  cache.set(db, s);
  return s;
}

const firstLine = (text: string | null): string | null => {
  const line = (text ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return line === '' ? null : line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

export function hitContext(db: Database.Database, hit: HitRef): HitContext {
  const s = statements(db);
  const id = Number(hit.id);
  if (!Number.isSafeInteger(id)) return { kind: null, parent: null, childLabel: null };
  switch (hit.type) {
    case 'configurations':
      return { kind: s.configurationKind.get(id)?.t ?? null, parent: null, childLabel: null };
    case 'flexible-assets':
      return { kind: s.assetKind.get(id)?.t ?? null, parent: null, childLabel: null };
    case 'configuration-interfaces': {
      const p = s.interfaceParent.get(id);
      if (!p) return { kind: null, parent: null, childLabel: null };
      const label = [p.iface, p.ip ?? p.ip6].filter(Boolean).join(' ') || null;
      return { kind: s.configurationKind.get(p.id)?.t ?? null, parent: { type: 'configurations', id: String(p.id), name: p.name, rowid: p.rowid }, childLabel: label };
    }
    case 'document-sections': {
      const p = s.sectionParent.get(id);
      if (!p) return { kind: null, parent: null, childLabel: null };
      const own = p.kind?.endsWith('Heading') ? firstLine(p.content) : null;
      const heading = own ?? (p.sort !== null ? firstLine(s.headingBefore.get(p.id, p.sort)?.content ?? null) : null);
      return { kind: null, parent: { type: 'documents', id: String(p.id), name: p.name, rowid: p.rowid }, childLabel: heading };
    }
    case 'expirations': {
      // The list entry of a record this store holds reads as that record ("acme.com — expires
      // 2026-05-01"); an entry whose source was not synced stays a hit of its own.
      const p = s.expirationParent.get(id);
      if (!p || !isRecordType(p.type)) return { kind: null, parent: null, childLabel: null };
      return { kind: null, parent: { type: p.type, id: p.id, name: p.name, rowid: p.rowid }, childLabel: p.expires_on ? `expires ${p.expires_on.slice(0, 10)}` : null };
    }
    default:
      return { kind: null, parent: null, childLabel: null };
  }
}

const TEXT_CAP = 20_000;

/**
 * The text that decides whether a record answers a question: its name, body and org; for a
 * document section, the whole document it belongs to (a runbook's question words are spread
 * over its steps, and its title is in none of them).
 */
export function answerText(db: Database.Database, rowid: number): string {
  const r = prepared<[number], { type: string; itglue_id: string; name: string; body: string; org: string | null }>(
    db,
    'SELECT r.type, r.itglue_id, r.name, r.body, o.name AS org FROM records r LEFT JOIN organizations o ON o.id = r.org_id WHERE r.rowid = ?',
  ).get(rowid);
  if (!r) return '';
  const own = `${r.name}\n${r.body}\n${r.org ?? ''}`;
  if (r.type !== 'document-sections' && r.type !== 'documents') return own;
  const docId = r.type === 'documents' ? Number(r.itglue_id) : (db.prepare<[number], { d: number | null }>('SELECT document_id AS d FROM document_sections WHERE id = ?').get(Number(r.itglue_id))?.d ?? null);
  if (docId === null) return own;
  const doc = db.prepare<[number], { name: string }>('SELECT name FROM documents WHERE id = ?').get(docId);
  const sections = db
    .prepare<[number], { body: string }>(
      'SELECT r.body FROM document_sections s JOIN records r ON r.rowid = s.record_rowid AND r.deleted_at IS NULL WHERE s.document_id = ? ORDER BY s.sort, s.id',
    )
    .all(docId)
    .map((s) => s.body);
  return `${doc?.name ?? ''}\n${own}\n${sections.join('\n')}`.slice(0, TEXT_CAP);
}
