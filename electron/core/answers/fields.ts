// Field-level answers: the value asked for leads ("WAN IP: 203.0.113.7 — ACME-FW01 (Acme Dental)"),
// the record stays the source. Fields are a record's labelled attributes, its flexible asset
// traits under the tenant's labels, and a configuration's interfaces ("wan1 IP"). Password
// values are never among them: attributes never hold one, and Password traits are shown as the
// linked password's name.
import type { RecordType, Source } from '../../../shared/domain';
import { answerText, assetFieldSchema, assetsOfTypes, labelledFields, type AssetField } from '../store/index';
import { orgSuffix, sourceOf, type Found, type HandlerInput } from './context';
import { allWords, matchLabel, pickFields, questionWords, type PickedField } from './field-match';
import { coverage } from './handlers/find';
import { namesRecords } from '../search/search';
import { sameStem } from '../text/stem';

export interface AnswerField {
  label: string;
  value: string;
}

/** Words that name the record's own kind: "the domain's expiry" asks for the expiry, not "Domain". */
const OWN_NOUNS: Partial<Record<RecordType, readonly string[]>> = {
  configurations: ['configuration', 'device', 'config'],
  passwords: ['password', 'passwords', 'credential', 'credentials', 'category'],
  domains: ['domain', 'domains'],
  contacts: ['contact', 'contacts'],
  locations: ['location', 'locations', 'site'],
  organizations: ['organization', 'organisation', 'org', 'company', 'client', 'customer'],
  'flexible-assets': ['asset'],
};

export function recordFields(input: Pick<HandlerInput, 'ctx'>, type: RecordType, id: string): AnswerField[] {
  const { reader, db } = input.ctx.search;
  const record = reader.getRecord(type, id);
  if (!record || record.deletedAt !== null) return [];
  const fields: AnswerField[] = labelledFields(db, record).map((f) => ({ label: f.label, value: f.value }));
  if (type === 'configurations') {
    const detail = reader.configurationDetail(Number(id));
    for (const i of detail?.interfaces ?? []) {
      const name = i.name?.trim() || 'Interface';
      if (i.ip) fields.push({ label: `${name} IP`, value: i.ip });
      if (i.mac) fields.push({ label: `${name} MAC`, value: i.mac });
    }
  }
  return fields;
}

function leadLine(picked: readonly PickedField<AnswerField>[], source: Source): string {
  const values = picked.map((p) => `${p.field.label}: ${p.field.value.replace(/\s+/g, ' ').trim()}`);
  return `${values.join('; ')} — ${source.name}${orgSuffix(source.org?.name)}`;
}

/**
 * The answer's first lines when the question names fields of its sources: one line per source
 * (the first few of the top source's type), or null when no field is asked for.
 */
export function leadWithFields(input: HandlerInput, sources: readonly Source[]): string | null {
  const asked = questionWords(input.q.keywords);
  if (asked.size === 0) return null;
  const first = sources[0];
  if (!first) return null;
  const lines: string[] = [];
  for (const s of sources.filter((x) => x.type === first.type).slice(0, LEAD_SOURCES)) {
    const picked = pickFields(asked, recordFields(input, s.type, s.id), new Set(OWN_NOUNS[s.type] ?? []));
    if (picked.length === 0) {
      if (s === first) return null;
      continue;
    }
    lines.push(leadLine(picked, s));
  }
  return lines.length > 0 ? lines.join('\n') : null;
}

/** A field of the tenant's flexible asset types that the question names, as strongly as it can. */
export function askedAssetFields(input: HandlerInput): PickedField<AssetField & { value: string }>[] {
  const asked = questionWords(input.q.keywords);
  // Password fields are answered by the password handler, with its audited reveal.
  const schema = assetFieldSchema(input.ctx.search.db).filter((f) => f.kind !== 'Password' && f.kind !== 'Header' && f.kind !== 'Upload');
  return pickFields(asked, schema.map((f) => ({ ...f, value: `${f.typeId}:${f.nameKey}` })));
}

/**
 * The asked fields in the order they should be tried: those of a type the question names
 * ("AD domain name", "vendor support phone" → Vendors), then all of them ("dentrix vendor support phone": no vendor
 * asset mentions Dentrix, its application's Vendor Support field does).
 */
function byNamedType(input: HandlerInput, asked: readonly PickedField<AssetField & { value: string }>[]): PickedField<AssetField & { value: string }>[][] {
  const words = questionWords(input.q.keywords);
  const named = asked.filter((p) => matchLabel(words, p.field.typeName) !== null);
  return named.length > 0 && named.length < asked.length ? [named, [...asked]] : [[...asked]];
}

const MAX_ASSETS = 10;
/** Sources whose asked fields lead an answer; the rest stay in the source list. */
const LEAD_SOURCES = 3;
/** Assets read to pick among by the question's other words. */
const MAX_SCANNED = 200;

/** Framing words of a tenant-wide question ("list every …", "what is our …", "which ISP does X use"). */
const FRAMING = new Set(['list', 'all', 'every', 'each', 'show', 'what', 'which', 'whats', 'our', 'their', 'the', 'for', 'of', 'is', 'are', 'clients', 'customers', 'orgs', 'organizations', 'everyone', 'use', 'uses', 'using', 'used', 'have', 'has', 'got']);

/** Keywords neither the field's label, its type's name nor framing account for. */
function unexplained(keywords: readonly string[], asked: readonly PickedField<AssetField & { value: string }>[]): string[] {
  const known = new Set(asked.flatMap((a) => `${a.field.label} ${a.field.typeName}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)));
  const explained = (k: string): boolean => FRAMING.has(k) || known.has(k) || [...known].some((w) => sameStem(k, w));
  return keywords.filter((k) => !explained(k) && !isSynonymOfKnown(k, known));
}

/** "public" for a label saying "WAN": the field table's synonyms explain a word too. */
function isSynonymOfKnown(word: string, known: ReadonlySet<string>): boolean {
  for (const w of allWords(questionWords([word]))) if (known.has(w)) return true;
  return false;
}

/**
 * "spam filter at Northgate", "backup retention for Orion": the named field of the org's
 * flexible assets of the types that have it. Without an org, every org's value (a tenant-wide
 * question), when the question names nothing else.
 */
export function assetFieldAnswer(input: HandlerInput, asked = askedAssetFields(input)): Found | null {
  for (const fields of byNamedType(input, asked)) {
    const found = answerFromFields(input, fields);
    if (found) return found;
  }
  return null;
}

function answerFromFields(input: HandlerInput, asked: readonly PickedField<AssetField & { value: string }>[]): Found | null {
  if (asked.length === 0) return null;
  const typeIds = [...new Set(asked.map((a) => a.field.typeId))];
  const labels = new Set(asked.map((a) => a.field.label.toLowerCase()));
  const { db } = input.ctx.search;
  const all = assetsOfTypes(db, typeIds, input.org?.id, MAX_SCANNED);
  // The question's other words pick among the assets ("guest ssid" → the guest network's asset).
  // Across every org they must: "spam filter at Wayne Enterprises" (no such org) names an org
  // no asset belongs to, so nothing answers rather than another org's filter.
  const rest = unexplained(input.q.keywords, asked);
  let assets = all;
  if (rest.length > 0) {
    const scored = all.map((a) => ({ a, c: coverage(rest, answerText(db, a.rowid)) }));
    const best = Math.max(0, ...scored.map((x) => x.c));
    if (!input.org && best < 0.99) return null;
    // Inside one org, a word that names records elsewhere must be found in one of the org's
    // assets: "vlan for the guest wifi" is no question about its only, non-guest network,
    // "domain admin account" none about a vendor's account number. Other words ("how long",
    // "offsite") describe the value.
    if (input.org && best === 0 && rest.some((w) => namesRecords(input.ctx.search, w))) return null;
    if (best > 0) assets = scored.filter((x) => x.c >= best).map((x) => x.a);
  }
  const answering: { source: Source; values: AnswerField[]; named: number }[] = [];
  for (const a of assets) {
    const source = sourceOf(input.ctx, 'flexible-assets', a.id);
    if (!source) continue;
    const values = recordFields(input, 'flexible-assets', String(a.id)).filter((f) => labels.has(f.label.toLowerCase()));
    if (values.length > 0) answering.push({ source, values, named: coverage(input.q.keywords, source.name) });
  }
  if (answering.length === 0) return null;
  // The asset the question names comes first: "student vlan subnet" → the LAN called Student
  // VLAN before the wireless network whose VLAN field matched too.
  const top = [...answering].sort((x, y) => y.named - x.named).slice(0, MAX_ASSETS);
  const lines = top.map((t) => leadLine(t.values.map((field) => ({ field, match: { score: 1, strong: 1 } })), t.source));
  return { answer: lines.join('\n'), sources: top.map((t) => t.source), confidence: top.length === 1 ? 0.9 : 0.75 };
}

