import { useState, type FormEvent } from 'react';
import { REGION_BASE_URLS, REGION_LABELS, REGIONS, type Region } from '../../../shared/ipc';
import type { ResultError } from '../../../shared/result';
import { typeLabel } from '../lib/format';
import { useStores, useSync } from '../context';
import { ErrorNote } from './common';
import { SyncProgressView } from './SyncProgressView';


/** Connect (key tested before it is saved), then the first sync with live progress. */
export function FirstRun({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState<'connect' | 'sync'>('connect');
  const [info, setInfo] = useState<string | null>(null);
  return (
    <main className="first-run">
      <div className="card first-run-card">
        <h1>Welcome to Glue Desk</h1>
        <p className="muted">Your IT Glue, offline and on your desk. Everything stays encrypted on this computer.</p>
        {step === 'connect' ? (
          <ConnectForm
            onConnected={(message) => {
              setInfo(message);
              setStep('sync');
            }}
          />
        ) : (
          <>
            {info && <div className="note">{info}</div>}
            <FirstSync onDone={onDone} />
          </>
        )}
      </div>
    </main>
  );
}

function ConnectForm({ onConnected }: { onConnected: (message: string) => void }) {
  const { settings, sync } = useStores();
  const [region, setRegion] = useState<Region>('us');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResultError | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await settings.getState().connect(region === 'custom' ? { region, baseUrl: baseUrl.trim(), apiKey } : { region, apiKey });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setApiKey('');
    void sync.getState().start(true);
    onConnected(
      `Connected: ${r.value.organizations.toLocaleString()} organizations.` +
        (r.value.passwordAccess ? '' : ' This key has no Password Access, so password values will not be synced.'),
    );
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Connect to IT Glue">
      <label className="field">
        <span>Region</span>
        <select value={region} onChange={(e) => setRegion(REGIONS.find((r) => r === e.target.value) ?? 'us')}>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {REGION_LABELS[r]}
              {r !== 'custom' ? ` — ${REGION_BASE_URLS[r]}` : ''}
            </option>
          ))}
        </select>
      </label>
      {region === 'custom' && (
        <label className="field">
          <span>Base URL</span>
          <input type="url" required placeholder="https://api.itglue.com" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
        </label>
      )}
      <label className="field">
        <span>API key</span>
        <input type="password" required autoComplete="off" spellCheck={false} placeholder="ITG.…" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
        <small className="muted">Created by an IT Glue admin under Account → API Keys. It is tested first, then kept in your system keychain.</small>
      </label>
      {error && <ErrorNote error={error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || apiKey.trim().length === 0}>
          {busy ? 'Testing key…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

function FirstSync({ onDone }: { onDone: () => void }) {
  const { sync } = useStores();
  const finish = useSync((s) => s.lastFinish);
  const error = useSync((s) => s.error);
  const counts = useSync((s) => s.status?.counts ?? {});
  return (
    <section aria-label="First sync" className="first-sync">
      <h2>{finish ? (finish.outcome === 'completed' ? 'All synced' : finish.outcome === 'cancelled' ? 'Sync stopped' : 'Sync failed') : 'Syncing your IT Glue…'}</h2>
      {!finish && <SyncProgressView />}
      {error && <ErrorNote error={error} onRetry={() => void sync.getState().start(true)} />}
      {finish && (
        <ul className="count-grid">
          {Object.entries(finish.counts).map(([type, n]) => (
            <li key={type}>
              <strong>{(n ?? 0).toLocaleString()}</strong> <span className="muted">{typeLabel(type)}</span>
            </li>
          ))}
          {Object.keys(finish.counts).length === 0 &&
            Object.entries(counts).map(([type, n]) => (
              <li key={type}>
                <strong>{(n ?? 0).toLocaleString()}</strong> <span className="muted">{typeLabel(type)}</span>
              </li>
            ))}
        </ul>
      )}
      <div className="form-actions">
        {!finish && (
          <button type="button" className="btn" onClick={() => void sync.getState().cancel()}>
            Cancel
          </button>
        )}
        {finish?.outcome === 'cancelled' && (
          <button type="button" className="btn" onClick={() => void sync.getState().start(false)}>
            Resume
          </button>
        )}
        <button type="button" className="btn btn-primary" onClick={onDone}>
          {!finish ? 'Continue in the background' : finish.outcome === 'completed' ? 'Start using Glue Desk' : 'Continue'}
        </button>
      </div>
    </section>
  );
}
