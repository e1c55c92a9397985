import { useCallback, useEffect, useRef, useState } from 'react';
import * as Tooltip from '@radix-ui/react-tooltip';
import type { Source } from '../../shared/domain';
import { useSettings, useStores } from './context';
import { Chat } from './components/Chat';
import { Spinner, ErrorNote } from './components/common';
import { FirstRun } from './components/FirstRun';
import { Header, type View } from './components/Header';
import { BROWSABLE_TYPES, OrgBrowser } from './components/OrgBrowser';
import { QuickSwitcher, type SwitcherCommand } from './components/QuickSwitcher';
import type { QuickItem } from '../../shared/ipc';
import { SettingsView } from './components/SettingsView';
import { LockGate } from './components/LockScreen';
import { SecurityBanner } from './components/SecurityBanner';

export function App() {
  const stores = useStores();
  const account = useSettings((s) => s.account);
  const settingsError = useSettings((s) => s.error);
  const [view, setView] = useState<View>('ask');
  // Latched when the account first loads, so FirstRun stays up through the first sync even
  // after connecting flips `configured` to true.
  const [firstRun, setFirstRun] = useState<boolean | null>(null);
  useEffect(() => {
    if (account && firstRun === null) setFirstRun(!account.configured);
  }, [account, firstRun]);
  const askInput = useRef<HTMLTextAreaElement>(null);
  const [switcherOpen, setSwitcherOpen] = useState(false);

  useEffect(() => {
    const offSync = stores.sync.getState().attach();
    const offSettings = stores.settings.getState().attach();
    void stores.sync.getState().load();
    void stores.settings.getState().load();
    const poll = setInterval(() => void stores.sync.getState().load(), 60_000);
    return () => {
      offSync();
      offSettings();
      clearInterval(poll);
    };
  }, [stores]);

  const focusSearch = useCallback(() => {
    setView('ask');
    requestAnimationFrame(() => askInput.current?.focus());
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSwitcherOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    const offShell = stores.shell?.onDidRequestFocusSearch(focusSearch);
    // Revealed values do not outlive the window being hidden.
    const onHide = () => document.visibilityState === 'hidden' && stores.vault.getState().maskAll();
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onHide);
      offShell?.();
    };
  }, [focusSearch, stores]);

  const openSource = useCallback(
    (s: Source) => {
      setView('browse');
      const org = stores.org.getState();
      // The list shows the record's own type, so the row is there to pick next.
      const showType = () => (BROWSABLE_TYPES.includes(s.type) && org.type !== s.type ? org.selectType(s.type) : Promise.resolve());
      if (s.org) void org.selectOrg(s.org.id).then(() => Promise.all([showType(), org.open(s.type, s.id)]));
      else void org.open(s.type, s.id);
    },
    [stores],
  );

  const openItem = (item: QuickItem) => {
    setView('browse');
    const org = stores.org.getState();
    if (item.type === 'organizations') void org.selectOrg(Number(item.id));
    else openSource({ type: item.type, id: item.id, org: item.org, name: item.name, url: '', snippet: '' });
  };

  const runCommand = (c: SwitcherCommand) => {
    if (c === 'sync') void stores.sync.getState().start(false);
    else if (c === 'ask') focusSearch();
    else if (c === 'browse') setView('browse');
    else {
      setView('settings');
      if (c === 'claude') {
        // The Claude card shows the change before it is written: take the user there.
        setTimeout(() => {
          const card = document.querySelector('[aria-labelledby="h-claude"]');
          card?.scrollIntoView({ block: 'center' });
          card?.querySelector<HTMLButtonElement>('button')?.focus();
        }, 50);
      }
    }
  };

  if (!account && settingsError) {
    return (
      <main className="center">
        <ErrorNote error={settingsError} onRetry={() => void stores.settings.getState().load()} />
      </main>
    );
  }
  if (!account) {
    return (
      <main className="center">
        <Spinner label="Opening Glue Desk…" />
      </main>
    );
  }
  if (firstRun || !account.configured) return <FirstRun onDone={() => setFirstRun(false)} />;

  return (
    <LockGate>
      <Tooltip.Provider delayDuration={400}>
        <div className="app">
          <Header view={view} onView={setView} onQuick={() => setSwitcherOpen(true)} />
          <SecurityBanner />
          {view === 'ask' && <Chat inputRef={askInput} onOpenSource={openSource} />}
          {view === 'browse' && <OrgBrowser />}
          {view === 'settings' && <SettingsView />}
          <QuickSwitcher open={switcherOpen} onOpenChange={setSwitcherOpen} onOpen={openItem} onCommand={runCommand} />
        </div>
      </Tooltip.Provider>
    </LockGate>
  );
}
