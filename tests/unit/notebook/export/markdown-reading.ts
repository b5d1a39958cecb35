// Reads back the small part of CommonMark the brief uses, so the tests can check what a reader of
// the brief would see without a Markdown parser (none is a dependency): backslash escapes, hard
// line breaks, numeric character references, ATX headings and block quotes (spec 0.31.2 §2.4,
// §2.5, §4.2, §5.1, §6.7).

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * The text that inline content shows: "\*" is "*", a backslash before a line end is a line break,
 * "&#32;" is " ". Throws on a bare line end (a soft break, which would fold lines together).
 */
export function decodeInline(md: string): string {
  let out = '';
  for (let i = 0; i < md.length; ) {
    const c = md[i]!;
    if (c === '\\' && md[i + 1] === '\n') {
      out += '\n';
      i += 2;
    } else if (c === '\\' && i + 1 < md.length && ASCII_PUNCTUATION.test(md[i + 1]!)) {
      out += md[i + 1];
      i += 2;
    } else if (c === '&' && /^&#\d+;/.test(md.slice(i))) {
      const ref = /^&#(\d+);/.exec(md.slice(i))!;
      out += String.fromCodePoint(Number(ref[1]));
      i += ref[0].length;
    } else if (c === '\n') {
      throw new Error(`a soft line break at ${i} in ${JSON.stringify(md)}`);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Characters that would be read as markup: an unescaped \ ` * _ [ ] < > # | ~, an "&" that starts
 * an entity other than the numeric references the writer makes, and at a line's start what opens
 * a block (a list marker, a setext underline, indentation).
 */
export function unescapedMarkup(md: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < md.length; i++) {
    const c = md[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    const ref = c === '&' ? /^&#\d+;/.exec(md.slice(i)) : null;
    if (ref) {
      i += ref[0].length - 1;
      continue;
    }
    if ('`*_[]<>#|~'.includes(c)) found.push(`${c} at ${i}`);
    if (c === '&' && /^&#?[0-9A-Za-z]/.test(md.slice(i))) found.push(`& at ${i}`);
  }
  for (const line of md.split('\n')) if (/^(?:[-+=]|\d+[.)]|[ \t])/.test(line)) found.push(`line start ${JSON.stringify(line.slice(0, 10))}`);
  return found;
}

/** The ATX headings, as level and shown text. */
export function headings(md: string): { level: number; text: string }[] {
  return md
    .split('\n')
    .map((line) => /^(#{1,6}) (.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ level: m[1]!.length, text: decodeInline(m[2]!) }));
}

/** The top-level block quotes, each as the text it shows (its lines without "> "). */
export function blockQuotes(md: string): string[] {
  const quotes: string[] = [];
  let current: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('> ')) (current ??= []).push(line.slice(2));
    else if (current) {
      quotes.push(decodeInline(current.join('\n')));
      current = null;
    }
  }
  if (current) quotes.push(decodeInline(current.join('\n')));
  return quotes;
}

/** The paragraph (block) that follows the block quote whose text is `quote`. */
export function blockAfterQuote(md: string, quote: string): string[] {
  const blocks = md.split('\n\n');
  const found: string[] = [];
  blocks.forEach((block, i) => {
    if (block.startsWith('> ') && decodeInline(block.split('\n').map((l) => l.slice(2)).join('\n')) === quote) found.push(blocks[i + 1] ?? '');
  });
  return found;
}
