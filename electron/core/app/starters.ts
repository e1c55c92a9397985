// The chat's starter chips, written from the tenant's own data (an org that has a firewall,
// the org with contacts, an IP that exists), so every chip answers on any tenant — never a
// fixed name the tenant may not have.
import type { StarterFacts } from '../store/index';

export function starterQuestions(f: StarterFacts): string[] {
  const out: string[] = [];
  if (f.device) out.push(`@${f.device.org} what is the ${f.device.typeName.toLowerCase()} IP?`);
  if (f.contactsOrg) out.push(`who is the main contact at ${f.contactsOrg}?`);
  if (f.device) out.push(`what is ${f.device.ip}?`);
  if (f.expiries) out.push('what expires in the next 30 days?');
  if (f.document && out.length < 4) out.push(`${f.document.name} at ${f.document.org}`);
  return out.slice(0, 4);
}
