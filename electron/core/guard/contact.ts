// A successful sync is a contact with IT Glue: it restarts the offline clock, remembers which
// key worked, and unlocks a store that was locked for a revoked key or an expired copy. The
// contact is timed on the trusted clock (clock.ts), the scale every expiry check reads, so a
// system clock that was wrong or moved back earlier cannot make the new deadline fall in the
// past or the far future; IT Glue's own Date header is kept beside it for status.
import type { ItGlueClient } from '../itglue/client';
import { readGuardState, updateGuardState } from '../store/guard-state';
import type { Store } from '../store/open';
import type { TrustedClock } from './access';

export function recordContact(store: Store, client: ItGlueClient, clock: TrustedClock): void {
  const local = clock.read(readGuardState(store).highWater).at.toISOString();
  const server = (client.lastServerDate() ?? new Date(local)).toISOString();
  updateGuardState(store, (s) => ({
    ...s,
    lastContact: { serverAt: server, localAt: local, opens: s.opens },
    highWater: s.highWater && s.highWater > local ? s.highWater : local,
    keyFingerprint: client.keyFingerprint,
    locked: null,
  }));
}
