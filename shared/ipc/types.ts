// Shapes that cross the IPC / web-host boundary. Plain types only: the inputs are described by
// zod schemas in schemas.ts; these are the values the hosts send back.
import type { Door, OrgRef, RecordType, SyncProgress } from '../domain';
import type { ModelState } from '../model';
import type { Region } from '../regions';
import type { ProfileSettings } from '../settings';
import type { ResultError } from '../result';

export type Counts = Partial<Record<RecordType, number>>;

export type { ModelState } from '../model';

export interface ModelStatus {
  state: ModelState;
  name: string;
  /** 0..1 while downloading, else null. */
  progress: number | null;
  message: string;
}

export interface SyncStatus {
  configured: boolean;
  /** RFC 3339, null before the first finished sync. */
  lastSyncAt: string | null;
  running: boolean;
  progress: SyncProgress | null;
  counts: Counts;
  /** Resource types the tenant could not give us (e.g. documents not enabled), with why. */
  skipped: { type: string; reason: string }[];
  storeBytes: number;
  model: { state: ModelState; name: string };
  warnings: string[];
  /** The offline expiry near or off, the clock moved back (core/guard): the header shows them. */
  securityNotices?: string[];
}

export interface SyncStarted {
  runId: string;
}

export interface SyncFinished {
  runId: string;
  outcome: 'completed' | 'cancelled' | 'failed';
  error: ResultError | null;
  counts: Counts;
  /** What the run changed, per type; types it did not change are left out (empty: nothing changed). */
  changes?: Partial<Record<RecordType, { added: number; changed: number; removed: number }>>;
  requestsUsed: number;
  finishedAt: string;
}

export interface OrgSummary {
  id: number;
  name: string;
  shortName: string | null;
  typeName: string | null;
  counts: Counts;
  /** Pinned: its details are fetched first while a sync runs, until unpinned (absent: not pinned). */
  pinned?: boolean;
}

export interface RecordSummary {
  type: RecordType;
  id: string;
  name: string;
  org: OrgRef | null;
  /** One short line under the name: hostname/IP, username, title… */
  subtitle: string | null;
  archived: boolean;
}

/** One row of the quick switcher (Ctrl/⌘K): an organization, a record or a password entry. */
export interface QuickItem {
  type: RecordType;
  id: string;
  name: string;
  org: OrgRef | null;
  /** The line under the name: the identifier that matched (IP, hostname, serial, username) or the main one. */
  detail: string | null;
  /**
   * What the copy modifier copies. A password's value is never here: it is copied through
   * vault.copy, which audits it and clears the clipboard.
   */
  copy: { what: 'IP' | 'hostname' | 'username' | 'password' | 'name'; value: string | null } | null;
  archived: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type FieldKind = 'text' | 'ip' | 'mac' | 'url' | 'date' | 'multiline';

export interface RecordField {
  label: string;
  value: string;
  kind: FieldKind;
}

export interface InterfaceInfo {
  name: string;
  ip: string | null;
  mac: string | null;
  primary: boolean;
  notes: string | null;
}

export type SectionKind = 'text' | 'heading' | 'gallery' | 'step';

export interface DocumentSection {
  id: string;
  kind: SectionKind;
  /** Plain text; always safe to show. */
  content: string;
  /** IT Glue's rendered HTML, already reduced by core to the allow-list in shared/html-policy.ts. */
  html: string | null;
}

export interface PasswordMeta {
  id: string;
  name: string;
  username: string | null;
  url: string | null;
  category: string | null;
  org: OrgRef | null;
  /** The record the password is attached to, when IT Glue says so. */
  resource: { type: RecordType; id: string; name: string } | null;
  updatedAt: string | null;
  restricted: boolean;
  /** False when the key lacks Password Access and no value was stored. */
  hasValue: boolean;
}

export interface RecordDetail {
  type: RecordType;
  id: string;
  name: string;
  org: OrgRef | null;
  url: string;
  archived: boolean;
  fields: RecordField[];
  interfaces?: InterfaceInfo[];
  related: { up: RecordSummary[]; down: RecordSummary[] };
  sections?: DocumentSection[];
  /** Passwords attached to the record; for a password record, its own metadata (never the value). */
  passwords?: PasswordMeta[];
  /**
   * Present when the record's details (related items, attachments, sections, value) are still
   * pending and could not be fetched on opening it: why, in the user's words.
   */
  detailsNote?: string;
}

export interface RevealResult {
  value: string;
  hideAfterSeconds: number;
}

/**
 * The clipboard lives in the host. Electron main writes the system clipboard itself and the
 * value never reaches the renderer (`copied: true`). A host without a system clipboard (the
 * web host) hands the value to the renderer (`copied: false`), which writes it with
 * navigator.clipboard and clears it after `clearAfterSeconds` if it still holds our value.
 */
export type CopyResult =
  | { copied: true; clearAfterSeconds: number }
  | { copied: false; value: string; clearAfterSeconds: number };

export interface AuditEntry {
  id: number;
  at: string;
  door: Door;
  action: 'reveal' | 'copy';
  passwordId: string;
  passwordName: string;
  /** The entry's organization, so six "Domain Admin" rows say whose they were. */
  org: OrgRef | null;
  field: 'username' | 'password' | null;
  /** For an MCP request that was not granted: declined or cancelled by the user, or withheld by the setting. */
  outcome?: 'revealed' | 'declined' | 'cancelled' | 'withheld';
}

/** The settings the app's settings screen edits (the profile file holds more; shared/settings.ts). */
export type Settings = Pick<ProfileSettings, 'syncIntervalMinutes' | 'clipboardClearSeconds' | 'revealSeconds' | 'apiRequestsPer5Min' | 'mcpAllowPasswordValues' | 'offlineExpiryDays' | 'idleLockMinutes'>;

export { REGIONS, REGION_BASE_URLS, REGION_LABELS, type Region } from '../regions';

export interface Account {
  /** The profile this window shows (the header names it); core always sends it. */
  profile?: string;
  /** Read from Claude Desktop's config at each call: does it run Glue Desk for this profile? */
  claude?: { connected: boolean; path: string };
  configured: boolean;
  region: Region | null;
  baseUrl: string | null;
  passwordAccess: boolean | null;
}

export interface ConnectResult {
  organizations: number;
  passwordAccess: boolean;
}

export interface ClaudeConfigResult {
  path: string;
  backupPath: string | null;
  /** Unified diff of the Claude Desktop config, with no secrets in it. */
  diff: string;
  written: boolean;
}

/** Why the app is locked: it started, sat idle, the user asked, the screen locked, the machine slept. */
export type LockReason = 'startup' | 'idle' | 'manual' | 'screen' | 'suspend';

export interface LockStatus {
  locked: boolean;
  reason: LockReason | null;
  /** False while neither an unlock passphrase nor an OS unlock is set up: the lock is off. */
  enabled: boolean;
  passphraseSet: boolean;
  /** The host offers an OS unlock (Touch ID). */
  osUnlock: boolean;
  idleMinutes: number;
  /** Wrong passphrases since the last unlock. */
  failures: number;
  /** Seconds before the next attempt is checked (rate limit), 0 when it may be tried now. */
  retryAfterSeconds: number;
}
