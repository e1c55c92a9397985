import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeModel, locateModel } from './model-locator';
import { FIXTURE_MODEL_ID, MINILM } from './model-manifest';
import { SHARED_MODELS } from './test-models';

const tmp = () => mkdtempSync(join(tmpdir(), 'glue-models-'));
const withFixture = (dir: string) => {
  mkdirSync(join(dir, 'test-fixtures'));
  symlinkSync(join(SHARED_MODELS, FIXTURE_MODEL_ID), join(dir, FIXTURE_MODEL_ID));
};
/** A real-model folder with every file at its pinned size (contents do not matter to the locator). */
const withRealShapedModel = (dir: string) => {
  const root = join(dir, ...MINILM.id.split('/'));
  for (const f of MINILM.files) {
    const p = join(root, ...f.path.split('/'));
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, '');
    truncateSync(p, f.bytes);
  }
  return root;
};

describe('locateModel', () => {
  it('reports missing, with what to do, when nothing is installed', () => {
    const m = locateModel(tmp());
    expect(m).toMatchObject({ state: 'missing', id: MINILM.id, dim: 384 });
    expect(m.missing).toContain('onnx/model_quantized.onnx');
    expect(describeModel(m)).toMatch(/glue model download/);
  });

  it('finds the fixture under its own id and labels it as not semantic', () => {
    const dir = tmp();
    withFixture(dir);
    const m = locateModel(dir);
    expect(m).toMatchObject({ state: 'fixture', id: FIXTURE_MODEL_ID, dim: 384 });
    expect(describeModel(m)).toContain('test fixture (not semantic)');
  });

  it('sees the shared folder (tokenizer only, no weights) as fixture, not as MiniLM', () => {
    expect(locateModel(SHARED_MODELS).state).toBe('fixture');
  });

  it('prefers the complete real model over the fixture, and a cut-off weights file is not complete', () => {
    const dir = tmp();
    withFixture(dir);
    const root = withRealShapedModel(dir);
    expect(locateModel(dir)).toMatchObject({ state: 'ready', id: MINILM.id, path: root });
    truncateSync(join(root, 'onnx', 'model_quantized.onnx'), 1000);
    expect(locateModel(dir).state).toBe('fixture');
  });
});
