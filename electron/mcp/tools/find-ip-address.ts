import { z } from 'zod';
import type { ConfigurationHit } from '../../core/store/reader';
import { defineTool, limitField, ToolError } from '../tool';
import { clampLimit } from '../paging';
import { NO_DATA, openStore, orgRefShape, urlField } from './common';

const Kind = z.enum(['ip', 'cidr', 'mac', 'hostname', 'serial']);

export const findIpAddressTool = defineTool({
  name: 'find_ip_address',
  title: 'Find a device by IP, network, MAC or hostname',
  description:
    'Exact lookup of configurations by IP address (IPv4/IPv6), IPv4 network in CIDR form (10.20.0.0/16), MAC address (any notation), hostname, serial or asset tag. Returns each matching configuration with the interface that matched and its organization.',
  input: {
    value: z.string().trim().min(1).max(200).describe('An IP, CIDR network, MAC address, hostname, serial number or asset tag.'),
    kind: Kind.optional().describe('What the value is; detected from its shape when omitted.'),
    limit: limitField(),
  },
  output: {
    kind: Kind.describe('How the value was read.'),
    items: z
      .array(
        z.object({
          configurationId: z.string().describe('IT Glue configuration id (pass to get_configuration).'),
          name: z.string().describe('Configuration name.'),
          hostname: z.string().nullable().describe('Hostname.'),
          primaryIp: z.string().nullable().describe('Primary IP address.'),
          org: orgRefShape,
          matchedOn: z.string().describe('Which field matched: primary_ip, interface_ip, mac, interface_mac, hostname, serial, asset_tag.'),
          value: z.string().describe('The stored value that matched.'),
          interfaceName: z.string().nullable().describe('The interface that matched, when it was an interface.'),
          url: urlField(),
        }).describe('One match.'),
      )
      .describe('Matches, by name.'),
    total: z.number().int().describe('How many matched in all.'),
  },
  handler: async ({ value, kind, limit }, { deps }) => {
    const { normalizeMac, ipv4ToNumber, normalizeIpv6, ipv4Range: parseCidr } = await import('../../core/identifiers/index');
    const detected = kind ?? (value.includes('/') ? 'cidr' : ipv4ToNumber(value) !== null || normalizeIpv6(value) !== null ? 'ip' : normalizeMac(value) ? 'mac' : 'hostname');
    if (detected === 'cidr' && !parseCidr(value)) throw new ToolError('INVALID_INPUT', `"${value.slice(0, 60)}" is not an IPv4 network; write it like 10.20.0.0/16.`);
    if (detected === 'ip' && ipv4ToNumber(value) === null && normalizeIpv6(value) === null) throw new ToolError('INVALID_INPUT', `"${value.slice(0, 60)}" is not an IP address.`);
    if (detected === 'mac' && !normalizeMac(value)) throw new ToolError('INVALID_INPUT', `"${value.slice(0, 60)}" is not a MAC address (e.g. 00:11:22:33:44:55).`);
    const store = await openStore(deps);
    const r = store.reader;
    let hits: ConfigurationHit[];
    switch (detected) {
      case 'ip': hits = r.findByIp(value); break;
      case 'cidr': hits = r.findByCidr(value); break;
      case 'mac': hits = r.findByMac(value); break;
      case 'serial': hits = r.findBySerial(value); break;
      case 'hostname': {
        hits = r.findByHostname(value);
        if (!hits.length && !kind) hits = r.findBySerial(value);
        break;
      }
    }
    const size = clampLimit(limit);
    const items = hits.slice(0, size).map((h) => ({
      configurationId: String(h.id),
      name: h.name,
      hostname: h.hostname,
      primaryIp: h.primaryIp,
      org: h.orgId !== null ? { id: h.orgId, name: h.orgName ?? `organization ${h.orgId}` } : null,
      matchedOn: h.matchedOn,
      value: h.value,
      interfaceName: h.interfaceName,
      url: h.url,
    }));
    const text = items.length
      ? items.map((h) => `${h.name} (configuration ${h.configurationId})${h.org ? ` — ${h.org.name}` : ''}: ${h.matchedOn} ${h.value}${h.interfaceName ? ` on ${h.interfaceName}` : ''}${h.url ? ` ${h.url}` : ''}`).join('\n')
      : `${NO_DATA}: no configuration has ${detected} ${value.slice(0, 100)}.`;
    return { data: { kind: detected, items, total: hits.length }, text };
  },
});
