// Shown instead of the whole app while it is locked: no record, answer or password stays on
// screen. The host refuses data while locked anyway (core/app/lock-gate.ts); this is the way
// back in. Keyboard and pointer input elsewhere counts as activity for the idle timer.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useLock, useStores } from '../context';
import { ErrorNote } from './common';

const REASON: Record<string, string> = {
  startup: 'Glue Desk starts locked.',
  idle: 'Locked after a while without use.',
  manual: 'Locked.',
  screen: 'Locked when the screen locked.',
  suspend: 'Locked when the computer went to sleep.',
};

export function LockGate({ children }: { children: ReactNode }) {
  const { lock, vault } = useStores();
  const status = useLock((s) => s.status);
  useEffect(() => {
    const off = lock.getState().attach();
    void lock.getState().load();
    const onInput = () => lock.getState().activity();
    window.addEventListener('keydown', onInput, { capture: true });
    window.addEventListener('pointerdown', onInput, { capture: true });
    return () => {
      off();
      window.removeEventListener('keydown', onInput, { capture: true });
      window.removeEventListener('pointerdown', onInput, { capture: true });
    };
  }, [lock]);
  // Revealed values are masked the moment the app locks, so none is back on screen after.
  useEffect(() => {
    if (status?.locked) vault.getState().maskAll();
  }, [status?.locked, vault]);
  if (status?.locked) return <LockScreen />;
  return <>{children}</>;
}

export function LockScreen() {
  const { lock } = useStores();
  const status = useLock((s) => s.status);
  const busy = useLock((s) => s.busy);
  const error = useLock((s) => s.error);
  const [passphrase, setPassphrase] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void lock
      .getState()
      .unlock({ passphrase })
      .then(() => setPassphrase(''));
  };
  return (
    <main className="center lock-screen" aria-label="Glue Desk is locked">
      <form className="card" onSubmit={submit}>
        <h1>Glue Desk is locked</h1>
        <p className="muted">{REASON[status?.reason ?? 'manual']}</p>
        {status?.passphraseSet && (
          <div className="setting">
            <label htmlFor="unlock-passphrase">Unlock passphrase</label>
            <input id="unlock-passphrase" type="password" autoComplete="current-password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </div>
        )}
        {error && <ErrorNote error={error} />}
        <div className="form-actions">
          {status?.passphraseSet && (
            <button type="submit" className="btn btn-primary" disabled={busy || passphrase === '' || (status.retryAfterSeconds ?? 0) > 0}>
              Unlock
            </button>
          )}
          {status?.osUnlock && (
            <button type="button" className="btn" disabled={busy} onClick={() => void lock.getState().unlock({ os: true })}>
              Unlock with Touch ID
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
