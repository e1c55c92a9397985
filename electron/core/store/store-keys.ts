import type { Store } from './open';

// The keys are kept off the Store object so logging or serialising a Store can never print
// them; only code in this folder looks them up (writer, vault, contentHash: the secrets key;
// the background checkpointer's own connection: the database key).
const keys = new WeakMap<Store, Buffer>();
const dbKeys = new WeakMap<Store, Buffer>();

export function rememberDbKey(store: Store, key: Buffer): void {
  dbKeys.set(store, Buffer.from(key));
}

export function dbKeyOf(store: Store): Buffer {
  const key = dbKeys.get(store);
  if (!key) throw new Error('store was not opened by openStore');
  return key;
}

export function rememberSecretsKey(store: Store, key: Buffer): void {
  keys.set(store, Buffer.from(key));
}

export function secretsKeyOf(store: Store): Buffer {
  const key = keys.get(store);
  if (!key) throw new Error('store was not opened by openStore');
  return key;
}
