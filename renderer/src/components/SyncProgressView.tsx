import { typeLabel, duration } from '../lib/format';
import { useSync } from '../context';
import { ProgressBar } from './common';

/** Per-type progress of the running sync: what is done, what is left, how long to go. */
export function SyncProgressView() {
  const byType = useSync((s) => s.byType);
  const latest = useSync((s) => s.latest);
  const rows = Object.values(byType);
  return (
    <div className="sync-progress">
      <div className="sync-progress-head">
        <span className="muted">{latest?.message || 'Starting…'}</span>
        <span className="muted">
          {latest ? `${latest.requestsUsed} requests · about ${duration(latest.etaSeconds)} left` : ''}
        </span>
      </div>
      {rows.length === 0 && <ProgressBar value={null} label="Sync progress" />}
      <ul className="sync-types">
        {rows.map((p) => (
          <li key={p.resourceType}>
            <span className="sync-type-name">{typeLabel(p.resourceType ?? '')}</span>
            <ProgressBar value={p.total ? p.done / p.total : p.phase === 'done' ? 1 : null} label={`${typeLabel(p.resourceType ?? '')} progress`} />
            <span className="sync-type-count">
              {p.done.toLocaleString()}
              {p.total !== null ? ` / ${p.total.toLocaleString()}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
