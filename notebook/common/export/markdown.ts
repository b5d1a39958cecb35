// The brief as CommonMark (https://spec.commonmark.org/0.31.2/): claims by proposition with their
// evidence quoted exactly and cited, the competing-hypotheses matrices, and the sources. Pure.
// Never lets a notebook string become markup: everything from the notebook is escaped, no raw HTML.
import { assessmentParts, buildBrief, formatScore, gradeText, RATING_LEGEND, RELATION_HEADINGS, type Brief, type BriefClaim, type BriefEvidence, type BriefQuestion, type BriefSource } from './brief-model.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile } from './formats.js';
import { exportFilename } from './filename.js';

// ── Escaping ───────────────────────────────────────────────────────────────────────────────────
// CommonMark lets any ASCII punctuation be backslash-escaped (spec §2.4), so escaping is always
// safe; it is kept to the characters that can start markup, so the file still reads as prose:
// inline markup (\ ` * _ [ ] < > & | ~ #), and at a line's start what opens a block (- + = for
// lists and setext underlines, "1." and "1)" for ordered lists). Leading and trailing spaces and
// tabs become numeric character references, which count as text, never as indentation.

const INLINE_SPECIAL = /[\\`*_[\]<>#|~]/g;

function escapeText(s: string): string {
  return s
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/&(?=#?[0-9A-Za-z])/g, '\\&')
    .replace(/^[-+=]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

const charRefs = (ws: string) => [...ws].map((c) => `&#${c.codePointAt(0)};`).join('');

/** One line of text, its edge whitespace kept as character references. */
function escapeLine(line: string): string {
  const [, lead = '', middle = '', trail = ''] = /^([ \t]*)(.*?)([ \t]*)$/su.exec(line) ?? [];
  return `${charRefs(lead)}${escapeText(middle)}${charRefs(trail)}`;
}

/** A notebook string where one line is wanted (a heading, a list item, a table cell): line breaks become spaces. */
export function mdInline(s: string): string {
  return escapeText(s.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' ').trim());
}

/**
 * A notebook string as the lines of one paragraph, exactly: each line break a hard line break
 * (a backslash at the end of the line), line breaks before the first line and after the last
 * as character references (a paragraph cannot begin or end with a hard break).
 */
export function mdLines(s: string): string {
  const lines = s.replace(/\r\n?/g, '\n').split('\n');
  let head = 0;
  while (head < lines.length - 1 && lines[head] === '') head++;
  let tail = lines.length - 1;
  while (tail > head && lines[tail] === '') tail--;
  const body = lines.slice(head, tail + 1).map(escapeLine);
  body[0] = '&#10;'.repeat(head) + body[0];
  body[body.length - 1] += '&#10;'.repeat(lines.length - 1 - tail);
  return body.join('\\\n');
}

/** A quote as a block quote, its text exactly as given. */
export function mdBlockQuote(s: string): string {
  return mdLines(s)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Free text (a note): its blank-line-separated parts as paragraphs, each line kept. */
export function mdParagraphs(s: string): string[] {
  const paragraphs: string[][] = [[]];
  for (const line of s.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^[ \t]*$/.test(line)) {
      if (paragraphs.at(-1)!.length) paragraphs.push([]);
    } else paragraphs.at(-1)!.push(line);
  }
  return paragraphs.filter((p) => p.length).map((p) => mdLines(p.join('\n')));
}

/** An http(s) URL as a link, its destination percent-encoded where CommonMark would end or change it; any other URL as text. */
export function mdUrl(url: string): string {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return mdInline(trimmed);
  // eslint-disable-next-line no-control-regex -- control characters must not reach a link destination
  const destination = trimmed.replace(/[\u0000-\u0020\u007f<>()\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${mdInline(trimmed)}](${destination})`;
}

// ── The brief ──────────────────────────────────────────────────────────────────────────────────

export function writeMarkdownBrief(ctx: ExportContext): ExportFile {
  return { filename: exportFilename(ctx.notebook, 'markdown'), mediaType: EXPORT_FORMATS.markdown.mediaType, text: renderMarkdown(buildBrief(ctx)) };
}

/** The brief as Markdown: blocks separated by one blank line, LF line ends, one final newline. */
export function renderMarkdown(brief: Brief): string {
  const blocks: string[] = [];
  const add = (...more: string[]) => blocks.push(...more.filter((b) => b !== ''));

  add(`# ${mdInline(brief.title)}`);
  add(`Exported ${brief.exportedAt}${brief.organisation.trim() ? ` by ${mdInline(brief.organisation)}` : ''}. ${brief.summary}.`);
  if (brief.notes.trim()) add('## Notes', ...mdParagraphs(brief.notes));

  add('## Claims by proposition');
  if (!brief.groups.length && !brief.ungrouped.length) add('No claims yet.');
  for (const group of brief.groups) {
    add(`### Proposition: ${mdInline(group.statement)}`);
    add(group.contradicted ? `**Contradicted.** ${group.stance}` : group.stance);
    if (group.notes.trim()) add(...mdParagraphs(group.notes));
    for (const claim of group.claims) add(...claimBlocks(claim));
  }
  if (brief.ungrouped.length) {
    add('### Claims without a proposition');
    for (const claim of brief.ungrouped) add(...claimBlocks(claim));
  }

  if (brief.questions.length) {
    add('## Competing hypotheses');
    for (const question of brief.questions) add(...questionBlocks(question));
  }

  add('## Appendix: sources');
  if (!brief.sources.length) add('No sources.');
  for (const source of brief.sources) add(...sourceBlocks(source));

  return `${blocks.join('\n\n')}\n`;
}

const list = (items: [string, string][]) =>
  items
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `- **${label}:** ${value}`)
    .join('\n');

function claimBlocks(claim: BriefClaim): string[] {
  const a = claim.assessment;
  const blocks = [
    `#### Claim: ${mdInline(claim.statement)}`,
    list([
      ['Claimant', claim.claimant ? mdInline(claim.claimant) : 'not recorded'],
      ['Polarity', claim.polarity],
      ['Attribution', claim.attribution ? `${mdInline(claim.attribution)} (${claim.hand})` : 'not recorded'],
      ['Claimed', mdInline(claim.claimedAt)],
      ['Status', claim.status],
      ['Credibility', claim.credibility ? `${mdInline(gradeText(claim.credibility))}${claim.credibility.rationale.trim() ? `. ${mdInline(claim.credibility.rationale)}` : ''}` : 'not graded'],
      ['Assessment', a ? mdInline(assessmentParts(a).join(', ')) || 'no likelihood given' : 'not assessed'],
      ['Rationale', a ? mdInline(a.rationale) : ''],
      ['Contradicted by', claim.contradictedBy.map((s) => `“${mdInline(s)}”`).join('; ')],
      ['Tags', claim.tags.map(mdInline).join(', ')],
    ]),
  ];
  if (claim.notes.trim()) blocks.push('**Notes:**', ...mdParagraphs(claim.notes));
  for (const side of ['supporting', 'refuting', 'other'] as const) {
    if (!claim[side].length) continue;
    blocks.push(`##### ${RELATION_HEADINGS[side]}`);
    for (const evidence of claim[side]) blocks.push(...evidenceBlocks(evidence));
  }
  if (!claim.supporting.length && !claim.refuting.length && !claim.other.length) blocks.push('No evidence linked yet.');
  return blocks;
}

/** "Relation: supports, strong. Rationale: …" */
function linkLine(e: BriefEvidence): string {
  return `Relation: ${e.relation}${e.strength ? `, ${e.strength}` : ''}.${e.rationale.trim() ? ` Rationale: ${mdInline(e.rationale)}` : ''}`;
}

function evidenceBlocks(e: BriefEvidence): string[] {
  if (e.item.kind === 'claim') {
    const c = e.item;
    const by = c.claimant ? ` by ${mdInline(c.claimant)}` : '';
    const credibility = c.credibility ? ` Credibility ${mdInline(gradeText(c.credibility))}.` : '';
    return [`**Claim${by}** (${c.polarity}): “${mdInline(c.statement)}”${credibility} ${linkLine(e)}`];
  }
  const { quote, citation: c, note } = e.item;
  const parts = [`*${mdInline(c.title)}*`, mdInline(c.publisher), mdInline(c.published), c.pages].filter(Boolean);
  const reliability = c.reliability ? ` Reliability ${mdInline(gradeText(c.reliability))}.` : ' Reliability not graded.';
  return [mdBlockQuote(quote), `Source ${c.ref}: ${parts.join(', ')}.${reliability} ${linkLine(e)}${note.trim() ? ` Note: ${mdInline(note)}` : ''}`];
}

const cell = (s: string) => (s === '' ? ' ' : ` ${s} `);
const row = (cells: string[]) => `|${cells.map(cell).join('|')}|`;

function questionBlocks(q: BriefQuestion): string[] {
  const blocks = [`### Question: ${mdInline(q.text)}`];
  if (q.notes.trim()) blocks.push(...mdParagraphs(q.notes));
  if (!q.hypotheses.length) return [...blocks, 'No hypotheses yet.'];
  blocks.push(q.hypotheses.map((h) => `- **${h.label}:** ${mdInline(h.statement)}`).join('\n'));
  if (!q.rows.length) return [...blocks, 'No evidence rows yet.'];
  const fixed = ['Evidence', 'Kind', 'From', 'Relevance', 'Credibility', 'Weight', 'Diagnosticity'];
  const pad = fixed.slice(1).map(() => '');
  const table = [
    row([...fixed, ...q.hypotheses.map((h) => h.label)]),
    row([...fixed, ...q.hypotheses].map(() => '---')),
    ...q.rows.map((r) =>
      row([
        `${r.label}: ${mdInline(r.evidence)}`,
        r.kind,
        mdInline(r.origin),
        r.relevance,
        r.credibility,
        formatScore(r.weight),
        r.diagnosticity === null ? '' : String(r.diagnosticity),
        ...r.ratings,
      ]),
    ),
    row(['**Inconsistency**', ...pad, ...q.inconsistency.map(String)]),
    row(['**Weighted inconsistency**', ...pad, ...q.weightedInconsistency.map(formatScore)]),
    row(['**Unrated**', ...pad, ...q.unrated.map(String)]),
  ];
  blocks.push(table.join('\n'));
  const least = q.leastInconsistent.map((label) => `${label}, “${mdInline(q.hypotheses.find((h) => h.label === label)!.statement)}”`);
  blocks.push(least.length ? `**Least inconsistent:** ${least.join('; ')}` : '**Least inconsistent:** none yet: the ratings do not tell the hypotheses apart.');
  blocks.push(`Ratings: ${RATING_LEGEND.map((r) => `${r.code} ${r.meaning.toLowerCase()}`).join(' · ')}; blank: not rated.`);
  return blocks;
}

function sourceBlocks(s: BriefSource): string[] {
  return [
    `### ${s.ref}: ${mdInline(s.title)}`,
    list([
      ['Type', s.type],
      ['Authors', s.authors.map(mdInline).join('; ')],
      ['Publisher', mdInline(s.publisher)],
      ['URL', s.url.trim() ? mdUrl(s.url) : ''],
      ...s.dates.map((d): [string, string] => [`${d.label[0]!.toUpperCase()}${d.label.slice(1)}`, `${mdInline(d.value)} (${mdInline(d.from)})`]),
      ['Reliability', s.reliability ? `${mdInline(gradeText(s.reliability))}${s.reliability.rationale.trim() ? `. ${mdInline(s.reliability.rationale)}` : ''}` : 'not graded'],
      ['Pages', s.pages],
      ['Reports', mdInline(s.reports)],
      ['Tags', s.tags.map(mdInline).join(', ')],
      ['Notes', mdInline(s.notes)],
    ]),
  ];
}
