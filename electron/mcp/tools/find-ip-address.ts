import { z } from 'zod';
import { defineTool, limitField } from '../tool';
import { clampLimit } from '../paging';
import { NO_DATA, openStore, orgRefShape, urlField } from './common';

const Kind = z.enum(['ip', 'cidr', 'mac', 'hostname', 'serial']);

export const findIpAddressTool = defineTool({
  name: 'find_ip_address',
  title: 'Find a device by IP, network, MAC or hostname',
  description:
    'Exact lookup of configurations by IP address (IPv4/IPv6), IPv4 or IPv6 network in CIDR form (10.20.0.0/16, 2001:db8::/48), MAC address (any notation), hostname, serial or asset tag. Returns each matching configuration with the interface that matched and its organization.',
  input: {
    value: z.string().trim().min(1).max(200).describe('An IPv4 or IPv6 address, CIDR network, MAC address, hostname, serial number or asset tag.'),
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
    const store = await openStore(deps);
    const { kind: detected, hits } = store.reader.findIdentifier(value, kind);
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
