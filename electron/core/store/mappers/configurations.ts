import { z } from 'zod';
import { hostnameKey, ipv4ToNumber, normalizeMac, normalizeSerial } from '../../identifiers/index';
import { searchAliases } from '../normalize';
import { attrsSchema, bodyOf, bool, idNum, idOf, parseAttrs, resourceUrl, storedAttrs, str } from './common';
import type { Mapper } from './types';

const attrs = attrsSchema({
  name: z.string().min(1),
  'organization-id': idNum,
  hostname: str,
  'primary-ip': str,
  'mac-address': str,
  'serial-number': str,
  'asset-tag': str,
  'configuration-type-name': str,
  'configuration-status-name': str,
  'manufacturer-name': str,
  'model-name': str,
  'operating-system-name': str,
  'operating-system-notes': str,
  'location-name': str,
  'contact-name': str,
  'warranty-expires-at': str,
  notes: str,
  archived: bool,
  'updated-at': str,
});

export const mapConfiguration: Mapper = (resource) => {
  const id = idOf(resource);
  const a = parseAttrs(attrs, resource);
  const host = a.hostname ?? a.name;
  return {
    record: {
      type: 'configurations',
      itglueId: resource.id,
      orgId: a['organization-id'],
      name: a.name,
      body: bodyOf([
        a.name,
        a.hostname,
        a['primary-ip'],
        a['mac-address'],
        a['serial-number'],
        a['asset-tag'],
        a['configuration-type-name'],
        a['configuration-status-name'],
        a['manufacturer-name'],
        a['model-name'],
        a['operating-system-name'],
        a['operating-system-notes'],
        a['location-name'],
        a['contact-name'],
        a.notes,
        ...searchAliases({ hostnames: [a.name, a.hostname], macs: [a['mac-address']], serials: [a['serial-number']] }),
      ]),
      attrs: storedAttrs(resource),
      url: resourceUrl(resource),
      updatedAt: a['updated-at'],
      archived: a.archived,
    },
    typed: {
      table: 'configurations',
      row: {
        id,
        org_id: a['organization-id'],
        name: a.name,
        hostname: a.hostname,
        hostname_key: hostnameKey(host.split('.')[0]),
        primary_ip: a['primary-ip']?.trim() ?? null,
        primary_ip_num: ipv4ToNumber(a['primary-ip']),
        mac: normalizeMac(a['mac-address']),
        serial: normalizeSerial(a['serial-number']),
        asset_tag: a['asset-tag'],
        type_name: a['configuration-type-name'],
        status_name: a['configuration-status-name'],
        warranty_expires_at: a['warranty-expires-at'],
        archived: a.archived ? 1 : 0,
        url: resourceUrl(resource),
      },
    },
    relations: [],
  };
};
