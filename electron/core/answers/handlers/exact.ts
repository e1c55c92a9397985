// IP / CIDR / MAC / hostname / serial → configurations, through the typed lookup tables.
// Unscoped, the same address may exist in several organizations: every one is listed with its org.
import { domainsNamed, IDENTIFIER_PAGE, type ConfigurationHit } from '../../store/index';
import type { Source } from '../../../../shared/domain';
import { listText, orgSuffix, present, sourceOf, type Found, type HandlerInput } from '../context';
import { describeConfiguration } from './describe-configuration';

/** Configurations an answer lists; an IP shared by more is counted, not read (countByIp). */
const SHOWN = 50;

export function lookupAll(input: HandlerInput): { hits: ConfigurationHit[]; asked: string[]; counted: { configurations: number; organizations: number } | null } {
  const { reader } = input.ctx.search;
  const e = input.q.exact;
  const hits: ConfigurationHit[] = [];
  const asked: string[] = [];
  let counted: { configurations: number; organizations: number } | null = null;
  for (const ip of e.ips) {
    asked.push(ip.address);
    const page = reader.findByIp(ip.address, input.org ? IDENTIFIER_PAGE : SHOWN);
    hits.push(...page);
    // Only a full page may leave matches unread: then the typed tables count them (unscoped only:
    // inside one org the page is filtered below and the lookup is small anyway).
    if (page.length >= SHOWN && !input.org) {
      const n = reader.countByIp(ip.address);
      const before: { configurations: number; organizations: number } = counted ?? { configurations: 0, organizations: 0 };
      counted = { configurations: before.configurations + n.configurations, organizations: Math.max(before.organizations, n.organizations) };
    }
  }
  for (const c of e.cidrs) {
    asked.push(c.cidr);
    hits.push(...reader.findByCidr(c.cidr));
  }
  for (const m of e.macs) {
    asked.push(m.match(/../g)?.join(':') ?? m);
    hits.push(...reader.findByMac(m));
  }
  const asHost = new Set<string>();
  for (const h of e.hostnames) {
    asHost.add(h.toLowerCase());
    asked.push(h);
    hits.push(...reader.findByHostname(h));
  }
  // A bare 12-hex token is listed as a MAC and a serial: the MAC lookup already ran. A token
  // shaped like both a hostname and a serial ("DQ405V5") is looked up as both, asked once.
  for (const s of e.serials) {
    if (e.macs.includes(s.toLowerCase())) continue;
    if (!asHost.has(s.toLowerCase())) asked.push(s);
    hits.push(...reader.findBySerial(s));
  }
  const scoped = input.org ? hits.filter((h) => h.orgId === input.org?.id) : hits;
  return { hits: scoped, asked, counted };
}

const MATCH_WORDS: Record<ConfigurationHit['matchedOn'], string> = {
  primary_ip: 'primary IP',
  interface_ip: 'interface IP',
  mac: 'MAC address',
  interface_mac: 'interface MAC',
  hostname: 'hostname',
  serial: 'serial number',
  asset_tag: 'asset tag',
};

/**
 * A hit cites its configuration from the typed row the lookup read: a private IP shared by 50
 * devices read 50 wide records rows just for their snippets (most of a 1M-record answer's time).
 */
function hitSource(h: ConfigurationHit): Source {
  const hostname = h.hostname && h.hostname.toLowerCase() !== h.name.toLowerCase() ? h.hostname : null;
  return {
    type: 'configurations',
    id: String(h.id),
    name: h.name,
    org: h.orgId !== null && h.orgName !== null ? { id: h.orgId, name: h.orgName } : null,
    url: h.url ?? '',
    snippet: [h.name, h.typeName, h.statusName, hostname, h.primaryIp].filter((x): x is string => Boolean(x)).join(' · '),
  };
}

/** "where is acme.com registered": a domain name in the question is the domain record. */
function domainLookup(input: HandlerInput): Found | null {
  const names = input.q.exact.hostnames.filter((h) => h.includes('.'));
  const sources = names.flatMap((n) => domainsNamed(input.ctx.search.db, n, input.org?.id)).map((d) => sourceOf(input.ctx, 'domains', d.id)).filter(present);
  if (sources.length === 0) return null;
  const lines = sources.map((s) => `${s.name}${orgSuffix(s.org?.name)}${s.snippet ? `: ${s.snippet}` : ''}`);
  return { answer: lines.length === 1 ? `${lines[0] ?? ''}.` : lines.map((l) => `- ${l}`).join('\n'), sources, confidence: sources.length === 1 ? 0.95 : 0.8 };
}

export function exactLookup(input: HandlerInput): Found | null {
  const { hits, asked, counted } = lookupAll(input);
  if (hits.length === 0) return domainLookup(input);
  // One line per configuration, its matching fields merged, ordered by org then name.
  const byConfig = new Map<number, { hit: ConfigurationHit; how: string[] }>();
  for (const h of hits) {
    const entry = byConfig.get(h.id) ?? { hit: h, how: [] };
    const how = `${MATCH_WORDS[h.matchedOn]} ${h.value}${h.interfaceName ? ` on ${h.interfaceName}` : ''}`;
    if (!entry.how.includes(how)) entry.how.push(how);
    byConfig.set(h.id, entry);
  }
  const entries = [...byConfig.values()].sort(
    (a, b) => (a.hit.orgName ?? '').localeCompare(b.hit.orgName ?? '') || a.hit.name.localeCompare(b.hit.name) || a.hit.id - b.hit.id,
  );
  const orgs = new Set(entries.map((e) => e.hit.orgId));
  const total = Math.max(entries.length, counted?.configurations ?? 0);
  const orgCount = Math.max(orgs.size, counted?.organizations ?? 0);
  const lines = entries.slice(0, SHOWN).map((e) => `${e.hit.name}${orgSuffix(e.hit.orgName)}: ${listText(e.how)}`);
  const head =
    total === 1
      ? `${listText(asked)} is ${lines[0] ?? ''}.`
      : `${listText(asked)} matches ${total} configurations${orgCount > 1 ? ` in ${orgCount} organizations` : ''}${total > lines.length ? ` (${lines.length} shown)` : ''}:\n${lines.map((l) => `- ${l}`).join('\n')}`;
  const sources = entries.slice(0, SHOWN).map((e) => hitSource(e.hit));
  if (sources.length === 0) return null;
  // One device and more asked than its name ("esxi version on NGC-HV01"): its stored details too.
  const only = entries.length === 1 ? entries[0] : undefined;
  const detail = only && input.q.keywords.length > asked.length ? input.ctx.search.reader.configurationDetail(only.hit.id) : null;
  return { answer: detail ? `${head}\n${describeConfiguration(detail)}` : head, sources, confidence: entries.length === 1 ? 0.98 : orgs.size > 1 ? 0.8 : 0.9 };
}
