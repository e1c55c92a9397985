import type { Migration } from '../migration';
import { initial } from './0001-initial';
import { vectors } from './0002-vectors';
import { chunkFloats } from './0003-chunk-floats';
import { recordCounts } from './0004-record-counts';
import { pageCounts } from './0005-page-counts';
import { writerIndexesInserts } from './0006-writer-indexes-inserts';
import { lookupIndexes } from './0007-lookup-indexes';
import { shortMacs } from './0008-short-macs';
import { accountCoverage } from './0009-account-coverage';
import { auditOutcome } from './0010-audit-outcome';
import { expiryIndexes } from './0012-expiry-indexes';
import { expirationPaging } from './0013-expiration-paging';
import { priorityOrgs } from './0014-priority-orgs';
import { onDemandDetails } from './0015-on-demand-details';
import { configurationUrls } from './0017-configuration-urls';
import { interfaceOwners } from './0018-interface-owners';
import { vectorLists } from './0019-vector-lists';
import { orgCodes } from './0020-org-codes';
import { hiddenFlags } from './0021-hidden-flags';
import { orgDirectory } from './0022-org-directory';

/** Every schema step in order; the store runs those above the file's user_version. */
export const MIGRATIONS: readonly Migration[] = [initial, vectors, chunkFloats, recordCounts, pageCounts, writerIndexesInserts, lookupIndexes, shortMacs, accountCoverage, auditOutcome, expiryIndexes, expirationPaging, priorityOrgs, onDemandDetails, configurationUrls, interfaceOwners, vectorLists, orgCodes, hiddenFlags, orgDirectory];
