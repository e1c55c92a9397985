import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLogger } from './logger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glue-mcp-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('writes to the log file, rotates past the size limit and keeps one old file', () => {
  const log = createLogger({ dir: join(dir, 'logs'), stderr: null, maxBytes: 2000 });
  for (let i = 0; i < 100; i++) log.info(`line ${i}`, { n: i });
  const file = join(dir, 'logs', 'mcp.log');
  expect(existsSync(`${file}.1`)).toBe(true);
  expect(readFileSync(file, 'utf8').length).toBeLessThanOrEqual(2000);
  expect(readFileSync(file, 'utf8')).toContain('line 99');
});

it('redacts fields whose names could carry secrets and honours the level', () => {
  const lines: string[] = [];
  const stderr = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const log = createLogger({ dir: null, stderr, level: 'info' });
  log.debug('hidden');
  log.info('call', { tool: 'x', password: 'hunter2', apiKey: 'ITG.abc', token: 't' });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('"tool":"x"');
  expect(lines[0]).not.toMatch(/hunter2|ITG\.abc|"t"/);
});
