// "what depends on SRV-DC01" / "what does the VPN need": recursive walks over relations.
// A relation A → B means A relies on B (a switch uplinks to the firewall, an app server
// authenticates against the DC). One vocabulary throughout: 'up' = what X depends on,
// 'down' = what depends on X.
import type { RecordType } from '../../../../shared/domain';
import type { DependencyNode } from '../../store/index';
import { listText, present, sourceOf, type Found, type HandlerInput } from '../context';
import { configurationsOfType } from '../../store/index';
import { findConfigType, preferType, residual } from './config-types';
import { lookupAll } from './exact';
import { byCoverage, contentTerms, findCandidates, MIN_COVERAGE, toSource } from './find';

const DEP_WORDS = ['depend', 'depends', 'dependencies', 'dependency', 'need', 'needs', 'require', 'requires', 'rely', 'relies', 'upstream', 'downstream', 'impact', 'affected', 'affect', 'affects', 'break', 'breaks', 'down', 'goes', 'offline', 'uses', 'used', 'dependents', 'else', 'fail', 'stops'];

// The hop shows how far a node is: a direct link, or through others ("2 hops").
const label = (n: DependencyNode): string => `${n.name ?? `${n.type} ${n.id}`}${n.depth > 1 ? ` (${n.depth} hops)` : ""}`;

export async function dependenciesAnswer(input: HandlerInput): Promise<Found | null> {
  const { ctx } = input;
  let subject: { type: RecordType; id: string } | null = null;
  const devices = lookupAll(input).hits;
  let didYouMean;
  if (devices.length > 0) {
    const first = [...devices].sort((a, b) => (a.orgName ?? '').localeCompare(b.orgName ?? '') || a.id - b.id)[0];
    if (first) subject = { type: 'configurations', id: String(first.id) };
  } else {
    // "what is plugged into the ups": the relation's own words are not the subject's.
    const phrasing = input.q.signals.filter((s) => s.intent === 'dependencies').flatMap((s) => s.words);
    const terms = contentTerms(input.q.keywords, [...DEP_WORDS, ...phrasing]);
    if (terms.length === 0) return null;
    const db = ctx.search.db;
    const kind = findConfigType(db, terms);
    const ofType = kind && input.org && residual(terms, kind).length === 0 ? configurationsOfType(db, kind.typeNames, input.org.id, 1)[0] : undefined;
    if (ofType) {
      // "the firewall at acme": the org's device of that type, before any record that mentions one.
      subject = { type: 'configurations', id: String(ofType.id) };
    } else {
      const cands = preferType(db, byCoverage(await findCandidates(input, terms, ['configurations', 'flexible-assets'], 10)), kind);
      const best = cands[0];
      didYouMean = cands.slice(0, 3).map((c) => toSource(c.hit));
      if (best && best.coverage >= MIN_COVERAGE) subject = { type: best.hit.type, id: best.hit.id };
    }
  }
  if (!subject) return { noData: true, answer: '', sources: [], confidence: 0, didYouMean };
  const me = sourceOf(ctx, subject.type, subject.id);
  if (!me) return null;
  const reader = ctx.search.reader;
  const dir = input.q.direction;
  const needs = dir === 'down' ? [] : reader.walkDependencies(subject.type, subject.id, 'up', 5);
  const usedBy = dir === 'up' ? [] : reader.walkDependencies(subject.type, subject.id, 'down', 5);
  const where = me.org ? ` (${me.org.name})` : '';
  const parts: string[] = [];
  if (dir !== 'down') parts.push(needs.length ? `${me.name}${where} depends on ${listText(needs.slice(0, 25).map(label))}.` : `${me.name}${where} has no recorded dependencies.`);
  if (dir !== 'up') parts.push(usedBy.length ? `Depending on ${me.name}${where}: ${listText(usedBy.slice(0, 40).map(label))}${usedBy.length > 40 ? ` and ${usedBy.length - 40} more` : ''}.` : `Nothing recorded depends on ${me.name}${where}.`);
  const nodes = [...needs, ...usedBy].slice(0, 40);
  const sources = [me, ...nodes.map((n) => sourceOf(ctx, n.type, n.id))].filter(present);
  return { answer: parts.join('\n'), sources, confidence: nodes.length > 0 ? 0.85 : 0.6 };
}
