// The store's public surface: open, typed write/read handles, the vault and test helpers live
// in their own files; doors and other core modules import from here.
export { openStore, tryOpenStore, type OpenStoreOptions, type Store } from './open';
export { StoreError } from './errors';
export { createWriter, contentHashOf, type StoreWriter, type ApplyPageInput, type ApplyPageResult, type Checkpoint, type RunKind, type RunStatus } from './writer';
export * from './reader';
export { recordAudit, recordRefusal, revealSecret, type AuditOutcome, type SecretAction } from './vault';
export { truncateWal } from './wal';
export { withCheckpointer } from './checkpointer';
export { contentHash } from './content-hash';
export { searchAliases } from './normalize';
export { recordTypeFromName, type ItGlueResource, type RelationInput, type MappedRecord } from './mappers/index';
export { MIGRATIONS } from './migrations/index';
export { answerText, hitContext, type HitContext, type HitRef } from './read/hit-context';
export { domainsNamed, flexibleAssetTypeNames, organizationRowids, orgsOwningDomain, recordsOfTypeInOrg, rowidsOfKind, type KindFilter } from './read/kinds';
export { assetFieldSchema, assetFieldLabels, assetsOfTypes, assetTypeOf, type AssetField, type AssetRef } from './read/asset-fields';
export { fieldsOf, labelledFields, subtitleOf } from './read/fields';
export * from './read/org-facts';
export { perStoreVersion, storeVersionKey } from './read/store-version';
export { readOrgs } from './read/org-directory';
export { noteOrgInterest, pinnedOrgIds, priorityOrgIds, setOrgPinned, INTEREST_TTL_MS, type OrgInterest } from './priority-orgs';
export { detailsFetchedFor, fetchedDuringRun, noteDetailsFetched } from './on-demand-details';
