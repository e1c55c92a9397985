// "list all customers", "which vendors do we have", "how many clients": the tenant's own
// organization types and statuses decide who counts. Customers are organizations whose type
// says customer or client (or, in a tenant without such types, every type that is not a
// vendor, internal or prospect), and never an inactive one.
import type { OrganizationSummary } from '../../store/index';
import { listText, orgSource, present, type Found, type HandlerInput } from '../context';

const ASK = /\b(?:list|all|every|which|what|how many|show|count|our)\b.{0,30}?\b(customers?|clients?|organi[sz]ations?|orgs?|companies|accounts|vendors?|suppliers?|partners?)\b/;
const VENDOR = /\b(?:vendor|supplier|partner|manufacturer|distributor|isp|carrier)s?\b/i;
const NOT_A_CUSTOMER = /\b(?:vendor|supplier|partner|internal|msp|owner|prospect|lead|competitor|manufacturer|distributor)s?\b/i;
const CUSTOMER = /\b(?:customer|client)s?\b/i;
const INACTIVE = /\b(?:inactive|former|closed|cancel+ed|churned|terminated|archived|prospect)\b/i;
const SHOWN = 50;
/** Words a list question may carry besides the kind of organization. */
const FRAMING = new Set(['list', 'all', 'every', 'each', 'which', 'what', 'how', 'many', 'show', 'count', 'our', 'we', 'us', 'have', 'do', 'does', 'active', 'current', 'the', 'are', 'is', 'of', 'me', 'give', 'names', 'name']);
const KINDS = /^(?:customers?|clients?|organi[sz]ations?|orgs?|companies|accounts|vendors?|suppliers?|partners?)$/;

export type Wanted = 'customers' | 'vendors' | 'organizations';

export function wanted(word: string): Wanted {
  if (/^(?:customers?|clients?|accounts)$/.test(word)) return 'customers';
  if (/^(?:vendors?|suppliers?|partners?)$/.test(word)) return 'vendors';
  return 'organizations';
}

/** The organizations a list of `want` holds, by the tenant's own types and statuses. */
export function organizationsOfKind(orgs: readonly OrganizationSummary[], want: Wanted): OrganizationSummary[] {
  const active = (o: OrganizationSummary): boolean => !INACTIVE.test(o.statusName ?? '');
  if (want === 'vendors') return orgs.filter((o) => VENDOR.test(o.typeName ?? ''));
  if (want === 'organizations') return [...orgs];
  const typed = orgs.some((o) => CUSTOMER.test(o.typeName ?? ''));
  return orgs.filter((o) => active(o) && (typed ? CUSTOMER.test(o.typeName ?? '') : !NOT_A_CUSTOMER.test(o.typeName ?? '')));
}

export function orgListAnswer(input: HandlerInput): Found | null {
  if (input.org) return null;
  // Only the list itself: "which clients use Meraki" is a search, not a list of clients.
  if (input.q.keywords.some((k) => !FRAMING.has(k) && !KINDS.test(k))) return null;
  const m = ASK.exec(input.q.raw.toLowerCase());
  const word = m?.[1];
  if (!word) return null;
  const want = wanted(word);
  const orgs = organizationsOfKind(input.ctx.search.reader.listOrganizations(), want);
  if (orgs.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  const describe = (o: OrganizationSummary): string => {
    const notes = [o.typeName, o.statusName && INACTIVE.test(o.statusName) ? o.statusName : null].filter(present);
    return `${o.name}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  };
  const shown = orgs.slice(0, SHOWN);
  const more = orgs.length > SHOWN ? ` and ${orgs.length - SHOWN} more` : '';
  const answer = `${orgs.length} ${want === 'organizations' ? 'organizations' : want}: ${listText(shown.map(describe))}${more}.`;
  return { answer, sources: shown.map((o) => orgSource(input.ctx, o.id)).filter(present), confidence: 0.9 };
}
