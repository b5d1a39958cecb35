// Where the window opens: the size, position and maximised state it had when it last showed this
// notebook (or, for a notebook never seen, any notebook), made safe for the screens there are now.
// Pure (no electron, no fs), so every case is unit-tested; window.ts reads and writes the file.
// Never opens a window where the analyst cannot reach it.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is saved in window-state.json: the window's normal (not maximised) bounds, and whether it was maximised. */
export const WindowState = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

/** How many notebooks keep a place of their own: the most recently placed; older ones fall back to the last place. */
export const MAX_NOTEBOOK_PLACES = 50;

/**
 * What window-state.json holds: the window's last place, whatever notebook it showed (the place
 * for a notebook never seen), and each notebook's own, most recent first. The first version held
 * one WindowState; it is read as the last place.
 */
export const WindowStates = z.object({
  version: z.literal(2),
  last: WindowState.optional(),
  notebooks: z.array(WindowState.extend({ notebook: z.string().min(1).max(4096) })).max(1000),
});
export type WindowStates = z.infer<typeof WindowStates>;

/** The file's content as WindowStates, whatever it held: the first version's single state, or nothing usable. */
export function readWindowStates(saved: unknown): WindowStates {
  const current = WindowStates.safeParse(saved);
  if (current.success) return current.data;
  const legacy = WindowState.safeParse(saved);
  return { version: 2, last: legacy.success ? legacy.data : undefined, notebooks: [] };
}

/** The saved place for this notebook: its own, else the window's last place (undefined: nothing saved, the default size). */
export function stateForNotebook(saved: unknown, notebookDir: string | null): WindowState | undefined {
  const states = readWindowStates(saved);
  const own = notebookDir === null ? undefined : states.notebooks.find((n) => n.notebook === notebookDir);
  if (own) {
    const { notebook: _notebook, ...state } = own;
    return state;
  }
  return states.last;
}

/** Only whether a notebook has a place of its own (a notebook opened in the window moves there; another stays put). */
export function hasOwnPlace(saved: unknown, notebookDir: string): boolean {
  return readWindowStates(saved).notebooks.some((n) => n.notebook === notebookDir);
}

/** The file's content after the window was at `state` showing this notebook: its place first, and the last place. */
export function withNotebookState(saved: unknown, notebookDir: string | null, state: WindowState): WindowStates {
  const states = readWindowStates(saved);
  const others = states.notebooks.filter((n) => n.notebook !== notebookDir);
  const notebooks = notebookDir === null ? others : [{ notebook: notebookDir, ...state }, ...others];
  return { version: 2, last: state, notebooks: notebooks.slice(0, MAX_NOTEBOOK_PLACES) };
}

/** The smallest window the three panes still fit in (the same as the window's minWidth/minHeight). */
export const MIN_SIZE = { width: 760, height: 480 } as const;

/**
 * How much of the window must lie on a screen for it to count as reachable: a strip of its top
 * edge wide enough to grab and drag (the title bar is about 30 px high on every platform).
 */
const GRAB = { width: 120, height: 30 } as const;

export interface Placement {
  /** Position and size; without x and y the system places the window (centred). */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

/** Distance from the point to the nearest point of the rectangle (0 inside it). */
function distance(px: number, py: number, r: Rect): number {
  const dx = Math.max(r.x - px, 0, px - (r.x + r.width));
  const dy = Math.max(r.y - py, 0, py - (r.y + r.height));
  return Math.hypot(dx, dy);
}

/** The window's title strip is on this screen, enough of it to grab. */
function grabbable(window: Rect, workArea: Rect): boolean {
  const strip = overlap({ x: window.x, y: window.y, width: window.width, height: GRAB.height }, workArea);
  return strip.width >= Math.min(GRAB.width, window.width) && strip.height >= GRAB.height;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/**
 * Where to open the window, from what was saved (anything: a damaged file gives the defaults),
 * the work areas of the displays there are now (screen minus taskbar/dock), and the default size.
 *
 * - Nothing usable saved, or no display known: the default size, placed by the system.
 * - A saved window whose title strip is on some screen opens where it was, no larger than that
 *   screen and no smaller than MIN_SIZE.
 * - A window that would open off every screen (a display unplugged, the resolution lowered) is
 *   moved onto the display nearest to where its centre was, keeping its size where it fits.
 * - The maximised state comes back on the display the window is placed on.
 */
export function restoreBounds(saved: unknown, displays: readonly Rect[], defaults: { width: number; height: number }): Placement {
  const parsed = WindowState.safeParse(saved);
  const fallback: Placement = { bounds: { width: Math.max(defaults.width, MIN_SIZE.width), height: Math.max(defaults.height, MIN_SIZE.height) }, maximized: false };
  if (!parsed.success || displays.length === 0) return fallback;
  const state = parsed.data;

  const reachable = displays.find((d) => grabbable(state, d));
  const cx = state.x + state.width / 2;
  const cy = state.y + state.height / 2;
  const display = reachable ?? [...displays].sort((a, b) => distance(cx, cy, a) - distance(cx, cy, b))[0]!;

  // Never smaller than the panes need, never larger than the screen it is on (unless the screen is smaller than the minimum).
  const width = clamp(state.width, MIN_SIZE.width, display.width);
  const height = clamp(state.height, MIN_SIZE.height, display.height);
  let { x, y } = state;
  if (!reachable || width !== state.width || height !== state.height) {
    // Keep it where it was as far as possible, wholly inside the display's work area.
    x = clamp(x, display.x, display.x + display.width - width);
    y = clamp(y, display.y, display.y + display.height - height);
  }
  return { bounds: { x, y, width, height }, maximized: state.maximized };
}
