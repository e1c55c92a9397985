// The offline expiry near (or turned off), or the clock moved back: one line under the header,
// from the host's status (core/guard).
import { useSync } from '../context';

// One empty list: a selector that made a new [] on every call would re-render for ever.
const NONE: readonly string[] = [];

export function SecurityBanner() {
  const notices = useSync((s) => s.status?.securityNotices ?? NONE);
  if (notices.length === 0) return null;
  return (
    <div className="security-banner" role="status">
      {notices.map((n) => (
        <div key={n} className="note note-warn">
          {n}
        </div>
      ))}
    </div>
  );
}
