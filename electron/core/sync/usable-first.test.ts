import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../shared/domain';
import { createReader } from '../store/reader';
import { detailsProgress, formatEta } from './details-progress';
import { detailRank } from './details-runner';
import { runSync } from './run-sync';
import { createRig, type SyncRig } from './test-helpers';

const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

describe('a first sync is usable before its details are in', () => {
  it('says "searchable" once the listings are stored, then fills details servers and network devices first, workstations last', async () => {
    const r = await createRig();
    rigs.push(r);
    const db = r.temp.store.db;
    const reader = createReader(r.temp.store);
    const someIp = r.fake.dataset.configurations?.data.map((c) => c.attributes['primary-ip']).find((ip): ip is string => typeof ip === 'string') ?? '';
    const cursor = db.prepare<[], { cursor: string | null }>("SELECT cursor FROM sync_state WHERE resource = 'details:configuration-related'");
    let atSearchable: { found: number; relations: number; details: number } | null = null;
    const ranks: number[] = [];
    const events: SyncProgress[] = [];
    const res = await runSync({
      store: r.temp.store,
      client: r.client,
      full: true,
      detailBatch: 4,
      onProgress: (p) => {
        events.push(p);
        if (p.message.startsWith('Searchable:')) {
          atSearchable = {
            found: reader.findByIp(someIp).length,
            relations: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM relations WHERE source = 'detail'").get()?.n ?? 0,
            details: events.filter((e) => e.phase === 'details' || e.phase === 'secrets').length - 1,
          };
        }
        if (p.phase === 'details' && p.resourceType === 'configurations') {
          const c = cursor.get()?.cursor;
          if (c) ranks.push((JSON.parse(c) as { rank: number }).rank);
        }
      },
    });
    expect(res.ok && res.value.status).toBe('ok');
    // Searchable before any detail arrived: every listed configuration is findable by IP.
    expect(atSearchable).toEqual({ found: expect.any(Number), relations: 0, details: 0 });
    expect(atSearchable!.found).toBeGreaterThan(0);
    // Details walk the technician-serving order: ranks never go back, and both ends are seen.
    expect(ranks.length).toBeGreaterThan(3);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
    expect(ranks[ranks.length - 1]).toBe(2);
    // Progress reads "searchable · details N %" with the ETA at the key's budget, ending at 100 %.
    const detailLines = events.filter((e) => (e.phase === 'details' || e.phase === 'secrets') && !e.message.startsWith('Searchable:')).map((e) => e.message);
    expect(detailLines[0]).toMatch(/^Searchable · details \d+ % \(about .+ left at your API budget, 100,000 requests \/ 5 min\)$/);
    expect(detailLines[detailLines.length - 1]).toBe('Searchable · details 100 %');
  });

  it('ranks configuration types and words the ETA at the budget', () => {
    expect(['Managed Server', 'Firewall', 'Switch', 'Wireless Access Point'].map(detailRank)).toEqual([0, 0, 0, 0]);
    expect(['Printer', null].map(detailRank)).toEqual([1, 1]);
    expect(['Workstation', 'Laptop', 'Mobile Phone'].map(detailRank)).toEqual([2, 2, 2]);
    const p = detailsProgress({ budget: 3000, windowMs: 300_000 });
    p.announce(31_000);
    expect(p.advance(3100)).toBe('Searchable · details 10 % (about 47 min left at your API budget, 3,000 requests / 5 min)');
    expect(formatEta(317_000 / 10)).toBe('8 h 48 min');
  });
});
