// Who to call: the contacts of the org asked about, whatever the call is about.
import { beforeEach, describe, expect, it } from 'vitest';
import { org } from '../../store/fixtures.test-data';
import { tempStores, writePages } from '../../store/test-stores';
import { createSearchContext, type SearchContext } from '../../search/search';
import { ask } from '../engine';

const contact = (id: number, orgId: number, first: string, last: string, title: string, important = false, type = 'Vendor Support') => ({
  id: String(id),
  type: 'contacts',
  attributes: { 'organization-id': orgId, name: `${first} ${last}`, 'first-name': first, 'last-name': last, title, 'contact-type-name': type, important, notes: null, 'contact-emails': [], 'contact-phones': [{ value: `555-01${id}`, primary: true, 'label-name': 'Work' }] },
});

describe('who to call', () => {
  const stores = tempStores();
  let ctx: SearchContext;
  beforeEach(() => {
    const t = stores();
    writePages(t.store, [
      { type: 'organizations', resources: [org(1, 'Granite Telecom'), org(2, 'Osprey Legal')] },
      { type: 'contacts', resources: [contact(11, 1, 'Dana', 'Reyes', 'Account manager', true, 'Vendor Sales'), contact(12, 1, 'Help', 'Desk', '24x7 support line'), contact(21, 2, 'Omar', 'Haddad', 'Office manager')] },
    ]);
    ctx = createSearchContext(t.store);
  });

  it("answers with the org's contacts when what the call is about is in none of them", async () => {
    const a = await ask({ search: ctx }, 'who do I call at granite telecom about a fibre cut');
    expect(a.intent).toBe('contacts');
    expect(a.noData).toBe(false);
    expect(a.sources.map((s) => s.name).sort()).toEqual(['Dana Reyes', 'Help Desk']);
    expect(a.answer).toContain('555-0112');
  });

  it('puts the support line first for a call about something broken, the important contact first otherwise', async () => {
    for (const q of ['who do I call at granite telecom about an outage', 'who do we call at granite telecom when the circuit is down']) {
      expect((await ask({ search: ctx }, q)).sources.map((s) => s.name)).toEqual(['Help Desk', 'Dana Reyes']);
    }
    expect((await ask({ search: ctx }, 'who do I call at granite telecom about the invoice')).sources.map((s) => s.name)).toEqual(['Dana Reyes', 'Help Desk']);
  });

  it('still finds the one contact the words name, and says No data for a role nobody holds', async () => {
    const desk = await ask({ search: ctx }, 'who should we contact at granite telecom for 24x7 support');
    expect(desk.sources[0]?.name).toBe('Help Desk');
    expect((await ask({ search: ctx }, 'who is the hvac technician at granite telecom')).noData).toBe(true);
  });
});
