// Password metadata as the UI shows it (org and attached record by name). Never the value:
// the value lives sealed in `secrets` and only vault.reveal/copy open it, one at a time.
import type { PasswordMeta } from '../../../shared/ipc';
import { attachedType, type PasswordMeta as StoredPasswordMeta } from '../store/index';

export function toUiPassword(p: StoredPasswordMeta): PasswordMeta {
  const type = attachedType(p);
  return {
    id: String(p.id),
    name: p.name,
    username: p.username,
    url: p.url,
    category: p.category,
    org: p.orgId !== null && p.orgName !== null ? { id: p.orgId, name: p.orgName } : null,
    resource: type && p.resourceId !== null ? { type, id: String(p.resourceId), name: p.resourceName ?? `${type} ${p.resourceId}` } : null,
    updatedAt: p.updatedAt,
    restricted: p.restricted,
    hasValue: p.hasValue,
  };
}
