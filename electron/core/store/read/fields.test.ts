import { describe, expect, it } from 'vitest';
import { config, flexAsset, password } from '../fixtures.test-data';
import { createReader } from '../reader';
import { tempStores } from '../test-stores';
import { createWriter } from '../writer';
import { fieldsOf } from './fields';

const tempStore = tempStores();

describe('fieldsOf over a stored flexible asset', () => {
  it('shows the names of linked records for Tag and Password traits, not their ids', () => {
    const t = tempStore();
    const w = createWriter(t.store);
    const runId = w.startRun('full');
    w.applyPage({
      type: 'flexible-asset-fields',
      runId,
      resources: [
        { id: '1', type: 'flexible-asset-fields', attributes: { name: 'Firewall', 'name-key': 'firewall', kind: 'Tag', order: 1, 'flexible-asset-type-id': 9 } },
        { id: '2', type: 'flexible-asset-fields', attributes: { name: 'Firewall admin', 'name-key': 'firewall-admin', kind: 'Password', order: 2, 'flexible-asset-type-id': 9 } },
      ],
    });
    w.applyPage({ type: 'configurations', runId, resources: [config(10, 1, 'FW-EDGE01')] });
    w.applyPage({ type: 'passwords', runId, resources: [password(30000023, 1, 'Fortigate admin')] });
    w.applyPage({
      type: 'flexible-assets',
      runId,
      resources: [flexAsset(50, 1, 9, 'Network', { firewall: { type: 'Configurations', values: [{ id: 10 }] }, 'firewall-admin': 30000023 })],
    });
    const record = createReader(t.store).getRecord('flexible-assets', '50');
    const fields = fieldsOf('flexible-assets', record?.attrs ?? {});
    expect(fields).toContainEqual({ label: 'Firewall', value: 'FW-EDGE01', kind: 'text' });
    expect(fields).toContainEqual({ label: 'Firewall admin', value: 'Fortigate admin', kind: 'text' });
    expect(fields.map((f) => f.value).join(' ')).not.toContain('30000023');
  });
});
