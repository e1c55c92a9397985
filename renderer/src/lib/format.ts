export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.round((now - t) / 1000);
  if (s < 45) return 'just now';
  if (s < 90) return '1 minute ago';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 24) return h === 1 ? '1 hour ago' : `${h} hours ago`;
  const d = Math.round(h / 24);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

const TYPE_LABELS: Record<string, string> = {
  organizations: 'Organizations',
  configurations: 'Configurations',
  'configuration-interfaces': 'Interfaces',
  passwords: 'Passwords',
  'flexible-asset-types': 'Asset types',
  'flexible-asset-fields': 'Asset fields',
  'flexible-assets': 'Flexible assets',
  documents: 'Documents',
  'document-sections': 'Document sections',
  contacts: 'Contacts',
  locations: 'Locations',
  domains: 'Domains',
  'document-folders': 'Document folders',
  checklists: 'Checklists',
  'checklist-tasks': 'Checklist tasks',
  'ssl-certificates': 'SSL certificates',
  expirations: 'Expirations',
  attachments: 'Attachments',
};
export const typeLabel = (t: string): string => TYPE_LABELS[t] ?? t;

const SINGULAR: Record<string, string> = {
  configurations: 'Configuration',
  passwords: 'Password',
  'flexible-assets': 'Asset',
  documents: 'Document',
  contacts: 'Contact',
  locations: 'Location',
  domains: 'Domain',
  organizations: 'Organization',
  'document-folders': 'Folder',
  checklists: 'Checklist',
  'checklist-tasks': 'Task',
  'ssl-certificates': 'SSL certificate',
  expirations: 'Expiration',
  attachments: 'Attachment',
};
export const typeSingular = (t: string): string => SINGULAR[t] ?? typeLabel(t);

/** A card shows the name above its snippet: drop the snippet's leading segments that only repeat it. */
export function snippetBesides(name: string, snippet: string): string {
  const parts = snippet.split(' · ');
  const same = (p: string) => p.trim().toLowerCase() === name.trim().toLowerCase();
  let i = 0;
  while (i < parts.length - 1 && same(parts[i] ?? '')) i++;
  return i === parts.length - 1 && same(parts[i] ?? '') ? '' : parts.slice(i).join(' · ');
}

type Changes = Partial<Record<string, { added: number; changed: number; removed: number }>>;

/** "3 added, 1 changed" / "no changes": what the last sync did, in the header. */
export function changeLine(changes: Changes): string {
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const c of Object.values(changes)) {
    added += c?.added ?? 0;
    changed += c?.changed ?? 0;
    removed += c?.removed ?? 0;
  }
  const parts = [added ? `${added} added` : '', changed ? `${changed} changed` : '', removed ? `${removed} removed` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/** One line per type that changed, for the header's tooltip. */
export function changeLines(changes: Changes): string[] {
  return Object.entries(changes).flatMap(([type, c]) =>
    c ? [`${typeLabel(type)}: ${[c.added ? `+${c.added}` : '', c.changed ? `~${c.changed}` : '', c.removed ? `−${c.removed}` : ''].filter(Boolean).join(' ')}`] : [],
  );
}
