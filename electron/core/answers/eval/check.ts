// Static checks of a question file against its dataset: every expected source and org exists,
// so a typo in questions.json fails loudly instead of reading as an engine miss.
import type { Dataset, DatasetKey, FakeResource } from '../../itglue/fake/dataset';
import type { RecordType } from '../../../../shared/domain';
import type { Cited } from './grade';
import { matches } from './grade';
import type { QuestionFile } from './schema';

const FILE_OF: Partial<Record<RecordType, DatasetKey>> = {
  organizations: 'organizations',
  configurations: 'configurations',
  passwords: 'passwords',
  'flexible-assets': 'flexible_assets',
  documents: 'documents',
  contacts: 'contacts',
  locations: 'locations',
  domains: 'domains',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The records a question file may cite, named as the store names them. */
export function citable(dataset: Dataset): Cited[] {
  const orgName = new Map((dataset.organizations?.data ?? []).map((o) => [Number(o.id), str(o.attributes.name) ?? '']));
  const out: Cited[] = [];
  for (const [type, key] of Object.entries(FILE_OF) as [RecordType, DatasetKey][]) {
    for (const r of dataset[key]?.data ?? []) {
      const a = r.attributes;
      const orgId = type === 'organizations' ? Number(r.id) : Number(a['organization-id']);
      out.push({ type, name: nameOf(type, r), org: orgName.has(orgId) ? { id: orgId, name: orgName.get(orgId) ?? '' } : null });
    }
  }
  return out;
}

function nameOf(type: RecordType, r: FakeResource): string {
  const a = r.attributes;
  if (type === 'contacts') return [str(a['first-name']), str(a['last-name'])].filter(Boolean).join(' ') || (str(a.name) ?? '');
  return str(a.name) ?? '';
}

/** One line per expected source, ambiguous org or excluded org that the dataset does not hold. */
export function unknownReferences(dataset: Dataset, file: QuestionFile): string[] {
  const records = citable(dataset);
  const orgs = new Set(records.filter((r) => r.type === 'organizations').map((r) => r.name));
  const problems: string[] = [];
  for (const q of file.questions) {
    for (const s of q.expect.sources ?? []) {
      if (!records.some((r) => matches(s, r))) problems.push(`${q.id}: no ${JSON.stringify(s)} in the dataset`);
    }
    for (const o of [...(q.expect.ambiguous ?? []), ...(q.expect.notOrgs ?? [])]) {
      if (!orgs.has(o)) problems.push(`${q.id}: no organization "${o}" in the dataset`);
    }
  }
  return problems;
}

/**
 * Cites a document section as its document: the engine may quote the one step that answers,
 * and that step belongs to (and links into) the document the question expects.
 */
export function sectionsAsDocuments(dataset: Dataset): <T extends Cited & { id: string }>(c: T) => T {
  const orgName = new Map((dataset.organizations?.data ?? []).map((o) => [Number(o.id), str(o.attributes.name) ?? '']));
  const docs = new Map((dataset.documents?.data ?? []).map((d) => [Number(d.id), d]));
  const parent = new Map<string, Cited>();
  for (const s of dataset.document_sections?.data ?? []) {
    const doc = docs.get(Number(s.attributes['document-id']));
    if (!doc) continue;
    const orgId = Number(doc.attributes['organization-id']);
    parent.set(s.id, { type: 'documents', name: str(doc.attributes.name) ?? '', org: orgName.has(orgId) ? { id: orgId, name: orgName.get(orgId) ?? '' } : null });
  }
  return (c) => {
    const p = c.type === 'document-sections' ? parent.get(c.id) : undefined;
    return p ? { ...c, ...p } : c;
  };
}
