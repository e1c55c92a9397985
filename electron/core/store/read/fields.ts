// Turns a record's IT Glue attributes into labelled fields for the detail pane. Attributes never
// hold a password value (the store keeps those sealed elsewhere); values stay plain text and the
// renderer shows them as text, so HTML in a note is displayed, never run.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecordType } from '../../../../shared/domain';
import type { FieldKind, RecordField } from '../../../../shared/ipc';
import { assetFieldLabels, assetTypeOf } from './asset-fields';

// Shown elsewhere in the pane (title, org, links) or internal bookkeeping.
const HIDDEN = new Set(['name', 'organization-id', 'organization-name', 'archived', 'resource-url', 'created-at', 'traits', 'ancestor-ids', 'logo', 'password', 'document-folder-path']);
const ACRONYMS: Record<string, string> = { ip: 'IP', mac: 'MAC', url: 'URL', os: 'OS', vpn: 'VPN', isp: 'ISP', dns: 'DNS', dhcp: 'DHCP', otp: 'OTP', id: 'ID', wan: 'WAN', lan: 'LAN' };
const MULTILINE = new Set(['notes', 'quick-notes', 'description', 'operating-system-notes', 'vpn-notes', 'diagram-notes', 'alert']);

// "configuration-type-name" reads as "Configuration type": IT Glue's -name suffix says nothing.
export const labelOf = (key: string): string =>
  key
    .replace(/^(.+)-name$/, '$1')
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w, i) => ACRONYMS[w.toLowerCase()] ?? (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');

function kindOf(key: string, value: string): FieldKind {
  const words = key.toLowerCase().split('-');
  if (words.includes('mac')) return 'mac';
  if (words.includes('ip') || key === 'default-gateway') return 'ip';
  if (/^https?:\/\//i.test(value)) return 'url';
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value)) return 'date';
  if (value.includes('\n') || MULTILINE.has(key)) return 'multiline';
  return 'text';
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) {
    const parts = value.map((v) => {
      if (typeof v === 'object' && v !== null && 'value' in v) {
        const label = 'label-name' in v && typeof v['label-name'] === 'string' ? ` (${v['label-name']})` : '';
        const ext = 'extension' in v && typeof v.extension === 'string' && v.extension ? ` ext. ${v.extension}` : '';
        return `${textOf(v.value) ?? ''}${ext}${label}`;
      }
      if (typeof v === 'object' && v !== null && 'name' in v) return textOf(v.name) ?? '';
      return textOf(v) ?? '';
    });
    const joined = parts.filter(Boolean).join(', ');
    return joined === '' ? null : joined;
  }
  if (typeof value === 'object' && 'values' in value && Array.isArray(value.values)) return textOf(value.values);
  return null;
}

function push(out: RecordField[], key: string, value: unknown, label?: string): void {
  const text = textOf(value);
  if (text === null) return;
  out.push({ label: label ?? labelOf(key), value: text.length > 20_000 ? `${text.slice(0, 20_000)}…` : text, kind: kindOf(key, text) });
}

/**
 * Labelled fields of a record. `traitLabels` (name-key → the field's label in the tenant's
 * flexible asset type) names traits as IT Glue shows them; without it the name-key is read.
 */
export function fieldsOf(type: RecordType, attrs: Record<string, unknown>, traitLabels?: ReadonlyMap<string, string>): RecordField[] {
  const out: RecordField[] = [];
  for (const [key, value] of Object.entries(attrs)) {
    if (HIDDEN.has(key) || key.endsWith('-id') || (type === 'passwords' && key.startsWith('cached-'))) continue;
    push(out, key, value);
  }
  const traits = attrs.traits;
  if (type === 'flexible-assets' && typeof traits === 'object' && traits !== null && !Array.isArray(traits)) {
    for (const [key, value] of Object.entries(traits)) if (key !== 'name') push(out, key, value, traitLabels?.get(key));
  }
  return out;
}

/** 1.2 MB, 340 KB: a size as a person reads it. */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** One short line under a name in lists. */
export function subtitleOf(type: RecordType, attrs: Record<string, unknown>): string | null {
  const s = (k: string): string | null => (typeof attrs[k] === 'string' && attrs[k] !== '' ? String(attrs[k]) : null);
  const join = (...parts: (string | null)[]): string | null => parts.filter((p): p is string => p !== null).join(' · ') || null;
  switch (type) {
    case 'configurations':
      return join(s('configuration-type-name'), s('primary-ip') ?? s('hostname'));
    case 'configuration-interfaces':
      return join(s('ip-address'), s('mac-address'));
    case 'passwords':
      return join(s('username'), s('password-category-name'));
    case 'contacts':
      return s('title');
    case 'locations':
      return join(s('city'), s('region-name'));
    case 'domains':
      return s('expires-on') ? `expires ${s('expires-on')}` : s('registrar-name');
    case 'flexible-assets':
      return s('flexible-asset-type-name');
    case 'organizations':
      return join(s('organization-type-name'), s('organization-status-name') === 'Active' ? null : s('organization-status-name'));
    case 'documents':
      return s('document-folder-path');
    case 'checklists':
      return join(attrs.completed === true ? 'Completed' : 'Open', s('due-date') ? `due ${String(s('due-date')).slice(0, 10)}` : null);
    case 'checklist-tasks':
      return join(attrs.completed === true ? 'Done' : 'Not done', s('assignee-name'));
    case 'ssl-certificates':
      return join(s('expires-on') ? `expires ${String(s('expires-on')).slice(0, 10)}` : null, s('issued-by'));
    case 'expirations':
      return join(s('description'), s('expiration-date'));
    case 'attachments':
      return join(typeof attrs['attachment-file-size'] === 'number' ? sizeText(attrs['attachment-file-size']) : null, s('created-by'));
    default:
      return null;
  }
}

/** A stored record's fields, flexible asset traits under their labels in the tenant's schema. */
export function labelledFields(db: Database.Database, record: { type: RecordType; id: string; attrs: Record<string, unknown> }): RecordField[] {
  const typeId = record.type === 'flexible-assets' ? assetTypeOf(db, Number(record.id)) : null;
  return fieldsOf(record.type, record.attrs, typeId !== null ? assetFieldLabels(db, typeId) : undefined);
}
