import { useCallback, useEffect, useRef, useState } from 'react';
import * as Tooltip from '@radix-ui/react-tooltip';
import type { Source } from '../../shared/domain';
import { useSettings, useStores } from './context';
import { Chat } from './components/Chat';
import { Spinner, ErrorNote } from './components/common';
import { FirstRun } from './components/FirstRun';
import { Header, type View } from './components/Header';
import { OrgBrowser } from './components/OrgBrowser';
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
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        focusSearch();
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
      if (s.org) void org.selectOrg(s.org.id).then(() => org.open(s.type, s.id));
      else void org.open(s.type, s.id);
    },
    [stores],
  );

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
          <Header view={view} onView={setView} />
          <SecurityBanner />
          {view === 'ask' && <Chat inputRef={askInput} onOpenSource={openSource} />}
          {view === 'browse' && <OrgBrowser />}
          {view === 'settings' && <SettingsView />}
        </div>
      </Tooltip.Provider>
    </LockGate>
  );
}
