import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fuzzyScore } from '../../../shared/fuzzy';
import type { QuickItem } from '../../../shared/ipc';
import { typeSingular } from '../lib/format';
import { useStores, useSwitcher, useVault } from '../context';
import { useCountdown } from './Passwords';

export type SwitcherCommand = 'sync' | 'settings' | 'claude' | 'ask' | 'browse';

const COMMANDS: { id: SwitcherCommand; label: string; hint: string }[] = [
  { id: 'sync', label: 'Sync now', hint: 'Fetch what changed in IT Glue' },
  { id: 'ask', label: 'Ask a question', hint: 'Go to the chat box' },
  { id: 'browse', label: 'Browse organizations', hint: 'The org browser' },
  { id: 'settings', label: 'Settings', hint: 'Preferences, password log, model' },
  { id: 'claude', label: 'Connect Claude Desktop', hint: 'Add Glue Desk to Claude Desktop' },
];

type Row = { kind: 'item'; item: QuickItem } | { kind: 'command'; command: (typeof COMMANDS)[number] };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

/**
 * Ctrl/⌘K: one box to jump anywhere. Typing searches organizations, records (name, hostname,
 * IP, serial) and password entries; nothing typed shows recent items and the commands.
 * ↑/↓ move, Enter opens, Ctrl/⌘+Enter copies the main value (IP, username, or the password
 * through the audited vault copy that clears itself), Esc closes.
 */
export function QuickSwitcher({ open, onOpenChange, onOpen, onCommand }: { open: boolean; onOpenChange: (open: boolean) => void; onOpen: (item: QuickItem) => void; onCommand: (c: SwitcherCommand) => void }) {
  const { switcher, vault } = useStores();
  const query = useSwitcher((s) => s.query);
  const items = useSwitcher((s) => s.items);
  const recent = useSwitcher((s) => s.recent);
  const error = useSwitcher((s) => s.error);
  const vaultError = useVault((s) => s.error);
  const copiedPw = useVault((s) => s.copied);
  const copyLeft = useCountdown(copiedPw?.until);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    switcher.getState().reset();
    setActive(0);
    setStatus(null);
  }, [open, switcher]);

  const rows: Row[] = useMemo(() => {
    const typed = query.trim();
    const commands = COMMANDS.filter((c) => !typed || fuzzyScore(typed, c.label) !== null).map((command): Row => ({ kind: 'command', command }));
    const found = (typed ? items : recent).map((item): Row => ({ kind: 'item', item }));
    // A command each of whose typed words starts a word of ("ask", "sync", "connect cla") leads.
    const typedWords = typed.toLowerCase().split(/\s+/).filter(Boolean);
    const leads = (r: Row) => {
      if (r.kind !== 'command' || typedWords.length === 0) return false;
      const words = r.command.label.toLowerCase().split(' ');
      return typedWords.every((t) => words.some((w) => w.startsWith(t)));
    };
    return [...commands.filter(leads), ...found, ...commands.filter((r) => !leads(r))];
  }, [query, items, recent]);

  useEffect(() => setActive(0), [items, query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function choose(row: Row) {
    onOpenChange(false);
    if (row.kind === 'command') onCommand(row.command.id);
    else {
      switcher.getState().remember(row.item);
      onOpen(row.item);
    }
  }

  async function copy(item: QuickItem, username: boolean) {
    switcher.getState().remember(item);
    if (item.type === 'passwords' && item.copy) {
      const field = username || item.copy.what === 'username' ? 'username' : 'password';
      await vault.getState().copy(item.id, field);
      if (!vault.getState().error) setStatus(`Copied the ${field} of ${item.name}`);
      return;
    }
    if (!item.copy?.value) {
      setStatus(`${item.name} has nothing to copy`);
      return;
    }
    try {
      await navigator.clipboard.writeText(item.copy.value);
      setStatus(`Copied ${item.copy.what} ${item.copy.value}`);
    } catch {
      setStatus('The browser refused clipboard access.');
    }
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    const row = rows[active];
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(rows.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && row) {
      e.preventDefault();
      if ((e.ctrlKey || e.metaKey) && row.kind === 'item') void copy(row.item, e.shiftKey);
      else choose(row);
    }
  }

  const passwordStatus = copiedPw && status?.startsWith('Copied the') ? `${status} · clears in ${copyLeft} s` : status;
  const typed = query.trim() !== '';
  // A group title where the kind of row changes (commands may lead or follow the results).
  const groupTitle = (i: number): string | null => {
    const row = rows[i];
    const prev = rows[i - 1];
    if (!row || (prev && prev.kind === row.kind)) return null;
    return row.kind === 'command' ? 'Commands' : typed ? 'Results' : 'Recent';
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog switcher" aria-describedby="switcher-help">
          <Dialog.Title className="sr-only">Quick switcher</Dialog.Title>
          <input
            className="switcher-input"
            role="combobox"
            aria-expanded="true"
            aria-controls="switcher-list"
            aria-activedescendant={rows[active] ? `sw-${active}` : undefined}
            aria-label="Go to an organization, record, password or command"
            placeholder="Organization, device, IP, serial, password, command…"
            value={query}
            autoFocus
            onChange={(e) => void switcher.getState().search(e.target.value)}
            onKeyDown={onKey}
          />
          <ul className="switcher-list" id="switcher-list" role="listbox" aria-label="Results" ref={list}>
            {rows.map((row, i) => (
              <SwitcherRow key={row.kind === 'item' ? `${row.item.type}-${row.item.id}` : `cmd-${row.command.id}`} row={row} index={i} active={i === active} group={groupTitle(i)} onPick={() => choose(row)} onHover={() => setActive(i)} />
            ))}
            {typed && items.length === 0 && !error && <li className="switcher-empty muted" role="presentation">No organization, record or password matches “{query.trim()}”.</li>}
          </ul>
          {(error || vaultError) && <div className="note note-error" role="alert">{(error ?? vaultError)?.message}</div>}
          <div className="switcher-foot muted" id="switcher-help" aria-live="polite">
            {passwordStatus ?? (
              <>
                <kbd>↑</kbd>
                <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>{MOD}</kbd>+<kbd>Enter</kbd> copy IP / password · <kbd>{MOD}</kbd>+<kbd>⇧</kbd>+<kbd>Enter</kbd> username · <kbd>Esc</kbd> close
              </>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function SwitcherRow({ row, index, active, group, onPick, onHover }: { row: Row; index: number; active: boolean; group: string | null; onPick: () => void; onHover: () => void }) {
  return (
    <>
      {group && <li className="switcher-group" role="presentation">{group}</li>}
      <li id={`sw-${index}`} role="option" aria-selected={active} className={`switcher-row${active ? ' is-active' : ''}`} onMouseDown={(e) => e.preventDefault()} onClick={onPick} onMouseMove={onHover}>
        {row.kind === 'command' ? (
          <>
            <span className="type-pill type-command">Command</span>
            <span className="switcher-name">{row.command.label}</span>
            <span className="muted switcher-detail">{row.command.hint}</span>
          </>
        ) : (
          <>
            <span className={`type-pill type-${row.item.type}`}>{row.item.type === 'organizations' ? 'Org' : typeSingular(row.item.type)}</span>
            <span className="switcher-name">
              {row.item.name}
              {row.item.archived && <span className="badge">Archived</span>}
            </span>
            <span className="muted switcher-detail">{[row.item.detail, row.item.org?.name].filter(Boolean).join(' · ')}</span>
          </>
        )}
      </li>
    </>
  );
}
