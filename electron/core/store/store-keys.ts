import type { Store } from './open';

// The keys are kept off the Store object so logging or serialising a Store can never print
// them; only code in this folder looks them up (writer, vault, contentHash: the secrets key;
// the background checkpointer's own connection: the database key).
function keySlot(): { remember(store: Store, key: Buffer): void; of(store: Store): Buffer } {
  const keys = new WeakMap<Store, Buffer>();
  return {
    remember: (store, key) => {
      keys.set(store, Buffer.from(key));
    },
    of: (store) => {
      const key = keys.get(store);
      if (!key) throw new Error('store was not opened by openStore');
      return key;
    },
  };
}

const secretsKeys = keySlot();
const dbKeys = keySlot();

export const rememberSecretsKey = secretsKeys.remember;
export const secretsKeyOf = secretsKeys.of;
export const rememberDbKey = dbKeys.remember;
export const dbKeyOf = dbKeys.of;

// Whoever holds the password-value key outside the store (the profile's keychain entry)
// registers how to destroy it; destroyPasswordValues calls it.
const keyDestroyers = new WeakMap<Store, () => Promise<void>>();
export const onSecretsKeyDestroy = (store: Store, destroy: () => Promise<void>): void => void keyDestroyers.set(store, destroy);
export const secretsKeyDestroyerOf = (store: Store): (() => Promise<void>) | undefined => keyDestroyers.get(store);
