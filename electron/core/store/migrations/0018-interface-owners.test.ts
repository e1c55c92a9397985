import { describe, expect, it } from 'vitest';
import { latestVersion } from '../migrate';
import { createReader } from '../reader';
import { tempStores } from '../test-stores';
import { MIGRATIONS } from './index';

const tempStore = tempStores();
type Db = ReturnType<typeof tempStore>['store']['db'];

const IP = '10.0.0.1';
const IP_NUM = 167772161;
function config(db: Db, id: number, org: number, name: string, primaryIp: string | null = null): void {
  const rowid = db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('configurations', ?, ?, ?, 'b', '{}', 'h')").run(String(id), org, name).lastInsertRowid;
  db.prepare('INSERT INTO configurations (id, record_rowid, org_id, name, primary_ip, primary_ip_num) VALUES (?, ?, ?, ?, ?, ?)').run(id, rowid, org, name, primaryIp, primaryIp === IP ? IP_NUM : null);
}
function iface(db: Db, id: number, configurationId: number, ip = IP): void {
  const rowid = db.prepare("INSERT INTO records (type, itglue_id, name, body, attrs, content_hash) VALUES ('configuration-interfaces', ?, 'eth0', 'b', '{}', 'h')").run(String(id)).lastInsertRowid;
  db.prepare("INSERT INTO interfaces (id, record_rowid, configuration_id, name, ip, ip_num) VALUES (?, ?, ?, 'eth0', ?, ?)").run(id, rowid, configurationId, ip, IP_NUM);
}
const names = (s: { db: Db }, limit?: number) => createReader(s as never).findByIp(IP, limit).map((h) => `${h.name}/${h.matchedOn}`);

describe('migration 0018-interface-owners', () => {
  it("gives a version-17 store's interfaces their configuration's name and org, so an address pages by name from its index", () => {
    const t = tempStore({ targetVersion: 17 });
    const db = t.store.db;
    config(db, 1, 7, 'Zulu-FW');
    config(db, 2, 8, 'Alpha-SW');
    config(db, 3, 8, 'Mike-AP', IP);
    iface(db, 11, 1);
    iface(db, 12, 2);
    t.store.close();

    const s = t.reopen({ targetVersion: latestVersion(MIGRATIONS) });
    expect(s.db.prepare('SELECT id, configuration_name, configuration_org_id FROM interfaces ORDER BY id').all()).toEqual([
      { id: 11, configuration_name: 'Zulu-FW', configuration_org_id: 7 },
      { id: 12, configuration_name: 'Alpha-SW', configuration_org_id: 8 },
    ]);
    expect(names(s)).toEqual(['Alpha-SW/interface_ip', 'Mike-AP/primary_ip', 'Zulu-FW/interface_ip']);
    expect(names(s, 2)).toEqual(['Alpha-SW/interface_ip', 'Mike-AP/primary_ip']);
    expect(createReader(s).countByIp(IP)).toEqual({ configurations: 3, organizations: 2 });
  });

  it('keeps an interface in step with its configuration, whichever is written first, renamed, moved or deleted', () => {
    const { store } = tempStore();
    const db = store.db;
    iface(db, 21, 5); // its configuration is not stored yet: shown nowhere
    expect(names(store)).toEqual([]);
    config(db, 5, 7, 'NAS01');
    expect(names(store)).toEqual(['NAS01/interface_ip']);

    db.prepare("UPDATE configurations SET name = 'NAS02', org_id = 9 WHERE id = 5").run();
    expect(db.prepare('SELECT configuration_name, configuration_org_id FROM interfaces WHERE id = 21').get()).toEqual({ configuration_name: 'NAS02', configuration_org_id: 9 });

    config(db, 6, 7, 'SW01');
    db.prepare('UPDATE interfaces SET configuration_id = 6 WHERE id = 21').run();
    expect(names(store)).toEqual(['SW01/interface_ip']);

    db.prepare('DELETE FROM configurations WHERE id = 6').run();
    expect(names(store)).toEqual([]);
    expect(createReader(store).countByIp(IP)).toEqual({ configurations: 0, organizations: 0 });
  });

  it('reads a page of a busy address in name order from the indexes, never a sort over every device on it', () => {
    const { store } = tempStore();
    const { db } = store;
    for (let i = 1; i <= 120; i++) {
      config(db, i, 100 + (i % 30), `dev-${String(121 - i).padStart(3, '0')}`);
      iface(db, 1000 + i, i);
    }
    expect(names(store, 3)).toEqual(['dev-001/interface_ip', 'dev-002/interface_ip', 'dev-003/interface_ip']);
    expect(createReader(store).countByIp(IP)).toEqual({ configurations: 120, organizations: 30 });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(IP_NUM, IP_NUM) as { detail: string }[]).map((r) => r.detail).join('\n');
    const page = plan(`SELECT i.configuration_id, i.configuration_name FROM interfaces i WHERE i.ip_num = ? AND i.configuration_name IS NOT NULL
      UNION SELECT c.id, c.name FROM configurations c WHERE c.primary_ip_num = ? ORDER BY 2, 1 LIMIT 50`);
    expect(page).toMatch(/MERGE/);
    expect(page).toMatch(/COVERING INDEX interfaces_ip_num/);
    expect(page).not.toMatch(/TEMP B-TREE/);
  });

  it("finds a configuration by its primary IPv6 through an index, not a scan of every configuration", () => {
    const { store } = tempStore();
    const { db } = store;
    const rowid = db.prepare("INSERT INTO records (type, itglue_id, org_id, name, body, attrs, content_hash) VALUES ('configurations', '7', 3, 'V6-HOST', 'b', '{}', 'h')").run().lastInsertRowid;
    db.prepare("INSERT INTO configurations (id, record_rowid, org_id, name, primary_ip) VALUES (7, ?, 3, 'V6-HOST', '2001:DB8::5')").run(rowid);
    const reader = createReader(store);
    expect(reader.findByIp('2001:db8::5').map((h) => [h.name, h.matchedOn])).toEqual([['V6-HOST', 'primary_ip']]);
    expect(reader.countByIp('2001:db8::5')).toEqual({ configurations: 1, organizations: 1 });
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT c.id FROM configurations c WHERE c.primary_ip_num IS NULL AND c.primary_ip IS NOT NULL AND lower(c.primary_ip) = lower(?)").all('2001:db8::5') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/INDEX configurations_primary_ip6/);
  });
});
