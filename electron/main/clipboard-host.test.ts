import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import { createTestApi } from '../../shared/ipc/test-api';
import { withSystemClipboard } from './clipboard-host';

function setup() {
  let board = 'before';
  const clipboard = { writeText: (t: string) => void (board = t), readText: () => board };
  const timers: { fn: () => void; ms: number }[] = [];
  const t = createTestApi({ vault: { copy: async () => ok({ copied: false as const, value: 's3cret!', clearAfterSeconds: 30 }) } });
  const api = withSystemClipboard(t.api, clipboard, (fn, ms) => timers.push({ fn, ms }));
  return { api, timers, clipboard, board: () => board };
}

describe('system clipboard host', () => {
  it('writes the value itself and gives the renderer no secret', async () => {
    const s = setup();
    const r = await s.api.vault.copy({ id: '9', field: 'password' });
    expect(r).toEqual({ ok: true, value: { copied: true, clearAfterSeconds: 30 } });
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(s.board()).toBe('s3cret!');
    expect(s.timers[0]?.ms).toBe(30_000);
    s.timers[0]?.fn();
    expect(s.board()).toBe('');
  });

  it('leaves the clipboard alone if the user copied something else meanwhile', async () => {
    const s = setup();
    await s.api.vault.copy({ id: '9', field: 'password' });
    s.clipboard.writeText('my own text');
    s.timers[0]?.fn();
    expect(s.board()).toBe('my own text');
  });
});
