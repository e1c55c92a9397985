// A markdown summary of one organization's infrastructure, every line from stored fields.
import type { Source } from '../../../../shared/domain';
import { configurationsOfOrg, domainsOfOrg, flexibleAssetsOfOrg } from '../../store/index';
import { orgSource, present, sourceOf, type Found, type HandlerInput } from '../context';
import { backupTypeIds } from './compliance';

const NETWORK = /firewall|switch|router|access point|wireless|gateway|ups/i;
const SERVER = /server|nas|san|hypervisor|host/i;

export function infrastructureAnswer(input: HandlerInput): Found | null {
  if (!input.org) return null;
  const { ctx } = input;
  const db = ctx.search.db;
  const orgId = input.org.id;
  const configs = configurationsOfOrg(db, orgId);
  const servers = configs.filter((c) => c.type_name && SERVER.test(c.type_name));
  const network = configs.filter((c) => c.type_name && NETWORK.test(c.type_name) && !SERVER.test(c.type_name));
  const subnets = [...new Set(configs.map((c) => c.primary_ip).filter(present).filter((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)).map((ip) => `${ip.split('.').slice(0, 3).join('.')}.0/24`))].sort();
  const assets = flexibleAssetsOfOrg(db, orgId);
  const backupTypes = new Set(backupTypeIds(db));
  const backups = assets.filter((a) => a.type_id !== null && backupTypes.has(a.type_id));
  const domains = domainsOfOrg(db, orgId);
  if (configs.length === 0 && assets.length === 0 && domains.length === 0) return { noData: true, answer: '', sources: [], confidence: 0 };
  const ws = configs.length - servers.length - network.length;
  const md = [
    `## ${input.org.name} infrastructure`,
    `**Servers (${servers.length})**`,
    ...servers.map((c) => `- ${c.name}${c.primary_ip ? ` — ${c.primary_ip}` : ''}${c.type_name ? ` (${c.type_name})` : ''}`),
    `**Network devices (${network.length})**`,
    ...network.map((c) => `- ${c.name}${c.primary_ip ? ` — ${c.primary_ip}` : ''}${c.type_name ? ` (${c.type_name})` : ''}`),
    `**Subnets**: ${subnets.join(', ') || 'none recorded'}`,
    `**Other devices**: ${ws} (workstations, printers, …)`,
    `**Key assets**`,
    ...assets.filter((a) => !backups.includes(a)).map((a) => `- ${a.type_name ?? 'Asset'}: ${a.name}`),
    `**Backups**: ${backups.map((b) => b.name).join(', ') || 'none documented'}`,
    `**Domains**: ${domains.map((d) => `${d.name}${d.expires_on ? ` (expires ${d.expires_on.slice(0, 10)})` : ''}`).join(', ') || 'none'}`,
  ].join('\n');
  const sources: Source[] = [
    orgSource(ctx, orgId),
    ...servers.map((c) => sourceOf(ctx, 'configurations', c.id)),
    ...network.map((c) => sourceOf(ctx, 'configurations', c.id)),
    ...backups.map((b) => sourceOf(ctx, 'flexible-assets', b.id)),
    ...domains.map((d) => sourceOf(ctx, 'domains', d.id)),
  ].filter(present);
  return { answer: md, sources: sources.slice(0, 60), confidence: 0.9 };
}
