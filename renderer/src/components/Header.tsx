import { useEffect, useState } from 'react';
import * as Tooltip from '@radix-ui/react-tooltip';
import { changeLine, changeLines, relativeTime } from '../lib/format';
import { formatDateTime } from '../../../shared/format/dates';
import { useSettings, useStores, useSync } from '../context';
import { ProgressBar } from './common';

export type View = 'ask' | 'browse' | 'settings';

const VIEWS: { id: View; label: string; hint: string }[] = [
  { id: 'ask', label: 'Ask', hint: '' },
  { id: 'browse', label: 'Browse', hint: '' },
  { id: 'settings', label: 'Settings', hint: '' },
];

export function Header({ view, onView, onQuick }: { view: View; onView: (v: View) => void; onQuick?: () => void }) {
  const { sync } = useStores();
  const status = useSync((s) => s.status);
  const latest = useSync((s) => s.latest);
  const offline = useSync((s) => s.offline);
  const indexing = useSync((s) => s.indexing);
  const lastFinish = useSync((s) => s.lastFinish);
  const changes = lastFinish?.outcome === 'completed' ? (lastFinish.changes ?? null) : null;
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(id);
  }, []);
  const running = status?.running ?? false;
  const profile = useSettings((s) => s.account?.profile ?? null);

  return (
    <header className="header">
      <div className="brand" aria-label="Glue Desk">
        <span className="brand-mark" aria-hidden="true">◆</span> Glue Desk
      </div>
      {profile && (
        <span className="badge profile-badge" title="Profile (glue --profile)" aria-label={`Profile ${profile}`}>
          {profile}
        </span>
      )}
      <nav className="nav" aria-label="Main">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" className="nav-item" aria-current={view === v.id ? 'page' : undefined} onClick={() => onView(v.id)} title={v.hint || undefined}>
            {v.label}
          </button>
        ))}
      </nav>
      {onQuick && (
        <button type="button" className="btn btn-small btn-quiet quick-btn" onClick={onQuick} aria-label="Quick switcher (Ctrl/⌘ K)">
          Go to… <kbd>{/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'} K</kbd>
        </button>
      )}
      <div className="sync-status" aria-live="polite">
        {offline && <span className="badge badge-warn">Offline</span>}
        {running ? (
          <>
            <span className="muted">Syncing {latest?.resourceType ? latest.resourceType.replace(/-/g, ' ') : ''}…</span>
            <div className="header-progress">
              <ProgressBar value={latest?.total ? latest.done / latest.total : null} label="Sync progress" />
            </div>
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void sync.getState().cancel()}>
              Cancel
            </button>
          </>
        ) : (
          <>
            {indexing && (
              <span className="muted indexing" title={indexing.message}>
                Indexing{indexing.total ? ` ${Math.floor((indexing.done / indexing.total) * 100)}%` : '…'}
              </span>
            )}
            <Tooltip.Root>
              <Tooltip.Trigger asChild>
                <span className="muted" tabIndex={0} aria-label="Last sync">
                  Synced {relativeTime(status?.lastSyncAt ?? null)}
                  {changes && <span className="sync-changes"> · {changeLine(changes)}</span>}
                </span>
              </Tooltip.Trigger>
              <Tooltip.Portal>
                <Tooltip.Content className="tooltip" sideOffset={6}>
                  {status?.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'No sync has finished yet'}
                  {changes && changeLines(changes).map((l) => <div key={l}>{l}</div>)}
                </Tooltip.Content>
              </Tooltip.Portal>
            </Tooltip.Root>
            <button type="button" className="btn btn-small" onClick={() => void sync.getState().start(false)} disabled={offline || !status?.configured}>
              Sync now
            </button>
          </>
        )}
      </div>
    </header>
  );
}
