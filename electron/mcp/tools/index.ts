import type { McpTool } from '../tool';
import { syncDataTool } from './sync-data';
import { searchTool } from './search';
import { queryTool } from './query';
import { findSimilarIssuesTool } from './find-similar-issues';
import { documentInfrastructureTool } from './document-infrastructure';
import { complianceCheckTool } from './compliance-check';
import { discoverAssetTypesTool } from './discover-asset-types';
import { findIpAddressTool } from './find-ip-address';
import { getConfigurationTool } from './get-configuration';
import { getDependenciesTool } from './get-dependencies';
import { getDocumentTool } from './get-document';
import { getOrganizationTool } from './get-organization';
import { getPasswordTool } from './get-password';
import { healthTool } from './health';
import { listExpirationsTool } from './list-expirations';
import { listPasswordsTool } from './list-passwords';
import { queryConfigurationsTool } from './query-configurations';
import { queryContactsTool } from './query-contacts';
import { queryDocumentsTool } from './query-documents';
import { queryFlexibleAssetsTool } from './query-flexible-assets';
import { queryLocationsTool } from './query-locations';
import { queryOrganizationsTool } from './query-organizations';

// Adding a tool: one file in this folder exporting defineTool(...), and one entry here.
export const TOOLS: readonly McpTool[] = [
  healthTool,
  queryTool,
  searchTool,
  queryOrganizationsTool,
  getOrganizationTool,
  queryConfigurationsTool,
  getConfigurationTool,
  findIpAddressTool,
  queryFlexibleAssetsTool,
  discoverAssetTypesTool,
  queryDocumentsTool,
  getDocumentTool,
  queryLocationsTool,
  queryContactsTool,
  getDependenciesTool,
  listExpirationsTool,
  listPasswordsTool,
  getPasswordTool,
  findSimilarIssuesTool,
  complianceCheckTool,
  documentInfrastructureTool,
  syncDataTool,
];
