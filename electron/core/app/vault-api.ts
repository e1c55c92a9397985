// vault.*: metadata lists, and the only two ways to a value — reveal and copy — both through
// the store's revealSecret, which writes the audit row (door "app") before handing it out.
import type { AuditEntry, CopyResult, VaultApi } from '../../../shared/ipc';
import { err, ok, type Result } from '../../../shared/result';
import { loadSettings } from '../config/settings';
import { recordAudit, revealSecret, type Store } from '../store/index';
import type { OnDemandDetails } from './details-on-demand';
import type { AppContext } from './context';
import { toUiPassword } from './passwords';

const ACTIONS: Record<string, Pick<AuditEntry, 'action' | 'field'>> = {
  reveal: { action: 'reveal', field: null },
  mcp_value: { action: 'reveal', field: 'password' },
  copy_password: { action: 'copy', field: 'password' },
  copy_username: { action: 'copy', field: 'username' },
};

const idOf = (id: string): number | null => (/^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : null);
const badId = (): Result<never> => err('NOT_FOUND', 'No such password in the local copy; sync again if it was added recently.');

export function createVaultApi(ctx: AppContext, details: Pick<OnDemandDetails, 'ensure'>): VaultApi {
  // A value the sync has not fetched yet is fetched first (one request); if it cannot be, the
  // error says why instead of "not synced".
  const revealPending = async (store: Store, id: number, action: 'reveal' | 'copy_password'): Promise<Result<{ value: string }>> => {
    const note = await details.ensure(store, 'passwords', String(id));
    const r = revealSecret(store, id, ctx.options.door, action);
    return !r.ok && r.error.code === 'NOT_FOUND' && note !== null ? err('NOT_FOUND', note) : r;
  };

  // The door owns the clipboard: core hands it the value (electron/main/clipboard-host.ts).
  const toHost = (value: string, clearAfterSeconds: number): CopyResult => ({ copied: false, value, clearAfterSeconds });

  return {
    list: async ({ orgId, query }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      return ok(opened.value.reader.listPasswords(orgId, query).map(toUiPassword));
    },

    reveal: async ({ id }) => {
      const n = idOf(id);
      if (n === null) return badId();
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const r = await revealPending(opened.value.store, n, 'reveal');
      if (!r.ok) return r;
      return ok({ value: r.value.value, hideAfterSeconds: loadSettings(ctx.paths.profileDir).settings.revealSeconds });
    },

    copy: async ({ id, field }) => {
      const n = idOf(id);
      if (n === null) return badId();
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const seconds = loadSettings(ctx.paths.profileDir).settings.clipboardClearSeconds;
      if (field === 'password') {
        const r = await revealPending(opened.value.store, n, 'copy_password');
        return r.ok ? ok(toHost(r.value.value, seconds)) : r;
      }
      const meta = opened.value.reader.passwordMeta(n);
      if (!meta) return badId();
      if (!meta.username) return err('NOT_FOUND', `"${meta.name}" has no username in IT Glue.`);
      // A username is not a secret, but copying it from the vault is still worth a trace.
      recordAudit(opened.value.store, { door: ctx.options.door, action: 'copy_username', passwordId: n, orgId: meta.orgId, name: meta.name });
      return ok(toHost(meta.username, seconds));
    },

    audit: async ({ limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const reader = opened.value.reader;
      const names = new Map<number, string | null>();
      const orgOf = (id: number | null) => {
        if (id === null) return null;
        if (!names.has(id)) names.set(id, reader.orgName(id));
        const name = names.get(id);
        return name ? { id, name } : null;
      };
      return ok(
        reader.auditList(limit).map((a) => ({
          id: a.id,
          at: a.at,
          door: a.door,
          ...(ACTIONS[a.action] ?? { action: 'reveal' as const, field: null }),
          passwordId: String(a.passwordId),
          passwordName: a.name,
          org: orgOf(a.orgId),
          outcome: a.outcome === 'declined' || a.outcome === 'cancelled' || a.outcome === 'withheld' ? a.outcome : 'revealed',
        })),
      );
    },
  };
}
