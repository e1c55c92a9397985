// Electron main owns the system clipboard: it takes the value core hands to the door, writes
// it marked as concealed (concealed-clipboard.ts: kept out of clipboard history and cloud
// clipboard), and clears it later only if the clipboard still holds that value. The renderer
// gets `{ copied: true }` and never sees the secret.
import { ok } from '../../shared/result';
import type { GlueApi } from '../../shared/ipc';
import { concealedWriteCommand, type RunHelper } from './concealed-clipboard';

export interface ClipboardLike {
  writeText(text: string): void;
  readText(): string;
}

export interface ConcealOptions {
  platform: NodeJS.Platform;
  run: RunHelper;
  /** A failed concealed write (the value is then written plainly, so the copy still works). */
  onFallback?: (reason: string) => void;
}

export function withSystemClipboard(
  api: GlueApi,
  clipboard: ClipboardLike,
  schedule: (fn: () => void, ms: number) => void = (fn, ms) => void setTimeout(fn, ms).unref?.(),
  conceal?: ConcealOptions,
): GlueApi {
  const vault = api.vault;
  const write = async (value: string): Promise<void> => {
    const helper = conceal ? concealedWriteCommand(conceal.platform) : null;
    if (conceal && helper) {
      try {
        await conceal.run(helper, value);
        // Trust what the clipboard holds, not the helper's exit code.
        if (clipboard.readText() === value) return;
        conceal.onFallback?.('the clipboard did not hold the value after the concealed write');
      } catch (e) {
        conceal.onFallback?.(e instanceof Error ? e.name : 'helper failed');
      }
    }
    clipboard.writeText(value);
  };
  return {
    ...api,
    vault: {
      ...vault,
      copy: async (arg) => {
        const r = await vault.copy(arg);
        if (!r.ok || r.value.copied) return r;
        const { value, clearAfterSeconds } = r.value;
        await write(value);
        schedule(() => {
          if (clipboard.readText() === value) clipboard.writeText('');
        }, clearAfterSeconds * 1000);
        return ok({ copied: true as const, clearAfterSeconds });
      },
    },
  };
}
