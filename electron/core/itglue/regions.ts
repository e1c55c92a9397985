import { REGION_BASE_URLS, REGION_LABELS, REGIONS as REGION_IDS, type OfficialRegion, type Region as RegionId } from '../../../shared/regions';
import { err, ok, type Result } from '../../../shared/result';

export { REGION_IDS, type RegionId };

export interface Region {
  id: OfficialRegion;
  /** Shown in `glue` output: "United States (api.itglue.com)". */
  name: string;
  baseUrl: string;
}

export const REGIONS: readonly Region[] = (Object.entries(REGION_BASE_URLS) as [OfficialRegion, string][]).map(([id, baseUrl]) => ({
  id,
  name: `${REGION_LABELS[id]} (${new URL(baseUrl).host})`,
  baseUrl,
}));

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks a custom base URL (a proxy, the fake server). Plain http is allowed only on loopback
 * because the API key travels in a header on every request. Returns the URL without a trailing
 * slash so paths can be appended as-is.
 */
export function validateBaseUrl(input: string): Result<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return err('INVALID_INPUT', `"${input}" is not a URL. Enter something like https://api.itglue.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err('INVALID_INPUT', `The IT Glue address must start with https:// (got ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return err('INVALID_INPUT', 'Plain http:// is allowed only for this computer (localhost); use https:// so the API key is not sent in the clear.');
  }
  if (url.username || url.password) {
    return err('INVALID_INPUT', 'Do not put a user name or password in the IT Glue address; the API key is sent separately.');
  }
  if (url.search || url.hash) {
    return err('INVALID_INPUT', 'The IT Glue address must not contain ? or # parts.');
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/** The base URL for a region, or the validated custom URL when the region is 'custom'. */
export function resolveBaseUrl(region: RegionId, customUrl?: string): Result<string> {
  if (region === 'custom') {
    if (!customUrl) return err('INVALID_INPUT', 'Choose a region or enter the IT Glue address.');
    return validateBaseUrl(customUrl);
  }
  const found = REGIONS.find((r) => r.id === region);
  return found ? ok(found.baseUrl) : err('INVALID_INPUT', `Unknown region "${String(region)}"; choose US, EU or AU.`);
}

/** Which official region a base URL points at, or 'custom' (fake server, proxy). */
export function regionOf(baseUrl: string): RegionId {
  const normalized = baseUrl.replace(/\/+$/, '');
  return REGIONS.find((r) => r.baseUrl === normalized)?.id ?? 'custom';
}

export function regionName(region: RegionId): string {
  return REGIONS.find((r) => r.id === region)?.name ?? 'Custom address';
}
