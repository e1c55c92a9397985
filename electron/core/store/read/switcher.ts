// What the quick switcher (Ctrl/⌘K) can jump to: organizations, browsable records with the
// identifiers a technician types (hostname, primary IP, serial for configurations) and password
// entries by name and username. Metadata only — never a password value.
import type { RecordType } from '../../../../shared/domain';
import { isRecordType, type Db } from './rows';

export interface SwitcherEntry {
  type: RecordType;
  id: string;
  name: string;
  orgId: number | null;
  orgName: string | null;
  hostname: string | null;
  ip: string | null;
  serial: string | null;
  username: string | null;
  /** Passwords: whether a value was synced (Password Access). */
  hasValue: boolean;
  archived: boolean;
}

interface Row {
  type: string;
  itglue_id: string;
  name: string;
  org_id: number | null;
  org_name: string | null;
  hostname: string | null;
  ip: string | null;
  serial: string | null;
  username: string | null;
  has_value: number | null;
  archived: number;
}

const TYPES = ['organizations', 'configurations', 'passwords', 'flexible-assets', 'documents', 'contacts', 'locations', 'domains'] as const;

/** Facts of this tenant to build the chat's starter questions from (never fixed names). */
export interface StarterFacts {
  /** An organization's network device with a primary IP (firewall or router first), by type name. */
  device: { org: string; typeName: string; ip: string } | null;
  /** The organization with the most contacts. */
  contactsOrg: string | null;
  /** Whether anything (domain, warranty, certificate) has an expiry date. */
  expiries: boolean;
  /** A document and its organization. */
  document: { org: string; name: string } | null;
}

export function switcherReads(db: Db) {
  return {
    starterFacts(): StarterFacts {
      const device = db
        .prepare<[], { org: string; type_name: string; ip: string }>(
          `SELECT o.name AS org, c.type_name, c.primary_ip AS ip FROM configurations c
             JOIN records r ON r.rowid = c.record_rowid AND r.deleted_at IS NULL AND r.archived = 0
             JOIN organizations o ON o.id = c.org_id
            WHERE c.primary_ip IS NOT NULL AND c.type_name IS NOT NULL
            ORDER BY (lower(c.type_name) LIKE '%firewall%' OR lower(c.type_name) LIKE '%router%') DESC, o.name COLLATE NOCASE, c.name
            LIMIT 1`,
        )
        .get();
      const contacts = db
        .prepare<[], { org: string }>(
          `SELECT o.name AS org FROM contacts k JOIN records r ON r.rowid = k.record_rowid AND r.deleted_at IS NULL
             JOIN organizations o ON o.id = k.org_id GROUP BY k.org_id ORDER BY count(*) DESC, o.name COLLATE NOCASE LIMIT 1`,
        )
        .get();
      const expiries = db
        .prepare<[], { n: number }>(
          `SELECT (EXISTS (SELECT 1 FROM domains WHERE expires_on IS NOT NULL) OR EXISTS (SELECT 1 FROM configurations WHERE warranty_expires_at IS NOT NULL)) AS n`,
        )
        .get();
      const document = db
        .prepare<[], { org: string; name: string }>(
          `SELECT o.name AS org, d.name FROM documents d JOIN records r ON r.rowid = d.record_rowid AND r.deleted_at IS NULL
             JOIN organizations o ON o.id = d.org_id ORDER BY o.name COLLATE NOCASE, d.name LIMIT 1`,
        )
        .get();
      return {
        device: device ? { org: device.org, typeName: device.type_name, ip: device.ip } : null,
        contactsOrg: contacts?.org ?? null,
        expiries: (expiries?.n ?? 0) === 1,
        document: document ?? null,
      };
    },

    /** Every live entry the switcher can open, organizations first; the caller caches it per store version. */
    switcherEntries(): SwitcherEntry[] {
      const rows = db
        .prepare<string[], Row>(
          `SELECT r.type, r.itglue_id, r.name, r.org_id, o.name AS org_name, c.hostname, c.primary_ip AS ip, c.serial, p.username, p.has_value, r.archived
             FROM records r
             LEFT JOIN organizations o ON o.id = r.org_id
             LEFT JOIN configurations c ON r.type = 'configurations' AND c.record_rowid = r.rowid
             LEFT JOIN passwords p ON r.type = 'passwords' AND p.record_rowid = r.rowid
            WHERE r.deleted_at IS NULL AND r.type IN (${TYPES.map(() => '?').join(',')})
            ORDER BY r.type <> 'organizations', r.name COLLATE NOCASE`,
        )
        .all(...TYPES);
      const out: SwitcherEntry[] = [];
      for (const r of rows) {
        if (!isRecordType(r.type)) continue;
        out.push({
          type: r.type,
          id: r.itglue_id,
          name: r.name,
          orgId: r.type === 'organizations' ? Number(r.itglue_id) : r.org_id,
          orgName: r.type === 'organizations' ? r.name : r.org_name,
          hostname: r.hostname,
          ip: r.ip,
          serial: r.serial,
          username: r.username,
          hasValue: r.has_value === 1,
          archived: r.archived === 1,
        });
      }
      return out;
    },
  };
}
