import { useEffect, useState } from 'react';
import type { PasswordMeta } from '../../../shared/ipc';
import { useStores, useVault } from '../context';

/**
 * Seconds left until `until`, right from the first frame: the time is read at render, not kept
 * from when the component mounted (which showed "clears in 43 s" on a 30 s timer).
 */
export function useCountdown(until: number | undefined): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!until) return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;
}

/** Masked value with reveal (auto re-mask) and copy (auto-clear) for one password. */
export function PasswordControls({ meta, compact = false }: { meta: Pick<PasswordMeta, 'id' | 'name' | 'username' | 'hasValue'>; compact?: boolean }) {
  const { vault } = useStores();
  const revealed = useVault((s) => s.revealed[meta.id]);
  const copied = useVault((s) => (s.copied?.id === meta.id ? s.copied : null));
  const left = useCountdown(revealed?.until);
  const copyLeft = useCountdown(copied?.until);
  return (
    <div className={`pw-controls${compact ? ' is-compact' : ''}`}>
      <code className={`pw-value${revealed ? ' is-revealed' : ''}`} aria-label={revealed ? `Password of ${meta.name}` : `Password of ${meta.name}, hidden`}>
        {revealed ? revealed.value : meta.hasValue ? '••••••••••••' : 'not synced'}
      </code>
      {meta.hasValue &&
        (revealed ? (
          <button type="button" className="btn btn-small" onClick={() => vault.getState().hide(meta.id)} aria-label={`Hide password of ${meta.name}`}>
            Hide <span className="muted">{left}s</span>
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => void vault.getState().reveal(meta.id)} aria-label={`Reveal password of ${meta.name}`}>
            Reveal
          </button>
        ))}
      {meta.username && (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void vault.getState().copy(meta.id, 'username')} aria-label={`Copy username of ${meta.name}`}>
          {copied?.field === 'username' ? `Copied · clears in ${copyLeft}s` : 'Copy username'}
        </button>
      )}
      {meta.hasValue && (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void vault.getState().copy(meta.id, 'password')} aria-label={`Copy password of ${meta.name}`}>
          {copied?.field === 'password' ? `Copied · clears in ${copyLeft}s` : 'Copy password'}
        </button>
      )}
    </div>
  );
}
