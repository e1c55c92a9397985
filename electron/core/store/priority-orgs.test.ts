import { describe, expect, it } from 'vitest';
import { tempStores } from './test-stores';
import { INTEREST_TTL_MS, noteOrgInterest, priorityOrgIds, setOrgPinned } from './priority-orgs';
import { storeVersionKey } from './read/store-version';

const tempStore = tempStores();
const at = (ms: number): Date => new Date(Date.parse('2026-01-23T10:00:00Z') + ms);

describe('priority orgs', () => {
  it('lists the orgs a technician works on, most recent first; pins stay, other notes expire', () => {
    const { store } = tempStore();
    const db = store.db;
    expect(noteOrgInterest(db, 5, 'opened', at(0))).toBe(true);
    expect(noteOrgInterest(db, 9, 'asked', at(1000))).toBe(true);
    expect(noteOrgInterest(db, 3, 'pinned', at(2000))).toBe(true);
    expect(priorityOrgIds(db, at(3000))).toEqual([3, 9, 5]);
    // A repeat within five minutes writes nothing; later it moves the org to the front.
    expect(noteOrgInterest(db, 5, 'opened', at(120_000))).toBe(false);
    expect(noteOrgInterest(db, 5, 'asked', at(360_000))).toBe(true);
    expect(priorityOrgIds(db, at(361_000))).toEqual([5, 3, 9]);
    // Past the time-to-live only the pin is left; unpinned it expires like the rest.
    expect(priorityOrgIds(db, at(INTEREST_TTL_MS + 400_000))).toEqual([3]);
    expect(setOrgPinned(db, 3, false)).toBe(true);
    expect(priorityOrgIds(db, at(INTEREST_TTL_MS + 400_000))).toEqual([]);
  });

  it('keeps the few most recent notes besides pins, and rejects an id that is not one', () => {
    const { store } = tempStore();
    for (let org = 1; org <= 12; org++) noteOrgInterest(store.db, org, 'opened', at(org * 1000));
    expect(priorityOrgIds(store.db, at(20_000))).toEqual([12, 11, 10, 9, 8, 7, 6, 5]);
    expect(() => noteOrgInterest(store.db, 0, 'opened')).toThrow(/positive integer/);
    expect(() => noteOrgInterest(store.db, 1.5, 'opened')).toThrow(/positive integer/);
  });

  it('a query-only connection (glue ask and search) notes nothing and does not fail the read', () => {
    const { store } = tempStore();
    store.db.pragma('query_only = ON');
    expect(noteOrgInterest(store.db, 3, 'asked')).toBe(false);
    expect(priorityOrgIds(store.db)).toEqual([]);
  });

  it("leaves the store's content version alone, so what was read once per version is not read again after every question", () => {
    const { store } = tempStore();
    const db = store.db;
    const before = storeVersionKey(db);
    expect(noteOrgInterest(db, 4, 'asked')).toBe(true);
    expect(setOrgPinned(db, 4, true)).toBe(true);
    expect(setOrgPinned(db, 4, false)).toBe(true);
    expect(storeVersionKey(db)).toBe(before);
    db.prepare("INSERT INTO records (type, itglue_id, name, body, attrs, content_hash) VALUES ('contacts', '1', 'Ann', 'b', '{}', 'h')").run();
    expect(storeVersionKey(db)).not.toBe(before);
  });
});
