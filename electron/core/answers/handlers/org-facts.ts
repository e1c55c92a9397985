// Organization overview, contacts and locations: lists of stored fields for the org in scope.
import type { Source } from '../../../../shared/domain';
import { contactIdsOfOrg, contactRow, locationsOfOrg, type ContactRow } from '../../store/index';
import { listText, orgSource, present, sourceOf, type Found, type HandlerInput } from '../context';
import { WHO_TO_CALL } from '../parse/cues';
import { byCoverage, contentTerms, coverage, findCandidates, MIN_COVERAGE } from './find';

const TYPE_WORDS: [string, string][] = [
  ['configurations', 'configurations'], ['passwords', 'passwords'], ['flexible-assets', 'flexible assets'], ['documents', 'documents'],
  ['contacts', 'contacts'], ['locations', 'locations'], ['domains', 'domains'],
];

export function organizationAnswer(input: HandlerInput): Found | null {
  if (!input.org) return null;
  const org = input.ctx.search.reader.listOrganizations().find((o) => o.id === input.org?.id);
  const src = orgSource(input.ctx, input.org.id);
  if (!org || !src) return null;
  const rec = input.ctx.search.reader.getRecord('organizations', String(org.id));
  const desc = typeof rec?.attrs.description === 'string' ? rec.attrs.description.trim() : '';
  const counts = TYPE_WORDS.map(([t, w]) => [org.counts[t as keyof typeof org.counts] ?? 0, w] as const).filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  const facts = [
    org.shortName ? `Short name ${org.shortName}` : null,
    org.typeName ? `type ${org.typeName}` : null,
    org.statusName ? `status ${org.statusName}` : null,
  ].filter(present);
  const answer = `${org.name}: ${facts.join(', ')}.${desc ? ` ${desc}` : ''}${counts.length ? ` Holds ${listText(counts)}.` : ''}`;
  return { answer, sources: [src], confidence: 0.9 };
}

const values = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.map((x: unknown) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && 'value' in x && typeof x.value === 'string' ? x.value : null)).filter(present);
  } catch {
    return [];
  }
};

/** Words of a call about something broken. */
const INCIDENT = /^(?:outages?|down|offline|broken|fault\w*|fail\w*|incidents?|emergenc\w*|urgent|cut|cuts|degraded|disrupt\w*|not|unreachable)$/;
/** A contact that takes incidents, by its name, title or type. */
const isSupportLine = (c: ContactRow): boolean =>
  /\b(?:noc|support|help ?desk|service ?desk|on[- ]?call|24 ?(?:x|\/) ?7|network operations|technical|escalations?)\b/i.test([c.first_name, c.last_name, c.title, c.type_name].filter(present).join(' '));

export async function contactsAnswer(input: HandlerInput): Promise<Found | null> {
  const { ctx } = input;
  const terms = contentTerms(input.q.keywords, ['who', 'contact', 'contacts', 'people', 'person', 'main', 'primary']);
  let ids: number[];
  // "who do I call at Cobalt about an outage": what the call is about seldom sits in a contact's
  // record; with no contact holding those words, the org's own contacts answer (important first).
  const toCall = input.q.signals.some((s) => s.cue === WHO_TO_CALL);
  if (terms.length > 0) {
    const cands = byCoverage(await findCandidates(input, terms, ['contacts'], 10));
    ids = cands.filter((c) => c.coverage >= MIN_COVERAGE).map((c) => Number(c.hit.id));
    if (ids.length === 0 && toCall && input.org) ids = contactIdsOfOrg(ctx.search.db, input.org.id, 20);
    if (ids.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  } else {
    if (!input.org) return null;
    ids = contactIdsOfOrg(ctx.search.db, input.org.id, 20);
  }
  const rows = ids.slice(0, 20).map((id) => contactRow(ctx.search.db, id)).filter(present);
  // "who do I call about an outage" when no contact names the outage: a support line (NOC, help
  // desk, on-call) first, since that is who takes an incident; the account manager comes after.
  if (toCall && input.q.keywords.some((k) => INCIDENT.test(k))) rows.sort((a, b) => Number(isSupportLine(b)) - Number(isSupportLine(a)));
  // "main contact", "primary contact": the contact IT Glue types as Primary comes first, and
  // every line says each contact's type, so which one is the main one is never a guess.
  const primaryFirst = input.q.keywords.some((k) => k === 'main' || k === 'primary');
  const isPrimary = (c: { type_name: string | null }): boolean => /\b(?:primary|main)\b/i.test(c.type_name ?? '');
  if (primaryFirst) rows.sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)));
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const c of rows) {
    const s = sourceOf(ctx, 'contacts', c.id);
    if (!s) continue;
    const name = [c.first_name, c.last_name].filter(present).join(' ') || s.name;
    const reach = [...values(c.emails), ...values(c.phones)];
    const kind = c.type_name ? ` (${c.type_name} contact)` : '';
    lines.push(`${name}${kind}${c.title ? `, ${c.title}` : ''}${s.org ? ` (${s.org.name})` : ''}${reach.length ? `: ${reach.join(', ')}` : ''}`);
    sources.push(s);
  }
  if (sources.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  return { answer: lines.length === 1 ? `${lines[0] ?? ''}.` : lines.map((l) => `- ${l}`).join('\n'), sources, confidence: terms.length > 0 ? 0.8 : 0.85 };
}

/** Words that ask for a location's fields, not which location. */
const LOCATION_WORDS = ['address', 'addresses', 'where', 'located', 'location', 'locations', 'site', 'sites', 'office', 'offices', 'phone', 'number', 'street', 'city', 'directions', 'list', 'all', 'main', 'primary'];

export function locationsAnswer(input: HandlerInput): Found | null {
  if (!input.org) return null;
  const { ctx } = input;
  let rows = locationsOfOrg(ctx.search.db, input.org.id);
  if (rows.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  // "address of the west branch": the location the other words name, when one does.
  const terms = contentTerms(input.q.keywords, LOCATION_WORDS);
  if (terms.length > 0) {
    const scored = rows.map((l) => ({ l, c: coverage(terms, [l.name, l.address, l.city, l.region].filter(present).join(' ')) }));
    const best = Math.max(...scored.map((x) => x.c));
    // Other words no location holds ("vpn address", "sharepoint site url") ask about
    // something else: not this org's street addresses.
    if (best === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
    rows = scored.filter((x) => x.c >= best).map((x) => x.l);
  }
  const lines = rows.map((l) => `${l.name}: ${[l.address, l.city, l.region, l.country].filter(present).join(', ')}${l.phone ? ` (phone ${l.phone})` : ''}`);
  return {
    answer: `${input.org.name} locations:\n${lines.map((l) => `- ${l}`).join('\n')}`,
    sources: rows.map((l) => sourceOf(ctx, 'locations', l.id)).filter(present),
    confidence: 0.9,
  };
}
