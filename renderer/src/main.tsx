import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StoresContext, type Stores } from './context';
import { createAskStore } from './stores/ask';
import { createLockStore } from './stores/lock';
import { realTimers, type RendererClipboard } from './stores/deps';
import { createOrgStore } from './stores/org';
import { createSettingsStore } from './stores/settings';
import { createSwitcherStore } from './stores/switcher';
import { createSyncStore } from './stores/sync';
import { createVaultStore } from './stores/vault';
import { connectHost } from './transport';
import './styles.css';

const clipboard: RendererClipboard = {
  write: (text) => navigator.clipboard.writeText(text),
  read: () => navigator.clipboard.readText(),
};

const root = createRoot(document.getElementById('root') ?? document.body);
const host = connectHost();
if ('error' in host) {
  root.render(
    <main className="center">
      <div className="note note-error" role="alert">
        {host.error}
      </div>
    </main>,
  );
} else {
  const deps = { api: host.api, clipboard, timers: realTimers, storage: window.localStorage };
  const stores: Stores = {
    sync: createSyncStore(deps),
    ask: createAskStore(deps),
    org: createOrgStore(deps),
    vault: createVaultStore(deps),
    settings: createSettingsStore(deps),
    switcher: createSwitcherStore(deps),
    lock: createLockStore(deps),
    shell: host.shell,
    hostKind: host.kind,
  };
  root.render(
    <StrictMode>
      <StoresContext.Provider value={stores}>
        <App />
      </StoresContext.Provider>
    </StrictMode>,
  );
}
