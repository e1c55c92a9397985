// The one window: locked down (isolation, sandbox, no node), remembered bounds, no navigation.
import { BrowserWindow, screen, shell, type Rectangle } from 'electron';
import Store from 'electron-store';
import { lockNavigation } from './navigation';

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

const store = new Store<WindowState>({ name: 'window-state' });

function visible(b: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) => b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y);
}

export function createMainWindow(opts: { preload: string; load: (win: BrowserWindow) => Promise<void> }): BrowserWindow {
  const saved = store.get('bounds');
  const win = new BrowserWindow({
    ...(saved && visible(saved) ? saved : { width: 1200, height: 800 }),
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Glue Desk',
    backgroundColor: '#00000000',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (store.get('maximized')) win.maximize();
  win.once('ready-to-show', () => win.show());

  const save = (): void => {
    store.set('maximized', win.isMaximized());
    if (!win.isMaximized() && !win.isMinimized()) store.set('bounds', win.getBounds());
  };
  win.on('resize', save);
  win.on('move', save);
  win.on('close', save);

  lockNavigation(win.webContents, (url) => shell.openExternal(url));
  void opts.load(win);
  return win;
}
