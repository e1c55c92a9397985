import { describe, expect, it } from 'vitest';
import { tempStores } from '../test-stores';
import { createReader } from '../reader';
import { latestVersion } from '../migrate';
import { MIGRATIONS } from './index';

const tempStore = tempStores();

describe('migration 0017-configuration-urls', () => {
  it("copies a version-14 store's configuration links into the typed rows, so a lookup shows them without the records row", () => {
    const t = tempStore({ targetVersion: 14 });
    const db14 = t.store.db;
    const rowid = db14
      .prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, url, content_hash) VALUES ('configurations', '10', 7, 'SRV10', 'b', '{}', 'https://acme.itglue.com/7/configurations/10', 'h')")
      .run().lastInsertRowid;
    db14.prepare("INSERT INTO configurations (id, record_rowid, org_id, name, primary_ip, primary_ip_num) VALUES (10, ?, 7, 'SRV10', '10.0.0.5', 167772165)").run(rowid);
    t.store.close();

    const s = t.reopen({ targetVersion: latestVersion(MIGRATIONS) }); // the reader below reads the current schema
    expect(s.schemaVersion).toBeGreaterThanOrEqual(17);
    expect(s.db.prepare('SELECT url FROM configurations WHERE id = 10').get()).toEqual({ url: 'https://acme.itglue.com/7/configurations/10' });
    expect(createReader(s).findByIp('10.0.0.5').map((h) => [h.name, h.url])).toEqual([['SRV10', 'https://acme.itglue.com/7/configurations/10']]);
  });
});
