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

export function switcherReads(db: Db) {
  return {
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
