// What a technician sees while the detail passes run: the store is already searchable (every
// listed record, field and IP is in it), and the details (password values, related items,
// document sections) fill in at one request per record. The ETA comes from the key's budget, not
// from the rate so far: the passes are paced at the budget, so that is when they will end.
import type { Pacer } from '../itglue/pacer';

export interface DetailsProgress {
  /** Requests the passes of this run still have to make (announced by each pass as it starts). */
  announce(requests: number): void;
  /** `n` more records' details are written; returns the line to show. */
  advance(n: number): string;
  line(): string;
}

export function formatEta(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - h * 3600) / 60);
  return m === 60 ? `${h + 1} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}

export function detailsProgress(pacer: Pick<Pacer, 'budget' | 'windowMs'>): DetailsProgress {
  let total = 0;
  let done = 0;
  const perSecond = pacer.budget / (pacer.windowMs / 1000);
  const line = (): string => {
    const left = Math.max(0, total - done);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    const budget = `${pacer.budget.toLocaleString('en-US')} requests / ${formatEta(pacer.windowMs / 1000)}`;
    return left === 0 ? `Searchable · details ${pct} %` : `Searchable · details ${pct} % (about ${formatEta(left / perSecond)} left at your API budget, ${budget})`;
  };
  return {
    announce: (requests) => {
      total += Math.max(0, requests);
    },
    advance: (n) => {
      done += Math.max(0, n);
      return line();
    },
    line,
  };
}
