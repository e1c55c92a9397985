import type Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './migration';

export function schemaVersion(db: Database.Database): number {
  const v = db.pragma('user_version', { simple: true });
  return typeof v === 'number' ? v : 0;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/**
 * Runs every migration above the current user_version and up to `target`, each in its own
 * IMMEDIATE transaction together with its user_version bump, so a crash leaves the file at
 * exactly one version.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target = latestVersion(migrations)): number {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of ordered) {
    if (m.version <= schemaVersion(db) || m.version > target) continue;
    const step = db.transaction(() => {
      m.up(db);
      // PRAGMA cannot take a bound parameter; the version is an integer from our own code.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    });
    step.immediate();
  }
  return schemaVersion(db);
}
