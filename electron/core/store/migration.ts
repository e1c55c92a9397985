import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * One schema step. Files live in migrations/NNNN-slug.ts, each with a test beside it
 * (migrate to N-1, seed, migrate to N, assert). Migrations run inside one transaction each
 * and must never lose stored data.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
