import type { ItGlueResource } from './mappers/types';

// A small tenant shaped like IT Glue JSON:API output, used by the store tests.
export const org = (id: number, name: string, extra: Record<string, unknown> = {}): ItGlueResource => ({
  id: String(id),
  type: 'organizations',
  attributes: { name, 'short-name': name.slice(0, 4).toUpperCase(), 'organization-type-name': 'Customer', 'organization-status-name': 'Active', 'parent-id': null, 'ancestor-ids': '[]', 'updated-at': '2026-01-01T00:00:00.000Z', ...extra },
});

export const config = (id: number, orgId: number, name: string, extra: Record<string, unknown> = {}): ItGlueResource => ({
  id: String(id),
  type: 'configurations',
  attributes: {
    name,
    hostname: name.toLowerCase(),
    'organization-id': orgId,
    'primary-ip': null,
    'mac-address': null,
    'serial-number': null,
    'asset-tag': null,
    'configuration-type-name': 'Server',
    'configuration-status-name': 'Active',
    'warranty-expires-at': null,
    notes: null,
    archived: false,
    'resource-url': `https://example.itglue.com/${orgId}/configurations/${id}`,
    'updated-at': '2026-01-01T00:00:00.000Z',
    ...extra,
  },
});

export const iface = (id: number, configurationId: number, ip: string | null, mac: string | null, primary = false): ItGlueResource => ({
  id: String(id),
  type: 'configuration-interfaces',
  attributes: { name: `eth${id}`, 'configuration-id': configurationId, 'ip-address': ip, 'mac-address': mac, primary, notes: null },
});

export const password = (id: number, orgId: number, name: string, extra: Record<string, unknown> = {}): ItGlueResource => ({
  id: String(id),
  type: 'passwords',
  attributes: { name, username: 'admin', url: null, notes: null, 'password-category-name': 'Windows', restricted: false, 'organization-id': orgId, 'updated-at': '2026-01-01T00:00:00.000Z', ...extra },
});

export const flexAsset = (id: number, orgId: number, typeId: number, name: string, traits: Record<string, unknown>): ItGlueResource => ({
  id: String(id),
  type: 'flexible-assets',
  attributes: { name, 'organization-id': orgId, 'flexible-asset-type-id': typeId, 'flexible-asset-type-name': 'Application', traits },
});

export const tags = (type: string, ids: number[]): { type: string; values: { id: number; name: string }[] } => ({
  type,
  values: ids.map((id) => ({ id, name: `item ${id}` })),
});
