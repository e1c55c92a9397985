import { ipv4ToNumber, normalizeIpv6, normalizeMac } from '../../identifiers/index';
import { searchAliases } from '../normalize';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, relationshipId, resourceUrl, storedAttrs, str } from './common';
import { MapError, type Mapper } from './types';

const attrs = attrsSchema({
  name: str,
  'configuration-id': idNum,
  'organization-id': idNum,
  'ip-address': str,
  'mac-address': str,
  primary: bool,
  notes: str,
  'updated-at': str,
});

export const mapConfigurationInterface: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const configurationId = a['configuration-id'] ?? relationshipId(resource, 'configuration');
  if (configurationId === null) throw new MapError('interface has no configuration id');
  const ip = a['ip-address']?.trim() ?? null;
  const name = a.name ?? ip ?? `Interface ${id}`;
  return {
    record: {
      type: 'configuration-interfaces',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name,
      body: bodyOf([name, ip, a['mac-address'], a.notes, ...searchAliases({ macs: [a['mac-address']] })]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: false,
    },
    typed: {
      table: 'interfaces',
      row: {
        id,
        configuration_id: configurationId,
        org_id: a['organization-id'],
        name: a.name,
        ip,
        ip_num: ipv4ToNumber(ip),
        ip6: normalizeIpv6(ip),
        mac: normalizeMac(a['mac-address']),
        is_primary: a.primary ? 1 : 0,
      },
    },
    relations: [],
    orgFrom: a['organization-id'] === null ? { table: 'configurations', id: configurationId } : undefined,
  };
};
