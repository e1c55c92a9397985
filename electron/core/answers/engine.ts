// The answer engine: understand the question against the store's organizations, settle the
// scope (asking when the org is ambiguous), run the intent's handler, and fall back to hybrid
// search. Every sentence comes from stored fields; nothing good enough → exactly NO_DATA.
import { NO_DATA, type Answer, type Intent, type OrgRef, type Source } from '../../../shared/domain';
import type { AnswerContext, Found, Handler, HandlerInput } from './context';
import { orgSource, present } from './context';
import { complianceAnswer } from './handlers/compliance';
import { findConfigType, inventoryAnswer } from './handlers/config-types';
import { configurationAnswer } from './handlers/configuration';
import { dependenciesAnswer } from './handlers/dependencies';
import { documentsAnswer } from './handlers/documents';
import { exactLookup } from './handlers/exact';
import { expirationsAnswer } from './handlers/expirations';
import { infrastructureAnswer } from './handlers/infrastructure';
import { contactsAnswer, locationsAnswer, organizationAnswer } from './handlers/org-facts';
import { orgListAnswer } from './handlers/org-list';
import { recordListAnswer } from './handlers/record-list';
import { passwordAnswer } from './handlers/password';
import { searchAnswer } from './handlers/search';
import { askedAssetFields, assetFieldAnswer, leadWithFields, recordFields } from './fields';
import { contentTerms, coverage } from './handlers/find';
import { pickFields, questionWords } from './field-match';
import { readQuestion } from './read-question';
import { noteOrgInterest } from '../store/priority-orgs';

export type { AnswerContext } from './context';

export interface AskOptions {
  /** Scope to this organization (the app's org picker); a different org named in the text is ignored. */
  orgId?: number;
}

const HANDLERS: Record<Exclude<Intent, 'ambiguous_org' | 'search' | 'field'>, Handler> = {
  exact_lookup: exactLookup,
  password: passwordAnswer,
  configuration: configurationAnswer,
  organization: organizationAnswer,
  dependencies: dependenciesAnswer,
  documents: documentsAnswer,
  contacts: contactsAnswer,
  locations: locationsAnswer,
  expirations: expirationsAnswer,
  compliance: complianceAnswer,
  infrastructure: infrastructureAnswer,
};

/** Intents an inventory question (a configuration type, plural or "how many") may be read as. */
const INVENTORY_INTENTS: ReadonlySet<Intent> = new Set(['configuration', 'search', 'documents', 'organization', 'infrastructure']);

/** Intents whose own records answer even when the question also names a flexible asset field. */
const OWN_RECORDS_FIRST: ReadonlySet<Intent> = new Set(['exact_lookup', 'dependencies', 'compliance', 'infrastructure']);
/** Intents that yield to a named field unless their own defining word was said ("password", "serial", "phone"). */
const YIELDS_UNLESS_SAID: ReadonlySet<Intent> = new Set(['password', 'configuration', 'contacts', 'locations', 'documents']);
const SAID = 2.5;
/** The question used the intent's own defining word ("password", "serial", "phone"). */
const said = (q: HandlerInput['q'], intent: Intent): boolean => q.signals.some((s) => s.intent === intent && s.weight >= SAID);

/**
 * A flexible asset field named in full ("spam filter", "backup retention") answers before the
 * intent's handler, unless the question asked for the handler's own kind of record: a device
 * kind ("firewall"), a field that merely links devices (Tag), or the intent's defining word.
 */
function fieldFirst(input: HandlerInput, asked: ReturnType<typeof askedAssetFields>, intent: Intent): boolean {
  const named = asked.filter((a) => a.match.score >= 0.99 && a.match.strong >= 2 && a.field.kind !== 'Tag');
  if (named.length === 0 || OWN_RECORDS_FIRST.has(intent)) return false;
  if (YIELDS_UNLESS_SAID.has(intent) && said(input.q, intent)) return false;
  return findConfigType(input.ctx.search.db, input.q.keywords) === null;
}

const noData = (intent: Intent, org: OrgRef | null, didYouMean: Source[] = []): Answer => ({
  answer: NO_DATA,
  noData: true,
  confidence: 0,
  intent,
  org,
  sources: [],
  didYouMean,
});

const clamp = (n: number): number => Math.max(0, Math.min(1, n));

/** "who has 10.0.0.5", "mac 00:11:…": the lookup's own answer already says which field matched. */
const LOOKUP_WORDS = new Set(['who', 'has', 'have', 'what', 'which', 'is', 'device', 'machine', 'host', 'hostname', 'ip', 'ips', 'address', 'mac', 'serial', 'number', 'sn', 'asset', 'tag', 'owns', 'using', 'uses', 'lookup', 'look', 'find', 'where']);
/** The hostnames and serials the question names, lowercase. */
const namedIds = (q: HandlerInput['q']): string[] => [...q.exact.hostnames, ...q.exact.serials].map((n) => n.toLowerCase());

const onlyLookupWords = (q: HandlerInput['q']): boolean => {
  const names = new Set(namedIds(q));
  return q.keywords.every((k) => LOOKUP_WORDS.has(k) || names.has(k) || /\d/.test(k));
};

/** The question's other words (not lookup words, not the name) appear nowhere in the record's fields. */
function asksWhatRecordLacks(input: HandlerInput, found: Found): boolean {
  const source = found.sources[0];
  if (!source || onlyLookupWords(input.q)) return false;
  const names = new Set(namedIds(input.q));
  // a relation's phrasing ("linked to", "plugged into") is not something the record must hold
  const phrasing = new Set(input.q.signals.filter((s) => s.intent === 'dependencies').flatMap((s) => s.words));
  const rest = contentTerms(input.q.keywords).filter((k) => !LOOKUP_WORDS.has(k) && !names.has(k) && !phrasing.has(k) && !/\d/.test(k));
  if (rest.length === 0) return false;
  const fields = recordFields(input, source.type, source.id);
  if (pickFields(questionWords(rest), fields).length > 0) return false; // "expiry" → Expires
  // the lookup's own answer counts too: it names the record's relations ("vms on HV01")
  return coverage(rest, [source.name, found.answer, ...fields.flatMap((f) => [f.label, f.value])].join(' ')) === 0;
}

/** False when the question names hostnames or serials and the source shows none of them. */
function namesDevice(input: HandlerInput, source: Source | undefined): boolean {
  // the domain that named the client ("dns servers for acme.com") names no device
  const { scope } = input.q;
  const client = scope.kind === 'org' && scope.how === 'domain' ? scope.said : null;
  const named = namedIds(input.q).filter((n) => n !== client);
  if (named.length === 0 || !source) return true;
  const text = [source.name, ...recordFields(input, source.type, source.id).map((f) => f.value)].join(' ').toLowerCase();
  return named.some((n) => text.includes(n));
}

/**
 * Answers `question`; an answer scoped to an organization (named, or the caller's `orgId`)
 * also notes that org as one the technician works on, so a running sync fetches its pending
 * details first (store/priority-orgs.ts). Every door asks through here.
 */
export async function ask(ctx: AnswerContext, question: string, opts: AskOptions = {}): Promise<Answer> {
  const answer = await answerQuestion(ctx, question, opts);
  if (answer.org && answer.org.id > 0) noteOrgInterest(ctx.search.db, answer.org.id, 'asked');
  return answer;
}

async function answerQuestion(ctx: AnswerContext, question: string, opts: AskOptions): Promise<Answer> {
  const today = ctx.today ?? new Date();
  const orgs = ctx.search.orgs();
  const q = readQuestion(ctx.search, typeof question === 'string' ? question : '', { now: today });
  let org: OrgRef | null = null;
  if (opts.orgId !== undefined) {
    const o = orgs.find((x) => x.id === opts.orgId);
    if (!o) return noData(q.intent, null);
    org = { id: o.id, name: o.name };
  } else if (q.scope.kind === 'org') {
    org = { id: q.scope.org.id, name: q.scope.org.name };
  } else if (q.scope.kind === 'ambiguous') {
    const candidates = q.scope.candidates.map((c) => orgSource(ctx, c.id)).filter(present);
    return {
      answer: `Which organization do you mean by "${q.scope.said}": ${candidates.map((c) => c.name).join(', ')}?`,
      noData: false,
      confidence: 0.5,
      intent: 'ambiguous_org',
      org: null,
      sources: [],
      didYouMean: candidates,
    };
  } else if (q.scope.kind === 'unknown') {
    return noData(q.intent, null, q.scope.suggestions.map((c) => orgSource(ctx, c.id)).filter(present));
  }
  if (q.text.trim() === '' && q.exact.ips.length + q.exact.macs.length + q.exact.cidrs.length === 0 && !org) return noData(q.intent, null);

  const input: HandlerInput = { ctx, q, org, today };
  let intent: Intent = q.intent;
  let found: Found | null = null;
  // Identifiers always get a direct lookup first when the intent would otherwise search.
  const hasIdentifiers = q.exact.ips.length + q.exact.cidrs.length + q.exact.macs.length > 0;
  // "warranty of HFL-FW01": a named device narrows an expiry question to that device's details.
  if (intent === 'expirations' && q.exact.hostnames.length + q.exact.serials.length > 0) intent = 'configuration';
  // "list all customers": the tenant's organizations of that kind, by their type and status;
  // "domains for Northgate": that org's records of the type.
  if (!hasIdentifiers) {
    const list = org ? recordListAnswer(input) : orgListAnswer(input);
    if (list) {
      found = list;
      intent = org ? 'search' : 'organization';
    }
  }
  // "list servers at orion", "how many workstations": an inventory of a configuration type.
  if (!found && INVENTORY_INTENTS.has(intent)) {
    found = inventoryAnswer(input);
    if (found) intent = 'configuration';
  }
  // "spam filter at Northgate", "backup retention for Orion": a field of the tenant's own
  // flexible asset types, named in full, is answered from that field; the intent's handler
  // answers first only when its own record kind was asked (a password, a dependency, a device).
  const assetFields = hasIdentifiers ? [] : askedAssetFields(input);
  const fieldAnswer = (): void => {
    const field = assetFieldAnswer(input, assetFields);
    if (field) {
      found = field;
      intent = 'field';
    }
  };
  if (!found && fieldFirst(input, assetFields, intent)) fieldAnswer();
  if (!found && intent !== 'search' && intent !== 'ambiguous_org' && intent !== 'field') found = await HANDLERS[intent](input);
  // "how do I …", "phone of …": the asked kind of record is looked for everywhere before a
  // field that merely shares a word ("encrypted" → Encryption) answers instead.
  const kindSaid = YIELDS_UNLESS_SAID.has(intent) && said(q, intent);
  if ((!found || found.noData === true) && !kindSaid) fieldAnswer();
  if (!found && hasIdentifiers && intent !== 'exact_lookup') {
    found = exactLookup(input);
    if (found) intent = 'exact_lookup';
  }
  if (!found && org && !hasIdentifiers && q.keywords.length === 0 && q.exact.hostnames.length + q.exact.serials.length === 0) {
    found = organizationAnswer(input);
    if (found) intent = 'organization';
  }
  if (!found || found.noData) {
    if (!hasIdentifiers && q.exact.hostnames.length + q.exact.serials.length > 0) {
      const exact = exactLookup(input);
      if (exact) {
        found = exact;
        intent = 'exact_lookup';
      }
    }
  }
  // Retrieval first: a handler that found nothing of its kind never has the last word while a
  // record holding the question's words exists ("the vpn setup" in a device's notes).
  if (found?.noData && !hasIdentifiers && !(intent === 'password' && said(q, 'password'))) {
    const general = await searchAnswer(input);
    if (general && !general.noData) {
      found = general;
      intent = 'search';
    }
  }
  if (!found) {
    found = await searchAnswer(input);
  }
  if ((!found || found.noData === true) && kindSaid) fieldAnswer();
  if (!found || found.noData || found.sources.length === 0) return noData(intent, org, found?.didYouMean ?? []);
  // "copperkettle.com expiry" read as a device question: a device that is not the one named is no answer.
  if (intent === 'configuration' && !namesDevice(input, found.sources[0])) return noData(intent, org, found.sources.slice(0, 3));
  // "mx record for example.com": the named record is found, but nothing in it is what was asked.
  // A record that holds it elsewhere may answer ("maintenance window for SW01" in a document).
  if (intent === 'exact_lookup' && !hasIdentifiers && asksWhatRecordLacks(input, found)) {
    const general = await searchAnswer(input);
    if (!general || general.noData || general.sources.length === 0) return noData(intent, org, found.sources.slice(0, 3));
    found = general;
    intent = 'search';
  }
  // The value asked for leads ("WAN IP: … — ACME-FW01"); the handler's full answer follows. An
  // expiry list already gives each entry's date ("Expires on" would repeat it ahead of the list).
  const lead = intent === 'field' || intent === 'expirations' || (intent === 'exact_lookup' && onlyLookupWords(q)) ? null : leadWithFields(input, found.sources);
  return {
    answer: lead ? `${lead}\n\n${found.answer}` : found.answer,
    noData: false,
    confidence: clamp(found.confidence),
    intent,
    org,
    sources: found.sources,
    didYouMean: found.didYouMean && found.didYouMean.length > 0 && found.confidence < 0.6 ? found.didYouMean : [],
  };
}
