// Which organization a door's user means, one way for every door: MCP tools' `org`, the CLI's
// `--org`, the app's org picker and org list filter. Built on org-match, so a door reads a name
// as ask's @org does. A name that fits several organizations equally well is never resolved
// silently: the caller gets the candidates and asks the user to choose.
import { MARGIN, matchOrg, rankOrgs, type OrgCandidate } from './org-match';

export type OrgResolution<T extends OrgCandidate> =
  | { kind: 'match'; org: T }
  /** Several organizations fit equally well: ask the user which one. */
  | { kind: 'ambiguous'; candidates: T[] }
  /** Nothing fits; `suggestions` are the closest names, for "did you mean". */
  | { kind: 'none'; suggestions: T[] };

/** An organization by IT Glue id, name, short name or a close spelling. */
export function resolveOrgRef<T extends OrgCandidate>(query: string, orgs: readonly T[]): OrgResolution<T> {
  const said = query.trim();
  if (/^\d+$/.test(said)) {
    const byId = orgs.find((o) => o.id === Number(said));
    if (byId) return { kind: 'match', org: byId };
  }
  const m = matchOrg(said, orgs);
  return m.kind === 'match' ? { kind: 'match', org: m.org } : m;
}

/**
 * Organizations matching what has been typed so far (org picker, list filter, MCP
 * query_organizations), best first; all of them, in list order, when nothing is typed. Names
 * that score within matchOrg's MARGIN of each other are equally likely and listed by name, so
 * "harb" shows Harbor Freight before Harbor Health rather than whichever name is shorter.
 */
export function findOrgs<T extends OrgCandidate>(typed: string, orgs: readonly T[], limit = orgs.length): T[] {
  if (typed.trim() === '') return orgs.slice(0, Math.max(0, limit));
  const ranked = rankOrgs(typed, orgs, limit);
  const out: T[] = [];
  for (let i = 0; i < ranked.length; ) {
    const top = ranked[i]?.score ?? 0;
    let j = i;
    while (j < ranked.length && (ranked[j]?.score ?? 0) >= top - MARGIN) j++;
    out.push(...ranked.slice(i, j).map((r) => r.org).sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id - b.id));
    i = j;
  }
  return out;
}

/** "Acme Corp (id 1), Acme Dental (id 2)": the choices an error offers. */
export function orgChoices(orgs: readonly OrgCandidate[]): string {
  return orgs.map((o) => `${o.name} (id ${o.id})`).join(', ');
}
