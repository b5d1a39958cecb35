// Pasted HTML becomes plain text for the Add source dialog, read as a string: paragraphs apart,
// list items and line breaks on their own lines, entities decoded, and nothing of scripts,
// styles, frames or attributes.
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../renderer/src/import/clipboard-text.js';

describe('htmlToText', () => {
  it('keeps paragraphs apart and list items and <br> lines on their own lines', () => {
    const html = '<h1>Seoul says  containers\nshipped</h1><p>First <b>bold</b> paragraph.</p><ul><li>one</li><li>two</li></ul><p>Line<br>break<br><br>gap</p>';
    expect(htmlToText(html)).toBe('Seoul says containers shipped\n\nFirst bold paragraph.\n\none\ntwo\n\nLine\nbreak\n\ngap');
    expect(htmlToText('<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n<p>after</p>')).toBe('one\ntwo\n\nafter');
  });

  it('drops scripts, styles, frames, comments and every attribute, whatever they hold', () => {
    const html =
      '<!doctype html><html><head><title>T</title><style>p{color:red}</style></head><body><script>alert("<p>no</p>")</script>' +
      '<p onclick="alert(1)" title="a > b">Text</p><!-- <p>hidden</p> --><iframe srcdoc="<p>inner</p>"></iframe><img src=x onerror="alert(1)"></body></html>';
    expect(htmlToText(html)).toBe('Text');
  });

  it('decodes character references and leaves a lone "<" or unknown entity alone', () => {
    expect(htmlToText('<p>Kim&nbsp;Yo&nbsp;Jong: &ldquo;absurd&rdquo; &amp; 5 &lt; 6 &#8212; &#x1F600; &bogus;</p>')).toBe('Kim Yo Jong: “absurd” & 5 < 6 — 😀 &bogus;');
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
    expect(decodeEntities('&#0; &#xD800; &AMP;')).toBe('\ufffd \ufffd &');
  });

  it('gives nothing for markup without text, and keeps table cells apart', () => {
    expect(htmlToText('<div><img src="a.png"></div>')).toBe('');
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>')).toBe('a b\nc');
  });
});
