import { err, ok, type Result } from '../../../shared/result';
import { createItGlueClient, type CallOptions, type ItGlueClient } from './client';
import { ItGlueError, KeyRejectedError, NetworkError, NoPasswordAccessError, RegionMismatchError, toResultError } from './errors';
import { REGIONS, regionName, regionOf, validateBaseUrl, type RegionId } from './regions';
import { getPassword } from './resources';

export interface TenantProbe {
  organizations: number;
  /** 'unknown' when the tenant has no password to try. */
  passwordAccess: boolean | 'unknown';
  /** Documents (added January 2026) are missing on some tenants. */
  documents: boolean;
  flexibleAssets: boolean;
}

function isFeatureMissing(e: unknown): boolean {
  return e instanceof ItGlueError && (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT');
}

/**
 * What this key can see, in at most five requests: organizations (count from meta), the first
 * password's list entry and show (does a value come back?), the first organization's documents
 * (404 = no Documents on this tenant) and the flexible asset types.
 */
export async function probeTenant(client: ItGlueClient, opts: CallOptions = {}): Promise<Result<TenantProbe>> {
  try {
    const orgs = await client.get('/organizations', { 'page[size]': 1 }, opts);
    const orgList = Array.isArray(orgs.data) ? orgs.data : [];
    const total = orgs.meta['total-count'];
    const organizations = typeof total === 'number' ? total : orgList.length;

    let passwordAccess: boolean | 'unknown' = 'unknown';
    const pw = await client.get('/passwords', { 'page[size]': 1 }, opts);
    const firstPw = Array.isArray(pw.data) ? pw.data[0] : undefined;
    if (firstPw) {
      try {
        // The value is read only to learn whether it comes back; it is dropped at once.
        await getPassword(client, firstPw.id, opts);
        passwordAccess = true;
      } catch (e) {
        if (e instanceof NoPasswordAccessError) passwordAccess = false;
        else if (!isFeatureMissing(e)) throw e;
      }
    }

    let documents = false;
    const firstOrg = orgList[0];
    if (firstOrg) {
      try {
        await client.get(`/organizations/${encodeURIComponent(firstOrg.id)}/relationships/documents`, { 'page[size]': 1 }, opts);
        documents = true;
      } catch (e) {
        if (!isFeatureMissing(e)) throw e;
      }
    }

    let flexibleAssets = false;
    try {
      const types = await client.get('/flexible_asset_types', { 'page[size]': 1 }, opts);
      flexibleAssets = Array.isArray(types.data) && types.data.length > 0;
    } catch (e) {
      if (!isFeatureMissing(e)) throw e;
    }
    return ok({ organizations, passwordAccess, documents, flexibleAssets });
  } catch (e) {
    const r = toResultError(e);
    return err(r.code, r.message);
  }
}

export interface TestKeyOptions {
  /** Other base URLs to try when the key is rejected; default: the other official regions. */
  alternates?: string[];
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
}

export interface KeyCheck {
  baseUrl: string;
  region: RegionId;
  organizations: number;
}

/**
 * For the login screen: one request to see if the key works. When it is rejected, the other
 * regions are asked once each so "wrong region" can be told apart from "bad key".
 */
export async function testKey(baseUrl: string, apiKey: string, opts: TestKeyOptions = {}): Promise<Result<KeyCheck>> {
  const valid = validateBaseUrl(baseUrl);
  if (!valid.ok) return valid;
  if (apiKey.trim() === '') return err('INVALID_INPUT', 'Enter the API key from IT Glue > Account > API Keys.');
  const base = valid.value;
  const tryOnce = (url: string) =>
    createItGlueClient({ baseUrl: url, apiKey: apiKey.trim(), retries: 2, timeoutMs: opts.timeoutMs ?? 15_000, fetchImpl: opts.fetchImpl, backoffBaseMs: 200 }).get(
      '/organizations',
      { 'page[size]': 1 },
      { signal: opts.signal },
    );
  try {
    const doc = await tryOnce(base);
    const total = doc.meta['total-count'];
    return ok({ baseUrl: base, region: regionOf(base), organizations: typeof total === 'number' ? total : Array.isArray(doc.data) ? doc.data.length : 0 });
  } catch (e) {
    if (e instanceof KeyRejectedError) {
      const alternates = opts.alternates ?? (regionOf(base) === 'custom' ? [] : REGIONS.map((r) => r.baseUrl).filter((u) => u !== base));
      for (const alt of alternates) {
        try {
          await tryOnce(alt);
          const r = toResultError(new RegionMismatchError(regionName(regionOf(alt))));
          return err(r.code, r.message);
        } catch {
          // That region does not know the key either (or is unreachable): keep looking.
        }
      }
    }
    if (e instanceof NetworkError) {
      return err('NETWORK', `Could not reach ${base} (${e.reason}). Check the internet connection, a proxy, and that the region is right.`);
    }
    const r = toResultError(e);
    return err(r.code, r.message);
  }
}
