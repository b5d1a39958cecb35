// How a note's Markdown becomes elements: the options react-markdown renders every note with.
// Never lets a note's raw HTML become elements (it stays text), never links anywhere but http(s)
// and mailto (other links are plain text), never loads an image (its alt text and a link stand
// in: a note makes no requests), never writes a style attribute (the CSP allows none).
// Written without JSX, so the unit tests render exactly these options.
import { createElement, type ReactNode } from 'react';
import type { Components, Options } from 'react-markdown';

const SAFE_URL = /^(https?:|mailto:)/i;

/** The URL when a note may link to it (http, https, mailto), else null. */
export function safeUrl(url: string | undefined | null): string | null {
  const trimmed = (url ?? '').trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

/** react-markdown asks before every URL goes into the page: anything unsafe becomes empty, and the components below show it as text. */
const urlTransform = (url: string) => safeUrl(url) ?? '';

/** A link that leaves the app: Electron asks before opening it outside, a browser opens a new tab. */
const external = (href: string, children: ReactNode, extra: Record<string, string | undefined> = {}) =>
  createElement('a', { href, target: '_blank', rel: 'noreferrer noopener', ...extra }, children);

function components(headingLevel: number): Components {
  // A note's "#" heading sits under the heading of the place it is shown in, so the page's outline holds.
  const heading = (depth: number) =>
    function NoteHeading({ children }: { children?: ReactNode }) {
      return createElement(`h${Math.min(6, headingLevel + depth - 1)}`, { className: `note-heading note-heading-${depth}` }, children);
    };
  return {
    a: ({ href, title, children }) => {
      const url = safeUrl(href);
      return url ? external(url, children, { title }) : createElement('span', { className: 'note-unsafe-link' }, children);
    },
    img: ({ src, alt }) => {
      const url = safeUrl(typeof src === 'string' ? src : undefined);
      const text = alt ? `Image: ${alt}` : 'Image';
      return url ? external(url, text, { className: 'note-image' }) : createElement('span', { className: 'note-image' }, text);
    },
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    h4: heading(4),
    h5: heading(5),
    h6: heading(6),
  };
}

const cache = new Map<number, Components>();

/** The options for a note whose "#" headings take `headingLevel`. */
export function markdownOptions(headingLevel: number): Pick<Options, 'components' | 'skipHtml' | 'urlTransform'> {
  let found = cache.get(headingLevel);
  if (!found) cache.set(headingLevel, (found = components(headingLevel)));
  // skipHtml stays off: raw HTML becomes text, so the analyst sees what they wrote rather than losing it.
  return { components: found, skipHtml: false, urlTransform };
}
