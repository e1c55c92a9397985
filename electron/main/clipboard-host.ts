// Electron main owns the system clipboard: it takes the value core hands to the door, writes
// it, and clears it later only if the clipboard still holds that value. The renderer gets
// `{ copied: true }` and never sees the secret.
import { ok } from '../../shared/result';
import type { GlueApi } from '../../shared/ipc';

export interface ClipboardLike {
  writeText(text: string): void;
  readText(): string;
}

export function withSystemClipboard(
  api: GlueApi,
  clipboard: ClipboardLike,
  schedule: (fn: () => void, ms: number) => void = (fn, ms) => void setTimeout(fn, ms).unref?.(),
): GlueApi {
  const vault = api.vault;
  return {
    ...api,
    vault: {
      ...vault,
      copy: async (arg) => {
        const r = await vault.copy(arg);
        if (!r.ok || r.value.copied) return r;
        const { value, clearAfterSeconds } = r.value;
        clipboard.writeText(value);
        schedule(() => {
          if (clipboard.readText() === value) clipboard.writeText('');
        }, clearAfterSeconds * 1000);
        return ok({ copied: true as const, clearAfterSeconds });
      },
    },
  };
}
