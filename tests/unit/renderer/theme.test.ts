// @vitest-environment jsdom
// Toggle theme: System → Light → Dark, kept between launches, and how a chosen theme overrides the
// OS's: the dark rules of every stylesheet switched on or off where they are.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTheme, cycleTheme, getTheme, mediaUnderTheme, nextTheme, parseTheme, setTheme, startTheme } from '../../../renderer/src/theme/theme.js';

describe('the theme setting', () => {
  it('goes round System → Light → Dark → System', () => {
    expect(nextTheme('system')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
    expect(nextTheme('dark')).toBe('system');
  });

  it('reads what was stored, and System for nothing or anything else', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme(null)).toBe('system');
    expect(parseTheme('sepia')).toBe('system');
  });
});

describe('mediaUnderTheme', () => {
  it('makes the dark rules always apply under Dark and never under Light', () => {
    expect(mediaUnderTheme('(prefers-color-scheme: dark)', 'dark')).toBe('(prefers-color-scheme)');
    expect(mediaUnderTheme('(prefers-color-scheme: dark)', 'light')).toBe('(not (prefers-color-scheme))');
  });

  it('does the opposite to light-only rules', () => {
    expect(mediaUnderTheme('(prefers-color-scheme: light)', 'dark')).toBe('(not (prefers-color-scheme))');
    expect(mediaUnderTheme('(prefers-color-scheme:light)', 'light')).toBe('(prefers-color-scheme)');
  });

  it('keeps the rest of the condition, and leaves everything alone under System', () => {
    expect(mediaUnderTheme('screen and (prefers-color-scheme: dark) and (min-width: 40em)', 'light')).toBe('screen and (not (prefers-color-scheme)) and (min-width: 40em)');
    expect(mediaUnderTheme('(prefers-color-scheme: dark)', 'system')).toBe('(prefers-color-scheme: dark)');
    expect(mediaUnderTheme('(prefers-reduced-motion: reduce)', 'dark')).toBe('(prefers-reduced-motion: reduce)');
  });
});

describe('applying a theme to the page', () => {
  let stop: () => void = () => undefined;
  beforeEach(() => {
    localStorage.clear();
    document.head.innerHTML = `<style>
      :root { --bg: white; }
      @media (prefers-color-scheme: dark) { :root { --bg: black; } }
      @supports (color: red) { @media (prefers-color-scheme: dark) { .nested { color: white; } } }
      @media (prefers-reduced-motion: reduce) { * { animation: none; } }
    </style>`;
  });
  afterEach(() => {
    stop();
    setTheme('system');
  });

  /** The conditions of every @media rule, nested ones included, in document order. */
  function conditions(): string[] {
    const found: string[] = [];
    const walk = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if ('media' in rule && 'cssRules' in rule) found.push((rule as CSSMediaRule).media.mediaText);
        if ('cssRules' in rule) walk((rule as CSSGroupingRule).cssRules);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) walk(sheet.cssRules);
    return found;
  }

  it('switches the dark rules of every stylesheet, nested ones too, and marks the page for its form controls', () => {
    applyTheme('dark');
    expect(conditions()).toEqual(['(prefers-color-scheme)', '(prefers-color-scheme)', '(prefers-reduced-motion: reduce)']);
    expect(document.documentElement.dataset.theme).toBe('dark');
    applyTheme('light');
    expect(conditions()).toEqual(['(not (prefers-color-scheme))', '(not (prefers-color-scheme))', '(prefers-reduced-motion: reduce)']);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('puts every rule back as it was under System', () => {
    applyTheme('dark');
    applyTheme('system');
    expect(conditions()).toEqual(['(prefers-color-scheme: dark)', '(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)']);
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('keeps the chosen theme for the next launch, and starts with it', () => {
    stop = startTheme();
    expect(getTheme()).toBe('system');
    expect(cycleTheme()).toBe('light');
    expect(cycleTheme()).toBe('dark');
    expect(localStorage.getItem('corroborate.theme')).toBe('dark');
    stop();
    // The next launch: a fresh page with the same storage.
    document.head.innerHTML = '<style>@media (prefers-color-scheme: dark) { body { color: white; } }</style>';
    delete document.documentElement.dataset.theme;
    stop = startTheme();
    expect(getTheme()).toBe('dark');
    expect(conditions()).toEqual(['(prefers-color-scheme)']);
    expect(cycleTheme()).toBe('system');
    expect(localStorage.getItem('corroborate.theme')).toBeNull();
  });

  it('applies the theme to a stylesheet added later', async () => {
    localStorage.setItem('corroborate.theme', 'light');
    stop = startTheme();
    const late = document.createElement('style');
    late.textContent = '@media (prefers-color-scheme: dark) { .late { color: white; } }';
    document.head.append(late);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(conditions().at(-1)).toBe('(not (prefers-color-scheme))');
  });
});
