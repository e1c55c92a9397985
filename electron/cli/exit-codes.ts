import { EXIT_CANCELLED } from '../core/lifecycle/stop-signals';

// `glue`'s exit codes, as docs/reliability.md lists them; scripts depend on them, so they are
// named once here.
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** The sync finished, but some listings failed after their retries; their old data is kept. */
export const EXIT_PARTIAL = 3;
export { EXIT_CANCELLED };
