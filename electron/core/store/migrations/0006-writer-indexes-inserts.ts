import type { Migration } from '../migration';

// Rows enter `records` only through the store writer (writer.applyPage), which adds them to the
// FTS index and to record_counts itself, once per page. The two AFTER INSERT triggers that did
// the same for any writer were already off inside applyPage (fts_deferred), yet their mere
// presence cost every insert: a statement with triggers may write several rows, so SQLite opens
// a statement journal for it, checks the chunks foreign key as a parent, and gives FTS5 a
// savepoint that flushes its pending terms. Without them a first sync inserts ~10 % faster.
// The update and delete triggers stay: the sweep, and any other UPDATE or DELETE, rely on them.
const SQL = `
DROP TRIGGER records_fts_insert;
DROP TRIGGER record_counts_insert;
`;

export const writerIndexesInserts: Migration = {
  version: 6,
  name: 'writer-indexes-inserts',
  up(db) {
    db.exec(SQL);
  },
};
