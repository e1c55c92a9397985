// The one entry the Electron app (and later the web host door) take their API from. The
// implementation is the lead's: this module must export `createGlueApi: CreateGlueApi`.
// What the doors expect of the GlueApi it returns (see shared/ipc/contract.ts):
// - each domain (sync, ask, org, vault, settings) is a plain object of closures, not a class
//   instance: hosts wrap and spread domains (electron/main/clipboard-host.ts);
// - methods never throw (dispatch turns a throw into INTERNAL) and return Result values;
//   arguments arrive already parsed by the contract's zod schemas;
// - vault.copy returns `{ copied: false, value, clearAfterSeconds }` (core has no clipboard);
//   the Electron door writes the system clipboard and answers `{ copied: true }` instead;
// - vault.reveal/copy write the audit entry with the door given here ('app');
// - events (sync.onDidProgress/onDidFinish, settings.onDidChangeModel) return unsubscribe.
import type { GlueApi } from '../../../shared/ipc';

export type CreateGlueApi = (opts: { profileDir: string; door: 'app' }) => Promise<GlueApi>;
