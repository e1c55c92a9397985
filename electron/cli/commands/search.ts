import { z } from 'zod';
import { RECORD_TYPES, type OrgCandidate, type OrgRef, type RecordType } from '../../../shared/domain';
import { orgChoices, resolveOrgRef } from '../../core/answers/org-resolve';
import type { Embedder } from '../../core/search/embedder';
import { vectorReadiness } from '../../core/search/hybrid';
import { locateModel } from '../../core/search/model-locator';
import { describeScope, hitTitle, retrieve } from '../../core/answers/retrieve';
import { createSearchContext, type SearchContext, type SearchHit } from '../../core/search/search';
import { createReader } from '../../core/store/reader';
import type { OpenedProfile } from '../../core/sync/service';
import { intFlag, parseFlags } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { openForCommand, profileFlagOptions, profileFlagSchema } from '../profile';

const HELP = `Usage: glue search "QUERY" [--org NAME|ID] [--type TYPE] [--limit N] [--json]
                   [--profile NAME] [--data-dir DIR]

Searches the local copy (keywords, plus meaning when the embedding model is installed) and
lists the best records with their organization, type and IT Glue link. Never shows a password
value. Output is readable on a terminal and JSON otherwise (or with --json).

  --org NAME|ID   only this organization (a name may be abbreviated or misspelt)
  --type TYPE     only this record type: ${RECORD_TYPES.join(', ')}
  --limit N       how many results (1–200, default 10)
`;

/** What search and ask share: the profile, opened for reading, with its search context. */
export interface ReadSession {
  profile: OpenedProfile;
  ctx: SearchContext;
  mode: 'hybrid' | 'keyword';
  close(): Promise<void>;
}

/**
 * Opens the profile through the profile service and stops this connection from writing
 * (search and ask only read). The embedder exists only when a model is on disk, and its worker
 * starts on the first query; without a model or vectors, one line on stderr says so.
 */
export async function openForReading(command: string, flags: { profile?: string | undefined; 'data-dir'?: string | undefined }, io: CliIo): Promise<ReadSession | null> {
  const profile = await openForCommand(command, flags, io, { existing: true });
  if (!profile) return null;
  profile.store.db.pragma('query_only = ON');
  if (!createReader(profile.store).hasRecords()) {
    profile.close();
    const name = profile.paths.profile;
    io.stderr.write(`glue ${command}: profile "${name}" holds no synced data yet. Run \`glue sync${name === 'default' ? '' : ` --profile ${name}`}\` (or \`glue demo\` to try the demo account).\n`);
    return null;
  }
  const installed = locateModel(profile.paths.modelsDir).state !== 'missing';
  const embedder: Embedder | null = installed ? (await import('../../core/search/embedder')).createEmbedder({ modelsDir: profile.paths.modelsDir }) : null;
  const ctx = createSearchContext(profile.store, { embedder });
  const ready = vectorReadiness(profile.store.db, embedder);
  if (!ready.ready) {
    const reason = installed ? ready.reason : 'the embedding model is not installed (run `glue model download` to search by meaning too)';
    io.stderr.write(`glue ${command}: keyword search only: ${reason}.\n`);
  }
  return {
    profile,
    ctx,
    mode: ready.ready ? 'hybrid' : 'keyword',
    close: async () => {
      await embedder?.close();
      profile.close();
    },
  };
}

/** --org as an id or a (fuzzy) name; an unclear name is a usage error that lists the candidates. */
export function resolveOrg(command: string, value: string, ctx: SearchContext): OrgRef {
  return resolveOrgIn(command, value, ctx.orgs());
}

/** The same, over a list of organizations (commands that do not open a search context). */
export function resolveOrgIn(command: string, value: string, orgs: readonly OrgCandidate[]): OrgRef {
  const trimmed = value.trim();
  const m = resolveOrgRef(trimmed, orgs);
  if (m.kind === 'match') return { id: m.org.id, name: m.org.name };
  if (m.kind === 'ambiguous') throw new UsageError(`glue ${command}: --org "${trimmed}" matches several organizations: ${orgChoices(m.candidates)}. Which one? Give more of the name or the id.`);
  throw new UsageError(`glue ${command}: no organization matches --org "${trimmed}"${m.suggestions.length ? `; did you mean ${orgChoices(m.suggestions)}?` : '.'}`);
}

/** The query words: positionals joined, so quoting is optional. */
export function queryText(command: string, positionals: readonly string[]): string {
  const text = positionals.join(' ').trim();
  if (text === '') throw new UsageError(`glue ${command}: give a query, e.g. \`glue ${command} "backup schedule" --org acme\`. Run \`glue help ${command}\`.`);
  return text;
}

export const wantsJson = (io: CliIo, json: boolean | undefined): boolean => json === true || io.stdout.isTTY !== true;

export const sourceLine = (s: { type: RecordType; name: string; org: OrgRef | null }): string => `${s.name}  [${s.type}${s.org ? ` · ${s.org.name}` : ''}]`;

function prettyHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'No matching records.\n';
  return (
    hits
      .map((h, i) => {
        const lines = [`${String(i + 1).padStart(2)}. ${sourceLine({ ...h, name: hitTitle(h) })}${h.archived ? ' (archived)' : ''}`];
        if (h.snippet) lines.push(`    ${h.snippet}`);
        if (h.url) lines.push(`    ${h.url}`);
        return lines.join('\n');
      })
      .join('\n') + '\n'
  );
}

const Flags = z.object({
  ...profileFlagSchema,
  org: z.string().min(1).optional(),
  type: z.enum(RECORD_TYPES, { message: `must be one of ${RECORD_TYPES.join(', ')}` }).optional(),
  limit: intFlag(1, 200).optional(),
  json: z.boolean().optional(),
});

export const run: Command = async (argv, io) => {
  const { flags, positionals } = parseFlags(
    'search',
    argv,
    { ...profileFlagOptions, org: { type: 'string' }, type: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    Flags,
  );
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const query = queryText('search', positionals);
  const session = await openForReading('search', flags, io);
  if (!session) return 1;
  try {
    const org = flags.org !== undefined ? resolveOrg('search', flags.org, session.ctx) : null;
    const result = await retrieve(session.ctx, { query, orgId: org?.id, type: flags.type, limit: flags.limit ?? 10 });
    if (result.empty) {
      io.stderr.write(`glue search: ${result.note ?? 'nothing to search for'}\n`);
      return 2;
    }
    const scopeLine = describeScope(result.scope);
    if (wantsJson(io, flags.json)) {
      const hits = result.hits.map(({ type, id, name, via, org: o, url, snippet, archived, score, matched }) => ({ type, id, name, via: via ?? null, org: o, url, snippet, archived, score, matched }));
      io.stdout.write(`${JSON.stringify({ query, org, scope: result.scope, type: flags.type ?? null, mode: result.mode, note: result.note, hits })}\n`);
    } else {
      if (scopeLine) io.stdout.write(`${scopeLine}\n`);
      if (result.scope.kind === 'unknown' && result.note) io.stdout.write(`${result.note}\n`);
      io.stdout.write(prettyHits(result.hits));
    }
    return 0;
  } finally {
    await session.close();
  }
};
