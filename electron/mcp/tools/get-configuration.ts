import { z } from 'zod';
import { defineTool, ToolError } from '../tool';
import { untrusted } from '../untrusted';
import { detailsNoteField, ensureDetailsFor, idField, idNumber, openStore, orgIndex, orgRef, orgRefShape, str, urlField } from './common';
import { passwordMetaShape, toPasswordMeta } from './list-passwords';

export const getConfigurationTool = defineTool({
  name: 'get_configuration',
  title: 'Configuration details',
  description:
    'One configuration (device) in full: identity, network interfaces (IPs, MACs), OS, warranty, notes (as untrusted data), the password entries linked to it (metadata only, never values) and related items.',
  input: { id: idField('configuration') },
  output: {
    id: z.string().describe('IT Glue configuration id.'),
    name: z.string().describe('Configuration name.'),
    org: orgRefShape,
    type: z.string().nullable().describe('Configuration type.'),
    status: z.string().nullable().describe('Status.'),
    hostname: z.string().nullable().describe('Hostname.'),
    primaryIp: z.string().nullable().describe('Primary IP address.'),
    mac: z.string().nullable().describe('Primary MAC address.'),
    serial: z.string().nullable().describe('Serial number.'),
    assetTag: z.string().nullable().describe('Asset tag.'),
    manufacturer: z.string().nullable().describe('Manufacturer.'),
    model: z.string().nullable().describe('Model.'),
    operatingSystem: z.string().nullable().describe('Operating system.'),
    location: z.string().nullable().describe('Location name.'),
    contact: z.string().nullable().describe('Contact name.'),
    warrantyExpiresAt: z.string().nullable().describe('Warranty expiry date.'),
    notes: z.string().describe('Notes, as untrusted data (empty when none).'),
    osNotes: z.string().describe('Operating system notes, as untrusted data (empty when none).'),
    archived: z.boolean().describe('Archived in IT Glue.'),
    updatedAt: z.string().nullable().describe('When IT Glue last changed it.'),
    url: urlField(),
    interfaces: z
      .array(
        z.object({
          id: z.number().int().describe('Interface id.'),
          name: z.string().nullable().describe('Interface name, e.g. wan1.'),
          ip: z.string().nullable().describe('IP address.'),
          mac: z.string().nullable().describe('MAC address.'),
          primary: z.boolean().describe('Primary interface.'),
        }).describe('One network interface.'),
      )
      .describe('Network interfaces.'),
    passwords: z.array(passwordMetaShape).describe('Password entries linked to this configuration (metadata only; get_password for one).'),
    related: z
      .array(
        z.object({
          type: z.string().describe('Related record type.'),
          id: z.string().describe('Related record id.'),
          name: z.string().nullable().describe('Related record name.'),
          direction: z.enum(['up', 'down']).describe('up: this configuration depends on it (links to it); down: it depends on this configuration (links here).'),
          notes: z.string().describe('Relation notes, as untrusted data.'),
        }).describe('One related item.'),
      )
      .describe('Related items (IT Glue related items and links).'),
    detailsNote: detailsNoteField(),
  },
  handler: async ({ id }, { deps }) => {
    const store = await openStore(deps);
    // Related items the sync has not fetched yet are fetched now (one request), or the note says why not.
    const detailsNote = store.reader.getRecord('configurations', String(idNumber(id))) ? await ensureDetailsFor(store, 'configurations', String(idNumber(id))) : null;
    const d = store.reader.configurationDetail(idNumber(id));
    if (!d) throw new ToolError('NOT_FOUND', `No configuration with id ${String(id)} in the local copy. Use query_configurations or find_ip_address to find its id, or run \`glue sync\` if it was added recently.`);
    const index = orgIndex(store);
    const a = d.record.attrs;
    const label = `configurations/${d.record.id}`;
    const data = {
      id: d.record.id,
      name: d.record.name,
      org: orgRef(index, d.record.orgId),
      type: d.typeName,
      status: d.statusName,
      hostname: d.hostname,
      primaryIp: d.primaryIp,
      mac: d.mac,
      serial: d.serial,
      assetTag: d.assetTag,
      manufacturer: str(a, 'manufacturer-name'),
      model: str(a, 'model-name'),
      operatingSystem: str(a, 'operating-system-name'),
      location: str(a, 'location-name'),
      contact: str(a, 'contact-name'),
      warrantyExpiresAt: d.warrantyExpiresAt,
      notes: untrusted(str(a, 'notes'), `${label} notes`),
      osNotes: untrusted(str(a, 'operating-system-notes'), `${label} os notes`),
      archived: d.record.archived,
      updatedAt: d.record.updatedAt,
      url: d.record.url,
      interfaces: d.interfaces.map((i) => ({ id: i.id, name: i.name, ip: i.ip, mac: i.mac, primary: i.isPrimary })),
      passwords: d.passwords.map((p) => toPasswordMeta(p, index)),
      related: store.reader.related('configurations', d.record.id).map((r) => ({ type: r.type, id: r.id, name: r.name, direction: r.direction, notes: untrusted(r.notes, `${label} related ${r.type}/${r.id}`) })),
      detailsNote,
    };
    const text = [
      `${data.name} (configuration ${data.id})${data.org ? ` — ${data.org.name}` : ''}`,
      [data.type, data.status, data.manufacturer, data.model, data.operatingSystem].filter(Boolean).join(' · '),
      `Host ${data.hostname ?? '-'}, IP ${data.primaryIp ?? '-'}, MAC ${data.mac ?? '-'}, serial ${data.serial ?? '-'}`,
      data.warrantyExpiresAt ? `Warranty until ${data.warrantyExpiresAt}` : '',
      data.interfaces.length ? `Interfaces: ${data.interfaces.map((i) => `${i.name ?? '?'} ${i.ip ?? ''} ${i.mac ?? ''}`.trim()).join('; ')}` : '',
      data.passwords.length ? `Passwords (names only): ${data.passwords.map((p) => `${p.name} (id ${p.id})`).join(', ')}` : '',
      data.related.length ? `Related: ${data.related.map((r) => `${r.name ?? r.id} (${r.type} ${r.id}, ${r.direction})`).join('; ')}` : '',
      data.detailsNote ? `Details pending: ${data.detailsNote}` : '',
      data.notes ? `Notes:\n${data.notes}` : '',
      data.url ? `IT Glue: ${data.url}` : '',
    ];
    return { data, text: text.filter(Boolean).join('\n') };
  },
});
