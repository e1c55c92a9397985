const KEY = 'glue.webHostToken';

/**
 * Reads the token from the URL fragment once, keeps it for this tab only (sessionStorage, so
 * a reload works) and removes it from the address bar and history.
 */
export function takeToken(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
): string | null {
  const m = /(?:^#|&)token=([\w-]+)/.exec(location.hash);
  if (m?.[1]) {
    storage.setItem(KEY, m[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return m[1];
  }
  return storage.getItem(KEY);
}
