// The two graded sets: the held-out tenant (resources/eval/heldout, written independently of the
// demo generator) and the demo set (electron/core/answers/questions.json over the generated tenant).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset, type Dataset } from '../../itglue/fake/dataset';
import { generateDemoTenant } from '../../itglue/fake/generator';
import { fromDemoFile, questionFileSchema, type QuestionFile } from './schema';

const REPO_ROOT = process.env.GLUE_EVAL_REPO_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const HELDOUT_DIR = join(REPO_ROOT, 'resources', 'eval', 'heldout');
const DEMO_QUESTIONS = join(REPO_ROOT, 'electron', 'core', 'answers', 'questions.json');

export interface EvalSet {
  name: string;
  dataset: Dataset;
  file: QuestionFile;
}

export async function heldoutSet(dir: string = HELDOUT_DIR): Promise<EvalSet> {
  const [dataset, raw] = await Promise.all([loadDataset(dir), readFile(join(dir, 'questions.json'), 'utf8')]);
  return { name: 'held-out tenant', dataset, file: questionFileSchema.parse(JSON.parse(raw)) };
}

export async function demoSet(): Promise<EvalSet> {
  const file = fromDemoFile(JSON.parse(await readFile(DEMO_QUESTIONS, 'utf8')));
  return { name: 'demo tenant', dataset: generateDemoTenant({ today: file.today }), file };
}
