import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/result';
import { createTestApi } from '../../shared/ipc/test-api';
import { withSystemClipboard } from './clipboard-host';
import { CONCEAL_FORMATS } from './concealed-clipboard';

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

describe('concealed copies (kept out of clipboard history and cloud clipboard)', () => {
  function concealed(platform: NodeJS.Platform, helper: 'works' | 'fails') {
    let board = 'before';
    const clipboard = { writeText: (t: string) => void (board = t), readText: () => board };
    const runs: { command: string; args: string[]; stdin: string }[] = [];
    const fallbacks: string[] = [];
    const t = createTestApi({ vault: { copy: async () => ok({ copied: false as const, value: 's3cret!', clearAfterSeconds: 30 }) } });
    const timers: { fn: () => void; ms: number }[] = [];
    const api = withSystemClipboard(t.api, clipboard, (fn, ms) => timers.push({ fn, ms }), {
      platform,
      run: async (cmd, stdin) => {
        runs.push({ ...cmd, stdin });
        if (helper === 'fails') throw new Error('spawn powershell.exe ENOENT');
        board = stdin; // what the OS helper does: text (and its markers) in one write
      },
      onFallback: (why) => fallbacks.push(why),
    });
    return { api, runs, fallbacks, timers, board: () => board };
  }

  it('Windows: one write with the text and ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory = 0, CanUploadToCloudClipboard = 0', async () => {
    expect(CONCEAL_FORMATS.win32).toEqual([
      { format: 'ExcludeClipboardContentFromMonitorProcessing', data: 'dword0' },
      { format: 'CanIncludeInClipboardHistory', data: 'dword0' },
      { format: 'CanUploadToCloudClipboard', data: 'dword0' },
    ]);
    const s = concealed('win32', 'works');
    expect(await s.api.vault.copy({ id: '9', field: 'password' })).toEqual({ ok: true, value: { copied: true, clearAfterSeconds: 30 } });
    expect(s.runs).toHaveLength(1);
    const run = s.runs[0]!;
    expect(run.command).toBe('powershell.exe');
    expect(run.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-STA']);
    const script = run.args.at(-1) ?? '';
    expect(script).toContain('$d.SetData([System.Windows.Forms.DataFormats]::UnicodeText, $text)');
    for (const f of ['ExcludeClipboardContentFromMonitorProcessing', 'CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']) {
      expect(script).toContain(`$d.SetData('${f}', (New-Object IO.MemoryStream(,[BitConverter]::GetBytes([int32]0))))`);
    }
    expect(script).toContain('[System.Windows.Forms.Clipboard]::SetDataObject($d, $true)');
    // The secret travels on stdin only.
    expect(run.stdin).toBe('s3cret!');
    expect(run.args.join(' ')).not.toContain('s3cret');
    expect(s.board()).toBe('s3cret!');
    expect(s.fallbacks).toEqual([]);
    s.timers[0]?.fn();
    expect(s.board()).toBe('');
  });

  it('macOS: the text and org.nspasteboard.ConcealedType on the general pasteboard in one write', async () => {
    expect(CONCEAL_FORMATS.darwin).toEqual([{ format: 'org.nspasteboard.ConcealedType', data: 'empty' }]);
    const s = concealed('darwin', 'works');
    await s.api.vault.copy({ id: '9', field: 'password' });
    const run = s.runs[0]!;
    expect(run.command).toBe('/usr/bin/osascript');
    expect(run.args.slice(0, 2)).toEqual(['-l', 'JavaScript']);
    const script = run.args.at(-1) ?? '';
    expect(script).toContain('pb.clearContents');
    expect(script).toContain("pb.setStringForType(text, 'public.utf8-plain-text')");
    expect(script).toContain("pb.setStringForType('', 'org.nspasteboard.ConcealedType')");
    expect(run.args.join(' ')).not.toContain('s3cret');
  });

  it('a helper that fails still copies (plainly) and says so; Linux writes plainly', async () => {
    const s = concealed('win32', 'fails');
    await s.api.vault.copy({ id: '9', field: 'password' });
    expect(s.board()).toBe('s3cret!');
    expect(s.fallbacks).toEqual(['Error']);
    const linux = concealed('linux', 'works');
    await linux.api.vault.copy({ id: '9', field: 'password' });
    expect(linux.runs).toEqual([]);
    expect(linux.board()).toBe('s3cret!');
  });
});
