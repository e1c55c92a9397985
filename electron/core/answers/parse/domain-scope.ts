// A client named by its domain: "domain controllers for bluestem.local", "mx records of
// harborhealth.org", "DC01.acme.local". Technicians say a client's AD or mail domain as often
// as its name, and the name alone is not in those words, so a question that names no
// organization is scoped to the one whose records the domain names (an IT Glue domain, or a
// flexible asset named after it: Active Directory, email, website). A domain several orgs hold,
// or none, scopes nothing: words never guess an org. A domain that scoped the question has said
// which client, like a name: it stops being a word to search for ("domain controllers for
// acme.com" looks for domain controllers in Acme, not for records holding "acme.com") unless
// it is all the question asks. It stays a name to look up, so "when does acme.com expire" still
// finds the domain record; a host's full name ("DC01.acme.local") stays a word: it is a device.
import type { OrgCandidate } from '../org-match';
import type { Query } from './intent';

/** Orgs owning a domain, at most a few (store/read/kinds.ts orgsOwningDomain). */
export type DomainOwners = (domain: string) => number[];

/** A dotted name whose last label is letters (a TLD or "local"): not an IP, version or file name. */
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const MAX_TRIED = 4;

/** The domain itself, then (for a host's full name) the domain it sits in. */
function candidates(name: string): string[] {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(lower)) return [];
  const labels = lower.split('.');
  return labels.length > 2 ? [lower, labels.slice(1).join('.')] : [lower];
}

/** The query scoped to the one org its domain names; unchanged when it names an org already, or none or several own it. */
export function withDomainScope<T extends OrgCandidate>(q: Query<T>, orgs: readonly T[], owners: DomainOwners): Query<T> {
  if (q.scope.kind !== 'none') return q;
  const tried = new Set<string>();
  for (const name of q.exact.hostnames) {
    for (const [i, domain] of candidates(name).entries()) {
      if (tried.has(domain) || tried.size >= MAX_TRIED) continue;
      tried.add(domain);
      const ids = owners(domain);
      if (ids.length !== 1) continue;
      const org = orgs.find((o) => o.id === ids[0]);
      if (!org) continue;
      const scoped: Query<T> = { ...q, scope: { kind: 'org', org, how: 'domain', said: domain } };
      const others = q.keywords.filter((k) => k !== domain);
      // candidates come whole name first: only a name that is itself the domain stops being a word
      return i === 0 && others.length > 0 ? { ...scoped, keywords: others } : scoped;
    }
  }
  return q;
}
