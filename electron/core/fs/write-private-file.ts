// A small private file (settings, the passphrase vault, the unlock secret) replaced whole: the
// new text goes to a uniquely named file beside it, owner-only from creation, and is renamed over
// it, so a crash or a reader in another process sees the old file or the new one, never half of
// either, and two writers never share a temporary file.
import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writePrivateFile(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
    // The mode above is filtered by the umask; owner read/write is what the file must have.
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
