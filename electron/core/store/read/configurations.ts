// A configuration with what the detail pane, get_configuration and answers show of it.
import type { PasswordMeta } from './passwords';
import type { RelatedItem } from './relations';
import { toView, type Db, type RecordRowDb, type RecordView } from './rows';

export interface InterfaceRow {
  id: number;
  name: string | null;
  ip: string | null;
  mac: string | null;
  isPrimary: boolean;
}

/**
 * @deprecated A related item with the link's direction in the old words ('out' = this record
 * links to it = 'up'; 'in' = it links here = 'down'); answers/handlers/configuration.ts and its
 * test still read it. New code calls reader.related(). TODO(lead): move answers to related().
 */
export interface LinkedItem {
  type: string;
  id: string;
  name: string | null;
  kind: string;
  notes: string | null;
  direction: 'out' | 'in';
}

export interface ConfigurationDetail {
  record: RecordView;
  orgName: string | null;
  hostname: string | null;
  primaryIp: string | null;
  mac: string | null;
  serial: string | null;
  assetTag: string | null;
  typeName: string | null;
  statusName: string | null;
  warrantyExpiresAt: string | null;
  interfaces: InterfaceRow[];
  passwords: PasswordMeta[];
  /** @deprecated see LinkedItem; use reader.related('configurations', id). */
  related: LinkedItem[];
}

export function configurationReads(db: Db, more: { passwordsOf(type: 'configurations', id: number): PasswordMeta[]; related(type: 'configurations', id: string): RelatedItem[] }) {
  function interfaces(configurationId: number): InterfaceRow[] {
    return db
      .prepare<[number], { id: number; name: string | null; ip: string | null; mac: string | null; is_primary: number }>(
        `SELECT i.id, i.name, i.ip, i.mac, i.is_primary FROM interfaces i JOIN records r ON r.rowid = i.record_rowid AND r.deleted_at IS NULL
          WHERE i.configuration_id = ? ORDER BY i.is_primary DESC, i.name`,
      )
      .all(configurationId)
      .map((i) => ({ id: i.id, name: i.name, ip: i.ip, mac: i.mac, isPrimary: i.is_primary === 1 }));
  }

  return {
    interfaces,

    /** A live configuration with its interfaces, attached passwords (metadata) and related items; null when deleted or unknown. */
    configurationDetail(id: number): ConfigurationDetail | null {
      const record = db.prepare<[string], RecordRowDb>("SELECT * FROM records WHERE type = 'configurations' AND itglue_id = ?").get(String(id));
      if (!record || record.deleted_at !== null) return null;
      const c = db
        .prepare<[number], { hostname: string | null; primary_ip: string | null; mac: string | null; serial: string | null; asset_tag: string | null; type_name: string | null; status_name: string | null; warranty_expires_at: string | null; org_name: string | null }>(
          'SELECT c.*, o.name AS org_name FROM configurations c LEFT JOIN organizations o ON o.id = c.org_id WHERE c.id = ?',
        )
        .get(id);
      if (!c) return null;
      return {
        record: toView(record),
        orgName: c.org_name,
        hostname: c.hostname,
        primaryIp: c.primary_ip,
        mac: c.mac,
        serial: c.serial,
        assetTag: c.asset_tag,
        typeName: c.type_name,
        statusName: c.status_name,
        warrantyExpiresAt: c.warranty_expires_at,
        interfaces: interfaces(id),
        passwords: more.passwordsOf('configurations', id),
        related: more.related('configurations', String(id)).map(({ type, id: itemId, name, kind, notes, direction }) => ({ type, id: itemId, name, kind, notes, direction: direction === 'up' ? 'out' : 'in' })),
      };
    },
  };
}
