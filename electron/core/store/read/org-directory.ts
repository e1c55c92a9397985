// The store's live organizations with their name-matching index, kept ready in the store
// (org_directory, migration 0022). Every question reads its org scope against every
// organization: at 3,000+ of them a cold `glue ask` spent ~50 ms listing them and normalising
// their names in not-yet-optimised JavaScript. Parsed back with JSON.parse (native code), the
// same list and index take ~10 ms (a 0.55 MB blob at 3,000 organizations).
//
// Triggers bump org_directory.generation on any change to what the list holds; the sync writes
// the directory after its listings, stamped with the generation it read. A reader takes it only
// when both the generation and DIRECTORY_VERSION match, and otherwise lists and normalises the
// organizations itself: a stale directory costs time, never a wrong or missing organization.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { OrgCandidate } from '../../../../shared/domain';
import { adoptOrgIndex, orgIndexJson } from '../../identifiers/org-name-index';
import { LIVE_ORGS } from './organizations';

/** Bump with any change to normaliseName or to the index's shape: directories of another version are ignored until the next sync rewrites them. */
export const DIRECTORY_VERSION = 1;

/** The live organizations, ordered as pickers show them. */
export function liveOrgs(db: Database.Database): OrgCandidate[] {
  return db.prepare<[], OrgCandidate>(`SELECT o.id, o.name, o.short_name AS shortName ${LIVE_ORGS}`).all();
}

/** Frozen, entries too: name matching trusts its index of a frozen list without re-checking every name on each question (answers/org-match.ts). */
const frozen = (orgs: OrgCandidate[]): readonly OrgCandidate[] => Object.freeze(orgs.map((o) => Object.freeze(o)));

/** The live organizations, from the directory when it is current, else listed now. */
export function readOrgs(db: Database.Database): readonly OrgCandidate[] {
  return readOrgDirectory(db) ?? frozen(liveOrgs(db));
}

/** The directory's list, its index taken by name matching; null when it is stale, of another version or unreadable. */
export function readOrgDirectory(db: Database.Database): readonly OrgCandidate[] | null {
  const row = db
    .prepare<[number], { blob: string }>('SELECT blob FROM org_directory WHERE id = 1 AND built_generation = generation AND version = ? AND blob IS NOT NULL')
    .get(DIRECTORY_VERSION);
  if (!row) return null;
  let parsed: { orgs?: unknown; index?: unknown };
  try {
    parsed = JSON.parse(row.blob) as typeof parsed;
  } catch {
    return null;
  }
  if (!Array.isArray(parsed.orgs)) return null;
  const orgs = frozen(parsed.orgs as OrgCandidate[]);
  return adoptOrgIndex(orgs, parsed.index) ? orgs : null;
}

/**
 * Writes the directory from the organizations as stored now, unless it is current (one
 * transaction, so the generation it is stamped with is the one it read). True when written.
 */
export function writeOrgDirectory(db: Database.Database): boolean {
  return db.transaction(() => {
    const state = db.prepare<[], { generation: number; built: number | null; version: number | null }>('SELECT generation, built_generation AS built, version FROM org_directory WHERE id = 1').get();
    if (!state || (state.built === state.generation && state.version === DIRECTORY_VERSION)) return false;
    const { generation } = state;
    const orgs = liveOrgs(db);
    const blob = `{"orgs":${JSON.stringify(orgs)},"index":${orgIndexJson(orgs)}}`;
    db.prepare('UPDATE org_directory SET built_generation = ?, version = ?, blob = ? WHERE id = 1').run(generation, DIRECTORY_VERSION, blob);
    return true;
  })();
}
