import { z } from 'zod';
import { cursorField, defineTool, limitField, pageFields } from '../tool';
import { NO_DATA, openStore, orgField, orgIndex, orgRef, orgRefShape, resolveOrg, str, textField, urlField } from './common';
import { queryRecords } from './records-query';

export const configurationItemShape = z.object({
  id: z.string().describe('IT Glue configuration id.'),
  name: z.string().describe('Configuration name.'),
  org: orgRefShape,
  type: z.string().nullable().describe('Configuration type, e.g. Server, Firewall.'),
  status: z.string().nullable().describe('Status, e.g. Active.'),
  hostname: z.string().nullable().describe('Hostname.'),
  primaryIp: z.string().nullable().describe('Primary IP address.'),
  operatingSystem: z.string().nullable().describe('Operating system.'),
  url: urlField(),
});

export const queryConfigurationsTool = defineTool({
  name: 'query_configurations',
  title: 'List configurations',
  description:
    'Lists configurations (devices: servers, firewalls, switches, workstations…) filtered by organization, configuration type, status and words, by name, a page at a time. Use get_configuration for one device in full.',
  input: {
    org: orgField(),
    type: z.string().trim().min(1).max(100).optional().describe('Configuration type name, exactly as IT Glue names it (e.g. Server, Firewall).'),
    status: z.string().trim().min(1).max(100).optional().describe('Configuration status name (e.g. Active, Inactive).'),
    text: textField('name, hostname, IP, serial, OS or notes'),
    includeArchived: z.boolean().optional().describe('Include archived configurations (default false).'),
    limit: limitField(),
    cursor: cursorField(),
  },
  output: { items: z.array(configurationItemShape.describe('One configuration.')).describe('This page.'), ...pageFields },
  handler: async ({ org, type, status, text, includeArchived, limit, cursor }, { deps }) => {
    const store = await openStore(deps);
    const index = orgIndex(store);
    const orgId = org ? (await resolveOrg(index, org)).id : null;
    const attrEquals: [string, string][] = [];
    if (type) attrEquals.push(['configuration-type-name', type]);
    if (status) attrEquals.push(['configuration-status-name', status]);
    const page = queryRecords(store, { type: 'configurations', orgId, text, attrEquals, includeArchived }, cursor, limit, `configs:${orgId}:${type}:${status}:${text}:${includeArchived}`);
    const items = page.items.map((r) => ({
      id: r.id,
      name: r.name,
      org: orgRef(index, r.orgId),
      type: str(r.attrs, 'configuration-type-name'),
      status: str(r.attrs, 'configuration-status-name'),
      hostname: str(r.attrs, 'hostname'),
      primaryIp: str(r.attrs, 'primary-ip'),
      operatingSystem: str(r.attrs, 'operating-system-name'),
      url: r.url,
    }));
    const lines = items.map((c) => `${c.name} (id ${c.id}) — ${[c.type, c.status, c.primaryIp, c.org?.name].filter(Boolean).join(', ')}`);
    return { data: { items, total: page.total, nextCursor: page.nextCursor }, text: lines.length ? `${lines.join('\n')}${page.nextCursor ? `\n… ${page.total} in all; pass nextCursor for more.` : ''}` : NO_DATA };
  },
});
