// The native menu shows the page's own keys: for every command the menu and the page's command
// registry share, the menu's accelerator is the registry's key as Electron writes it, on every
// platform, so the two can never drift apart. The registry is the source (the page handles the keys).
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, menuTemplate, type MenuCommand } from '../../../electron/menu.js';
import { appCommands, type AppActions } from '../../../renderer/src/commands/app-commands.js';
import { onPlatform, shortcutIdentity, type Platform, type Shortcut } from '../../../renderer/src/commands/commands.js';
import type { MenuCommand as PageMenuCommand } from '../../../renderer/src/client.js';

/** The page's list of menu commands (client.ts) is the menu's: checked by the type checker. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const PAGE_KNOWS_EVERY_MENU_COMMAND: Same<MenuCommand, PageMenuCommand> = true;

/** The registry command each menu command runs in the page. Exhaustive: a new menu command must name its command here. */
const REGISTRY_ID: Record<MenuCommand, string> = {
  undo: 'edit.undo',
  redo: 'edit.redo',
  'new-notebook': 'notebook.new',
  'open-notebook': 'notebook.open',
  import: 'source.import-files',
  export: 'notebook.export',
  'notebook-settings': 'notebook.settings',
  'notebook-note': 'notebook.note',
  tags: 'notebook.tags',
  trash: 'edit.open-trash',
  search: 'notebook.search',
  commands: 'help.palette',
  shortcuts: 'help.shortcuts',
  theme: 'view.theme',
};

/** Every action, optional ones included, as a no-op: the registry as App.tsx builds it. */
const actions = new Proxy({}, { get: () => () => undefined }) as AppActions;
const registry = appCommands(actions);

const ELECTRON_KEYS: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Enter: 'Return', Escape: 'Escape', ' ': 'Space' };

/** A registry key written as an Electron accelerator: "CmdOrCtrl+Shift+Z", "Ctrl+Y", "F1", "CmdOrCtrl+,". */
function accelerator(s: Shortcut): string {
  const symbol = s.key.length === 1 && !/[a-z0-9]/i.test(s.key);
  const key = ELECTRON_KEYS[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key);
  return [s.mod && 'CmdOrCtrl', s.ctrl && 'Ctrl', s.alt && 'Alt', s.shift && !symbol && 'Shift', key].filter(Boolean).join('+');
}

/**
 * The key a menu item may show: the registry's first key on the platform that has a modifier or
 * is a function key. A plain key (?, /, N) is never a menu key: macOS would take it from every text field.
 */
function menuKey(shortcuts: readonly Shortcut[] | undefined, platform: Platform): string | undefined {
  const key = onPlatform(shortcuts, platform).find((s) => s.mod || s.ctrl || s.alt || /^F\d+$/.test(s.key));
  return key ? accelerator(key) : undefined;
}

/** Every menu item that sends a command to the page, with the command it sends. */
function pageItems(platform: NodeJS.Platform): { item: MenuItemConstructorOptions; command: MenuCommand }[] {
  const found: { item: MenuItemConstructorOptions; command: MenuCommand }[] = [];
  let last: MenuCommand | null = null;
  const template = menuTemplate(platform, (c) => (last = c), { appName: 'Corroborate', dev: true });
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (Array.isArray(item.submenu)) walk(item.submenu as MenuItemConstructorOptions[]);
      if (!item.click || item.role) continue;
      last = null;
      (item.click as () => void)();
      if (last) found.push({ item, command: last });
    }
  };
  walk(template);
  return found;
}

const PLATFORMS = [
  ['darwin', 'mac'],
  ['win32', 'other'],
  ['linux', 'other'],
] as const;

describe('menu accelerators and the command registry', () => {
  it('knows a registry command for every menu command, and the registry has it', () => {
    expect(PAGE_KNOWS_EVERY_MENU_COMMAND).toBe(true);
    expect(Object.keys(REGISTRY_ID).sort()).toEqual([...MENU_COMMANDS].sort());
    for (const id of Object.values(REGISTRY_ID)) expect(registry.map((c) => c.id), id).toContain(id);
  });

  it.each(PLATFORMS)('shows on each menu item exactly the key the page handles for it (%s)', (platform, keys) => {
    const items = pageItems(platform);
    expect(new Set(items.map((i) => i.command))).toEqual(new Set(MENU_COMMANDS));
    for (const { item, command } of items) {
      const command_ = registry.find((c) => c.id === REGISTRY_ID[command])!;
      expect(item.accelerator, `${platform}: ${String(item.label)} (${command_.id})`).toBe(menuKey(command_.shortcuts, keys));
    }
  });

  it('gives Toggle theme and Notebook settings keys no other command of the window has', () => {
    for (const platform of ['mac', 'other'] as const) {
      const owners = new Map<string, string[]>();
      for (const command of registry) {
        if (command.keysHandledElsewhere) continue;
        for (const s of command.shortcuts ?? []) {
          const identity = shortcutIdentity(s, platform);
          if (identity) owners.set(identity, [...(owners.get(identity) ?? []), command.id]);
        }
      }
      for (const id of ['view.theme', 'notebook.settings']) {
        for (const s of registry.find((c) => c.id === id)?.shortcuts ?? []) expect(owners.get(shortcutIdentity(s, platform)!), `${platform} ${id}`).toEqual([id]);
      }
    }
  });

  it('writes registry keys the way Electron reads accelerators', () => {
    expect(accelerator({ key: 'z', mod: true, shift: true })).toBe('CmdOrCtrl+Shift+Z');
    expect(accelerator({ key: 'y', ctrl: true })).toBe('Ctrl+Y');
    expect(accelerator({ key: ',', mod: true })).toBe('CmdOrCtrl+,');
    expect(accelerator({ key: 'ArrowDown', alt: true })).toBe('Alt+Down');
    expect(menuKey([{ key: '?' }], 'other')).toBeUndefined();
    expect(menuKey([{ key: '/' }, { key: 'k', mod: true }], 'mac')).toBe('CmdOrCtrl+K');
  });
});
