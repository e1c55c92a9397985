import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './fake-itglue';
import { UsageError, type CliIo } from '../io';

function harness(): { io: CliIo; out: () => string; err: () => string; stop: () => void; firstLine: () => Promise<string> } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const controller = new AbortController();
  return {
    io: { stdout, stderr, env: {}, signal: controller.signal },
    out: () => out,
    err: () => err,
    stop: () => controller.abort(),
    firstLine: () => new Promise((resolve) => {
      const check = (): void => {
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
        else setTimeout(check, 10);
      };
      check();
    }),
  };
}

describe('glue fake-itglue', () => {
  it('prints the listening line first and serves JSON:API pages until stopped', async () => {
    const h = harness();
    const done = run(['--port', '0', '--seed', '3', '--rate-limit', '100'], h.io);
    const line = await h.firstLine();
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('listening on '.length);
    const key = /api keys: (\S+) \(password access\)/.exec(h.out())?.[1];
    expect(key).toMatch(/^ITG\./);
    const res = await fetch(`${url}/organizations?page[size]=2`, { headers: { 'x-api-key': key ?? '' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.api+json');
    const doc = (await res.json()) as { data: unknown[]; meta: Record<string, unknown> };
    expect(doc.data).toHaveLength(2);
    expect(doc.meta['next-page']).toBe(2);
    h.stop();
    expect(await done).toBe(0);
    await expect(fetch(`${url}/organizations`)).rejects.toThrow();
  });

  it('serves only root documents for filter[document_folder_id]=null with --documents-null-filter root', async () => {
    const count = async (argv: string[]): Promise<[number, number]> => {
      const h = harness();
      const done = run(['--port', '0', ...argv], h.io);
      const url = (await h.firstLine()).slice('listening on '.length);
      const key = /api keys: (\S+) \(password access\)/.exec(h.out())?.[1] ?? '';
      const json = async (path: string): Promise<{ data: { id: string }[] }> => (await (await fetch(`${url}${path}`, { headers: { 'x-api-key': key } })).json()) as { data: { id: string }[] };
      const org = (await json('/organizations?page[size]=1')).data[0]?.id ?? '';
      const get = async (q: string): Promise<number> => (await json(`/organizations/${org}/relationships/documents?page[size]=1000${q}`)).data.length;
      const counts: [number, number] = [await get(''), await get('&filter[document_folder_id]=null')];
      h.stop();
      await done;
      return counts;
    };
    const [root, all] = await count([]);
    expect(all).toBeGreaterThan(root);
    expect(await count(['--documents-null-filter', 'root'])).toEqual([root, root]);
  });

  it('exports the dataset and exits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-export-'));
    try {
      const h = harness();
      expect(await run(['--export', dir], h.io)).toBe(0);
      expect(h.out()).toMatch(/^wrote \d+ records in \d+ files to /);
      expect(await readdir(dir)).toEqual(expect.arrayContaining(['organizations.json', 'passwords.json', 'document_sections.json', 'related_items.json']));
      // The exported directory serves as a dataset.
      const h2 = harness();
      const done = run(['--dataset', dir, '--api-key', 'ITG.my-test-key'], h2.io);
      const url = (await h2.firstLine()).slice('listening on '.length);
      expect(h2.out()).not.toContain('ITG.my-test-key');
      const res = await fetch(`${url}/passwords?page[size]=1`, { headers: { 'x-api-key': 'ITG.my-test-key' } });
      expect(res.status).toBe(200);
      h2.stop();
      await done;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad flags with a usage error naming the flag', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port', 'abc'], /--port: must be a whole number/],
      [['--port', '70000'], /--port: must be at most 65535/],
      [['--faults', '418:0.5'], /--faults: .*418/],
      [['--reject-status', '500'], /--reject-status: must be 401 or 403/],
      [['--documents-null-filter', 'some'], /--documents-null-filter: must be all or root/],
      [['--dataset', '/nonexistent-dir'], /organizations.json is missing/],
      [['--bogus'], /unknown flag --bogus/],
      [['--prot', '80'], /unknown flag --prot\. Did you mean --port\?/],
    ];
    for (const [argv, message] of cases) {
      await expect(run(argv, harness().io)).rejects.toSatisfy((e: unknown) => e instanceof UsageError && message.test(e.message));
    }
  });
});
