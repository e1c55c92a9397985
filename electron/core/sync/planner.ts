import type { RecordType } from '../../../shared/domain';
import type { ItGlueClient, Query } from '../itglue/client';
import type { TenantProbe } from '../itglue/probe';
import {
  listConfigurations,
  listContacts,
  listDomains,
  listFlexibleAssetFields,
  listFlexibleAssetTypes,
  listFlexibleAssets,
  listLocations,
  listOrganizations,
  listPasswords,
  type PageStream,
  type ResourceListOptions,
} from '../itglue/resources';

/** One paged listing with its own checkpoint (resource + scope in sync_state). */
export interface ListingUnit {
  resource: RecordType;
  scope: string;
  orgId: number | null;
  /** Records that arrive as `included` on this listing's pages (interfaces on configurations). */
  includedType?: RecordType;
  open(client: ItGlueClient, opts: ResourceListOptions): PageStream;
  /** The same listing for the id sweep (sparse fieldsets). */
  idsPath: string;
  idsQuery: Query;
}

/** Work after the listings: one show request per record (or one listing per document). */
export type DetailKind = 'password-values' | 'configuration-related' | 'flexible-asset-related' | 'document-sections';

export interface DetailUnit {
  kind: DetailKind;
  /** Records walked (by numeric id). */
  parentType: RecordType;
  resultType: RecordType | null;
}

export interface Capabilities {
  passwordAccess: boolean | 'unknown';
  documents: boolean;
}

export const capabilitiesOf = (p: TenantProbe): Capabilities => ({ passwordAccess: p.passwordAccess, documents: p.documents });

/** Stage 1: tenant-wide listings with no dependencies. */
export function tenantListings(): ListingUnit[] {
  const star = (resource: RecordType, path: string, open: ListingUnit['open'], extra: Partial<ListingUnit> = {}): ListingUnit => ({
    resource,
    scope: '*',
    orgId: null,
    open,
    idsPath: path,
    idsQuery: {},
    ...extra,
  });
  return [
    star('organizations', '/organizations', (c, o) => listOrganizations(c, o)),
    star('configurations', '/configurations', (c, o) => listConfigurations(c, { ...o, includeInterfaces: true }), { includedType: 'configuration-interfaces' }),
    star('passwords', '/passwords', (c, o) => listPasswords(c, o)),
    star('flexible-asset-types', '/flexible_asset_types', (c, o) => listFlexibleAssetTypes(c, o)),
    star('contacts', '/contacts', (c, o) => listContacts(c, o)),
    star('locations', '/locations', (c, o) => listLocations(c, o)),
    star('domains', '/domains', (c, o) => listDomains(c, o)),
  ];
}

/** Stage 2: each flexible asset type's fields (the assets' traits are mapped with them). */
export function fieldListings(typeIds: readonly string[]): ListingUnit[] {
  return typeIds.map((t) => ({
    resource: 'flexible-asset-fields',
    scope: t,
    orgId: null,
    open: (c, o) => listFlexibleAssetFields(c, t, o),
    idsPath: `/flexible_asset_types/${encodeURIComponent(t)}/relationships/flexible_asset_fields`,
    idsQuery: {},
  }));
}

/** Stage 3: flexible assets per type (IT Glue requires the type filter). */
export function flexibleAssetListings(typeIds: readonly string[]): ListingUnit[] {
  return typeIds.map((t) => ({
    resource: 'flexible-assets',
    scope: t,
    orgId: null,
    open: (c, o) => listFlexibleAssets(c, t, o),
    idsPath: '/flexible_assets',
    idsQuery: { 'filter[flexible-asset-type-id]': t },
  }));
}

/** Stage 4: per-record work. Password values only with Password Access; sections only with Documents. */
export function detailUnits(caps: Capabilities): DetailUnit[] {
  const units: DetailUnit[] = [];
  if (caps.passwordAccess === true) units.push({ kind: 'password-values', parentType: 'passwords', resultType: null });
  units.push({ kind: 'configuration-related', parentType: 'configurations', resultType: null });
  units.push({ kind: 'flexible-asset-related', parentType: 'flexible-assets', resultType: null });
  if (caps.documents) units.push({ kind: 'document-sections', parentType: 'documents', resultType: 'document-sections' });
  return units;
}
