// IT Glue's regions, declared once for core (itglue client, settings file), the IPC contract and
// the renderer's region picker.

export const REGIONS = ['us', 'eu', 'au', 'custom'] as const;
/** An official IT Glue region, or 'custom' (a proxy, the fake server) with its own base URL. */
export type Region = (typeof REGIONS)[number];
export type OfficialRegion = Exclude<Region, 'custom'>;

export const REGION_BASE_URLS: Record<OfficialRegion, string> = {
  us: 'https://api.itglue.com',
  eu: 'https://api.eu.itglue.com',
  au: 'https://api.au.itglue.com',
};

/** What pickers and messages call each region. */
export const REGION_LABELS: Record<Region, string> = { us: 'United States', eu: 'Europe', au: 'Australia', custom: 'Custom URL' };
