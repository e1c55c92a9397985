// The one entry the Electron app (and the web host) take their API from. The implementation
// is the lead's: it must export `createGlueApi: CreateGlueApi` from this module.
import type { GlueApi } from '../../../shared/ipc';

export type CreateGlueApi = (opts: { profileDir: string; door: 'app' }) => Promise<GlueApi>;
