// The quick switcher's ranking: every organization, browsable record and password entry,
// matched fuzzily (letters in order, word starts and runs count more) on its name and on the
// identifiers a technician types — hostname, primary IP, serial, username.
import type { QuickItem } from '../../../shared/ipc';
import { fuzzyScore } from '../../../shared/fuzzy';
import type { SwitcherEntry } from '../store/index';

type Key = 'name' | 'hostname' | 'ip' | 'serial' | 'username';
const KEYS: readonly Key[] = ['name', 'hostname', 'ip', 'serial', 'username'];
const LABEL: Record<Exclude<Key, 'name'>, string> = { hostname: 'Hostname', ip: 'IP', serial: 'Serial', username: 'Username' };
// Organizations lead a tie: "acme" is first of all the organization.
const TYPE_BONUS: Partial<Record<SwitcherEntry['type'], number>> = { organizations: 4, configurations: 1, passwords: 1 };

function mainDetail(e: SwitcherEntry): string | null {
  if (e.type === 'configurations') return [e.ip, e.hostname].filter(Boolean).join(' · ') || null;
  if (e.type === 'passwords') return e.username;
  return null;
}

function copyOf(e: SwitcherEntry): QuickItem['copy'] {
  if (e.type === 'configurations') {
    if (e.ip) return { what: 'IP', value: e.ip };
    if (e.hostname) return { what: 'hostname', value: e.hostname };
    return null;
  }
  if (e.type === 'passwords') return e.hasValue ? { what: 'password', value: null } : e.username ? { what: 'username', value: e.username } : null;
  return { what: 'name', value: e.name };
}

export function toQuickItem(e: SwitcherEntry, matched: Key = 'name'): QuickItem {
  const value = matched === 'name' ? null : e[matched];
  return {
    type: e.type,
    id: e.id,
    name: e.name,
    org: e.orgId !== null && e.orgName !== null && e.type !== 'organizations' ? { id: e.orgId, name: e.orgName } : null,
    detail: value ? `${LABEL[matched as Exclude<Key, 'name'>]} ${value}` : mainDetail(e),
    copy: copyOf(e),
    archived: e.archived,
  };
}

/** The best `limit` entries for `query`; an empty query gives none (the switcher shows recent items). */
export function rankSwitcher(entries: readonly SwitcherEntry[], query: string, limit = 20): QuickItem[] {
  const q = query.trim();
  if (q === '') return [];
  const lower = q.toLowerCase();
  const scored: { e: SwitcherEntry; score: number; key: Key }[] = [];
  for (const e of entries) {
    let best: { score: number; key: Key } | null = null;
    for (const key of KEYS) {
      const v = e[key];
      if (!v) continue;
      const s = fuzzyScore(q, v);
      if (s === null) continue;
      // An exact identifier or name ("10.10.0.1", "HFL-FW01") beats every partial one.
      const score = (v.toLowerCase() === lower ? s + 40 : s) - (key === 'name' ? 0 : 0.5);
      if (!best || score > best.score) best = { score, key };
    }
    if (best) scored.push({ e, score: best.score + (TYPE_BONUS[e.type] ?? 0) - (e.archived ? 3 : 0), key: best.key });
  }
  scored.sort((a, b) => b.score - a.score || a.e.name.localeCompare(b.e.name, 'en'));
  return scored.slice(0, Math.max(1, Math.min(limit, 50))).map((s) => toQuickItem(s.e, s.key));
}
