import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Dataset files, named by the URL path of the listing that serves them. Child types
 * (interfaces, fields, sections, related items) are files of their own, linked by numeric
 * foreign keys, so a dataset can be written by hand or exported from a real tenant.
 */
export const DATASET_FILES = [
  'organizations',
  'configurations',
  'configuration_interfaces',
  'passwords',
  'flexible_asset_types',
  'flexible_asset_fields',
  'flexible_assets',
  'contacts',
  'locations',
  'domains',
  'documents',
  'document_sections',
  'related_items',
  'ssl_certificates',
  'document_folders',
  'checklists',
  'checklist_tasks',
  'attachments',
] as const;
export type DatasetKey = (typeof DATASET_FILES)[number];

/** JSON:API `type` for each file (kebab-case plural, as IT Glue names them). */
export const JSON_TYPE: Record<DatasetKey, string> = {
  organizations: 'organizations',
  configurations: 'configurations',
  configuration_interfaces: 'configuration-interfaces',
  passwords: 'passwords',
  flexible_asset_types: 'flexible-asset-types',
  flexible_asset_fields: 'flexible-asset-fields',
  flexible_assets: 'flexible-assets',
  contacts: 'contacts',
  locations: 'locations',
  domains: 'domains',
  documents: 'documents',
  document_sections: 'document-sections',
  related_items: 'related-items',
  ssl_certificates: 'ssl-certificates',
  document_folders: 'document-folders',
  checklists: 'checklists',
  checklist_tasks: 'checklist-tasks',
  attachments: 'attachments',
};

export interface FakeResource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
}
export interface ResourceDocument {
  data: FakeResource[];
}
/** One JSON:API document per file. A missing `documents` marks an older tenant (404 there). */
export type Dataset = { [K in DatasetKey]?: ResourceDocument };

/** Accepts a path name ('flexible_assets') or a JSON:API type ('flexible-assets'). */
export function datasetKey(name: string): DatasetKey | null {
  const key = name.replace(/-/g, '_');
  return (DATASET_FILES as readonly string[]).includes(key) ? (key as DatasetKey) : null;
}

const resourceSchema = z.object({
  id: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String),
  type: z.string().min(1),
  attributes: z.record(z.string(), z.unknown()),
});
const documentSchema = z.object({ data: z.array(resourceSchema) });

export function countRecords(dataset: Dataset): number {
  let n = 0;
  for (const key of DATASET_FILES) n += dataset[key]?.data.length ?? 0;
  return n;
}

/** Reads every known `<name>.json` in `dir`; unknown files are ignored, bad files name themselves. */
export async function loadDataset(dir: string): Promise<Dataset> {
  if (!existsSync(join(dir, 'organizations.json'))) {
    throw new Error(`${dir} is not a dataset directory: organizations.json is missing (see docs/dataset-format.md).`);
  }
  const dataset: Dataset = {};
  for (const key of DATASET_FILES) {
    const file = join(dir, `${key}.json`);
    if (!existsSync(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw new Error(`${file} is not valid JSON.`);
    }
    const parsed = documentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} (expected a JSON:API document with data[]).`);
    }
    dataset[key] = parsed.data;
  }
  return dataset;
}

/** One resource per line: small diffs, and identical datasets give identical bytes. */
export function serializeDocument(doc: ResourceDocument): string {
  if (doc.data.length === 0) return '{"data":[]}\n';
  return `{"data":[\n${doc.data.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

export async function writeDataset(dataset: Dataset, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const key of DATASET_FILES) {
    const doc = dataset[key];
    if (!doc) continue;
    const file = join(dir, `${key}.json`);
    await writeFile(file, serializeDocument(doc));
    written.push(file);
  }
  return written;
}
