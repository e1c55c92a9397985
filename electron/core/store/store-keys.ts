import type { Store } from './open';

// The secrets key is kept off the Store object so logging or serialising a Store can never
// print it; only writer, vault and contentHash in this folder look it up.
const keys = new WeakMap<Store, Buffer>();

export function rememberSecretsKey(store: Store, key: Buffer): void {
  keys.set(store, Buffer.from(key));
}

export function secretsKeyOf(store: Store): Buffer {
  const key = keys.get(store);
  if (!key) throw new Error('store was not opened by openStore');
  return key;
}
