// The window's theme: System (follow the OS), Light or Dark, chosen with Toggle theme (the command
// palette, its key, the desktop app's View menu) and kept in the page's storage, a setting of this
// app on this machine rather than of a notebook. Never changes a notebook.
//
// How it overrides the OS: every stylesheet keeps its dark colours in
// `@media (prefers-color-scheme: dark)` blocks, and a page cannot change what that media feature
// answers. So a forced theme rewrites the condition of each such rule where it is (CSSOM, which the
// CSP allows): "(prefers-color-scheme: dark)" becomes "(prefers-color-scheme)", always true, or
// "(not (prefers-color-scheme))", always false; System puts the original back. One switch covers
// every stylesheet, present and future, without a second copy of the dark palette to keep in step.
import './theme.css';
import { useSyncExternalStore } from 'react';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const STORAGE_KEY = 'corroborate.theme';

/** System → Light → Dark → System. */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
}

/** What was stored, or System when nothing (or something unknown) was. */
export function parseTheme(stored: string | null | undefined): Theme {
  return (THEMES as readonly string[]).includes(stored ?? '') ? (stored as Theme) : 'system';
}

const ALWAYS = '(prefers-color-scheme)';
const NEVER = '(not (prefers-color-scheme))';
const SCHEME_FEATURE = /\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)/gi;
const HAS_SCHEME_FEATURE = new RegExp(SCHEME_FEATURE.source, 'i');

/**
 * A media condition as it reads under the theme: each "(prefers-color-scheme: light|dark)" made
 * always true when it names the forced scheme and always false when it names the other; the rest
 * of the condition ("screen and …", "(min-width: 40em)") is untouched. System: the original.
 */
export function mediaUnderTheme(original: string, theme: Theme): string {
  if (theme === 'system') return original;
  return original.replace(SCHEME_FEATURE, (_feature, scheme: string) => (scheme.toLowerCase() === theme ? ALWAYS : NEVER));
}

// ── Applying it to the page ────────────────────────────────────────────────────────────────────

/** Each rewritten rule's own condition, to rewrite from (and to put back for System). */
const originals = new WeakMap<CSSMediaRule, string>();

function rulesOf(sheet: CSSStyleSheet): CSSRuleList | null {
  try {
    return sheet.cssRules;
  } catch {
    // A stylesheet of another origin cannot be read; the app has none.
    return null;
  }
}

/** Read by shape rather than instanceof, which fails across documents (and in jsdom). */
const isMediaRule = (rule: CSSRule): rule is CSSMediaRule => 'media' in rule && 'cssRules' in rule;
const isGroupingRule = (rule: CSSRule): rule is CSSGroupingRule => 'cssRules' in rule;

function applyToRules(rules: CSSRuleList, theme: Theme): void {
  for (const rule of Array.from(rules)) {
    if (isMediaRule(rule)) {
      const original = originals.get(rule) ?? rule.media.mediaText;
      if (HAS_SCHEME_FEATURE.test(original)) {
        originals.set(rule, original);
        const wanted = mediaUnderTheme(original, theme);
        if (rule.media.mediaText !== wanted) rule.media.mediaText = wanted;
      }
    }
    // Media rules inside @supports, @layer or another @media.
    if (isGroupingRule(rule)) applyToRules(rule.cssRules, theme);
  }
}

/** Makes the page look as the theme says: every stylesheet's scheme rules, and the form controls' and scroll bars' scheme. */
export function applyTheme(theme: Theme, doc: Document = document): void {
  for (const sheet of Array.from(doc.styleSheets)) {
    const rules = rulesOf(sheet);
    if (rules) applyToRules(rules, theme);
  }
  if (theme === 'system') delete doc.documentElement.dataset.theme;
  else doc.documentElement.dataset.theme = theme;
}

// ── The setting ────────────────────────────────────────────────────────────────────────────────

let current: Theme = 'system';
const listeners = new Set<() => void>();

function readStored(): Theme {
  try {
    return parseTheme(localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'system';
  }
}

export function getTheme(): Theme {
  return current;
}

/** Applies the theme, remembers it for the next launch, and tells whoever shows it. */
export function setTheme(theme: Theme): void {
  current = theme;
  applyTheme(theme);
  try {
    if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be disabled: the theme holds for this window only.
  }
  for (const listener of listeners) listener();
}

/** Toggle theme: the next one, which it returns (for the status message). */
export function cycleTheme(): Theme {
  const next = nextTheme(current);
  setTheme(next);
  return next;
}

/**
 * Applies the stored theme at start-up, before the first paint, and to stylesheets that arrive
 * later (a lazily loaded view's CSS). Returns what stops watching.
 */
export function startTheme(doc: Document = document): () => void {
  current = readStored();
  applyTheme(current, doc);
  const reapply = () => applyTheme(current, doc);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (node instanceof HTMLStyleElement) reapply();
        else if (node instanceof HTMLLinkElement && node.rel === 'stylesheet') node.addEventListener('load', reapply, { once: true });
      }
    }
  });
  observer.observe(doc.head, { childList: true });
  return () => observer.disconnect();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The theme, for a component that shows it. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, getTheme);
}

/** What Toggle theme says it did, and where the next press goes. */
export function themeAnnouncement(theme: Theme): string {
  const now = theme === 'system' ? 'System (as your operating system is set)' : THEME_LABELS[theme];
  return `Theme: ${now}. Toggle theme again for ${THEME_LABELS[nextTheme(theme)]}.`;
}
