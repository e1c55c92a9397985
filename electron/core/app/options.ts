import type { Embedder } from '../search/embedder';
import type { TrustedClock } from '../guard/index';
import type { LockClock } from './lock';
import type { SchedulerClock } from './scheduler';

export interface GlueApiOptions {
  door: 'app';
  /** `<dataDir>/profiles/<name>`, or a data dir (Electron's userData) whose default profile is used. */
  profileDir?: string;
  /** --data-dir; GLUE_DATA_DIR, then the OS folder, when neither this nor profileDir is given. */
  dataDir?: string;
  profile?: string;
  /** Default process.env. */
  env?: Record<string, string | undefined>;
  /** Passphrase mode instead of the OS keychain (GLUE_PASSPHRASE in env counts too). */
  passphrase?: string;
  /** Keychain service name (tests use their own). */
  keychainService?: string;
  /**
   * Semantic half of search. Absent: made from the installed model (keyword-only while none is
   * installed or semantic search is off). null: keyword-only.
   */
  embedder?: Embedder | null;
  /** "Today" for expiry answers (tests pin it). */
  today?: Date;
  /** Other base URLs settings.connect asks when a key is rejected (default: the official regions). */
  connectAlternates?: string[];
  /** Claude Desktop: the config file and the command that starts `glue mcp`. */
  claude?: { configPath?: string; execPath?: string; script?: string; electron?: boolean };
  /** Packaged app: Electron's process.resourcesPath, where the model's tokenizer files ship. */
  resourcesPath?: string;
  /** Timers of the background sync (tests drive it by hand). */
  clock?: SchedulerClock;
  /** The offline-expiry clock (core/guard; tests move it). */
  guardClock?: TrustedClock;
  /** The app lock's clock and idle timer (tests drive it). */
  lockClock?: LockClock;
  /**
   * The host's OS unlock (the Electron door: Touch ID on macOS); resolves true when the user
   * proved presence. Absent: the unlock passphrase only.
   */
  osUnlock?: () => Promise<boolean>;
  /** How long opening a record waits for its pending details from IT Glue (default 4 s). */
  detailsTimeoutMs?: number;

}
