// App menu and tray. Ctrl/Cmd-K is a menu accelerator so it works wherever focus is.
import { Menu, Tray, nativeImage, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export interface ChromeActions {
  open(): void;
  syncNow(): void;
  focusSearch(): void;
  lockNow(): void;
  quit(): void;
}

export function installMenu(actions: ChromeActions): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Sync Now', accelerator: 'CmdOrCtrl+R', click: actions.syncNow },
        { label: 'Lock Glue Desk', accelerator: 'CmdOrCtrl+Shift+L', click: actions.lockNow },
        { type: 'separator' },
        isMac ? { role: 'close' } : { label: 'Quit', accelerator: 'Ctrl+Q', click: actions.quit },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Search', accelerator: 'CmdOrCtrl+K', click: actions.focusSearch },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

export function installTray(iconPath: string, actions: ChromeActions): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Glue Desk');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Glue Desk', click: actions.open },
      { label: 'Sync Now', click: actions.syncNow },
      { label: 'Lock Glue Desk', click: actions.lockNow },
      { type: 'separator' },
      { label: 'Quit', click: actions.quit },
    ]),
  );
  tray.on('click', actions.open);
  return tray;
}

export function reveal(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
