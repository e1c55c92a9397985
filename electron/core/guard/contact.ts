// A successful sync is a contact with IT Glue: it restarts the offline clock (with IT Glue's
// own Date header, so a wrong system clock at that moment does not stretch it), remembers which
// key worked, and unlocks a store that was locked for a revoked key or an expired copy.
import type { ItGlueClient } from '../itglue/client';
import { updateGuardState } from '../store/guard-state';
import type { Store } from '../store/open';

export function recordContact(store: Store, client: ItGlueClient, localNow: Date): void {
  const local = localNow.toISOString();
  const server = (client.lastServerDate() ?? localNow).toISOString();
  updateGuardState(store, (s) => {
    const high = [s.highWater, local].filter((x): x is string => x !== null).sort().at(-1) ?? local;
    return { ...s, lastContact: { serverAt: server, localAt: local, opens: s.opens }, highWater: high, keyFingerprint: client.keyFingerprint, locked: null };
  });
}
