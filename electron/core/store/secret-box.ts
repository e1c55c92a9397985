import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Password values are sealed with a key separate from the database key (AES-256-GCM, random
// 96-bit IV, the password id as AAD so a ciphertext moved to another row does not open).

export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

const aad = (passwordId: number): Buffer => Buffer.from(`glue-desk:password:${passwordId}`, 'utf8');

export function seal(key: Buffer, passwordId: number, plaintext: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(passwordId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** Throws when the key, id or bytes do not match (GCM authentication). */
export function open(key: Buffer, passwordId: number, sealed: Sealed): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(aad(passwordId));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
}
