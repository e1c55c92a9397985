import { afterAll, describe, expect, it } from 'vitest';
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
});
