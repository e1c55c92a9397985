import { describe, expect, it } from 'vitest';
import { pastDays, withinDays } from './time';

// Monday 23 November 2026, local time
const NOW = new Date(2026, 10, 23, 12);

describe('withinDays', () => {
  it.each([
    ['expires in the next 30 days', 30],
    ['within 2 weeks', 14],
    ['next 3 months', 90],
    ['in a few weeks', 21],
    ['within a year', 365],
    ['in the coming fortnight', 14],
    ['over the next two weeks', 14],
    ['60 days from now', 60],
    ['today', 0],
    ['tomorrow', 1],
    ['this week', 6],
    ['next week', 13],
    ['this month', 7],
    ['next month', 38],
    ['this quarter', 38],
    ['next quarter', 128],
    ['this year', 38],
    ['coming up soon', 30],
    ['in the next 9999 days', 3650],
  ])('%s → %i', (phrase, days) => {
    expect(withinDays(phrase, NOW)).toBe(days);
  });

  it.each(['in the last 30 days', 'expired', 'at night', 'past 2 weeks', ''])('%s names no window ahead', (phrase) => {
    expect(withinDays(phrase, NOW)).toBeUndefined();
  });

  it('counts calendar windows from the given day', () => {
    expect(withinDays('this week', new Date(2026, 10, 29))).toBe(0);
    expect(withinDays('this month', new Date(2026, 1, 1))).toBe(27);
  });
});

describe('pastDays', () => {
  it.each([
    ['what expired in the last 30 days', 30],
    ['warranties that lapsed in the past two weeks', 14],
    ['expired over the previous 3 months', 90],
    ['what expired last month', 30],
    ['domains that expired yesterday', 1],
    ['expired 10 days ago', 10],
  ])('%s → %d days back', (text, days) => {
    expect(pastDays(text)).toBe(days);
  });

  it('reads no window back from a question without one, or with a window ahead', () => {
    for (const text of ['which devices are out of warranty', 'what expires in the next 30 days', 'the last backup job']) expect(pastDays(text)).toBeUndefined();
  });
});
