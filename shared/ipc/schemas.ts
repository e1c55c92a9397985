// Input schemas shared by every host. Strict objects: an unknown key is a caller bug, and
// failing loudly beats silently ignoring it (IT Glue's own API does the latter and it hurts).
// No defaults or transforms, so a schema's input and output types are the same type.
import { z } from 'zod';
import { RECORD_TYPES } from '../domain';
import { numberSettingSchema } from '../settings';
import { REGIONS } from './types';

export const none = z.object({}).strict();

export const recordType = z.enum(RECORD_TYPES);
export const orgId = z.number().int().positive();
export const recordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an IT Glue id');
const text = (max: number) => z.string().max(max);
const limit = (max: number) => z.number().int().min(1).max(max);

/** https anywhere; plain http only to loopback (the fake server, a local proxy). */
export const baseUrl = z
  .string()
  .max(300)
  .url()
  .refine((u) => {
    const url = new URL(u);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'must be an https URL (plain http only for 127.0.0.1)');

export const settingsPatch = z
  .object({
    syncIntervalMinutes: numberSettingSchema('syncIntervalMinutes').optional(),
    clipboardClearSeconds: numberSettingSchema('clipboardClearSeconds').optional(),
    revealSeconds: numberSettingSchema('revealSeconds').optional(),
    apiRequestsPer5Min: numberSettingSchema('apiRequestsPer5Min').optional(),
    mcpAllowPasswordValues: z.boolean().optional(),
    offlineExpiryDays: numberSettingSchema('offlineExpiryDays').optional(),
    idleLockMinutes: numberSettingSchema('idleLockMinutes').optional(),
  })
  .strict();

export const connectInput = z
  .object({
    region: z.enum(REGIONS),
    baseUrl: baseUrl.optional(),
    apiKey: z.string().trim().min(8, 'paste the whole API key').max(200),
  })
  .strict()
  .refine((v) => v.region !== 'custom' || v.baseUrl !== undefined, {
    message: 'a custom region needs a base URL',
    path: ['baseUrl'],
  });

export const schemas = {
  none,
  syncStart: z.object({ full: z.boolean() }).strict(),
  ask: z.object({ question: text(2000).min(1), orgId: orgId.optional() }).strict(),
  search: z
    .object({ query: text(500).min(1), orgId: orgId.optional(), type: recordType.optional(), limit: limit(200).optional(), prefix: z.boolean().optional() })
    .strict(),
  suggestOrgs: z.object({ prefix: text(200), limit: limit(50).optional() }).strict(),
  orgList: z.object({ query: text(200).optional() }).strict(),
  quick: z.object({ query: text(200), limit: limit(50).optional() }).strict(),
  records: z
    .object({
      orgId,
      type: recordType,
      query: text(200).optional(),
      cursor: text(200).optional(),
      limit: limit(500).optional(),
    })
    .strict(),
  detail: z.object({ type: recordType, id: recordId }).strict(),
  pin: z.object({ orgId, pinned: z.boolean() }).strict(),
  vaultList: z.object({ orgId, query: text(200).optional() }).strict(),
  reveal: z.object({ id: recordId }).strict(),
  copy: z.object({ id: recordId, field: z.enum(['username', 'password']) }).strict(),
  audit: z.object({ limit: limit(1000) }).strict(),
  settingsPatch,
  connect: connectInput,
  connectClaude: z.object({ dryRun: z.boolean() }).strict(),
  wipe: z.object({ confirm: z.literal('WIPE') }).strict(),
  lockNow: z.object({ reason: z.enum(['manual', 'screen', 'suspend']).optional() }).strict(),
  unlock: z.object({ passphrase: z.string().max(1024).optional(), os: z.boolean().optional() }).strict(),
  setUnlockPassphrase: z.object({ current: z.string().max(1024).optional(), next: z.string().max(1024) }).strict(),
};
