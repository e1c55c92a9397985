// The sync engine's public surface for every door (CLI now; the app and MCP later).
export { ensureDetails, pendingUnit, ON_DEMAND_CLIENT, ON_DEMAND_TIMEOUT_MS, type OnDemandResult, type OnDemandReason } from './on-demand';
export { runSync, META_ACTIVE_RUN, META_LAST_OK, META_NOTICES, META_PROBE } from './run-sync';
export { openProfile, openProfileKeychain, NO_CREDENTIALS, type OpenedProfile, type ProfileInput, type ProfileKeychain } from './service';
export { acquireSyncLock, LOCK_FILE, type SyncLock } from './lock';
export type { RunSyncOptions, SyncSummary, SyncKind, SyncStatus, TypeCounts } from './types';
