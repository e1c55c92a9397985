// "Expires in the next 30 days", "this month", "next week" → how many days ahead to look.
// Rolling phrases count days ("next 2 weeks" = 14, a month = 30, a year = 365). Calendar
// phrases run to the end of that period in local time, counted from `now`'s date: on Monday
// 23 November, "this month" is 7 (to 30 November), "this week" 6 (to Sunday), "next week" 13,
// "next month" 38. "today" is 0, "tomorrow" 1; "soon"/"upcoming" mean the default 30.
// Past phrases ("last 30 days") are not windows ahead and give nothing there; pastDays reads
// them for what has already expired ("expired in the last 30 days", "lapsed last month").

const MAX_DAYS = 3650;
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30, quarter: 91, year: 365 };
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, 'forty-five': 45, 'forty five': 45,
  sixty: 60, ninety: 90, 'couple of': 2, couple: 2, few: 3, 'a few': 3,
};

const NUMBER = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
const UNIT = '(day|week|fortnight|month|quarter|year)s?';
const ROLLING = [
  new RegExp(`\\b(?:in|within|over|during|for) the (?:next|coming|following) ${NUMBER} ${UNIT}\\b`),
  new RegExp(`\\b(?:next|coming|following) ${NUMBER} ${UNIT}\\b`),
  new RegExp(`\\b(?:in|within) (?:the )?${NUMBER} ${UNIT}\\b`),
  new RegExp(`\\b${NUMBER} ${UNIT} (?:from now|ahead|out)\\b`),
];

/** Days in a matched "N units" (the number in group 1, the unit in group 2). */
function span(m: RegExpExecArray): number {
  const n = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : (NUMBER_WORDS[m[1] ?? ''] ?? 1);
  return Math.min(MAX_DAYS, n * (UNIT_DAYS[m[2] ?? 'day'] ?? 1));
}

function daysInMonth(year: number, month: number): number {
  return new Date(year, month + 1, 0).getDate();
}

function calendarDays(phrase: string, now: Date): number | null {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const dow = (now.getDay() + 6) % 7; // Monday 0 … Sunday 6
  const toEndOfMonth = daysInMonth(y, m) - d;
  switch (phrase) {
    case 'today':
      return 0;
    case 'tomorrow':
      return 1;
    case 'this week':
      return 6 - dow;
    case 'next week':
      return 13 - dow;
    case 'this month':
      return toEndOfMonth;
    case 'next month':
      return toEndOfMonth + daysInMonth(y, m + 1);
    case 'this quarter':
    case 'next quarter': {
      const quarterEnd = new Date(y, Math.floor(m / 3) * 3 + (phrase === 'this quarter' ? 3 : 6), 0);
      return Math.round((quarterEnd.getTime() - new Date(y, m, d).getTime()) / 86_400_000);
    }
    case 'this year':
    case 'next year': {
      const yearEnd = new Date(phrase === 'this year' ? y : y + 1, 11, 31);
      return Math.round((yearEnd.getTime() - new Date(y, m, d).getTime()) / 86_400_000);
    }
    default:
      return null;
  }
}

/** Days ahead a question asks about, or undefined when it names no window. `lower` is lowercase. */
export function withinDays(lower: string, now: Date): number | undefined {
  for (const re of ROLLING) {
    const m = re.exec(lower);
    if (!m) continue;
    return span(m);
  }
  const single = /\b(?:within|in|over|for) (?:a|one|the next|the coming) (day|week|fortnight|month|quarter|year)\b/.exec(lower);
  if (single) return UNIT_DAYS[single[1] ?? 'day'];
  const calendar = /\b(today|tomorrow|this week|next week|this month|next month|this quarter|next quarter|this year|next year)\b/.exec(lower);
  if (calendar?.[1] && !Number.isNaN(now.getTime())) {
    const days = calendarDays(calendar[1], now);
    if (days !== null) return Math.max(0, Math.min(MAX_DAYS, days));
  }
  if (/\b(?:soon|upcoming|coming up|about to expire|due to expire)\b/.test(lower)) return 30;
  return undefined;
}

const PAST = [
  new RegExp(`\\b(?:last|past|previous) ${NUMBER} ${UNIT}\\b`),
  new RegExp(`\\b${NUMBER} ${UNIT} ago\\b`),
];

/** Days back a question asks about ("in the last 30 days", "past week"), or undefined. `lower` is lowercase. */
export function pastDays(lower: string): number | undefined {
  for (const re of PAST) {
    const m = re.exec(lower);
    if (!m) continue;
    return span(m);
  }
  const single = /\b(?:last|past|previous) (day|week|fortnight|month|quarter|year)\b/.exec(lower);
  if (single) return UNIT_DAYS[single[1] ?? 'day'];
  if (/\byesterday\b/.test(lower)) return 1;
  return undefined;
}
