import type { SyncFinished } from '../../../shared/ipc';
import type { GlueApi } from '../../../shared/ipc';

/**
 * What a host does on a stop signal before it exits: cancel the running sync and wait until it
 * has let go (its fetched pages committed, its lock released), at most `timeoutMs`. Resolves
 * with how the run ended, or null when none was running.
 */
export async function cancelSyncAndWait(api: Pick<GlueApi, 'sync'>, timeoutMs = 30_000): Promise<SyncFinished['outcome'] | null> {
  let off: () => void = () => undefined;
  const finished = new Promise<SyncFinished['outcome']>((resolve) => {
    off = api.sync.onDidFinish((e) => resolve(e.outcome));
  });
  try {
    const r = await api.sync.cancel({});
    if (!r.ok || !r.value.cancelled) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    try {
      return await Promise.race([finished, late]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    off();
  }
}
