import { z } from 'zod';
import type { Answer, Source } from '../../../shared/domain';
import { ask } from '../../core/answers/engine';
import { parseFlags } from '../args';
import type { Command } from '../io';
import { openForReading, queryText, resolveOrg, sourceLine, wantsJson } from './search';
import { profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue ask "QUESTION" [--org NAME|ID] [--json] [--profile NAME] [--data-dir DIR]

Answers a question from the local copy, with the records it came from ("what is 10.20.0.10",
"what depends on SRV-DC01", "wifi password for acme", "what expires in the next 30 days").
Nothing found → "No data available" and the closest records. Password records are named, their
values never shown. Output is readable on a terminal and JSON otherwise (or with --json).

  --org NAME|ID   answer inside this organization (a name may be abbreviated or misspelt)
`;

const sourceBlock = (sources: readonly Source[]): string[] =>
  sources.flatMap((s, i) => [`  ${String(i + 1).padStart(2)}. ${sourceLine(s)}`, ...(s.url ? [`      ${s.url}`] : [])]);

function pretty(a: Answer): string {
  const lines = [a.answer];
  if (a.sources.length > 0) lines.push('', 'Sources:', ...sourceBlock(a.sources));
  if (a.didYouMean.length > 0) lines.push('', a.intent === 'ambiguous_org' ? 'Organizations:' : 'Did you mean:', ...sourceBlock(a.didYouMean));
  return `${lines.join('\n')}\n`;
}

const Flags = z.object({ ...profileFlagSchema, org: z.string().min(1).optional(), json: z.boolean().optional() });

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags('ask', argv, { ...profileFlagOptions, org: { type: 'string' }, json: { type: 'boolean' } }, Flags);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const question = queryText('ask', positionals);
  const session = await openForReading('ask', flags, io);
  if (!session) return 1;
  try {
    const org = flags.org !== undefined ? resolveOrg('ask', flags.org, session.ctx) : null;
    const answer = await ask({ search: session.ctx }, question, org ? { orgId: org.id } : {});
    io.stdout.write(wantsJson(io, flags.json) ? `${JSON.stringify({ ...answer, mode: session.mode })}\n` : pretty(answer));
    return 0;
  } finally {
    await session.close();
  }
};
