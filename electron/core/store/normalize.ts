import { firstLabel, hostnameKey, normalizeMac, normalizeSerial } from '../identifiers/index';

/**
 * Extra search terms appended to a record's body so FTS (default separators) finds exact and
 * partial forms: "SRV-DC01" is already "srv dc01"; this adds "srvdc01" (and "srvdc01.corp.local"
 * without dots would be noise, so only the first label is joined), MACs as 12 hex digits,
 * serials uppercased.
 */
export function searchAliases(values: { hostnames?: (string | null | undefined)[]; macs?: (string | null | undefined)[]; serials?: (string | null | undefined)[] }): string[] {
  // A handful of values: an array with includes() is cheaper than a Set here.
  const out: string[] = [];
  const add = (v: string | null): void => {
    if (v && !out.includes(v)) out.push(v);
  };
  for (const h of values.hostnames ?? []) {
    if (!h) continue;
    const first = firstLabel(h);
    const key = hostnameKey(first);
    if (key !== first.toLowerCase()) add(key);
  }
  for (const m of values.macs ?? []) add(normalizeMac(m));
  for (const s of values.serials ?? []) add(normalizeSerial(s));
  return out;
}
