// The brief as one self-contained, print-ready HTML page: the same model as the Markdown brief,
// inline styles with print rules, and a CSP that lets nothing load or run. Pure.
// Never emits a script, an external resource, or a notebook string that is not HTML-escaped.
import { RATINGS } from '../model.js';
import { assessmentParts, buildBrief, formatScore, gradeText, RATING_LEGEND, RELATION_HEADINGS, type Brief, type BriefClaim, type BriefEvidence, type BriefQuestion, type BriefSource } from './brief-model.js';
import { exportFilename } from './filename.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile } from './formats.js';

/** Everything may be styled inline; nothing may load, run, or be framed (the page has no scripts at all). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: the five characters that can end text or an attribute, as references. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Line breaks kept: the element shows them (white-space: pre-wrap). */
const lines = (s: string) => htmlEscape(s.replace(/\r\n?/g, '\n'));

/** An http(s) URL as a link that opens nothing of the notebook's; any other URL as text. */
function htmlUrl(url: string): string {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) return htmlEscape(trimmed);
  return `<a href="${htmlEscape(trimmed)}" rel="noopener noreferrer">${htmlEscape(trimmed)}</a>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.8rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid #333; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; margin-top: 2rem; }
h4 { font-size: 1rem; margin: 1.5rem 0 0.5rem; }
h5 { font-size: 0.9rem; margin: 1rem 0 0.4rem; text-transform: uppercase; letter-spacing: 0.04em; color: #333; }
.meta { color: #444; }
.lines { white-space: pre-wrap; }
.contradicted { border-left: 4px double #8a1c1c; padding-left: 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.8rem; margin: 0.5rem 0; }
dt { font-weight: bold; }
dd { margin: 0; }
blockquote { margin: 0.6rem 0 0.2rem; padding: 0.3rem 0.8rem; border-left: 3px solid #555; background: #f4f4f4; }
blockquote p { margin: 0; white-space: pre-wrap; }
.citation { margin: 0 0 0.9rem 0.8rem; font-size: 0.92em; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 0.85em; margin: 0.8rem 0; }
th, td { border: 1px solid #888; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #e8e8e8; }
tfoot th, tfoot td { background: #f4f4f4; font-weight: bold; }
abbr { text-decoration: none; }
a { color: #1a3d7c; word-break: break-all; }
@page { margin: 2cm 1.8cm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h2.section { break-before: page; page-break-before: always; }
  h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  blockquote, .citation, tr, dl { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

export function writeHtmlReport(ctx: ExportContext): ExportFile {
  return { filename: exportFilename(ctx.notebook, 'html'), mediaType: EXPORT_FORMATS.html.mediaType, text: renderHtml(buildBrief(ctx)) };
}

export function renderHtml(brief: Brief): string {
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlEscape(brief.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${htmlEscape(brief.title)}</h1>`,
    `<p class="meta">Exported ${htmlEscape(brief.exportedAt)}${brief.organisation.trim() ? ` by ${htmlEscape(brief.organisation)}` : ''}. ${htmlEscape(brief.summary)}.</p>`,
    '</header>',
  );
  if (brief.notes.trim()) out.push('<section>', '<h2>Notes</h2>', ...paragraphs(brief.notes), '</section>');

  out.push('<section>', '<h2 class="section">Claims by proposition</h2>');
  if (!brief.groups.length && !brief.ungrouped.length) out.push('<p>No claims yet.</p>');
  for (const group of brief.groups) {
    out.push('<article>', `<h3>Proposition: ${htmlEscape(group.statement)}</h3>`);
    out.push(group.contradicted ? `<p class="contradicted"><strong>Contradicted.</strong> ${htmlEscape(group.stance)}</p>` : `<p>${htmlEscape(group.stance)}</p>`);
    if (group.notes.trim()) out.push(...paragraphs(group.notes));
    for (const claim of group.claims) out.push(...claimHtml(claim));
    out.push('</article>');
  }
  if (brief.ungrouped.length) {
    out.push('<article>', '<h3>Claims without a proposition</h3>');
    for (const claim of brief.ungrouped) out.push(...claimHtml(claim));
    out.push('</article>');
  }
  out.push('</section>');

  if (brief.questions.length) {
    out.push('<section>', '<h2 class="section">Competing hypotheses</h2>');
    for (const question of brief.questions) out.push(...questionHtml(question));
    out.push('</section>');
  }

  out.push('<section>', '<h2 class="section">Appendix: sources</h2>');
  if (!brief.sources.length) out.push('<p>No sources.</p>');
  for (const source of brief.sources) out.push(...sourceHtml(source));
  out.push('</section>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

/** Free text as paragraphs, split at blank lines, each keeping its line breaks. */
function paragraphs(s: string): string[] {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*(?:\n[ \t]*)+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim())
    .map((p) => `<p class="lines">${lines(p)}</p>`);
}

/** A definition list of the fields that have a value; values are HTML already. */
const fields = (items: [string, string][]) =>
  [
    '<dl>',
    ...items.filter(([, value]) => value !== '').map(([label, value]) => `<dt>${htmlEscape(label)}</dt><dd>${value}</dd>`),
    '</dl>',
  ].join('\n');

function claimHtml(claim: BriefClaim): string[] {
  const a = claim.assessment;
  const e = htmlEscape;
  const out = [
    '<section class="claim">',
    `<h4>Claim: ${e(claim.statement)}</h4>`,
    fields([
      ['Claimant', claim.claimant ? e(claim.claimant) : 'not recorded'],
      ['Polarity', claim.polarity],
      ['Attribution', claim.attribution ? `${e(claim.attribution)} (${claim.hand})` : 'not recorded'],
      ['Claimed', e(claim.claimedAt)],
      ['Status', claim.status],
      ['Credibility', claim.credibility ? `${e(gradeText(claim.credibility))}${claim.credibility.rationale.trim() ? `. ${e(claim.credibility.rationale)}` : ''}` : 'not graded'],
      ['Assessment', a ? e(assessmentParts(a).join(', ')) || 'no likelihood given' : 'not assessed'],
      ['Rationale', a ? `<span class="lines">${lines(a.rationale)}</span>` : ''],
      ['Contradicted by', claim.contradictedBy.map((s) => `“${e(s)}”`).join('; ')],
      ['Tags', claim.tags.map(e).join(', ')],
    ]),
  ];
  if (claim.notes.trim()) out.push('<p><strong>Notes:</strong></p>', ...paragraphs(claim.notes));
  for (const side of ['supporting', 'refuting', 'other'] as const) {
    if (!claim[side].length) continue;
    out.push(`<h5>${RELATION_HEADINGS[side]}</h5>`);
    for (const evidence of claim[side]) out.push(...evidenceHtml(evidence));
  }
  if (!claim.supporting.length && !claim.refuting.length && !claim.other.length) out.push('<p>No evidence linked yet.</p>');
  out.push('</section>');
  return out;
}

function linkText(ev: BriefEvidence): string {
  return `Relation: ${ev.relation}${ev.strength ? `, ${ev.strength}` : ''}.${ev.rationale.trim() ? ` Rationale: ${htmlEscape(ev.rationale)}` : ''}`;
}

function evidenceHtml(ev: BriefEvidence): string[] {
  const e = htmlEscape;
  if (ev.item.kind === 'claim') {
    const c = ev.item;
    const by = c.claimant ? ` by ${e(c.claimant)}` : '';
    const credibility = c.credibility ? ` Credibility ${e(gradeText(c.credibility))}.` : '';
    return [`<p class="citation"><strong>Claim${by}</strong> (${c.polarity}): “${e(c.statement)}”${credibility} ${linkText(ev)}</p>`];
  }
  const { quote, citation: c, note } = ev.item;
  const parts = [`<cite>${e(c.title)}</cite>`, e(c.publisher), e(c.published), e(c.pages)].filter(Boolean);
  const reliability = c.reliability ? ` Reliability ${e(gradeText(c.reliability))}.` : ' Reliability not graded.';
  return [
    `<blockquote><p>${lines(quote)}</p></blockquote>`,
    `<p class="citation">Source ${e(c.ref)}: ${parts.join(', ')}.${reliability} ${linkText(ev)}${note.trim() ? ` Note: ${e(note)}` : ''}</p>`,
  ];
}

function questionHtml(q: BriefQuestion): string[] {
  const e = htmlEscape;
  const out = [`<h3>Question: ${e(q.text)}</h3>`];
  if (q.notes.trim()) out.push(...paragraphs(q.notes));
  if (!q.hypotheses.length) return [...out, '<p>No hypotheses yet.</p>'];
  out.push('<ul>', ...q.hypotheses.map((h) => `<li><strong>${h.label}:</strong> ${e(h.statement)}</li>`), '</ul>');
  if (!q.rows.length) return [...out, '<p>No evidence rows yet.</p>'];
  const fixed = ['Evidence', 'Kind', 'From', 'Relevance', 'Credibility', 'Weight', 'Diagnosticity'];
  const totals = (label: string, values: string[]) => `<tr><th scope="row" colspan="${fixed.length}">${label}</th>${values.map((v) => `<td>${v}</td>`).join('')}</tr>`;
  out.push(
    `<table>`,
    `<caption>Competing hypotheses: ${e(q.text)}</caption>`,
    `<thead><tr>${[...fixed, ...q.hypotheses.map((h) => h.label)].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...q.rows.map(
      (r) =>
        `<tr><th scope="row">${r.label}: ${e(r.evidence)}</th><td>${r.kind}</td><td>${e(r.origin)}</td><td>${r.relevance}</td><td>${r.credibility}</td><td>${formatScore(r.weight)}</td><td>${r.diagnosticity ?? ''}</td>${r.ratings
          .map((rating) => `<td>${rating ? `<abbr title="${RATINGS[rating]}">${rating}</abbr>` : ''}</td>`)
          .join('')}</tr>`,
    ),
    '</tbody>',
    '<tfoot>',
    totals('Inconsistency', q.inconsistency.map(String)),
    totals('Weighted inconsistency', q.weightedInconsistency.map(formatScore)),
    totals('Unrated', q.unrated.map(String)),
    '</tfoot>',
    '</table>',
  );
  const least = q.leastInconsistent.map((label) => `${label}, “${e(q.hypotheses.find((h) => h.label === label)!.statement)}”`);
  out.push(least.length ? `<p><strong>Least inconsistent:</strong> ${least.join('; ')}</p>` : '<p><strong>Least inconsistent:</strong> none yet: the ratings do not tell the hypotheses apart.</p>');
  out.push(`<p class="meta">Ratings: ${RATING_LEGEND.map((r) => `${r.code} ${r.meaning.toLowerCase()}`).join(' · ')}; blank: not rated.</p>`);
  return out;
}

function sourceHtml(s: BriefSource): string[] {
  const e = htmlEscape;
  return [
    `<h3>${e(s.ref)}: ${e(s.title)}</h3>`,
    fields([
      ['Type', e(s.type)],
      ['Authors', s.authors.map(e).join('; ')],
      ['Publisher', e(s.publisher)],
      ['URL', s.url.trim() ? htmlUrl(s.url) : ''],
      ...s.dates.map((d): [string, string] => [`${d.label[0]!.toUpperCase()}${d.label.slice(1)}`, `${e(d.value)} (${e(d.from)})`]),
      ['Reliability', s.reliability ? `${e(gradeText(s.reliability))}${s.reliability.rationale.trim() ? `. ${e(s.reliability.rationale)}` : ''}` : 'not graded'],
      ['Pages', e(s.pages)],
      ['Reports', e(s.reports)],
      ['Tags', s.tags.map(e).join(', ')],
      ['Notes', s.notes.trim() ? `<span class="lines">${lines(s.notes)}</span>` : ''],
    ]),
  ];
}
