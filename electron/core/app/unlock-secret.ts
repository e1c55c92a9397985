// The local unlock passphrase (issue #19): only its scrypt hash is kept, in the profile folder
// (0600), with the count of failed attempts so restarting the app does not reset the wait.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonWith } from '../../../shared/parse-json';
import { writePrivateFile } from '../fs/write-private-file';

export const UNLOCK_FILE = 'unlock.json';

/** scrypt N = 2^15, r = 8, p = 1: ~100 ms per try here, 32 MiB of memory per guess. */
const PARAMS = { N: 32_768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LEN = 32;

const fileSchema = z.object({
  v: z.literal(1),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  failures: z.number().int().nonnegative(),
  /** Epoch ms before which no attempt is checked. */
  waitUntil: z.number().nonnegative(),
});
type UnlockFile = z.infer<typeof fileSchema>;

const scrypt = (secret: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCb(secret.normalize('NFC'), salt, KEY_LEN, opts, (e, key) => (e ? reject(e) : resolve(key))));

export interface UnlockSecret {
  isSet(): boolean;
  /** Failed attempts since the last success, and until when the next one must wait (epoch ms). */
  attempts(): { failures: number; waitUntil: number };
  set(passphrase: string): Promise<void>;
  /** True when it matches; a failure is counted and the wait grows (see waitAfter). */
  check(passphrase: string, now: number): Promise<'ok' | 'wrong' | 'wait'>;
}

/** No wait for the first 4 failures, then 30 s doubling up to 15 minutes. */
export function waitAfter(failures: number): number {
  if (failures < 5) return 0;
  return Math.min(15 * 60_000, 30_000 * 2 ** (failures - 5));
}

export function createUnlockSecret(profileDir: string): UnlockSecret {
  const file = join(profileDir, UNLOCK_FILE);
  const read = (): UnlockFile | null => (existsSync(file) ? parseJsonWith(fileSchema, readFileSync(file, 'utf8')) : null);
  const write = (data: UnlockFile): void => writePrivateFile(file, JSON.stringify(data));
  return {
    isSet: () => read() !== null,
    attempts: () => {
      const f = read();
      return { failures: f?.failures ?? 0, waitUntil: f?.waitUntil ?? 0 };
    },
    async set(passphrase) {
      const salt = randomBytes(16);
      const hash = await scrypt(passphrase, salt, PARAMS);
      write({ v: 1, salt: salt.toString('hex'), hash: hash.toString('hex'), N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, failures: 0, waitUntil: 0 });
    },
    async check(passphrase, now) {
      const f = read();
      if (!f) return 'wrong';
      if (now < f.waitUntil) return 'wait';
      const got = await scrypt(passphrase, Buffer.from(f.salt, 'hex'), { N: f.N, r: f.r, p: f.p, maxmem: PARAMS.maxmem });
      if (timingSafeEqual(got, Buffer.from(f.hash, 'hex'))) {
        write({ ...f, failures: 0, waitUntil: 0 });
        return 'ok';
      }
      const failures = f.failures + 1;
      write({ ...f, failures, waitUntil: now + waitAfter(failures) });
      return 'wrong';
    },
  };
}
