import { useEffect, useState } from 'react';
import { dateWithRelative, formatDateTime } from '../../../shared/format/dates';
import * as Dialog from '@radix-ui/react-dialog';
import * as Switch from '@radix-ui/react-switch';
import type { Settings } from '../../../shared/ipc';
import { isWithinBounds, SETTING_BOUNDS, type NumberSettingKey } from '../../../shared/settings';
import { bytes, relativeTime, typeLabel } from '../lib/format';
import { useSettings, useStores, useSync, useVault } from '../context';
import { Empty, ErrorNote, ProgressBar, Spinner } from './common';
import { SecurityCard } from './SecurityCard';

// Limits come from shared/settings (the same ones core enforces).
const NUMBERS: { key: Exclude<NumberSettingKey, 'offlineExpiryDays' | 'idleLockMinutes'>; label: string; help: string }[] = [
  { key: 'syncIntervalMinutes', label: 'Sync every', help: '0 turns background sync off.' },
  { key: 'clipboardClearSeconds', label: 'Clear copied passwords after', help: 'Only if the clipboard still holds the copied value.' },
  { key: 'revealSeconds', label: 'Hide revealed passwords after', help: '' },
  { key: 'apiRequestsPer5Min', label: 'IT Glue requests per 5 minutes', help: 'IT Glue documents 3,000; lower it when other tools share the API key or IT Glue answers "too many requests".' },
];

function NumberSetting({ spec, value }: { spec: (typeof NUMBERS)[number]; value: number }) {
  const { settings } = useStores();
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText(String(value));
  }, [value]);
  const bounds: { min: number; max: number; off?: number; unit: string } = SETTING_BOUNDS[spec.key];
  const n = Number(text);
  const valid = text.trim() !== '' && isWithinBounds(spec.key, n);
  const id = `set-${spec.key}`;
  return (
    <div className="setting">
      <label htmlFor={id}>{spec.label}</label>
      <div className="setting-control">
        <input
          id={id}
          type="number"
          min={bounds.off ?? bounds.min}
          max={bounds.max}
          value={text}
          aria-invalid={!valid}
          aria-describedby={`${id}-help`}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => valid && n !== value && void settings.getState().update({ [spec.key]: n })}
        />
        <span className="muted">{bounds.unit}</span>
      </div>
      <small id={`${id}-help`} className={valid ? 'muted' : 'error-text'}>
        {valid ? spec.help : bounds.off !== undefined ? `${bounds.off} (off), or between ${bounds.min} and ${bounds.max}.` : `Between ${bounds.min} and ${bounds.max}.`}
      </small>
    </div>
  );
}

export function SettingsView() {
  const { settings, sync } = useStores();
  const s = useSettings((x) => x.settings);
  const account = useSettings((x) => x.account);
  const error = useSettings((x) => x.error);
  const loading = useSettings((x) => x.loading);
  const status = useSync((x) => x.status);
  useEffect(() => {
    void settings.getState().load();
    void sync.getState().load();
  }, [settings, sync]);
  if (loading && !s) return <Spinner label="Loading settings…" />;
  return (
    <main className="settings" aria-label="Settings">
      {error && <ErrorNote error={error} onRetry={() => void settings.getState().load()} />}
      <section className="card" aria-labelledby="h-account">
        <h2 id="h-account">IT Glue account</h2>
        {account?.configured ? (
          <p>
            Connected to <code>{account.baseUrl}</code>
            {account.passwordAccess === false && <span className="badge badge-warn">No Password Access</span>}
          </p>
        ) : (
          <p className="muted">Not connected.</p>
        )}
        {status && (
          <>
            <p className="muted">
              Last sync {relativeTime(status.lastSyncAt)} · local data {bytes(status.storeBytes)}
            </p>
            <ul className="count-grid">
              {Object.entries(status.counts).map(([t, n]) => (
                <li key={t}>
                  <strong>{(n ?? 0).toLocaleString()}</strong> <span className="muted">{typeLabel(t)}</span>
                </li>
              ))}
            </ul>
            {status.skipped.map((k) => (
              <div key={k.type} className="note">
                {typeLabel(k.type)} skipped: {k.reason}
              </div>
            ))}
            {status.warnings.map((w) => (
              <div key={w} className="note note-warn">
                {w}
              </div>
            ))}
          </>
        )}
      </section>
      {s && <Preferences s={s} />}
      <SecurityCard />
      <ModelCard />
      <ClaudeCard />
      <AuditCard />
      <section className="card card-danger" aria-labelledby="h-wipe">
        <h2 id="h-wipe">Wipe local data</h2>
        <p className="muted">Deletes the encrypted database, the API key and the database key from this computer. IT Glue itself is not touched.</p>
        <WipeDialog />
      </section>
    </main>
  );
}

function Preferences({ s }: { s: Settings }) {
  const { settings } = useStores();
  return (
    <section className="card" aria-labelledby="h-prefs">
      <h2 id="h-prefs">Preferences</h2>
      {NUMBERS.map((spec) => (
        <NumberSetting key={spec.key} spec={spec} value={s[spec.key]} />
      ))}
      <div className="setting">
        <label htmlFor="set-mcp-values">Let Claude read password values</label>
        <div className="setting-control">
          <Switch.Root
            id="set-mcp-values"
            className="switch"
            checked={s.mcpAllowPasswordValues}
            onCheckedChange={(v) => void settings.getState().update({ mcpAllowPasswordValues: v })}
            aria-describedby="set-mcp-values-help"
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
        </div>
        <small id="set-mcp-values-help" className={s.mcpAllowPasswordValues ? 'error-text' : 'muted'}>
          {s.mcpAllowPasswordValues
            ? 'On: Claude Desktop can fetch password values. Each one is written to the audit log. Text in your IT Glue data could try to trick Claude into asking for them.'
            : 'Off (recommended): Claude sees password names and usernames, never values.'}
        </small>
      </div>
    </section>
  );
}

function ModelCard() {
  const { settings } = useStores();
  const model = useSettings((x) => x.model);
  if (!model) return null;
  const label = { ready: 'Ready', missing: 'Not downloaded', fixture: 'Test model (not for real use)', disabled: 'Off', downloading: 'Downloading…' }[model.state];
  return (
    <section className="card" aria-labelledby="h-model">
      <h2 id="h-model">Semantic search model</h2>
      <p>
        <strong>{model.name}</strong> — {label}
      </p>
      {model.message && <p className="muted">{model.message}</p>}
      {model.state === 'downloading' && <ProgressBar value={model.progress} label="Model download" />}
      {model.state === 'missing' && (
        <button type="button" className="btn" onClick={() => void settings.getState().downloadModel()}>
          Download model (23 MB)
        </button>
      )}
    </section>
  );
}

function ClaudeCard() {
  const { settings } = useStores();
  const claude = useSettings((x) => x.claude);
  const saving = useSettings((x) => x.saving);
  const state = useSettings((x) => x.account?.claude ?? null);
  return (
    <section className="card" aria-labelledby="h-claude">
      <h2 id="h-claude">
        Claude Desktop {state?.connected ? <span className="badge badge-ok">Connected</span> : <span className="badge">Not connected</span>}
      </h2>
      {state?.connected && (
        <p className="muted">
          Claude Desktop runs Glue Desk for this profile (<code>{state.path}</code>). Connect again to refresh the entry after moving the app.
        </p>
      )}
      <p className="muted">Adds Glue Desk as an MCP server in Claude Desktop's config. You see the change before it is written; the old file is backed up.</p>
      <div className="form-actions">
        <button type="button" className="btn" disabled={saving} onClick={() => void settings.getState().connectClaude(true)}>
          Preview change
        </button>
        <button type="button" className="btn btn-primary" disabled={saving || !claude || claude.written} onClick={() => void settings.getState().connectClaude(false)}>
          Connect to Claude Desktop
        </button>
      </div>
      {claude && (
        <>
          <p className="muted">
            {claude.written ? 'Written to' : 'Will write'} <code>{claude.path}</code>
            {claude.backupPath && (
              <>
                {' '}
                (backup: <code>{claude.backupPath}</code>)
              </>
            )}
            {claude.written && ' — restart Claude Desktop to load it.'}
          </p>
          <pre className="diff" aria-label="Config change">{claude.diff || 'No change needed: Glue Desk is already configured.'}</pre>
        </>
      )}
    </section>
  );
}

function AuditCard() {
  const { vault } = useStores();
  const audit = useVault((s) => s.audit);
  useEffect(() => {
    void vault.getState().loadAudit();
  }, [vault]);
  return (
    <section className="card" aria-labelledby="h-audit">
      <h2 id="h-audit">Password access log</h2>
      {audit.loading && <Spinner label="Loading…" />}
      {audit.error && <ErrorNote error={audit.error} onRetry={() => void vault.getState().loadAudit()} />}
      {!audit.loading && !audit.error && audit.data.length === 0 && <Empty title="No password has been revealed or copied yet" />}
      {audit.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Password</th>
                <th scope="col">Organization</th>
                <th scope="col">Action</th>
                <th scope="col">Through</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at} title={formatDateTime(e.at)}>{dateWithRelative(e.at)}</time>
                  </td>
                  <td>{e.passwordName}</td>
                  <td>{e.org?.name ?? '—'}</td>
                  <td>{e.outcome && e.outcome !== 'revealed' ? `Asked, ${e.outcome}` : e.action === 'copy' ? `Copied ${e.field ?? ''}` : 'Revealed'}</td>
                  <td>{{ app: 'Glue Desk', mcp: 'Claude (MCP)', cli: 'Command line' }[e.door]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WipeDialog() {
  const { settings } = useStores();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function wipe() {
    setBusy(true);
    const r = await settings.getState().wipe();
    setBusy(false);
    if (r.ok) {
      setOpen(false);
      window.location.reload();
    } else setError(r.error.message);
  }
  return (
    <Dialog.Root open={open} onOpenChange={(o) => { setOpen(o); setTyped(''); setError(null); }}>
      <Dialog.Trigger asChild>
        <button type="button" className="btn btn-danger">
          Wipe local data…
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Wipe all local data?</Dialog.Title>
          <Dialog.Description className="muted">
            Glue Desk forgets your API key and deletes its encrypted copy of IT Glue. You will need to connect and sync again. Type WIPE to confirm.
          </Dialog.Description>
          <input aria-label="Type WIPE to confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          {error && <div className="note note-error" role="alert">{error}</div>}
          <div className="form-actions">
            <Dialog.Close asChild>
              <button type="button" className="btn">
                Cancel
              </button>
            </Dialog.Close>
            <button type="button" className="btn btn-danger" disabled={typed !== 'WIPE' || busy} onClick={() => void wipe()}>
              {busy ? 'Wiping…' : 'Wipe'}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
