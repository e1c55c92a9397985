// ask.*: questions go to the answer engine, search-as-you-type to hybrid search, and the org
// picker's suggestions come from the live organization list.
import type { OrgRef, Source } from '../../../shared/domain';
import type { AskApi } from '../../../shared/ipc';
import { ok } from '../../../shared/result';
import { ask } from '../answers/engine';
import { hitTitle, retrieve } from '../answers/retrieve';
import type { AppContext } from './context';

export function createAskApi(ctx: AppContext): AskApi {
  return {
    ask: async ({ question, orgId }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const answer = await ask({ search: opened.value.search, today: ctx.options.today }, question, orgId === undefined ? {} : { orgId });
      return ok(answer);
    },
    search: async ({ query, orgId, type, limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const r = await retrieve(opened.value.search, { query, orgId, type, limit: limit ?? 20, prefix: true });
      return ok(r.hits.map((h): Source => ({ type: h.type, id: h.id, name: hitTitle(h), org: h.org, url: h.url, snippet: h.snippet })));
    },
    suggestOrgs: async ({ prefix, limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const p = prefix.trim().toLowerCase();
      const max = limit ?? 10;
      const orgs = opened.value.search.orgs();
      if (p === '') return ok(orgs.slice(0, max).map((o): OrgRef => ({ id: o.id, name: o.name })));
      // Whole-name and short-name prefixes first, then a word inside the name, then anywhere.
      const rank = (name: string, short: string | null): number => {
        const n = name.toLowerCase();
        if (n.startsWith(p) || short?.toLowerCase().startsWith(p)) return 0;
        if (n.split(/[^a-z0-9]+/).some((w) => w.startsWith(p))) return 1;
        return n.includes(p) ? 2 : 3;
      };
      return ok(
        orgs
          .map((o) => ({ o, r: rank(o.name, o.shortName ?? null) }))
          .filter((x) => x.r < 3)
          .sort((a, b) => a.r - b.r || a.o.name.localeCompare(b.o.name))
          .slice(0, max)
          .map(({ o }): OrgRef => ({ id: o.id, name: o.name })),
      );
    },
  };
}
