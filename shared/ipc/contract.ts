// THE contract between the UI and the hosts (docs/architecture.md, "The doors"). Everything else — the
// API interfaces, channel names, the preload bridge, Electron handler registration, the
// web-host server and client — is derived from IPC_SCHEMAS and IPC_EVENTS below.
import type { z } from 'zod';
import type { Answer, OrgRef, SyncProgress, Source } from '../domain';
import type { Result } from '../result';
import { schemas as s } from './schemas';
import { event, method, type EventSpec, type MethodSpec, type Unsubscribe } from './spec';
import type {
  Account,
  AuditEntry,
  ClaudeConfigResult,
  ConnectResult,
  CopyResult,
  LockStatus,
  ModelStatus,
  OrgSummary,
  Page,
  PasswordMeta,
  QuickItem,
  RecordDetail,
  RecordSummary,
  RevealResult,
  Settings,
  SyncFinished,
  SyncStarted,
  SyncStatus,
} from './types';

export const IPC_SCHEMAS = {
  sync: {
    status: method<SyncStatus>()(s.none),
    /** Starts a run in the background; progress and the end arrive as events. */
    start: method<SyncStarted>()(s.syncStart),
    cancel: method<{ cancelled: boolean }>()(s.none),
  },
  ask: {
    ask: method<Answer>()(s.ask),
    search: method<Source[]>()(s.search),
    suggestOrgs: method<OrgRef[]>()(s.suggestOrgs),
    /** Starter questions built from this store's own organizations and records. */
    starters: method<string[]>()(s.none),
  },
  org: {
    list: method<OrgSummary[]>()(s.orgList),
    records: method<Page<RecordSummary>>()(s.records),
    detail: method<RecordDetail>()(s.detail),
    /** The quick switcher: organizations, records and password entries matching the typed text, best first. */
    quick: method<QuickItem[]>()(s.quick),
    /** Pins (or unpins) an organization: a running or later sync fetches its details first, until unpinned. */
    pin: method<{ orgId: number; pinned: boolean }>()(s.pin),
  },
  vault: {
    /** Metadata only: never a password value. */
    list: method<PasswordMeta[]>()(s.vaultList),
    /** Audited with door=app. */
    reveal: method<RevealResult>()(s.reveal),
    /** Audited with door=app; see CopyResult for who writes the clipboard. */
    copy: method<CopyResult>()(s.copy),
    audit: method<AuditEntry[]>()(s.audit),
  },
  settings: {
    get: method<Settings>()(s.none),
    update: method<Settings>()(s.settingsPatch),
    account: method<Account>()(s.none),
    /** Tests the key against IT Glue first; stores it in the keychain only if it works. */
    connect: method<ConnectResult>()(s.connect),
    connectClaude: method<ClaudeConfigResult>()(s.connectClaude),
    model: method<ModelStatus>()(s.none),
    downloadModel: method<ModelStatus>()(s.none),
    wipe: method<{ wiped: true }>()(s.wipe),
  },
  /** The app lock (core/app/lock.ts): while locked, record, answer and password methods answer APP_LOCKED. */
  lock: {
    status: method<LockStatus>()(s.none),
    /** reason: 'manual' (default; menu, tray, shortcut, the UI) or what the OS reported. */
    lock: method<LockStatus>()(s.lockNow),
    unlock: method<LockStatus>()(s.unlock),
    setPassphrase: method<LockStatus>()(s.setUnlockPassphrase),
    /** The user did something: the idle timer starts over. */
    touch: method<LockStatus>()(s.none),
  },
} as const satisfies Record<string, Record<string, MethodSpec<z.ZodType, unknown>>>;

export const IPC_EVENTS = {
  sync: {
    onDidProgress: event<SyncProgress>(),
    onDidFinish: event<SyncFinished>(),
  },
  ask: {},
  org: {},
  vault: {},
  settings: {
    onDidChangeModel: event<ModelStatus>(),
  },
  lock: {
    onDidChange: event<LockStatus>(),
  },
} as const satisfies { [D in keyof typeof IPC_SCHEMAS]: Record<string, EventSpec<unknown>> };

type Schemas = typeof IPC_SCHEMAS;
type Events = typeof IPC_EVENTS;
export type Domain = keyof Schemas;
export type MethodName<D extends Domain> = keyof Schemas[D] & string;
export type EventName<D extends Domain> = keyof Events[D] & string;

export type InputOf<D extends Domain, M extends MethodName<D>> =
  Schemas[D][M] extends MethodSpec<infer I, unknown> ? z.infer<I> : never;
export type OutputOf<D extends Domain, M extends MethodName<D>> =
  Schemas[D][M] extends MethodSpec<z.ZodType, infer O> ? O : never;
export type PayloadOf<D extends Domain, E extends EventName<D>> =
  Events[D][E] extends EventSpec<infer P> ? P : never;

export type Listener<P> = (payload: P) => void;

export type MethodsOf<D extends Domain> = {
  [M in MethodName<D>]: (arg: InputOf<D, M>) => Promise<Result<OutputOf<D, M>>>;
};
export type EventsOf<D extends Domain> = {
  [E in EventName<D>]: (listener: Listener<PayloadOf<D, E>>) => Unsubscribe;
};
export type DomainApi<D extends Domain> = MethodsOf<D> & EventsOf<D>;

export type SyncApi = DomainApi<'sync'>;
export type AskApi = DomainApi<'ask'>;
export type OrgApi = DomainApi<'org'>;
export type VaultApi = DomainApi<'vault'>;
export type SettingsApi = DomainApi<'settings'>;
export type LockApi = DomainApi<'lock'>;

/** What core implements and every host serves. */
export interface GlueApi {
  sync: SyncApi;
  ask: AskApi;
  org: OrgApi;
  vault: VaultApi;
  settings: SettingsApi;
  lock: LockApi;
}

