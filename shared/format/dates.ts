// One date format for every view and door: the user's locale, with a relative phrase
// ("in 12 days", "3 hours ago") where it helps. Timestamps are stored as UTC ISO strings;
// date-only values ("2028-01-03", IT Glue's expires-on) are calendar days and shown as such,
// never shifted by the time zone.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parse(value: string): { date: Date; dateOnly: boolean } | null {
  if (DATE_ONLY.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return { date: new Date(y, m - 1, d), dateOnly: true };
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : { date, dateOnly: false };
}

/** "3 Jan 2028" in the user's locale (the calendar day for date-only values). */
export function formatDate(value: string, locale?: string): string {
  const p = parse(value);
  if (!p) return value;
  return p.date.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "3 Jan 2028, 14:05" in the user's locale and time zone. */
export function formatDateTime(value: string, locale?: string): string {
  const p = parse(value);
  if (!p) return value;
  if (p.dateOnly) return formatDate(value, locale);
  return p.date.toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/**
 * "in 12 days", "today", "3 days ago" for calendar days; "just now", "5 minutes ago",
 * "in 2 hours" for timestamps within a day.
 */
export function relativeTime(value: string, now: Date = new Date(), locale?: string): string {
  const p = parse(value);
  if (!p) return '';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diffMs = p.date.getTime() - now.getTime();
  if (!p.dateOnly && Math.abs(diffMs) < DAY_MS) {
    const minutes = Math.round(diffMs / 60_000);
    if (Math.abs(minutes) < 1) return 'just now';
    if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
    return rtf.format(Math.round(diffMs / 3_600_000), 'hour');
  }
  const days = Math.round((startOfDay(p.date) - startOfDay(now)) / DAY_MS);
  if (Math.abs(days) < 60) return rtf.format(days, 'day');
  const months = Math.round(days / 30.44);
  if (Math.abs(months) < 24) return rtf.format(months, 'month');
  return rtf.format(Math.round(days / 365.25), 'year');
}

/** Whole days from today to a date (negative when past); null for a value that is not a date. */
export function daysUntil(value: string, now: Date = new Date()): number | null {
  const p = parse(value);
  return p ? Math.round((startOfDay(p.date) - startOfDay(now)) / DAY_MS) : null;
}

/** "3 Jan 2028 (in 12 days)": the one way a date that matters is shown. */
export function dateWithRelative(value: string, now: Date = new Date(), locale?: string): string {
  const rel = relativeTime(value, now, locale);
  return rel ? `${formatDateTime(value, locale)} (${rel})` : formatDateTime(value, locale);
}
