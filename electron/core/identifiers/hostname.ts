// Hostnames and serial numbers as the store keys them. Which words of a question look like a
// hostname or a serial is question understanding (answers/parse/tokens.ts), not this.
import { isSpace } from './chars';

/** Hostname lookup key: lowercase, dashes, underscores and white space removed. */
// Hand-rolled (not replace()): the mappers call it for every configuration of a sync.
export function hostnameKey(input: string | null | undefined): string | null {
  if (!input) return null;
  const lower = input.trim().toLowerCase();
  let key = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 45 || c === 95 || isSpace(c)) {
      key += lower.slice(from, i);
      from = i + 1;
    }
  }
  key = from === 0 ? lower : key + lower.slice(from);
  return key || null;
}

/** The first label of a host name ("srv-dc01.corp.local" → "srv-dc01"), as lookups key it. */
export function firstLabel(input: string): string {
  const trimmed = input.trim();
  const dot = trimmed.indexOf('.');
  return dot < 0 ? trimmed : trimmed.slice(0, dot);
}

/** Serial numbers and asset tags compare trimmed and uppercased. */
export function normalizeSerial(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim().toUpperCase();
  return s || null;
}
