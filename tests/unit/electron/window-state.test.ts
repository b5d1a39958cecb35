// Where the window reopens: as it was, unless that would be off every screen, damaged or too small.
import { describe, expect, it } from 'vitest';
import { hasOwnPlace, MAX_NOTEBOOK_PLACES, MIN_SIZE, readWindowStates, restoreBounds, stateForNotebook, withNotebookState, type Rect } from '../../../electron/window-state.js';

const DEFAULTS = { width: 1280, height: 820 };
/** A laptop screen with a 40 px taskbar, and a larger monitor to its right. */
const LAPTOP: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const MONITOR: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('reopens the window where it was, at the size it had', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 1400, height: 900, maximized: false }, [LAPTOP], DEFAULTS)).toEqual({
      bounds: { x: 100, y: 80, width: 1400, height: 900 },
      maximized: false,
    });
  });

  it('reopens on the second display when it was there', () => {
    expect(restoreBounds({ x: 2100, y: 50, width: 2000, height: 1200, maximized: false }, [LAPTOP, MONITOR], DEFAULTS).bounds).toEqual({ x: 2100, y: 50, width: 2000, height: 1200 });
  });

  it('brings back a window from a display that was removed, onto the nearest one, keeping its size', () => {
    const placed = restoreBounds({ x: 2100, y: 50, width: 1500, height: 900, maximized: false }, [LAPTOP], DEFAULTS);
    expect(placed.bounds).toEqual({ x: 1920 - 1500, y: 50, width: 1500, height: 900 });
  });

  it('shrinks a window larger than the display it lands on to fit it', () => {
    const placed = restoreBounds({ x: 2000, y: 0, width: 2400, height: 1350, maximized: false }, [LAPTOP], DEFAULTS);
    expect(placed.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('moves a window whose title bar is off screen (above the top, far left) back onto it', () => {
    expect(restoreBounds({ x: 200, y: -500, width: 1000, height: 700, maximized: false }, [LAPTOP], DEFAULTS).bounds).toEqual({ x: 200, y: 0, width: 1000, height: 700 });
    expect(restoreBounds({ x: -980, y: 300, width: 1000, height: 700, maximized: false }, [LAPTOP], DEFAULTS).bounds).toEqual({ x: 0, y: 300, width: 1000, height: 700 });
  });

  it('leaves a window hanging partly off screen where it is, when its title bar can still be grabbed', () => {
    expect(restoreBounds({ x: 1500, y: 600, width: 1000, height: 700, maximized: false }, [LAPTOP], DEFAULTS).bounds).toEqual({ x: 1500, y: 600, width: 1000, height: 700 });
  });

  it('never opens smaller than the panes need', () => {
    expect(restoreBounds({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [LAPTOP], DEFAULTS).bounds).toEqual({ x: 10, y: 10, width: MIN_SIZE.width, height: MIN_SIZE.height });
  });

  it('maximises again when it was maximised, on the display it was on', () => {
    expect(restoreBounds({ x: 2100, y: 50, width: 1500, height: 900, maximized: true }, [LAPTOP, MONITOR], DEFAULTS)).toEqual({
      bounds: { x: 2100, y: 50, width: 1500, height: 900 },
      maximized: true,
    });
  });

  it.each([
    ['nothing saved', undefined],
    ['not an object', 'x=10,y=20'],
    ['a missing field', { x: 10, y: 10, width: 900 }],
    ['a negative size', { x: 10, y: 10, width: -900, height: 700 }],
    ['not a number', { x: 'left', y: 10, width: 900, height: 700 }],
    ['NaN', { x: Number.NaN, y: 10, width: 900, height: 700 }],
    ['absurdly far away', { x: 1e12, y: 10, width: 900, height: 700 }],
  ])('ignores what was saved when it is damaged (%s): the default size, placed by the system', (_what, saved) => {
    expect(restoreBounds(saved, [LAPTOP], DEFAULTS)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });

  it('uses the defaults when no display is known', () => {
    expect(restoreBounds({ x: 10, y: 10, width: 900, height: 700, maximized: true }, [], DEFAULTS)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });
});

describe('a place per notebook', () => {
  const KOREA = '/home/ann/Korea arms.corroborate';
  const SANCTIONS = '/home/ann/Sanctions.corroborate';
  const left = { x: 0, y: 0, width: 960, height: 1040, maximized: false };
  const right = { x: 960, y: 0, width: 960, height: 1040, maximized: false };
  const big = { x: 100, y: 50, width: 1600, height: 900, maximized: true };

  it("reopens each notebook where its window last was", () => {
    let saved: unknown = undefined;
    saved = withNotebookState(saved, KOREA, left);
    saved = withNotebookState(saved, SANCTIONS, right);
    expect(stateForNotebook(saved, KOREA)).toEqual(left);
    expect(stateForNotebook(saved, SANCTIONS)).toEqual(right);
    expect(restoreBounds(stateForNotebook(saved, KOREA), [LAPTOP], DEFAULTS).bounds).toEqual({ x: 0, y: 0, width: 960, height: 1040 });
  });

  it("opens a notebook never seen where the window last was, whatever it showed", () => {
    let saved: unknown = withNotebookState(undefined, KOREA, left);
    saved = withNotebookState(saved, SANCTIONS, big);
    expect(stateForNotebook(saved, '/home/ann/New.corroborate')).toEqual(big);
    expect(hasOwnPlace(saved, '/home/ann/New.corroborate')).toBe(false);
    expect(hasOwnPlace(saved, KOREA)).toBe(true);
  });

  it('replaces a notebook’s place when its window moves again, keeping one entry for it', () => {
    let saved: unknown = withNotebookState(undefined, KOREA, left);
    saved = withNotebookState(saved, SANCTIONS, right);
    saved = withNotebookState(saved, KOREA, big);
    expect(readWindowStates(saved).notebooks.map((n) => n.notebook)).toEqual([KOREA, SANCTIONS]);
    expect(stateForNotebook(saved, KOREA)).toEqual(big);
  });

  it(`keeps the places of the ${MAX_NOTEBOOK_PLACES} notebooks placed last`, () => {
    let saved: unknown = undefined;
    for (let i = 0; i < MAX_NOTEBOOK_PLACES + 5; i++) saved = withNotebookState(saved, `/n/${i}.corroborate`, { ...left, x: i });
    const states = readWindowStates(saved);
    expect(states.notebooks).toHaveLength(MAX_NOTEBOOK_PLACES);
    expect(hasOwnPlace(saved, '/n/0.corroborate')).toBe(false);
    expect(stateForNotebook(saved, `/n/${MAX_NOTEBOOK_PLACES + 4}.corroborate`)?.x).toBe(MAX_NOTEBOOK_PLACES + 4);
  });

  it('reads the single place an earlier version saved as the last place', () => {
    const legacy = { x: 100, y: 80, width: 1400, height: 900, maximized: false };
    expect(stateForNotebook(legacy, KOREA)).toEqual(legacy);
    expect(withNotebookState(legacy, KOREA, left)).toEqual({ version: 2, last: left, notebooks: [{ notebook: KOREA, ...left }] });
  });

  it.each([
    ['nothing saved', undefined],
    ['not JSON-shaped', 'x=10'],
    ['a damaged entry', { version: 2, notebooks: [{ notebook: KOREA, x: 'left' }] }],
  ])('starts afresh from a damaged file (%s): the default size', (_what, saved) => {
    expect(stateForNotebook(saved, KOREA)).toBeUndefined();
    expect(restoreBounds(stateForNotebook(saved, KOREA), [LAPTOP], DEFAULTS)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });
});
