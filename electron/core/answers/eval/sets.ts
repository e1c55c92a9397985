// The three graded sets: the held-out tenant (resources/eval/heldout, written independently of the
// demo generator), the blind tenant (resources/eval/blind, written without reading the engine or the
// other question files, so nobody has tuned against it) and the demo set
// (electron/core/answers/questions.json over the generated tenant).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset, type Dataset } from '../../itglue/fake/dataset';
import { generateDemoTenant } from '../../itglue/fake/generator';
import { fromDemoFile, questionFileSchema, type QuestionFile } from './schema';

const REPO_ROOT = process.env.GLUE_EVAL_REPO_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const HELDOUT_DIR = join(REPO_ROOT, 'resources', 'eval', 'heldout');
export const BLIND_DIR = join(REPO_ROOT, 'resources', 'eval', 'blind');
const DEMO_QUESTIONS = join(REPO_ROOT, 'electron', 'core', 'answers', 'questions.json');

export interface EvalSet {
  name: string;
  dataset: Dataset;
  file: QuestionFile;
}

/** A hand-written tenant directory with its questions.json beside the resource files. */
async function datasetSet(name: string, dir: string): Promise<EvalSet> {
  const [dataset, raw] = await Promise.all([loadDataset(dir), readFile(join(dir, 'questions.json'), 'utf8')]);
  return { name, dataset, file: questionFileSchema.parse(JSON.parse(raw)) };
}

export async function heldoutSet(dir: string = HELDOUT_DIR): Promise<EvalSet> {
  return datasetSet('held-out tenant', dir);
}

export async function blindSet(dir: string = BLIND_DIR): Promise<EvalSet> {
  return datasetSet('blind tenant', dir);
}

export async function demoSet(): Promise<EvalSet> {
  const file = fromDemoFile(JSON.parse(await readFile(DEMO_QUESTIONS, 'utf8')));
  return { name: 'demo tenant', dataset: generateDemoTenant({ today: file.today }), file };
}
