// Agreement across the three doors: the same held-out questions asked through the app API, the
// `glue ask --json` command (bin/glue.js, which runs the built CLI bundle) and a real MCP client
// calling the `query` tool over stdio give the same answer text and the same source ids; and the
// same questions searched through the app, `glue search --json` and MCP `search` give the same hits. All
// three read one profile (passphrase-sealed keys, SQLCipher store holding the held-out tenant),
// keyword-only, on the real clock, so date-relative questions are left out.
// It lives in e2e/ because core may not import its doors (lint zones), and it spawns them all.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Answer } from '../shared/domain';
import { heldoutSet } from '../electron/core/answers/eval/sets';
import type { Question } from '../electron/core/answers/eval/schema';
import { openGlueApp, type GlueApp } from '../electron/core/app/index';
import { answerData } from '../electron/mcp/tools/answer-shape';
import { GLUE, PASSPHRASE, seedProfile, spawnServer, type SeededProfile, type SpawnedServer } from '../electron/mcp/tools/test-harness';

const DATED = /expir|renew|warrant|this year|this month|next \d+ days/i;
const PER_DOOR = 20;

/** The first question of every kind, then the second of each, up to PER_DOOR, none date-relative. */
function pick(questions: readonly Question[]): Question[] {
  const undated = questions.filter((q) => !DATED.test(q.q) && !q.today);
  const kinds = [...new Set(undated.map((q) => q.kind))];
  const nth = (n: number): Question[] => kinds.map((k) => undated.filter((q) => q.kind === k)[n]).filter((q): q is Question => Boolean(q));
  return [...nth(0), ...nth(1)].slice(0, PER_DOOR);
}

const cliAnswerSchema = z.object({
  answer: z.string(),
  noData: z.boolean(),
  intent: z.string(),
  sources: z.array(z.object({ type: z.string(), id: z.string() })),
  didYouMean: z.array(z.object({ type: z.string(), id: z.string() })),
});
const mcpAnswerSchema = cliAnswerSchema;

const ids = (sources: readonly { type: string; id: string }[]): string[] => sources.map((s) => `${s.type}:${s.id}`);

const glueAsk = (question: string, env: Record<string, string>) => glueRun(['ask', question, '--json'], env);

function glueRun(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [GLUE, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the app, the CLI and MCP give the same answers', () => {
  const noModels = mkdtempSync(join(tmpdir(), 'glue-doors-models-'));
  let profile: SeededProfile;
  let env: Record<string, string>;
  let app: GlueApp;
  let server: SpawnedServer;
  let questions: Question[];
  const viaApp = new Map<string, Answer>();

  beforeAll(async () => {
    const set = await heldoutSet();
    questions = pick(set.file.questions);
    profile = await seedProfile({ dataset: set.dataset });
    // No model anywhere: every door searches keyword-only, so they cannot differ by mode.
    env = { ...profile.env, GLUE_MODEL_DIR: noModels, HOME: profile.dataDir };
    const opened = await openGlueApp({ door: 'app', dataDir: profile.dataDir, profile: profile.paths.profile, env: { GLUE_MODEL_DIR: noModels }, passphrase: PASSPHRASE, embedder: null, connectAlternates: [] });
    if (!opened.ok) throw new Error(opened.error.message);
    app = opened.value;
    for (const q of questions) {
      const r = await app.api.ask.ask({ question: q.q });
      if (!r.ok) throw new Error(`${q.id}: ${r.error.message}`);
      viaApp.set(q.id, r.value);
    }
    // The first `glue ask` rebuilds a stale bundle; `glue mcp` then starts the same bundle.
    const warm = await glueAsk(questions[0]?.q ?? 'x', env);
    if (warm.code !== 0) throw new Error(`glue ask failed: ${warm.stderr}`);
    // The bundle is fresh now: skip the launcher's walk over the sources on every later call.
    env = { ...env, GLUE_NO_BUILD: '1' };
    server = await spawnServer({ ...profile, env });
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await app?.close();
    profile?.cleanup();
    rmSync(noModels, { recursive: true, force: true });
  });

  it(`asks ${PER_DOOR} held-out questions of every kind`, () => {
    expect(questions).toHaveLength(PER_DOOR);
    expect(new Set(questions.map((q) => q.kind)).size).toBeGreaterThanOrEqual(12);
    // Agreement on "No data" alone would prove little: most of these are answered.
    expect([...viaApp.values()].filter((a) => a.sources.length > 0).length).toBeGreaterThanOrEqual(PER_DOOR / 2);
  });

  it('glue ask --json agrees with the app on every answer and source id', async () => {
    for (const q of questions) {
      const r = await glueAsk(q.q, env);
      expect(r.code, `${q.id}: ${r.stderr}`).toBe(0);
      const cli = cliAnswerSchema.parse(JSON.parse(r.stdout));
      const a = viaApp.get(q.id);
      expect({ q: q.q, answer: cli.answer, intent: cli.intent, sources: ids(cli.sources), didYouMean: ids(cli.didYouMean) }).toEqual({
        q: q.q,
        answer: a?.answer,
        intent: a?.intent,
        sources: ids(a?.sources ?? []),
        didYouMean: ids(a?.didYouMean ?? []),
      });
    }
  }, 180_000);

  it('the MCP query tool agrees with the app (answer text as MCP wraps it) on every answer and source id', async () => {
    for (const q of questions) {
      const r = await server.client.callTool({ name: 'query', arguments: { question: q.q } });
      expect(r.isError, `${q.id}`).toBeFalsy();
      const mcp = mcpAnswerSchema.parse(r.structuredContent);
      const a = viaApp.get(q.id);
      if (!a) throw new Error(`no app answer for ${q.id}`);
      const wrapped = answerData(a);
      expect({ q: q.q, answer: mcp.answer, intent: mcp.intent, sources: ids(mcp.sources), didYouMean: ids(mcp.didYouMean) }).toEqual({
        q: q.q,
        answer: wrapped.answer,
        intent: a.intent,
        sources: ids(a.sources),
        didYouMean: ids(a.didYouMean),
      });
    }
    expect(server.protocolErrors).toEqual([]);
  }, 120_000);

  it('search gives the same hits, in the same order, through the app, glue search and MCP search', async () => {
    const top = 5;
    const searchSchema = z.object({ hits: z.array(z.object({ type: z.string(), id: z.string() })) });
    const mcpSearchSchema = z.object({ items: z.array(z.object({ type: z.string(), id: z.string() })) });
    for (const q of questions.slice(0, 10)) {
      const viaAppSearch = await app.api.ask.search({ query: q.q, limit: top });
      if (!viaAppSearch.ok) throw new Error(`${q.id}: ${viaAppSearch.error.message}`);
      const cli = await glueRun(['search', q.q, '--json', '--limit', String(top)], env);
      expect(cli.code, `${q.id}: ${cli.stderr}`).toBe(0);
      const mcp = await server.client.callTool({ name: 'search', arguments: { query: q.q, limit: top } });
      expect(mcp.isError, q.id).toBeFalsy();
      const want = ids(viaAppSearch.value);
      expect({ q: q.q, hits: ids(searchSchema.parse(JSON.parse(cli.stdout)).hits) }).toEqual({ q: q.q, hits: want });
      expect({ q: q.q, hits: ids(mcpSearchSchema.parse(mcp.structuredContent).items) }).toEqual({ q: q.q, hits: want });
    }
  }, 120_000);
});
