import type { RecordType } from '../../../../shared/domain';
import { mapConfigurationInterface } from './configuration-interfaces';
import { mapConfiguration } from './configurations';
import { mapContact } from './contacts';
import { mapDocumentSection } from './document-sections';
import { mapDocument } from './documents';
import { mapDomain } from './domains';
import { mapFlexibleAssetField } from './flexible-asset-fields';
import { mapFlexibleAssetType } from './flexible-asset-types';
import { mapFlexibleAsset } from './flexible-assets';
import { mapLocation } from './locations';
import { mapOrganization } from './organizations';
import { mapPassword } from './passwords';
import { mapAttachment } from './attachments';
import { mapChecklistTask } from './checklist-tasks';
import { mapChecklist } from './checklists';
import { mapDocumentFolder } from './document-folders';
import { mapExpiration } from './expirations';
import { mapSslCertificate } from './ssl-certificates';
import type { Mapper, TypedTable } from './types';

export const MAPPERS: Record<RecordType, Mapper> = {
  organizations: mapOrganization,
  configurations: mapConfiguration,
  'configuration-interfaces': mapConfigurationInterface,
  passwords: mapPassword,
  'flexible-asset-types': mapFlexibleAssetType,
  'flexible-asset-fields': mapFlexibleAssetField,
  'flexible-assets': mapFlexibleAsset,
  documents: mapDocument,
  'document-sections': mapDocumentSection,
  contacts: mapContact,
  locations: mapLocation,
  domains: mapDomain,
  'document-folders': mapDocumentFolder,
  checklists: mapChecklist,
  'checklist-tasks': mapChecklistTask,
  'ssl-certificates': mapSslCertificate,
  expirations: mapExpiration,
  attachments: mapAttachment,
};

export const TYPED_TABLE_OF: Record<RecordType, TypedTable> = {
  organizations: 'organizations',
  configurations: 'configurations',
  'configuration-interfaces': 'interfaces',
  passwords: 'passwords',
  'flexible-asset-types': 'flexible_asset_types',
  'flexible-asset-fields': 'flexible_asset_fields',
  'flexible-assets': 'flexible_assets',
  documents: 'documents',
  'document-sections': 'document_sections',
  contacts: 'contacts',
  locations: 'locations',
  domains: 'domains',
  'document-folders': 'document_folders',
  checklists: 'checklists',
  'checklist-tasks': 'checklist_tasks',
  'ssl-certificates': 'ssl_certificates',
  expirations: 'expirations',
  attachments: 'attachments',
};

export { recordTypeFromName } from './common';
export * from './types';
