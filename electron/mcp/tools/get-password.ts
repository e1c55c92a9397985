import { z } from 'zod';
import { defineTool, ToolError } from '../tool';
import { untrusted } from '../untrusted';
import { ensureDetailsFor, idField, idNumber, openStore, orgIndex, str } from './common';
import { passwordMetaShape, toPasswordMeta } from './list-passwords';

export const WITHHELD =
  "value withheld: enable 'Allow password values over MCP' in Glue Desk settings or `glue settings set mcpAllowPasswordValues true`";

export const getPasswordTool = defineTool({
  name: 'get_password',
  title: 'Password entry',
  description:
    'One password entry: its metadata and notes. The value is withheld unless the user enabled password values over MCP in Glue Desk settings; then the user is asked to allow this one value (when the client can ask) and it is returned only if they do. Every decision is written to the audit log.',
  input: { id: idField('password') },
  output: {
    password: passwordMetaShape,
    url: z.string().nullable().describe('Link to the entry in IT Glue.'),
    notes: z.string().describe('Notes, as untrusted data (empty when none).'),
    value: z.string().nullable().describe('The password value, only when the user allowed values over MCP; null otherwise.'),
    valueStatus: z
      .enum(['withheld', 'revealed', 'declined', 'not_synced'])
      .describe('withheld: the setting is off; revealed: value included and audited; declined: the user did not allow it this time; not_synced: IT Glue did not give the value.'),
    message: z.string().describe('What to tell the user about the value.'),
  },
  annotations: { readOnlyHint: true, idempotentHint: false },
  handler: async ({ id }, { deps, confirm }) => {
    const store = await openStore(deps);
    const pid = idNumber(id);
    let meta = store.reader.passwordMeta(pid);
    if (!meta) throw new ToolError('NOT_FOUND', `No password entry with id ${String(id)} in the local copy. Use list_passwords to find its id.`);
    const index = orgIndex(store);
    const record = store.reader.getRecord('passwords', String(pid));
    const base = {
      password: toPasswordMeta(meta, index),
      url: record?.url ?? null,
      notes: untrusted(record ? str(record.attrs, 'notes') : null, `passwords/${pid} notes`),
    };
    const header = `${meta.name} (password ${pid})${meta.username ? `, user ${meta.username}` : ''}${base.url ? `\nIT Glue: ${base.url}` : ''}`;
    const settings = await deps.settings();
    const { recordRefusal, revealSecret } = await import('../../core/store/vault');
    const refuse = (outcome: 'withheld' | 'declined' | 'cancelled') => {
      // Every decision about a value is audited (door mcp, record, org, outcome), not only reveals.
      const audited = recordRefusal(store.store, pid, 'mcp', outcome);
      if (!audited.ok) throw new ToolError(audited.error.code, audited.error.message);
    };
    if (!settings.allowPasswordValues) {
      if (meta.hasValue) refuse('withheld');
      return { data: { ...base, value: null, valueStatus: 'withheld' as const, message: WITHHELD }, text: `${header}\nPassword ${WITHHELD}.` };
    }
    // A value the sync has not fetched yet is fetched now (one request), before the user is asked.
    const note = meta.hasValue ? null : await ensureDetailsFor(store, 'passwords', String(pid));
    meta = store.reader.passwordMeta(pid) ?? meta;
    if (!meta.hasValue) {
      const message = note ?? 'The value was not synced: the IT Glue API key needs the Password Access option; turn it on and sync again.';
      return { data: { ...base, value: null, valueStatus: 'not_synced' as const, message }, text: `${header}\n${message}` };
    }
    // Per request: the user allows this one value, when the client can ask (MCP elicitation);
    // a client that cannot ask gets it as the setting says, as before.
    const decision = await confirm(`Claude asks for the password "${meta.name}" at ${meta.orgName ?? 'no organization'}: allow once?`);
    if (decision === 'decline' || decision === 'cancel') {
      refuse(decision === 'decline' ? 'declined' : 'cancelled');
      const message = `The user did not allow this value (${decision === 'decline' ? 'declined' : 'no answer'}); do not ask again unless they say so.`;
      return { data: { ...base, value: null, valueStatus: 'declined' as const, message }, text: `${header}\n${message}` };
    }
    const revealed = revealSecret(store.store, pid, 'mcp', 'mcp_value');
    if (!revealed.ok) throw new ToolError(revealed.error.code, revealed.error.message);
    const message =
      decision === 'accept'
        ? 'Value included because the user allowed it once; this reveal was written to the audit log.'
        : 'Value included because password values over MCP are allowed; this reveal was written to the audit log.';
    return { data: { ...base, value: revealed.value.value, valueStatus: 'revealed' as const, message }, text: `${header}\nPassword: ${revealed.value.value}\n(${message})` };
  },
});
