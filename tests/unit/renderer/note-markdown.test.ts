// Notes: Markdown rendered safely (no raw HTML, no unsafe link, no image loaded, no style
// attribute), and the one operation that saves a note on each kind of object and on the notebook.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { apply } from '../../../notebook/common/operations.js';
import { markdownOptions, safeUrl } from '../../../renderer/src/ui/markdown-options.js';
import { MAX_NOTE, noteDraftKey, noteOperation, noteProblem, savedNote } from '../../../renderer/src/ui/note-edit.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

/** A note rendered with exactly the options Markdown.tsx gives react-markdown. */
const render = (text: string, headingLevel = 4) => renderToStaticMarkup(createElement(ReactMarkdown, markdownOptions(headingLevel), text));

describe('Markdown', () => {
  it('renders emphasis, lists and safe links, opening links outside the app', () => {
    const html = render('Some **bold** and *italic*.\n\n- one\n- two\n\n[the report](https://example.org/r?a=1) or [mail](mailto:desk@example.org)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toContain('<a href="https://example.org/r?a=1" target="_blank" rel="noreferrer noopener">the report</a>');
    expect(html).toContain('<a href="mailto:desk@example.org" target="_blank" rel="noreferrer noopener">mail</a>');
  });

  it('shows raw HTML as the text it is, never as elements', () => {
    const html = render('Before <img src=x onerror=alert(1)> after\n\n<script>alert(2)</script>\n\n<div style="color:red">styled</div>');
    expect(html).not.toMatch(/<(img|script|div style)/i);
    expect(html, 'an attribute written by the note').not.toMatch(/<[^>]*\s(style|onerror|src)=/i);
    // Escaped, so the analyst sees what was typed.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('shows a link that is not http(s) or mailto as plain text', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'relative/page', '#anchor', 'vbscript:x']) {
      const html = render(`[click](${href})`);
      expect(html, href).not.toContain('<a');
      expect(html, href).toContain('<span class="note-unsafe-link">click</span>');
    }
  });

  it('never loads an image: its alt text stands in, as a link when the address is http(s)', () => {
    const remote = render('![a map of the rail line](https://example.org/map.png)');
    expect(remote).not.toContain('<img');
    expect(remote).toContain('<a href="https://example.org/map.png" target="_blank" rel="noreferrer noopener" class="note-image">Image: a map of the rail line</a>');
    const local = render('![](javascript:alert(1))');
    expect(local).not.toMatch(/<img|<a /);
    expect(local).toContain('<span class="note-image">Image</span>');
  });

  it('puts a note’s headings under the heading of the place it is shown in', () => {
    expect(render('# Open questions\n\n## Rail', 4)).toMatch(/<h4 class="note-heading note-heading-1">Open questions<\/h4>\s*<h5 class="note-heading note-heading-2">Rail<\/h5>/);
    expect(render('###### deep', 4)).toContain('<h6 class="note-heading note-heading-6">deep</h6>');
  });

  it('allows only http(s) and mailto addresses', () => {
    expect(safeUrl(' https://example.org ')).toBe('https://example.org');
    expect(safeUrl('HTTP://example.org')).toBe('HTTP://example.org');
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeUrl('ftp://example.org')).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
  });
});

describe('noteOperation', () => {
  const AT = '2026-03-01T12:00:00.000Z';

  it('saves the note of each kind in its own field, exactly as typed, as one update that undo takes back', () => {
    const b = new NotebookBuilder();
    const source = b.source('Wire report');
    const excerpt = b.excerpt(source, 'shipped by rail');
    const claim = b.claim('Shells were shipped.');
    const entity = b.entity('Kim Yo Jong');
    const text = '  **Check** the rail data.\n';
    for (const target of [{ kind: 'source', id: source }, { kind: 'excerpt', id: excerpt }, { kind: 'claim', id: claim }, { kind: 'entity', id: entity }] as const) {
      const before = structuredClone(b.nb);
      const inverse = apply(b.nb, noteOperation(b.nb, target, text, AT)!);
      expect(savedNote(b.nb, target), target.kind).toBe(text);
      expect(noteOperation(b.nb, target, text, AT), `${target.kind} unchanged`).toBeNull();
      apply(b.nb, inverse);
      expect(b.nb, target.kind).toEqual(before);
    }
    expect(b.nb.excerpts[excerpt]!.note).toBe('');
    apply(b.nb, noteOperation(b.nb, { kind: 'excerpt', id: excerpt }, 'x', AT)!);
    expect(b.nb.excerpts[excerpt]).toMatchObject({ note: 'x', updatedAt: AT });
  });

  it('saves the notebook note as a settings operation', () => {
    const b = new NotebookBuilder();
    const op = noteOperation(b.nb, { kind: 'notebook' }, '# Brief', AT);
    expect(op).toEqual({ type: 'settings', set: { notes: '# Brief' } });
    apply(b.nb, op!);
    expect(b.nb.settings.notes).toBe('# Brief');
  });

  it('has nothing to save for an object that is gone, and refuses a note over the limit', () => {
    const b = new NotebookBuilder();
    expect(noteOperation(b.nb, { kind: 'claim', id: '0190a5c4-0000-7000-8000-000000000000' }, 'x', AT)).toBeNull();
    expect(noteProblem('x'.repeat(MAX_NOTE))).toBeNull();
    expect(noteProblem('x'.repeat(MAX_NOTE + 1))).toMatch(/at most 1,000,000 characters; this one has 1,000,001/);
  });

  it('keeps drafts apart per object and for the notebook', () => {
    expect(noteDraftKey({ kind: 'notebook' })).toBe('note:notebook');
    expect(noteDraftKey({ kind: 'claim', id: 'a' })).not.toBe(noteDraftKey({ kind: 'excerpt', id: 'a' }));
  });
});
