// Shared test helper: a real SQLCipher store holding a dataset (the generated demo tenant by
// default, or any hand-written one such as resources/eval/heldout), written through
// the store writer (the path sync takes), so search and answer tests read a synced-like store
// without an HTTP round trip. Not imported by production code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordType } from '../../../shared/domain';
import { DATASET_FILES, JSON_TYPE, type Dataset, type DatasetKey, type FakeResource } from '../itglue/fake/dataset';
import { generateDemoTenant, type GenerateOptions } from '../itglue/fake/generator';
import { Tenant } from '../itglue/fake/tenant';
import { createWriter, openStore, recordTypeFromName, type RelationInput, type Store } from '../store/index';
import { writeOrgDirectory } from '../store/read/org-directory';
import { folderPaths } from '../sync/account-listings';

/** The day demo expiry dates are relative to in tests, so answers never drift with the clock. */
export const DEMO_TODAY = '2026-01-23';

export interface SeededStore {
  store: Store;
  dataset: Dataset;
  file: string;
  dbKey: Buffer;
  secretsKey: Buffer;
  close(): void;
}

// Parents before children: interfaces and sections take their org from a parent row.
const ORDER: DatasetKey[] = [
  'organizations', 'flexible_asset_types', 'flexible_asset_fields', 'configurations', 'configuration_interfaces',
  'passwords', 'flexible_assets', 'contacts', 'locations', 'domains', 'document_folders', 'documents', 'document_sections',
  'ssl_certificates', 'checklists', 'checklist_tasks', 'attachments',
];

// Sync reads attachments with the shows of these parents (details-runner); the seed matches it.
const ATTACHMENT_PARENTS: ReadonlySet<string> = new Set(['Configuration', 'FlexibleAsset']);

/** What the sync adds to a page before writing it: a document's folder path, only shown attachments. */
function asSynced(store: Store, key: DatasetKey, items: readonly FakeResource[]): FakeResource[] {
  if (key === 'attachments') return items.filter((a) => ATTACHMENT_PARENTS.has(String(a.attributes['resource-type'])));
  if (key !== 'documents') return [...items];
  const { paths } = folderPaths({ store });
  return items.map((d) => {
    const path = paths.get(Number(d.attributes['document-folder-id']));
    return path === undefined ? d : { ...d, attributes: { ...d.attributes, 'document-folder-path': path } };
  });
}

// Sync reads related items only for these parents (details-runner); the seed matches it.
const RELATED_PARENTS: ReadonlySet<RecordType> = new Set(['configurations', 'flexible-assets']);

const PAGE = 1000;

function relationsByParent(items: readonly FakeResource[]): Map<string, { type: RecordType; id: string; rel: RelationInput[] }> {
  const out = new Map<string, { type: RecordType; id: string; rel: RelationInput[] }>();
  for (const item of items) {
    const a = item.attributes;
    const fromType = recordTypeFromName(typeof a['resource-type'] === 'string' ? a['resource-type'] : null);
    const toType = recordTypeFromName(typeof a['destination-type'] === 'string' ? a['destination-type'] : null);
    const fromId = a['resource-id'];
    const toId = a['destination-id'];
    if (!fromType || !toType || !RELATED_PARENTS.has(fromType) || (typeof fromId !== 'number' && typeof fromId !== 'string')) continue;
    if (typeof toId !== 'number' && typeof toId !== 'string') continue;
    const key = `${fromType}:${String(fromId)}`;
    const entry = out.get(key) ?? { type: fromType, id: String(fromId), rel: [] };
    entry.rel.push({ toType, toId: String(toId), kind: 'related', notes: typeof a.notes === 'string' ? a.notes : null });
    out.set(key, entry);
  }
  return out;
}

/** Writes `dataset` into an open store exactly as one full sync run would. */
export function writeDataset(store: Store, dataset: Dataset): void {
  const writer = createWriter(store);
  const runId = writer.startRun('full');
  for (const key of ORDER) {
    const type = recordTypeFromName(JSON_TYPE[key]);
    if (!type) continue;
    const items = asSynced(store, key, dataset[key]?.data ?? []);
    for (let i = 0; i < items.length; i += PAGE) writer.applyPage({ type, resources: items.slice(i, i + PAGE), runId });
  }
  // IT Glue's expirations list, derived from the dataset as the fake server serves it.
  const expirations = new Tenant(dataset).expirations().all();
  for (let i = 0; i < expirations.length; i += PAGE) writer.applyPage({ type: 'expirations', resources: expirations.slice(i, i + PAGE), runId });
  const rel = relationsByParent(dataset.related_items?.data ?? []);
  store.db.transaction(() => {
    for (const r of rel.values()) writer.putRelations(r.type, r.id, r.rel);
  })();
  // As the sync does once its listings are in.
  writeOrgDirectory(store.db);
  writer.finishRun(runId, { status: 'ok', requests: 0, warnings: [] });
}

export interface SeedOptions extends GenerateOptions {
  /** Reuse an already generated dataset (big benches generate once). */
  dataset?: Dataset;
}

/** A new store file in `dir` holding `dataset`, written as one full sync run would. */
export function seedDatasetStore(dir: string, dataset: Dataset): SeededStore {
  const file = join(dir, 'store.db');
  const dbKey = randomBytes(32);
  const secretsKey = randomBytes(32);
  const store = openStore({ file, dbKey, secretsKey });
  writeDataset(store, dataset);
  return { store, dataset, file, dbKey, secretsKey, close: () => store.close() };
}

/** seedDatasetStore in a fresh temp dir that close() removes. */
export function seedDatasetTemp(dataset: Dataset): SeededStore & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'glue-seed-'));
  const seeded = seedDatasetStore(dir, dataset);
  return {
    ...seeded,
    dir,
    close: () => {
      seeded.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new store file in `dir` holding the demo tenant (fixed `today` unless given). */
export function seedDemoStore(dir: string, opts: SeedOptions = {}): SeededStore {
  return seedDatasetStore(dir, opts.dataset ?? generateDemoTenant({ today: DEMO_TODAY, ...opts }));
}

/** seedDemoStore in a fresh temp dir that close() removes. */
export function seedDemoTemp(opts: SeedOptions = {}): SeededStore & { dir: string } {
  return seedDatasetTemp(opts.dataset ?? generateDemoTenant({ today: DEMO_TODAY, ...opts }));
}

/** Every password value in a dataset: for asserting none leaks anywhere. */
export function passwordValues(dataset: Dataset): string[] {
  return (dataset.passwords?.data ?? []).map((p) => p.attributes.password).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export { DATASET_FILES };
