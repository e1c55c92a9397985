import type { DatasetKey } from './dataset';

/** Where a record would open in the IT Glue web app; the demo tenant lives on demo.itglue.com. */
export const DEMO_WEB_BASE = 'https://demo.itglue.com';

const WEB_PATH: Partial<Record<DatasetKey, string>> = {
  configurations: 'configurations',
  passwords: 'passwords',
  flexible_assets: 'assets/records',
  contacts: 'contacts',
  locations: 'locations',
  domains: 'domains',
  documents: 'docs',
  ssl_certificates: 'ssl_certificates',
};

export function resourceUrl(key: DatasetKey, id: string | number, orgId: number | null): string {
  if (key === 'organizations') return `${DEMO_WEB_BASE}/${id}`;
  if (key === 'flexible_asset_types') return `${DEMO_WEB_BASE}/settings/flexible_asset_types/${id}`;
  if (key === 'flexible_asset_fields') return `${DEMO_WEB_BASE}/settings/flexible_asset_fields/${id}`;
  const path = WEB_PATH[key] ?? key;
  return orgId === null ? `${DEMO_WEB_BASE}/${path}/${id}` : `${DEMO_WEB_BASE}/${orgId}/${path}/${id}`;
}
