// Compliance check per organization: no Backup asset (the type is found by name among the
// tenant's flexible asset types), expired warranties, domains expired or expiring within 30
// days, live configurations without a primary IP.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Source } from '../../../../shared/domain';
import { complianceReads, flexibleAssetTypes } from '../../store/index';
import { orgSource, present, sourceOf, type Found, type HandlerInput } from '../context';

const SOON_DAYS = 30;

interface OrgIssue {
  orgId: number;
  orgName: string;
  issues: string[];
  sources: Source[];
}

export function backupTypeIds(db: Database.Database): number[] {
  return flexibleAssetTypes(db)
    .filter((t) => /\bbackups?\b/i.test(t.name))
    .map((t) => t.id);
}

export function complianceAnswer(input: HandlerInput): Found | null {
  const { ctx, today } = input;
  const db = ctx.search.db;
  const day = today.toISOString().slice(0, 10);
  const soon = new Date(today.getTime() + (SOON_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
  const orgs = ctx.search.orgs().filter((o) => !input.org || o.id === input.org.id);
  const backupTypes = backupTypeIds(db);
  const checks = complianceReads(db, backupTypes);
  const results: OrgIssue[] = [];
  for (const o of orgs) {
    const issues: string[] = [];
    const sources: Source[] = [];
    if (backupTypes.length > 0 && !checks.hasBackup(o.id)) {
      issues.push('no Backup asset documented');
      const s = orgSource(ctx, o.id);
      if (s) sources.push(s);
    }
    const w = checks.expiredWarranties(o.id, day);
    if (w.length) {
      issues.push(`${w.length} expired warrant${w.length === 1 ? 'y' : 'ies'} (${w.slice(0, 5).map((x) => `${x.name} ${x.w}`).join(', ')}${w.length > 5 ? ', …' : ''})`);
      sources.push(...w.slice(0, 5).map((x) => sourceOf(ctx, 'configurations', x.id)).filter(present));
    }
    const d = checks.domainsExpiringBefore(o.id, soon);
    if (d.length) {
      issues.push(`domain${d.length === 1 ? '' : 's'} ${d.map((x) => `${x.name} ${x.e < day ? 'expired' : 'expires'} ${x.e}`).join(', ')}`);
      sources.push(...d.map((x) => sourceOf(ctx, 'domains', x.id)).filter(present));
    }
    const n = checks.configurationsWithoutIp(o.id);
    if (n.length) {
      issues.push(`${n.length} configuration${n.length === 1 ? '' : 's'} without a primary IP (${n.slice(0, 5).map((x) => x.name).join(', ')}${n.length > 5 ? ', …' : ''})`);
      sources.push(...n.slice(0, 3).map((x) => sourceOf(ctx, 'configurations', x.id)).filter(present));
    }
    if (issues.length) results.push({ orgId: o.id, orgName: o.name, issues, sources });
  }
  if (results.length === 0) {
    if (orgs.length === 0) return null;
    const src = input.org ? orgSource(ctx, input.org.id) : null;
    const who = input.org ? input.org.name : `All ${orgs.length} organizations`;
    return { answer: `${who}: no compliance gaps found (Backup asset, warranties, domains, primary IPs).`, sources: src ? [src] : [], confidence: 0.8 };
  }
  const answer = results.map((r) => `**${r.orgName}**: ${r.issues.join('; ')}.`).join('\n');
  return { answer, sources: results.flatMap((r) => r.sources).slice(0, 60), confidence: 0.85 };
}
