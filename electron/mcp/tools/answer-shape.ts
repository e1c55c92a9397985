// How an engine Answer / search hit leaves the MCP door: snippets (and answers quoting notes)
// are IT Glue text, so they are wrapped as untrusted data; every source keeps its IT Glue link.
import { z } from 'zod';
import type { Answer, Source } from '../../../shared/domain';
import { INTENTS } from '../../../shared/domain';
import { untrusted } from '../untrusted';
import { orgRefShape, sourceShape, sourcesField } from './common';

export function wrapSource(s: Source) {
  return { type: s.type, id: s.id, name: s.name, org: s.org, url: s.url, snippet: untrusted(s.snippet, `${s.type}/${s.id}`, { maxChars: 600 }) };
}

export const answerShape = {
  answer: z.string().describe('The answer built only from stored IT Glue fields, as untrusted data; exactly "No data available" when nothing matched.'),
  noData: z.boolean().describe('True when the local copy holds no answer: say "No data available", do not guess.'),
  confidence: z.number().describe('0-1: how sure the engine is that the first source is what was asked for.'),
  intent: z.enum(INTENTS).describe('How the question was understood.'),
  org: orgRefShape,
  sources: sourcesField(),
  didYouMean: z.array(sourceShape).describe('Closest candidates when nothing matched, or organizations to choose from when the name was ambiguous.'),
};

export function answerData(a: Answer) {
  return {
    answer: a.noData ? a.answer : untrusted(a.answer, 'answer', { maxChars: 12_000 }),
    noData: a.noData,
    confidence: a.confidence,
    intent: a.intent,
    org: a.org,
    sources: a.sources.map(wrapSource),
    didYouMean: a.didYouMean.map(wrapSource),
  };
}

export function renderAnswer(a: ReturnType<typeof answerData>): string {
  const src = a.sources.slice(0, 10).map((s) => `- ${s.name} (${s.type} ${s.id})${s.org ? ` — ${s.org.name}` : ''}${s.url ? ` ${s.url}` : ''}`);
  const dym = a.didYouMean.slice(0, 5).map((s) => `- ${s.name} (${s.type} ${s.id})`);
  return [a.answer, src.length ? `Sources:\n${src.join('\n')}` : '', dym.length ? `Did you mean:\n${dym.join('\n')}` : ''].filter(Boolean).join('\n\n');
}
