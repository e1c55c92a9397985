// How every door reads a question: the one parser (parse/intent.ts) over the tenant's
// organizations, then the store's word on a domain the question names (parse/domain-scope.ts).
// The answer engine and retrieval (app, `glue`, MCP) both read through here.
import type { SearchContext } from '../search/search';
import { orgsOwningDomain } from '../store/index';
import { withDomainScope } from './parse/domain-scope';
import { understand, type Query, type UnderstandOptions } from './parse/intent';
import type { OrgCandidate } from './org-match';

export function readQuestion(ctx: SearchContext, question: string, options: UnderstandOptions = {}): Query<OrgCandidate> {
  const orgs = ctx.orgs();
  return withDomainScope(understand(question, orgs, options), orgs, (domain) => orgsOwningDomain(ctx.db, domain));
}
