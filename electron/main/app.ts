// Electron main: wires core's GlueApi to one window. Thin on purpose (it cannot run in CI);
// the logic worth testing lives in ipc.ts, trust.ts and clipboard-host.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, ipcMain, powerMonitor, session, systemPreferences, type Tray } from 'electron';
import type { CreateGlueApi } from '../core/app';
import { cancelSyncAndWait } from '../core/app/shutdown';
import { claimStopSignals, EXIT_CANCELLED } from '../core/lifecycle/stop-signals';
import { RENDERER_CSP } from '../../shared/ipc';
import { installMenu, installTray, reveal } from './chrome';
import { withSystemClipboard } from './clipboard-host';
import { spawnHelper } from './concealed-clipboard';
import { activityReporter, lockOnPowerEvents, touchIdUnlock } from './lock-door';
import { FOCUS_SEARCH_CHANNEL, forwardEvents, registerIpcHandlers } from './ipc';
import { isTrustedSenderUrl, type RendererOrigin } from './trust';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));

export async function startApp(createGlueApi: CreateGlueApi): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let win: BrowserWindow | null = null;
  let tray: Tray | null = null;
  app.on('second-instance', () => win && reveal(win));

  await app.whenReady();
  const origin: RendererOrigin = {
    indexFile: join(here, '../renderer/index.html'),
    devUrl: app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null),
  };
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  // Only plain-text clipboard writes (copying non-secret fields from source cards) are allowed.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

  const core = await createGlueApi({
    profileDir: app.getPath('userData'),
    door: 'app',
    osUnlock: touchIdUnlock(systemPreferences),
    ...(app.isPackaged && {
      resourcesPath: process.resourcesPath,
      // Claude Desktop starts the bundled CLI with this binary acting as Node.
      claude: { execPath: process.execPath, script: join(process.resourcesPath, 'app.asar', 'out', 'cli', 'glue.js'), electron: true },
    }),
  });
  const api = withSystemClipboard(core, clipboard, undefined, {
    platform: process.platform,
    run: spawnHelper,
    onFallback: (why) => console.warn(`Glue Desk: the copied value could not be marked concealed (${why}); it may show in clipboard history.`),
  });
  registerIpcHandlers(ipcMain, api, (url) => isTrustedSenderUrl(url, origin));
  lockOnPowerEvents(powerMonitor, api);
  const activity = activityReporter(api);

  const open = (): void => {
    if (win && !win.isDestroyed()) return reveal(win);
    win = createMainWindow({
      preload: join(here, '../preload/index.cjs'),
      load: (w) => (origin.devUrl ? w.loadURL(origin.devUrl) : w.loadFile(origin.indexFile)),
    });
    const target = win;
    target.webContents.on('before-input-event', activity);
    const off = forwardEvents(api, (channel, payload) => !target.isDestroyed() && target.webContents.send(channel, payload));
    target.on('closed', () => {
      off();
      win = null;
    });
  };
  const actions = {
    open,
    syncNow: () => void api.sync.start({ full: false }),
    focusSearch: () => {
      open();
      win?.webContents.send(FOCUS_SEARCH_CHANNEL);
    },
    lockNow: () => void api.lock.lock({ reason: 'manual' }),
    quit: () => app.quit(),
  };
  installMenu(actions);
  tray = installTray(app.isPackaged ? join(process.resourcesPath, 'resources', 'icon.png') : join(here, '../../resources/icon.png'), actions);
  app.on('before-quit', () => tray?.destroy());
  // Ctrl-C in the terminal that started the app, or `kill`: cancel a running sync (its fetched
  // pages are committed, its lock released) and exit 130, as `glue sync` does. Claimed so no
  // dependency's signal hook kills the process first (core/lifecycle/stop-signals.ts).
  const stop = claimStopSignals();
  stop.signal.addEventListener('abort', () => void cancelSyncAndWait(api).finally(() => app.exit(EXIT_CANCELLED)), { once: true });
  // Closing the window keeps the tray (and background sync) alive, except on quit.
  app.on('window-all-closed', () => undefined);
  app.on('activate', open);
  open();
}
