// org.*: the organization list with counts, one type's records inside an org (keyset-paged),
// and the detail pane of any record with its related items one hop up and down.
import type { DocumentSection, OrgApi, RecordDetail, RecordSummary, SectionKind } from '../../../shared/ipc';
import { err, ok } from '../../../shared/result';
import { findOrgs } from '../answers/org-resolve';
import { noteOrgInterest, pinnedOrgIds, setOrgPinned, StoreError, type RecordSummary as StoredSummary, type RelatedItem, type StoreReader } from '../store/index';
import type { AppContext } from './context';
import { labelledFields, sizeText, subtitleOf } from '../store/read/fields';
import { toUiPassword } from './passwords';
import { rankSwitcher } from './quick-find';
import type { OnDemandDetails } from './details-on-demand';

function toSummary(r: StoredSummary): RecordSummary {
  return {
    type: r.type,
    id: r.id,
    name: r.name,
    org: r.orgId !== null && r.orgName !== null ? { id: r.orgId, name: r.orgName } : null,
    subtitle: subtitleOf(r.type, r.attrs),
    archived: r.archived,
  };
}

/** Stored related items, each once per direction: 'up' what it depends on, 'down' what depends on it. */
function relatedOf(items: readonly RelatedItem[]): RecordDetail['related'] {
  const up: RecordSummary[] = [];
  const down: RecordSummary[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.direction}:${item.type}:${item.id}`;
    if (!item.record || seen.has(key) || seen.size >= 400) continue;
    seen.add(key);
    (item.direction === 'up' ? up : down).push(toSummary(item.record));
  }
  return { up, down };
}

const SECTION_KINDS: Record<string, SectionKind> = { text: 'text', heading: 'heading', gallery: 'gallery', step: 'step' };

function sectionsOf(reader: StoreReader, id: string): DocumentSection[] | undefined {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) return undefined;
  const doc = reader.documentWithSections(n);
  if (!doc) return undefined;
  return doc.sections.map((s) => {
    const kind = (s.kind ?? 'text').toLowerCase().replace(/^document::/, '').replace(/s$/, '');
    return { id: String(s.id), kind: SECTION_KINDS[kind] ?? 'text', content: s.text, html: s.html };
  });
}

export function createOrgApi(ctx: AppContext, details: Pick<OnDemandDetails, 'ensure'>): OrgApi {
  return {
    list: async ({ query }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const all = ctx.memo.get('organizations', opened.value.store.db, () => opened.value.reader.listOrganizations());
      // Read fresh: a pin (here or by `glue pin`) must show at once, whatever the memo holds.
      const pinned = pinnedOrgIds(opened.value.store.db);
      return ok(findOrgs(query ?? '', all).map((o) => ({ id: o.id, name: o.name, shortName: o.shortName, typeName: o.typeName, counts: o.counts, pinned: pinned.has(o.id) })));
    },

    pin: async ({ orgId, pinned }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      if (opened.value.reader.orgName(orgId) === null) return err('NOT_FOUND', 'That organization is not in the local copy; sync again if it was added recently.');
      if (!setOrgPinned(opened.value.store.db, orgId, pinned)) return err('STORE_LOCKED', 'The store is busy (a sync may be writing); try again in a moment.');
      return ok({ orgId, pinned });
    },

    records: async ({ orgId, type, query, cursor, limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      // The technician opened this org: a running sync fetches its pending details first.
      if (typeof orgId === 'number' && orgId > 0) noteOrgInterest(opened.value.store.db, orgId, 'opened');
      try {
        const page = opened.value.reader.listRecords({ type, orgId, phrase: query, includeArchived: true, cursor, limit: limit ?? 100 });
        return ok({ items: page.items.map(toSummary), nextCursor: page.nextCursor });
      } catch (e) {
        if (e instanceof StoreError && e.code === 'INVALID_INPUT') return err('INVALID_INPUT', 'That page cursor is not valid; reload the list to start from the first page.');
        throw e;
      }
    },

    quick: async ({ query, limit }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      // Built once per store version (a sync moves it), then ranked in memory on every key.
      const entries = ctx.memo.get('switcher', opened.value.store.db, () => opened.value.reader.switcherEntries());
      return ok(rankSwitcher(entries, query, limit ?? 20));
    },

    detail: async ({ type, id }) => {
      const opened = await ctx.open();
      if (!opened.ok) return opened;
      const { reader, store } = opened.value;
      const record = reader.getRecord(type, id);
      if (!record || record.deletedAt !== null) return err('NOT_FOUND', `This ${type.replace(/-/g, ' ').replace(/s$/, '')} is no longer in the local copy; it may have been deleted in IT Glue. Sync again to refresh.`);
      const orgName = record.orgId !== null ? reader.orgName(record.orgId) : null;
      if (record.orgId !== null && record.orgId > 0) noteOrgInterest(store.db, record.orgId, 'opened');
      // Details the sync has not reached yet are fetched now (one request), or the pane says why not.
      const detailsNote = await details.ensure(store, type, id);
      const detail: RecordDetail = {
        type,
        id,
        name: record.name,
        org: record.orgId !== null && orgName !== null ? { id: record.orgId, name: orgName } : null,
        url: record.url ?? '',
        archived: record.archived,
        fields: labelledFields(store.db, { type, id, attrs: record.attrs }),
        related: relatedOf(reader.related(type, id)),
        passwords: reader.passwordsOf(type, id).map(toUiPassword),
        ...(detailsNote !== null ? { detailsNote } : {}),
      };
      if (type === 'configurations') detail.interfaces = reader.interfaces(Number(id)).map((i) => ({ name: i.name ?? 'Interface', ip: i.ip, mac: i.mac, primary: i.isPrimary, notes: null }));
      if (type === 'documents') {
        detail.sections = sectionsOf(reader, id);
        const folder = Number.isSafeInteger(Number(id)) ? reader.documentFolderPath(Number(id)) : null;
        if (folder) detail.fields.unshift({ label: 'Folder', value: folder, kind: 'text' });
      }
      if (type === 'checklists') {
        const checklist = Number.isSafeInteger(Number(id)) ? reader.checklistWithTasks(Number(id)) : null;
        // Tasks read as a list in the pane: [x] done, [ ] open.
        if (checklist && checklist.tasks.length > 0) {
          const done = checklist.tasks.filter((t) => t.completed).length;
          const lines = checklist.tasks.map((t) => `[${t.completed ? 'x' : ' '}] ${t.name}${t.assignee ? ` (${t.assignee})` : ''}`);
          detail.fields.unshift({ label: `Tasks (${done} of ${checklist.tasks.length} done)`, value: lines.join('\n'), kind: 'multiline' });
        }
      }
      const attachments = reader.attachmentsOf(type, id);
      if (attachments.length > 0) {
        const lines = attachments.map((a) => [a.name, a.size !== null ? sizeText(a.size) : null, a.createdBy, a.createdAt?.slice(0, 10) ?? null].filter(Boolean).join(' · '));
        detail.fields.push({ label: `Attachments (${attachments.length})`, value: lines.join('\n'), kind: 'multiline' });
      }
      return ok(detail);
    },
  };
}
