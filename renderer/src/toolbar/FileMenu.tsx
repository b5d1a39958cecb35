// The File menu: an ARIA menu button (WAI-ARIA APG "Menu Button" pattern). Arrow keys move,
// Enter/Space choose, Escape closes and gives focus back to the button. Its "Open recent" group
// lists the notebooks opened before (asked of the host each time the menu opens); Delete takes the
// focused one off the list. Never opens a notebook itself: the app does, through onOpen.
import './file-menu.css';
import { Fragment, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecentNotebook } from '../../../notebook/common/api.js';
import { client } from '../client.js';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** Shown but not chosen (aria-disabled, as the APG asks, so it can still be found). */
  disabled?: boolean;
}

/** Where the "Open recent" group goes among the items, and what choosing a notebook does. */
export interface RecentNotebooksEntry {
  recent: {
    /** The notebook open now: not listed (it is open already). */
    currentPath: string | null;
    onOpen: (path: string) => void;
  };
}

export type MenuEntry = MenuItem | RecentNotebooksEntry;

/** One chosen-able row of the menu, in the order the arrow keys move through them. */
interface Row {
  key: string;
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Shown under the label and read as the row's description: a notebook's folder. */
  description?: string;
  /** The recent notebook the Delete key takes off the list on this row. */
  forgetOnDelete?: string;
  /** Choosing it takes these notebooks off the list (instead of onSelect), leaving the menu open so the analyst sees the list change. */
  forgetOnSelect?: string[];
}

const isRecent = (entry: MenuEntry): entry is RecentNotebooksEntry => 'recent' in entry;

export function FileMenu({ items }: { items: readonly MenuEntry[] }) {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentNotebook[]>([]);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const buttonId = useId();
  const menuId = useId();
  const recentHeadingId = useId();
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const wantsRecent = items.some(isRecent);

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    items?.[focusOnOpen.current === 'first' ? 0 : items.length - 1]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    // Escape closes the menu even when the focus has left it (a click on its heading or a separator).
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || menuRef.current?.contains(document.activeElement)) return;
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  // Asked afresh each time the menu opens: another window may have opened a notebook, a folder may have gone.
  useEffect(() => {
    if (!open || !wantsRecent) return;
    let current = true;
    client.recentNotebooks({}).then(
      (list) => {
        if (current) setRecent(list);
      },
      () => {
        // Without the list the menu still works; the group is just not shown.
        if (current) setRecent([]);
      },
    );
    return () => {
      current = false;
    };
  }, [open, wantsRecent]);

  const show = (focus: 'first' | 'last') => {
    focusOnOpen.current = focus;
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  /** Where the focus goes once a forgotten row is gone (an index among the menu items then). */
  const focusAfterForget = useRef<number | null>(null);
  const forget = (paths: string[], focusIndex: number) => {
    void (async () => {
      let list = recent;
      for (const path of paths) list = await client.forgetRecentNotebook({ path }).catch(() => list);
      focusAfterForget.current = focusIndex;
      setRecent(list);
    })();
  };
  // In the same commit that removes the focused row, so the focus is never left on the page (where Escape would miss the menu).
  useLayoutEffect(() => {
    const index = focusAfterForget.current;
    focusAfterForget.current = null;
    if (index === null) return;
    const all = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    if (all?.length) all[Math.max(0, Math.min(index, all.length - 1))]?.focus();
  }, [recent]);

  // Every row in menu order (what the keys move through), and how the entries lay them out.
  const rows: Row[] = [];
  const layout: ({ kind: 'item'; row: Row } | { kind: 'recent'; rows: Row[]; forgetMissing: Row | null })[] = [];
  items.forEach((entry, i) => {
    if (!isRecent(entry)) {
      const row: Row = { key: `item-${i}-${entry.label}`, ...entry };
      rows.push(row);
      layout.push({ kind: 'item', row });
      return;
    }
    const shown = recent.filter((n) => n.path !== entry.recent.currentPath);
    const group = shown.map(
      (n): Row => ({
        key: `recent-${n.path}`,
        label: n.available ? n.name || n.path : `${n.name || n.path} (not found)`,
        description: n.path,
        disabled: !n.available,
        onSelect: () => entry.recent.onOpen(n.path),
        forgetOnDelete: n.path,
      }),
    );
    rows.push(...group);
    const missing = shown.filter((n) => !n.available).map((n) => n.path);
    const forgetMissing: Row | null = missing.length ? { key: 'forget-missing', label: 'Forget notebooks not found', onSelect: () => undefined, forgetOnSelect: missing } : null;
    if (forgetMissing) rows.push(forgetMissing);
    layout.push({ kind: 'recent', rows: group, forgetMissing });
  });
  const indexOf = new Map(rows.map((row, i) => [row.key, i]));

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show('last');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const all = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = all.indexOf(document.activeElement as HTMLElement);
    const row = index >= 0 ? rows[Number(all[index]!.dataset.row)] : undefined;
    const focus = (i: number) => all[(i + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focus(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focus(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focus(0);
        break;
      case 'End':
        event.preventDefault();
        focus(all.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (row) choose(row);
        break;
      case 'Delete':
      case 'Backspace':
        if (row?.forgetOnDelete) {
          event.preventDefault();
          forget([row.forgetOnDelete], index);
        }
        break;
    }
  };

  const choose = (row: Row) => {
    if (row.disabled) return;
    if (row.forgetOnSelect) {
      // The rows forgotten before it go, and so does it: the focus lands on the row after the group.
      forget(row.forgetOnSelect, (indexOf.get(row.key) ?? 0) - row.forgetOnSelect.length);
      return;
    }
    close(true);
    row.onSelect();
  };

  const renderRow = (row: Row) => {
    const descriptionId = `${menuId}-${indexOf.get(row.key)}-description`;
    return (
      <li
        key={row.key}
        role="menuitem"
        tabIndex={-1}
        className={row.description ? 'menu-item menu-item-recent' : 'menu-item'}
        data-row={indexOf.get(row.key)}
        aria-disabled={row.disabled || undefined}
        aria-describedby={row.description ? descriptionId : undefined}
        aria-keyshortcuts={row.forgetOnDelete ? 'Delete' : undefined}
        title={row.forgetOnDelete ? 'Delete takes it off this list (the folder is not touched)' : undefined}
        onClick={() => choose(row)}
      >
        {row.description ? (
          <>
            <span className="menu-item-label">{row.label}</span>
            {/* Read as the row's description, not as part of its name (aria-describedby reads hidden text). */}
            <span className="menu-item-description" id={descriptionId} aria-hidden="true">
              {row.description}
            </span>
          </>
        ) : (
          row.label
        )}
      </li>
    );
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="toolbar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : show('first'))}
        onKeyDown={onButtonKeyDown}
      >
        File
      </button>
      {open && (
        <ul ref={menuRef} id={menuId} role="menu" aria-labelledby={buttonId} className="menu" onKeyDown={onMenuKeyDown}>
          {layout.map((part, i) => {
            if (part.kind === 'item') return renderRow(part.row);
            if (!part.rows.length) return null;
            return (
              <Fragment key={`recent-${i}`}>
                <li role="separator" className="menu-separator" />
                <li role="none" className="menu-heading" id={recentHeadingId} aria-hidden="true">
                  Open recent
                </li>
                <li role="none">
                  <ul role="group" aria-labelledby={recentHeadingId} className="menu-group">
                    {part.rows.map(renderRow)}
                    {part.forgetMissing && renderRow(part.forgetMissing)}
                  </ul>
                </li>
                <li role="separator" className="menu-separator" />
              </Fragment>
            );
          })}
        </ul>
      )}
    </div>
  );
}
