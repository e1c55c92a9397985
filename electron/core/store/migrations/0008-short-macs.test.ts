import { describe, expect, it } from 'vitest';
import { config, iface, org } from '../fixtures.test-data';
import { createReader } from '../reader';
import { oldStoreWriter, tempStores } from '../test-stores';

const tempStore = tempStores();

describe('migration 0008-short-macs', () => {
  it('keys the macOS short MACs a version-7 store left unkeyed, and leaves values that are no MAC alone', () => {
    const t = tempStore({ targetVersion: 7 });
    const w = oldStoreWriter(t.store);
    const runId = w.startRun('full');
    w.applyPage({ type: 'organizations', resources: [org(7, 'Acme')], runId });
    w.applyPage({
      type: 'configurations',
      resources: [config(10, 7, 'MAC-MINI', { 'mac-address': '0:9:f:8c:42:10' }), config(11, 7, 'ODD', { 'mac-address': 'not a mac' }), config(12, 7, 'FULL', { 'mac-address': '00:1a:2b:3c:4d:5e' })],
      runId,
    });
    w.applyPage({ type: 'configuration-interfaces', resources: [iface(100, 12, '10.0.0.1', 'a:b:c:d:e:f')], runId });
    // What the version-7 normaliser stored for the short forms.
    t.store.db.exec("UPDATE configurations SET mac = NULL WHERE id IN (10, 11); UPDATE interfaces SET mac = NULL WHERE id = 100");
    t.store.close();

    const s = t.reopen({ targetVersion: 8 });
    expect(s.schemaVersion).toBe(8);
    const macs = s.db.prepare<[], { id: number; mac: string | null }>('SELECT id, mac FROM configurations ORDER BY id').all();
    expect(macs).toEqual([
      { id: 10, mac: '00090f8c4210' },
      { id: 11, mac: null },
      { id: 12, mac: '001a2b3c4d5e' },
    ]);
    const r = createReader(s);
    expect(r.findByMac('00:09:0f:8c:42:10').map((h) => h.name)).toEqual(['MAC-MINI']);
    expect(r.findByMac('0a:0b:0c:0d:0e:0f').map((h) => [h.name, h.matchedOn])).toEqual([['FULL', 'interface_mac']]);
  });
});
