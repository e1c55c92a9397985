export { createTrustedClock, systemGuardClock, type GuardClock, type TrustedNow } from './clock';
export { guardStore, lockedError, type GuardOptions, type GuardOutcome, type GuardPurpose, type TrustedClock } from './access';
export { offlineVerdict, NEVER_WARNING, WARNING_DAYS, type OfflineVerdict, type OfflineState } from './offline';
export { REVOKED_MESSAGE, confirmRevoked } from './revocation';
export { recordContact } from './contact';

import { createTrustedClock, systemGuardClock } from './clock';

/** The process's own trusted clock: one anchor per process, so its monotonic time carries over every open. */
export const processClock = createTrustedClock(systemGuardClock);
