// ask.*: questions go to the answer engine, search-as-you-type to hybrid search, and the org
// picker's suggestions are the live organizations ranked as every door ranks them.
import type { OrgRef, Source } from '../../../shared/domain';
import type { AskApi } from '../../../shared/ipc';
import { ok } from '../../../shared/result';
import { ask } from '../answers/engine';
import { findOrgs } from '../answers/org-resolve';
import { hitTitle, retrieve } from '../answers/retrieve';
import type { AppContext } from './context';
import { starterQuestions } from './starters';

export function createAskApi(ctx: AppContext): AskApi {
  return {
    ask: async ({ question, orgId }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const answer = await ask({ search: opened.value.search, today: ctx.options.today }, question, orgId === undefined ? {} : { orgId });
      return ok(answer);
    },
    search: async ({ query, orgId, type, limit, prefix }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      // The same search as glue search and MCP search (whole words), so every door gives the same
      // hits; `prefix` reads the last word as typed so far, for search-as-you-type.
      const r = await retrieve(opened.value.search, { query, orgId, type, limit: limit ?? 20, prefix: prefix === true });
      return ok(r.hits.map((h): Source => ({ type: h.type, id: h.id, name: hitTitle(h), org: h.org, url: h.url, snippet: h.snippet })));
    },
    starters: async () => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      return ok(starterQuestions(ctx.memo.get('starters', opened.value.store.db, () => opened.value.reader.starterFacts())));
    },
    suggestOrgs: async ({ prefix, limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      return ok(findOrgs(prefix, opened.value.search.orgs(), limit ?? 10).map((o): OrgRef => ({ id: o.id, name: o.name })));
    },
  };
}
