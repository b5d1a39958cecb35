// The application menu as data: a pure builder that main.ts hands to Menu.buildFromTemplate.
// Only a type import from electron (erased when compiled), so the template is testable in plain Node.
import type { MenuItemConstructorOptions } from 'electron';

/** What a menu item asks the page to do; sent on the 'corroborate:menu' channel, received through window.corroborate.onMenu. */
export const MENU_COMMANDS = ['undo', 'redo', 'new-notebook', 'open-notebook', 'import', 'export', 'notebook-settings', 'notebook-note', 'tags', 'trash', 'search', 'commands', 'shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export interface MenuOptions {
  appName: string;
  /** An unpackaged (development) run: adds Reload and the developer tools. */
  dev: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The menu for a platform. Import… asks the page to show its file chooser. Undo and Redo are the notebook's (the page decides, and uses the
 * text field's own undo when one has focus), so they go to the page rather than to the
 * 'undo' role. The page already handles their keys itself, as it must in a browser too, so their
 * accelerators are shown but not registered (Windows, Linux) and a key press never acts twice.
 */
export function menuTemplate(platform: NodeJS.Platform, send: (command: MenuCommand) => void, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New notebook…', accelerator: 'CmdOrCtrl+Shift+N', click: () => send('new-notebook') },
        { label: 'Open notebook…', accelerator: 'CmdOrCtrl+O', click: () => send('open-notebook') },
        separator,
        // The page handles Ctrl/Cmd+I itself: a key press there counts as the analyst's gesture,
        // which Chromium wants before it shows a file chooser; a message from here does not.
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', registerAccelerator: false, click: () => send('import') },
        { label: 'Export…', click: () => send('export') },
        separator,
        { label: 'Notebook settings…', click: () => send('notebook-settings') },
        { label: 'Notebook note…', click: () => send('notebook-note') },
        { label: 'Tags…', click: () => send('tags') },
        { label: 'Trash…', click: () => send('trash') },
        separator,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false, click: () => send('redo') },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        separator,
        // The page's own keys, like Undo's: shown here, handled there.
        { label: 'Search…', accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: () => send('search') },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(options.dev ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator] satisfies MenuItemConstructorOptions[] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    // macOS has About in the app menu and adds its own search field to Help.
    {
      role: 'help',
      submenu: [
        { label: 'Commands…', accelerator: 'CmdOrCtrl+Shift+P', registerAccelerator: false, click: () => send('commands') },
        { label: 'Keyboard shortcuts', click: () => send('shortcuts') },
        ...(mac ? [] : [separator, { role: 'about', label: `About ${options.appName}` }] satisfies MenuItemConstructorOptions[]),
      ],
    },
  );
  return template;
}
