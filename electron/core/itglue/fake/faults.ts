import { Rng } from './prng';

export const FAULT_KINDS = ['429', '500', '502', '503', '504', 'reset', 'slow', 'badjson', 'html'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  p: number;
  /** Only for `slow`: how long to stall before answering normally. */
  ms?: number;
}

/** The mix the client's resilience tests and benches run against. */
export const DEFAULT_FAULTS = '429:0.05,500:0.02,504:0.01,reset:0.01,slow:0.05:2000,badjson:0.01,html:0.01';

/** `kind:p[:ms]` comma list → rules; throws with a message naming the bad part. */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  let total = 0;
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [kind, p, ms, ...rest] = part.split(':');
    if (!(FAULT_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new Error(`fault "${part}": kind must be one of ${FAULT_KINDS.join(', ')}`);
    }
    const prob = Number(p);
    if (p === undefined || p === '' || !Number.isFinite(prob) || prob < 0 || prob > 1) {
      throw new Error(`fault "${part}": probability must be a number from 0 to 1`);
    }
    const rule: FaultRule = { kind: kind as FaultKind, p: prob };
    if (kind === 'slow') {
      const delay = Number(ms);
      if (ms === undefined || !Number.isInteger(delay) || delay < 0 || delay > 600_000) {
        throw new Error(`fault "${part}": slow needs a delay in ms, like slow:0.05:2000`);
      }
      rule.ms = delay;
    } else if (ms !== undefined) {
      throw new Error(`fault "${part}": only slow takes a third value`);
    }
    if (rest.length > 0) throw new Error(`fault "${part}": too many ':' parts`);
    total += prob;
    rules.push(rule);
  }
  if (total > 1 + 1e-9) throw new Error(`fault probabilities add up to ${total}; at most one fault fires per request, so keep the sum at or below 1`);
  return rules;
}

export interface FaultDraw {
  kind: FaultKind;
  ms: number;
  /** For `html`: answer with 200 (a proxy page that looks like success) or 502. */
  status: number;
}

/**
 * One draw per request, in arrival order, from a seeded generator: the same seed and the same
 * request order give the same faults. At most one fault per request.
 */
export class FaultInjector {
  private readonly rng: Rng;

  constructor(private readonly rules: FaultRule[], seed: number) {
    this.rng = new Rng((seed ^ 0x5eed_fa17) >>> 0);
  }

  get active(): boolean {
    return this.rules.some((r) => r.p > 0);
  }

  draw(): FaultDraw | null {
    if (this.rules.length === 0) return null;
    const u = this.rng.next();
    const second = this.rng.next();
    let acc = 0;
    for (const rule of this.rules) {
      acc += rule.p;
      if (u < acc) return { kind: rule.kind, ms: rule.ms ?? 0, status: second < 0.5 ? 200 : 502 };
    }
    return null;
  }
}
