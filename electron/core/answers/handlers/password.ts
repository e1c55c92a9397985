// Password questions return the password RECORD (name, username, URL, org), never its value:
// values are revealed one at a time in the app, audited.
import type { PasswordMeta } from '../../store/index';
import { orgSuffix, present, sourceOf, type Found, type HandlerInput } from '../context';
import { lookupAll } from './exact';
import { configurationsOfType, findConfigType, residual } from './config-types';
import { byCoverage, contentTerms, coverage, findCandidates, MIN_COVERAGE, toSource } from './find';

function describe(p: PasswordMeta, orgName: string | null): string {
  const parts = [p.username ? `username ${p.username}` : null, p.url ? `URL ${p.url}` : null, p.category ? `category ${p.category}` : null].filter(present);
  return `${p.name}${orgSuffix(orgName)}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

const TAIL = 'The value is not shown here; reveal it in Glue Desk (audited) or open it in IT Glue.';

export async function passwordAnswer(input: HandlerInput): Promise<Found | null> {
  const { ctx } = input;
  const reader = ctx.search.reader;
  // "password for SRV-DC01": the passwords attached to that device.
  const devices = lookupAll(input).hits;
  let metas: PasswordMeta[] = [];
  if (devices.length > 0) {
    for (const d of [...new Set(devices.map((h) => h.id))]) metas.push(...(reader.configurationDetail(d)?.passwords ?? []));
  }
  let didYouMean;
  const terms = contentTerms(input.q.keywords, ['admin', 'account']).concat(input.q.phrases);
  // "the synology pw for the nas at Northgate": the passwords attached to the org's devices of
  // that kind, those naming the other words first.
  const kind = metas.length === 0 && input.org ? findConfigType(ctx.search.db, input.q.keywords) : null;
  if (kind && input.org) {
    const attached = configurationsOfType(ctx.search.db, kind.typeNames, input.org.id, 10).flatMap((c) => reader.configurationDetail(c.id)?.passwords ?? []);
    const rest = residual(terms, kind);
    const named = rest.length > 0 ? attached.filter((p) => coverage(rest, `${p.name} ${p.username ?? ''} ${p.url ?? ''}`) > 0) : attached;
    metas = named.length > 0 ? named : attached;
  }
  if (metas.length === 0) {
    if (terms.length === 0 && input.org) {
      const all = ctx.search.db
        .prepare<[number], { id: number }>(
          "SELECT p.id FROM passwords p JOIN records r ON r.rowid = p.record_rowid AND r.deleted_at IS NULL WHERE p.org_id = ? ORDER BY p.name COLLATE NOCASE, p.id LIMIT 50",
        )
        .all(input.org.id);
      metas = all.map((r) => reader.passwordMeta(r.id)).filter(present);
    } else {
      const cands = byCoverage(await findCandidates(input, terms.length > 0 ? terms : input.q.keywords, ['passwords'], 10));
      const good = cands.filter((c) => c.coverage >= MIN_COVERAGE);
      metas = good.map((c) => reader.passwordMeta(Number(c.hit.id))).filter(present);
      didYouMean = cands.slice(0, 3).map((c) => toSource(c.hit));
    }
  }
  if (metas.length === 0) return { noData: true, answer: '', sources: [], confidence: 0, didYouMean };
  const sources = metas.slice(0, 20).map((p) => sourceOf(ctx, 'passwords', p.id)).filter(present);
  const lines = metas.slice(0, 20).map((p) => describe(p, sources.find((s) => s.id === String(p.id))?.org?.name ?? null));
  const answer = lines.length === 1 ? `${lines[0] ?? ''}. ${TAIL}` : `${lines.length} passwords:\n${lines.map((l) => `- ${l}`).join('\n')}\n${TAIL}`;
  const orgs = new Set(sources.map((s) => s.org?.id));
  return { answer, sources, confidence: lines.length === 1 ? 0.9 : orgs.size > 1 ? 0.6 : 0.75 };
}

