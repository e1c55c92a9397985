// "domains for Northgate", "documents at Acme": every record of that type in the org, when the
// question names nothing else. Types with a handler of their own (contacts, locations,
// passwords, configurations) list through it.
import type { RecordType } from '../../../../shared/domain';
import { recordsOfTypeInOrg } from '../../store/index';
import { orgSuffix, present, sourceOf, type Found, type HandlerInput } from '../context';

const NOUNS: readonly [RegExp, RecordType, string][] = [
  [/^domains?$/, 'domains', 'domains'],
  [/^(?:documents?|docs?|runbooks?|procedures?|articles?)$/, 'documents', 'documents'],
];
const FRAMING = new Set(['list', 'all', 'every', 'which', 'what', 'show', 'our', 'their', 'the', 'have', 'has', 'do', 'does', 'they', 'we', 'are', 'is', 'of', 'registered', 'any']);
const SHOWN = 50;

export function recordListAnswer(input: HandlerInput): Found | null {
  if (!input.org) return null;
  const words = input.q.keywords.filter((k) => !FRAMING.has(k));
  const noun = words.length === 1 ? NOUNS.find(([re]) => re.test(words[0] ?? '')) : undefined;
  if (!noun) return null;
  const [, type, label] = noun;
  const rows = recordsOfTypeInOrg(input.ctx.search.db, type, input.org.id, SHOWN + 1);
  const sources = rows.slice(0, SHOWN).map((r) => sourceOf(input.ctx, r.type, r.id)).filter(present);
  if (sources.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  const lines = sources.map((s) => `- ${s.name}${s.snippet && s.snippet !== s.name ? `: ${s.snippet.slice(0, 120)}` : ''}`);
  const more = rows.length > SHOWN ? '\n…and more; open the organization to see them all.' : '';
  return { answer: `${sources.length} ${label}${orgSuffix(input.org.name)}:\n${lines.join('\n')}${more}`, sources, confidence: 0.9 };
}
