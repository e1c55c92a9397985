import type { SyncProgress } from '../../shared/domain';

const WIDTH = 24;

function eta(s: number | null): string {
  if (s === null) return '';
  if (s < 60) return ` ETA ${s}s`;
  return ` ETA ${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** One redrawn line for a TTY: phase, type, done/total, requests, ETA. */
export function renderProgress(p: SyncProgress, columns = 100): string {
  const ratio = p.total && p.total > 0 ? Math.min(1, p.done / p.total) : null;
  const filled = ratio === null ? 0 : Math.round(ratio * WIDTH);
  const bar = ratio === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] `;
  const count = p.total ? `${p.done}/${p.total}` : `${p.done}`;
  const text = `${bar}${p.phase.padEnd(7)} ${(p.resourceType ?? '').padEnd(22)} ${count} · ${p.requestsUsed} req${eta(p.etaSeconds)}`;
  return text.slice(0, Math.max(20, columns - 1));
}

export interface ProgressBar {
  update(p: SyncProgress): void;
  done(): void;
}

/** Redraws at most every 100 ms; on a non-TTY it draws nothing (callers print JSON lines instead). */
export function createProgressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }): ProgressBar {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 100 && p.phase !== 'done') return;
      last = now;
      stream.write(`\r\x1b[2K${renderProgress(p, stream.columns ?? 100)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
