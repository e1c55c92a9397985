// The read model: every door (app, MCP, CLI) and, in time, the answer handlers read the store
// through these functions, so they agree on shapes by construction. One file per role; the
// StoreReader façade puts them together for one open store.
import type { Store } from '../open';
import { accountReads } from './account';
import { configurationReads } from './configurations';
import { documentReads } from './documents';
import { expirationReads } from './expirations';
import { identifierReads } from './identifiers';
import { organizationReads } from './organizations';
import { passwordReads } from './passwords';
import { recordReads } from './records';
import { relationReads } from './relations';
import { statusReads } from './status';
import { switcherReads } from './switcher';

export type { AttachmentMeta, ChecklistTask } from './account';
export type { ConfigurationDetail, InterfaceRow } from './configurations';
export type { DocumentSection } from './documents';
export { certificateExpiry, type Expiration, type ExpirationQuery, type ExpiringWhat } from './expirations';
export { IDENTIFIER_PAGE, identifierKind, type ConfigurationHit, type IdentifierKind, type LookupMatch } from './identifiers';
export type { OrganizationSummary } from './organizations';
export { attachedType, type PasswordMeta } from './passwords';
export type { RecordFilter } from './records';
export type { DependencyNode, Direction, RelatedItem } from './relations';
export { parseStoredAttrs, type RecordSummary, type RecordView } from './rows';
export type { AuditEntry, SyncRunView } from './status';
export type { StarterFacts, SwitcherEntry } from './switcher';

type Reads = ReturnType<typeof recordReads> &
  ReturnType<typeof passwordReads> &
  ReturnType<typeof relationReads> &
  ReturnType<typeof configurationReads> &
  ReturnType<typeof documentReads> &
  ReturnType<typeof organizationReads> &
  ReturnType<typeof expirationReads> &
  ReturnType<typeof identifierReads> &
  ReturnType<typeof statusReads> &
  ReturnType<typeof switcherReads> &
  ReturnType<typeof accountReads>;

export type StoreReader = Reads;

export function createReader(store: Store): StoreReader {
  const db = store.db;
  const passwords = passwordReads(db);
  const relations = relationReads(db);
  return {
    ...recordReads(db),
    ...passwords,
    ...relations,
    ...configurationReads(db, { passwordsOf: passwords.passwordsOf, related: relations.related }),
    ...documentReads(db),
    ...organizationReads(db),
    ...expirationReads(db),
    ...identifierReads(db),
    ...statusReads(db, store.file),
    ...switcherReads(db),
    ...accountReads(db),
  };
}
