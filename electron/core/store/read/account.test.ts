import { afterAll, describe, expect, it } from 'vitest';
import { Tenant } from '../../itglue/fake/tenant';
import type { Expiration } from './expirations';
import { DEMO_TODAY, seedDemoTemp } from '../../testing/seed-demo';
import { createReader } from '../reader';

// The read side of issue #18 over a store written as a sync writes it (the demo tenant).
const seeded = seedDemoTemp({ today: DEMO_TODAY });
afterAll(() => seeded.close());
const reader = createReader(seeded.store);
const data = seeded.dataset;

describe('account reads', () => {
  it('says where a document is filed, nested folders joined top-down, null at the root', () => {
    const nested = data.documents?.data.find((d) => d.attributes.name === 'Firewall change runbook');
    const root = data.documents?.data.find((d) => d.attributes['document-folder-id'] === null);
    expect(reader.documentFolderPath(Number(nested?.id))).toBe('Runbooks / Network');
    expect(reader.documentFolderPath(Number(root?.id))).toBeNull();
  });

  it('reads a checklist with its tasks in order and their completion', () => {
    const review = data.checklists?.data.find((c) => c.attributes.name === 'Quarterly security review');
    const c = reader.checklistWithTasks(Number(review?.id));
    expect(c?.record.name).toBe('Quarterly security review');
    expect(c?.completed).toBe(false);
    expect(c?.tasks.map((t) => t.name)).toEqual(['Review firewall rules', 'Check MFA enrolment', 'Review admin accounts', 'Test a restore']);
    const done = data.checklist_tasks?.data.filter((t) => t.attributes['checklist-id'] === Number(review?.id) && t.attributes.completed === true).length;
    expect(c?.tasks.filter((t) => t.completed)).toHaveLength(done ?? -1);
  });

  it("lists a record's attachments as metadata: name, size, who and when", () => {
    const a = data.attachments?.data.find((x) => x.attributes['resource-type'] === 'Configuration');
    const list = reader.attachmentsOf('configurations', String(a?.attributes['resource-id']));
    expect(list).toContainEqual(expect.objectContaining({ name: a?.attributes['attachment-file-name'], size: a?.attributes['attachment-file-size'], createdBy: a?.attributes['created-by'] }));
    expect(list[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("answers expirations from IT Glue's own list: certificates included, archived devices left out", () => {
    const today = new Date(`${DEMO_TODAY}T12:00:00Z`);
    const soon = reader.listExpirations({ withinDays: 30, today });
    const certs = (data.ssl_certificates?.data ?? []).filter((c) => String(c.attributes['expires-on']) >= DEMO_TODAY && String(c.attributes['expires-on']) <= '2026-02-22');
    expect(certs.length).toBeGreaterThan(0);
    expect(soon.filter((e) => e.what === 'ssl').map((e) => e.id).sort()).toEqual(certs.map((c) => c.id).sort());
    expect(soon.filter((e) => e.what === 'ssl').every((e) => e.type === 'ssl-certificates' && e.url !== null)).toBe(true);
    const archived = new Set((data.configurations?.data ?? []).filter((c) => c.attributes.archived === true).map((c) => c.id));
    expect(soon.some((e) => e.type === 'configurations' && archived.has(e.id))).toBe(false);
    expect(reader.listExpirations({ withinDays: 30, today, what: 'domain' }).every((e) => e.type === 'domains')).toBe(true);
  });

  it("lists what has already expired from IT Glue's own list: before today only, oldest first, archived devices left out, a past window bounded", () => {
    const today = new Date(`${DEMO_TODAY}T12:00:00Z`);
    const archived = new Set((data.configurations?.data ?? []).filter((c) => c.attributes.archived === true).map((c) => c.id));
    const listed = new Tenant(data).expirations().all();
    const warranties = (from: string) =>
      listed
        .filter((e) => e.attributes['resource-type-name'] === 'Configuration' && !archived.has(String(e.attributes['resource-id'])))
        .map((e) => String(e.attributes['expiration-date']).slice(0, 10))
        .filter((d) => d >= from && d < DEMO_TODAY);
    const all = reader.expirationPage({ withinDays: 0, expired: true, today, what: 'warranty' }, 0, 10_000);
    expect(all.total).toBe(warranties('0000').length);
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.map((e) => e.expiresOn)).toEqual(warranties('0000').sort());
    const monthAgo = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const recent = reader.expirationPage({ withinDays: 0, expired: true, pastDays: 30, today, what: 'warranty' }, 0, 10_000);
    expect(recent.items.map((e) => e.expiresOn)).toEqual(warranties(monthAgo).sort());
    expect(recent.total).toBeLessThan(all.total);
  });

  it("pages IT Glue's own list in date-then-name order: every page a slice of the whole, hidden sources neither shown nor counted", () => {
    const big = seedDemoTemp({ scale: 3000 });
    try {
      const r = createReader(big.store);
      const today = new Date(`${DEMO_TODAY}T12:00:00Z`);
      const q = { withinDays: 60, today };
      const all = r.listExpirations(q);
      const listed = new Tenant(big.dataset).expirations().all();
      expect(listed.length).toBeGreaterThan(0);
      const collator = new Intl.Collator();
      const ordered = [...all].sort((a, b) => collator.compare(a.expiresOn, b.expiresOn) || collator.compare(a.name, b.name));
      expect(all).toEqual(ordered);
      // The warranties shown are exactly the listed configurations in the window whose device is not archived.
      const last = new Date(today.getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
      const archived = new Set((big.dataset.configurations?.data ?? []).filter((c) => c.attributes.archived === true).map((c) => c.id));
      const inWindow = listed.filter((e) => e.attributes['resource-type-name'] === 'Configuration' && String(e.attributes['expiration-date']).slice(0, 10) >= DEMO_TODAY && String(e.attributes['expiration-date']).slice(0, 10) <= last);
      expect(inWindow.some((e) => archived.has(String(e.attributes['resource-id'])))).toBe(true);
      const shown = inWindow.filter((e) => !archived.has(String(e.attributes['resource-id']))).map((e) => String(e.attributes['resource-id']));
      expect(all.filter((e) => e.what === 'warranty').map((e) => e.id).sort()).toEqual(shown.sort());
      const org = all[Math.floor(all.length / 2)]?.orgId ?? null;
      for (const [query, expected] of [
        [q, all],
        [{ ...q, orgId: org }, all.filter((e) => e.orgId === org)],
        [{ ...q, what: 'warranty' as const }, all.filter((e) => e.what === 'warranty')],
        [{ ...q, what: 'other' as const }, all.filter((e) => e.what === 'other')],
      ] as const) {
        for (const size of [1, 7, 50]) {
          const paged: Expiration[] = [];
          for (let offset = 0; offset < expected.length + size; offset += size) {
            const page = r.expirationPage(query, offset, size);
            expect(page.total).toBe(expected.length);
            paged.push(...page.items);
          }
          expect(paged).toEqual(expected);
        }
      }
    } finally {
      big.close();
    }
  });
});
