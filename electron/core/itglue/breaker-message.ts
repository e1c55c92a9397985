import type { BreakerEvent } from './breaker';

/** HH:MM (HH:MM:SS for a pause under two minutes) in the user's local time. */
function clock(d: Date, now: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return d.getTime() - now < 120_000 ? `${hm}:${two(d.getSeconds())}` : hm;
}

/** The one line every door shows when the breaker opens or closes. */
export function breakerMessage(e: BreakerEvent, now: number = Date.now()): string {
  return e.state === 'open' ? `IT Glue is not answering; retrying at ${clock(e.until, now)}.` : 'IT Glue is answering again; the sync continues.';
}
