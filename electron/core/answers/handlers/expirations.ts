// "what expires in the next 30 days", "which devices are out of warranty": warranties, domains
// and SSL certificates in the window ahead, or those already run out.
import type { Source } from '../../../../shared/domain';
import type { Expiration, ExpiringWhat } from '../../store/index';
import type { Found, HandlerInput } from '../context';
import { pastDays } from '../parse/time';

export const DEFAULT_WINDOW_DAYS = 30;

const WHAT: Record<ExpiringWhat, string> = { domain: 'domain', warranty: 'warranty of', ssl: 'SSL certificate', other: '' };

/** Words of a list question about expiries; any other word names a particular thing. */
const LIST_WORDS = /^(?:what|which|whats|list|all|every|show|any|anything|upcoming|coming|soon|next|this|within|days?|weeks?|months?|years?|today|tomorrow|yesterday|last|past|previous|ago|already|no|longer|under|been|has|had|\d+|in|the|up|due|out|of|our|we|have|are|is|do|does|will|expir\w*|renew\w*|lapse\w*|ends?|ended|ending|domains?|warrant\w*|devices?|hardware|items?|things?|dates?|ssl|tls|certs?|certificates?)$/;
/** "out of warranty", "expired", "lapsed": what has already run out, not what will. */
const ALREADY = /\b(?:expired|lapsed|out of (?:warranty|support)|no longer (?:under|in) warranty|past (?:its |their )?(?:warranty|expiry)|warrant(?:y|ies) (?:has |have )?(?:ended|run out))\b/;

export function expirationsAnswer(input: HandlerInput): Found | null {
  const days = input.q.withinDays ?? DEFAULT_WINDOW_DAYS;
  const lower = input.q.keywords;
  // "when does the M365 license renew", "mastercam license key": a particular record's date is
  // a field of that record, answered by the field path, not the tenant's expiry list.
  if (lower.some((k) => !LIST_WORDS.test(k))) return null;
  const onlyDomains = lower.some((k) => k.startsWith('domain')) && !lower.some((k) => k.startsWith('warrant'));
  const onlyWarranty = lower.some((k) => k.startsWith('warrant')) && !lower.some((k) => k.startsWith('domain'));
  const onlySsl = lower.some((k) => /^(?:ssl|tls|certs?|certificates?)$/.test(k)) && !onlyDomains && !onlyWarranty;
  const what = onlyDomains ? 'domain' : onlyWarranty ? 'warranty' : onlySsl ? 'ssl' : undefined;
  const lowerRaw = input.q.raw.toLowerCase();
  const expired = ALREADY.test(lowerRaw);
  const back = expired ? pastDays(lowerRaw) : undefined;
  const { items: shown, total } = input.ctx.search.reader.expirationPage(
    { withinDays: days, expired, ...(back !== undefined ? { pastDays: back } : {}), today: input.today, orgId: input.org?.id, what },
    0,
    50,
  );
  if (total === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  const lines = shown.map((e) => `${e.expiresOn}: ${WHAT[e.what] ? `${WHAT[e.what]} ` : ''}${e.name}${e.orgName ? ` (${e.orgName})` : ''}`);
  const one = total === 1;
  const head = !expired
    ? `${total} item${one ? '' : 's'} expire${one ? 's' : ''} in the next ${days} days`
    : what === 'warranty'
      ? `${total} device${one ? ' is' : 's are'} out of warranty${back !== undefined ? ` (expired in the last ${back} days)` : ''}, oldest first`
      : `${total} item${one ? ' has' : 's have'} expired${back !== undefined ? ` in the last ${back} days` : ''}, oldest first`;
  const answer = `${head}:\n${lines.map((l) => `- ${l}`).join('\n')}${total > shown.length ? `\n…and ${total - shown.length} more.` : ''}`;
  return { answer, sources: shown.map((e) => expirySource(e, expired)), confidence: 0.9 };
}

const SNIPPET: Record<ExpiringWhat, string> = { domain: 'Domain', warranty: 'Warranty', ssl: 'SSL certificate', other: '' };

/**
 * An entry cites its record from what the expiry page read (name, org, link): at 1M records
 * re-reading 50 wide records rows for their snippets was a fresh process's largest cost after
 * the page itself.
 */
function expirySource(e: Expiration, expired: boolean): Source {
  return {
    type: e.type,
    id: e.id,
    name: e.name,
    org: e.orgId !== null && e.orgName !== null ? { id: e.orgId, name: e.orgName } : null,
    url: e.url ?? '',
    snippet: `${SNIPPET[e.what] ? `${SNIPPET[e.what]} e` : 'E'}xpire${expired ? 'd' : 's'} ${e.expiresOn}`,
  };
}
