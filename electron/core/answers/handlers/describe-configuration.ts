// One configuration in words: type, status, addresses, serial, warranty, interfaces, passwords
// (names only) and related items, all from stored fields.
import type { ConfigurationDetail } from '../../store/index';
import { listText, orgSuffix, present } from '../context';

const attr = (d: ConfigurationDetail, key: string): string | null => {
  const v = d.record.attrs[key];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

/**
 * Each related item once: a link stored both ways is one item, two records of one type and name
 * read as one, and a name shared across types says which type each is.
 */
export function relatedNames(related: ConfigurationDetail['related']): string[] {
  const byKey = new Map<string, { type: string; name: string }>();
  for (const r of related) {
    const name = r.name ?? `${r.type} ${r.id}`;
    byKey.set(`${r.type}\u0000${name.toLowerCase()}`, { type: r.type, name });
  }
  const items = [...byKey.values()];
  const types = new Map<string, Set<string>>();
  for (const i of items) types.set(i.name.toLowerCase(), (types.get(i.name.toLowerCase()) ?? new Set()).add(i.type));
  return items.map((i) => ((types.get(i.name.toLowerCase())?.size ?? 0) > 1 ? `${i.name} (${i.type.replace(/-/g, ' ').replace(/s$/, '')})` : i.name));
}

export function describeConfiguration(d: ConfigurationDetail): string {
  const facts = [
    d.typeName ? `Type: ${d.typeName}` : null,
    d.statusName ? `Status: ${d.statusName}` : null,
    d.primaryIp ? `Primary IP: ${d.primaryIp}` : null,
    d.mac ? `MAC: ${d.mac.match(/../g)?.join(':') ?? d.mac}` : null,
    d.serial ? `Serial: ${d.serial}` : null,
    d.assetTag ? `Asset tag: ${d.assetTag}` : null,
    attr(d, 'manufacturer-name') || attr(d, 'model-name') ? `Model: ${[attr(d, 'manufacturer-name'), attr(d, 'model-name')].filter(present).join(' ')}` : null,
    attr(d, 'operating-system-name') ? `OS: ${attr(d, 'operating-system-name') ?? ''}` : null,
    attr(d, 'location-name') ? `Location: ${attr(d, 'location-name') ?? ''}` : null,
    d.warrantyExpiresAt ? `Warranty until: ${d.warrantyExpiresAt.slice(0, 10)}` : null,
    d.interfaces.length ? `Interfaces: ${d.interfaces.map((i) => `${i.name ?? 'interface'} ${i.ip ?? ''}`.trim()).join('; ')}` : null,
    d.passwords.length ? `Passwords: ${listText(d.passwords.map((p) => p.name))}` : null,
    d.related.length ? `Related: ${listText(relatedNames(d.related).slice(0, 10))}` : null,
  ].filter(present);
  return `${d.record.name}${orgSuffix(d.orgName)}. ${facts.join('. ')}.`;
}
