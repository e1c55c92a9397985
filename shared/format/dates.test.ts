import { describe, expect, it } from 'vitest';
import { dateWithRelative, daysUntil, formatDate, relativeTime } from './dates';

const now = new Date(2027, 11, 22, 12, 0, 0);

describe('dates', () => {
  it('shows a calendar day as that day in any time zone, with the days to go', () => {
    expect(formatDate('2028-01-03', 'en-GB')).toBe('3 Jan 2028');
    expect(daysUntil('2028-01-03', now)).toBe(12);
    expect(relativeTime('2028-01-03', now, 'en')).toBe('in 12 days');
    expect(relativeTime('2027-12-21', now, 'en')).toBe('yesterday');
    expect(dateWithRelative('2028-01-03', now, 'en-GB')).toBe('3 Jan 2028 (in 12 days)');
  });
  it('says how long ago a timestamp was', () => {
    expect(relativeTime(new Date(now.getTime() - 5 * 60_000).toISOString(), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(new Date(now.getTime() - 10_000).toISOString(), now, 'en')).toBe('just now');
    expect(relativeTime(new Date(now.getTime() - 3 * 86_400_000).toISOString(), now, 'en')).toBe('3 days ago');
  });
  it('leaves a value that is not a date as it is', () => {
    expect(formatDate('soon')).toBe('soon');
    expect(relativeTime('soon', now)).toBe('');
  });
});
