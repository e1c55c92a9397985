// Settings → Security: the offline expiry, the idle lock, the unlock passphrase and "Lock now".
// Limits come from shared/settings, as core enforces them.
import { useEffect, useState, type FormEvent } from 'react';
import { isWithinBounds, SETTING_BOUNDS } from '../../../shared/settings';
import { useLock, useSettings, useStores } from '../context';
import { ErrorNote } from './common';

type Key = 'offlineExpiryDays' | 'idleLockMinutes';

function NeverableNumber({ k, label, value, help }: { k: Key; label: string; value: number; help: string }) {
  const { settings } = useStores();
  const [text, setText] = useState(value === 0 ? 'never' : String(value));
  useEffect(() => setText(value === 0 ? 'never' : String(value)), [value]);
  const n = text.trim().toLowerCase() === 'never' ? 0 : Number(text);
  const valid = text.trim() !== '' && isWithinBounds(k, n);
  const b = SETTING_BOUNDS[k];
  const id = `set-${k}`;
  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <div className="setting-control">
        <input id={id} value={text} aria-invalid={!valid} aria-describedby={`${id}-help`} onChange={(e) => setText(e.target.value)} onBlur={() => valid && n !== value && void settings.getState().update({ [k]: n })} />
        <span className="muted">{b.unit}</span>
      </div>
      <small id={`${id}-help`} className={valid ? 'muted' : 'error-text'}>
        {valid ? help : `"never", or between ${b.min} and ${b.max}.`}
      </small>
    </div>
  );
}

function PassphraseForm() {
  const { lock } = useStores();
  const status = useLock((s) => s.status);
  const busy = useLock((s) => s.busy);
  const error = useLock((s) => s.error);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void lock
      .getState()
      .setPassphrase({ ...(status?.passphraseSet ? { current } : {}), next })
      .then((done) => {
        setSaved(done);
        if (done) {
          setCurrent('');
          setNext('');
        }
      });
  };
  return (
    <form onSubmit={submit} aria-label="Unlock passphrase">
      {status?.passphraseSet && (
        <div className="setting">
          <label htmlFor="lock-current">Current unlock passphrase</label>
          <input id="lock-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
      )}
      <div className="setting">
        <label htmlFor="lock-next">{status?.passphraseSet ? 'New unlock passphrase' : 'Unlock passphrase'}</label>
        <input id="lock-next" type="password" autoComplete="new-password" minLength={8} value={next} onChange={(e) => setNext(e.target.value)} />
      </div>
      {error && <ErrorNote error={error} />}
      {saved && !error && <p className="muted">Saved. Glue Desk now locks after the idle time, on screen lock and on sleep.</p>}
      <div className="form-actions">
        <button type="submit" className="btn" disabled={busy || next.length < 8}>
          {status?.passphraseSet ? 'Change passphrase' : 'Set passphrase'}
        </button>
        <button type="button" className="btn btn-primary" disabled={!status?.enabled} onClick={() => void lock.getState().lockNow()}>
          Lock now
        </button>
      </div>
    </form>
  );
}

export function SecurityCard() {
  const s = useSettings((x) => x.settings);
  const status = useLock((x) => x.status);
  if (!s) return null;
  return (
    <section className="card" aria-labelledby="h-security">
      <h2 id="h-security">Security</h2>
      <NeverableNumber
        k="offlineExpiryDays"
        label="Destroy password values after offline for"
        value={s.offlineExpiryDays}
        help="Without a sync that reaches IT Glue for this long, the local password values are destroyed and the store stays closed until a sync succeeds."
      />
      {s.offlineExpiryDays === 0 && (
        <div className="note note-warn" role="alert">
          Never: a lost or handed-back laptop keeps its copy of client passwords for as long as the files exist.
        </div>
      )}
      <NeverableNumber k="idleLockMinutes" label="Lock after idle for" value={s.idleLockMinutes} help="Also locks on screen lock and sleep." />
      {status && !status.enabled && <p className="muted">The lock is off until you set an unlock passphrase{status.osUnlock ? '' : ' (this computer offers no Touch ID)'}.</p>}
      <PassphraseForm />
    </section>
  );
}
