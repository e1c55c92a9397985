// Details of one configuration: type, status, addresses, serial, warranty, interfaces, passwords
// (names only) and related items, all from stored fields.
import { present, sourceOf, type Found, type HandlerInput } from '../context';
import { describeConfiguration } from './describe-configuration';
import { configurationsOfType, findConfigType, preferType, residual } from './config-types';
import { lookupAll } from './exact';
import { byCoverage, contentTerms, findCandidates, MIN_COVERAGE, toSource } from './find';

/**
 * Words that name the field asked about ("firewall ip", "serial of the switch", "what OS does
 * the DC run"), not the device: a device's record rarely contains the word "ip", so they must
 * not count against a match. The answer states every field anyway.
 */
export const FIELD_WORDS = [
  'ip', 'ips', 'ipv4', 'ipv6', 'address', 'addresses', 'addr', 'mac', 'serial', 'sn', 'model', 'make',
  'manufacturer', 'os', 'version', 'firmware', 'warranty', 'hostname', 'host', 'spec', 'specs',
  'type', 'status', 'primary', 'asset', 'tag', 'number', 'interface', 'interfaces', 'what', 'which',
  'running', 'run', 'runs', 'installed', 'expire', 'expires', 'expiry',
  // which interface or address of the device: "WAN IP of the firewall", "public address"
  'wan', 'lan', 'public', 'private', 'external', 'internal', 'inside', 'outside',
];

/** The words that pick the device: field words dropped unless nothing else is left. */
export function deviceTerms(keywords: readonly string[]): string[] {
  const terms = contentTerms(keywords, FIELD_WORDS);
  return terms.length > 0 ? terms : contentTerms(keywords);
}

export async function configurationAnswer(input: HandlerInput): Promise<Found | null> {
  const reader = input.ctx.search.reader;
  let ids = [...new Set(lookupAll(input).hits.map((h) => h.id))];
  let didYouMean;
  if (ids.length === 0) {
    const terms = deviceTerms(input.q.keywords);
    if (terms.length === 0) return null;
    const db = input.ctx.search.db;
    const kind = findConfigType(db, terms);
    if (kind && input.org && residual(terms, kind).length === 0) {
      // "the firewall at acme": that org's configurations of the type, not every record saying "firewall".
      ids = configurationsOfType(db, kind.typeNames, input.org.id, 5).map((r) => r.id);
    } else {
      const cands = preferType(db, byCoverage(await findCandidates(input, terms, ['configurations'], 10)), kind);
      ids = cands.filter((c) => c.coverage >= MIN_COVERAGE).slice(0, 5).map((c) => Number(c.hit.id));
      didYouMean = cands.slice(0, 3).map((c) => toSource(c.hit));
    }
  }
  const details = ids.slice(0, 5).map((id) => reader.configurationDetail(id)).filter(present);
  if (details.length === 0) return { noData: true, answer: '', sources: [], confidence: 0, didYouMean };
  const sources = details.map((d) => sourceOf(input.ctx, 'configurations', d.record.id)).filter(present);
  return { answer: details.map(describeConfiguration).join('\n'), sources, confidence: details.length === 1 ? 0.9 : 0.7 };
}
