import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import * as Tabs from '@radix-ui/react-tabs';
import type { RecordType } from '../../../shared/domain';
import type { OrgSummary, PasswordMeta, RecordSummary } from '../../../shared/ipc';
import { fuzzyFilter } from '../../../shared/fuzzy';
import { typeLabel } from '../lib/format';
import { useOrg, useStores, useVault } from '../context';
import { Empty, ErrorNote, Spinner } from './common';
import { RecordDetailPane } from './RecordDetailPane';
import { VirtualList } from './VirtualList';

export const BROWSABLE_TYPES: readonly RecordType[] = ['configurations', 'passwords', 'flexible-assets', 'documents', 'checklists', 'contacts', 'locations', 'domains', 'ssl-certificates', 'attachments'];

/**
 * A filter box's keys: Enter chooses the first row, ArrowDown chooses it and moves into the
 * list (whose own arrows, Home/End and Enter take over).
 */
export function filterKeys<T>(items: readonly T[], choose: (item: T) => void, listId: string) {
  return (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' && e.key !== 'ArrowDown') return;
    const first = items[0];
    if (first === undefined) return;
    e.preventDefault();
    choose(first);
    if (e.key === 'ArrowDown') document.getElementById(listId)?.focus();
  };
}

/** Copy shortcut on a selected password row: Ctrl/⌘+C copies the password, Ctrl/⌘+Shift+C the username. */
const isCopyKey = (e: KeyboardEvent<HTMLElement>) => (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && !window.getSelection()?.toString();

export function OrgBrowser() {
  const { org } = useStores();
  const orgs = useOrg((s) => s.orgs);
  const orgId = useOrg((s) => s.orgId);
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (orgs.data.length === 0 && !orgs.loading && !orgs.error) void org.getState().loadOrgs();
  }, [org, orgs]);
  const shown = useMemo(() => fuzzyFilter(orgs.data, query, (o) => `${o.name} ${o.shortName ?? ''}`), [orgs.data, query]);
  const selected = orgs.data.find((o) => o.id === orgId) ?? null;
  const detail = useOrg((s) => s.detail);
  const detailOpen = detail.data !== null || detail.loading || detail.error !== null;
  // Which pane leads when the window is too narrow for three: the CSS stacks them by this.
  const level = detailOpen ? 'detail' : selected ? 'records' : 'orgs';

  // Esc closes the open record (not while a dialog or a filter box with text takes it).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target;
      if (t instanceof HTMLInputElement && t.value !== '') return;
      if (document.querySelector('[role="dialog"]')) return;
      if (org.getState().detail.data || org.getState().detail.error) {
        e.preventDefault();
        org.getState().close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [org]);

  return (
    <main className="browser" aria-label="Browse organizations" data-level={level}>
      <aside className="pane pane-orgs">
        <input
          className="search"
          type="search"
          aria-label="Filter organizations"
          placeholder="Filter organizations"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={filterKeys(shown, (o) => void org.getState().selectOrg(o.id), 'org-list')}
        />
        {orgs.loading && <Spinner label="Loading organizations…" />}
        {orgs.error && <ErrorNote error={orgs.error} onRetry={() => void org.getState().loadOrgs()} />}
        {!orgs.loading && !orgs.error && shown.length === 0 && <Empty title={query ? 'No organization matches' : 'No organizations yet'}>{query ? 'Try fewer letters.' : 'Run a sync to fill Glue Desk.'}</Empty>}
        {shown.length > 0 && (
          <VirtualList<OrgSummary>
            id="org-list"
            items={shown}
            rowHeight={52}
            label="Organizations"
            selectedIndex={shown.findIndex((o) => o.id === orgId)}
            itemKey={(o) => `org-${o.id}`}
            onSelect={(o) => void org.getState().selectOrg(o.id)}
            render={(o) => (
              <div className="org-row">
                <div className="org-name">
                  {o.name} {o.pinned && <span className="badge badge-ok">Pinned</span>}
                </div>
                <div className="muted org-meta">
                  {[o.typeName, o.counts.configurations ? `${o.counts.configurations} configs` : null, o.counts.passwords ? `${o.counts.passwords} passwords` : null].filter(Boolean).join(' · ')}
                </div>
              </div>
            )}
          />
        )}
      </aside>
      {selected ? (
        <OrgRecords org={selected} />
      ) : (
        <div className="pane pane-records">
          <Empty title="Pick an organization">Its configurations, passwords, documents and more show here.</Empty>
        </div>
      )}
      <section className="pane pane-detail" aria-label="Record detail">
        {detailOpen && (
          <button type="button" className="btn btn-small btn-quiet stack-back stack-back-records" onClick={() => org.getState().close()} aria-label="Close record (Esc)">
            ← {selected ? selected.name : 'Records'}
          </button>
        )}
        <RecordDetailPane />
      </section>
    </main>
  );
}

function OrgRecords({ org: current }: { org: OrgSummary }) {
  const { org } = useStores();
  const type = useOrg((s) => s.type);
  const types = BROWSABLE_TYPES.filter((t) => t === 'configurations' || (current.counts[t] ?? 0) > 0);
  return (
    <section className="pane pane-records" aria-label={`${current.name} records`}>
      <button type="button" className="btn btn-small btn-quiet stack-back stack-back-orgs" onClick={() => org.getState().leaveOrg()}>
        ← Organizations
      </button>
      <div className="pane-title-row">
        <h2 className="pane-title">{current.name}</h2>
        <PinButton org={current} />
      </div>
      <Tabs.Root value={type} onValueChange={(v) => { const t = BROWSABLE_TYPES.find((b) => b === v); if (t) void org.getState().selectType(t); }} className="tabs">
        <Tabs.List className="tab-list" aria-label="Record types">
          {types.map((t) => (
            <Tabs.Trigger key={t} value={t} className="tab">
              {typeLabel(t)} <span className="muted">{current.counts[t] ?? ''}</span>
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {types.map((t) => (
          <Tabs.Content key={t} value={t} className="tab-panel">
            {t === 'passwords' ? <PasswordRecords orgId={current.id} /> : <RecordList />}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </section>
  );
}

/** Pin toggle: a pinned organization's details come first while a sync runs (like `glue pin`). */
function PinButton({ org: current }: { org: OrgSummary }) {
  const { org } = useStores();
  const error = useOrg((s) => s.pinError);
  const pinned = current.pinned === true;
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-quiet pin-toggle"
        aria-pressed={pinned}
        aria-describedby="pin-hint"
        title={pinned ? 'Pinned: its details are fetched first while a sync runs. Click to unpin.' : "Fetch this organization's details first"}
        onClick={() => void org.getState().pin(current.id, !pinned)}
      >
        {pinned ? 'Pinned' : 'Pin'}
      </button>
      <span id="pin-hint" className="sr-only">
        Fetch this organization&apos;s details first while a sync runs
      </span>
      {error && <ErrorNote error={error} />}
    </>
  );
}

function RecordList() {
  const { org } = useStores();
  const records = useOrg((s) => s.records);
  const detailId = useOrg((s) => s.detail.data?.id);
  const q = useOrg((s) => s.recordQuery);
  // No debounce: each key asks at once (a keyed lookup in one org), and the store drops
  // answers that arrive after a newer one was asked.
  return (
    <>
      <input
        className="search"
        type="search"
        aria-label="Filter records"
        placeholder="Filter"
        value={q}
        onChange={(e) => void org.getState().searchRecords(e.target.value)}
        onKeyDown={filterKeys(records.data, (r) => void org.getState().open(r.type, r.id), 'record-list')}
      />
      {records.error && <ErrorNote error={records.error} onRetry={() => void org.getState().searchRecords(q)} />}
      {!records.loading && !records.error && records.data.length === 0 && <Empty title="Nothing here">No records of this type{q ? ' match' : ''}.</Empty>}
      {records.data.length > 0 && (
        <VirtualList<RecordSummary>
          id="record-list"
          items={records.data}
          rowHeight={52}
          label="Records"
          selectedIndex={records.data.findIndex((r) => r.id === detailId)}
          itemKey={(r) => `${r.type}-${r.id}`}
          onSelect={(r) => void org.getState().open(r.type, r.id)}
          onEndReached={() => void org.getState().loadMore()}
          render={(r) => (
            <div className="rec-row">
              <div className="rec-name">
                {r.name} {r.archived && <span className="badge">Archived</span>}
              </div>
              {r.subtitle && <div className="muted mono-ish">{r.subtitle}</div>}
            </div>
          )}
        />
      )}
      {records.loading && <Spinner label="Loading…" />}
    </>
  );
}

function PasswordRecords({ orgId }: { orgId: number }) {
  const { org, vault } = useStores();
  const items = useVault((s) => s.items);
  const loading = useVault((s) => s.loading);
  const error = useVault((s) => s.error);
  const detailId = useOrg((s) => s.detail.data?.id);
  const [q, setQ] = useState('');
  useEffect(() => {
    void vault.getState().load(orgId, q || undefined);
  }, [orgId, q, vault]);
  return (
    <>
      <input
        className="search"
        type="search"
        aria-label="Filter passwords"
        placeholder="Filter passwords"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={filterKeys(items, (p) => void org.getState().open('passwords', p.id), 'password-list')}
      />
      {error && <ErrorNote error={error} />}
      {!loading && !error && items.length === 0 && <Empty title="No passwords">{q ? 'None match.' : 'This organization has no passwords in Glue Desk.'}</Empty>}
      {items.length > 0 && (
        <VirtualList<PasswordMeta>
          id="password-list"
          items={items}
          onOtherKey={(e, p) => {
            if (!isCopyKey(e)) return;
            e.preventDefault();
            if (e.shiftKey) {
              if (p.username) void vault.getState().copy(p.id, 'username');
            } else if (p.hasValue) void vault.getState().copy(p.id, 'password');
          }}
          rowHeight={52}
          label="Passwords"
          selectedIndex={items.findIndex((p) => p.id === detailId)}
          itemKey={(p) => `pw-${p.id}`}
          onSelect={(p) => void org.getState().open('passwords', p.id)}
          render={(p) => (
            <div className="rec-row">
              <div className="rec-name">
                {p.name} {!p.hasValue && <span className="badge badge-warn">No value</span>}
              </div>
              <div className="muted">{[p.username, p.category, p.resource?.name].filter(Boolean).join(' · ')}</div>
            </div>
          )}
        />
      )}
      {loading && <Spinner label="Loading…" />}
    </>
  );
}
