// The running example with markup-like strings in every field an export writes: a source whose
// text, title, publisher and URL try to inject HTML, Markdown and CSV structure, and a claim,
// claimant, proposition, notes and question built from the same strings. An export must show
// them as text, exactly, and never as markup.
import { createHash } from 'node:crypto';
import { describe as describeRange } from '../../../../notebook/common/anchoring.js';
import { type Id, type Kind } from '../../../../notebook/common/model.js';
import { apply } from '../../../../notebook/common/operations.js';
import { codePointIndex, codePointLength } from '../../../../notebook/common/text.js';
import { runningExample, type RunningExample } from './running-example.js';

/** One line that is markup in Markdown, HTML and (with its comma and quotes) CSV. */
export const HOSTILE = `*bold* <script>alert(1)</script> [x](javascript:alert(1)) | # 1. _ &amp; \`code\` ~~del~~ <img src=x onerror=alert(1)> "quoted", 'single'`;

/** Lines that open a block in Markdown if left as they are, with edge whitespace and a CRLF-free line break in a field. */
export const HOSTILE_LINES = [
  '- not a list',
  '  + indented',
  '1. not ordered',
  '    not code',
  '',
  '# not a heading',
  '> not a quote',
  '---',
  '===',
  '```',
  '<div onclick="alert(1)">',
  '|a|b|',
  'trailing backslash\\',
  '\ttab and spaces  ',
].join('\n');

export const HOSTILE_URL = 'javascript:alert(1)';

export interface HostileExample extends RunningExample {
  hostile: { source: Id; excerpt: Id; claim: Id; entity: Id; proposition: Id };
}

export function hostileExample(): HostileExample {
  const example = runningExample();
  const { notebook, texts } = example;
  let n = 0x900;
  const create = (kind: Kind, object: Record<string, unknown>): Id => {
    n++;
    const at = new Date(Date.UTC(2023, 9, 17, 9, 0, n - 0x900)).toISOString();
    const id = `01890000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
    apply(notebook, { type: 'create', kind, object: { id, createdAt: at, updatedAt: at, ...object } });
    return id;
  };
  const text = `Before it.\n${HOSTILE_LINES}\nAfter it: ${HOSTILE}\n`;
  const sha = createHash('sha256').update(text).digest('hex');
  texts.set(sha, text);
  const source = create('source', {
    title: HOSTILE,
    publisher: HOSTILE,
    url: HOSTILE_URL,
    authors: [HOSTILE],
    dates: { published: { value: '2023-10-16', from: 'analyst' } },
    reliability: { grade: 'E', rationale: HOSTILE_LINES },
    content: { textSha256: sha, originalSha256: sha, mediaType: 'text/plain', length: codePointLength(text) },
    notes: HOSTILE_LINES,
    tags: [HOSTILE],
  });
  const at = codePointIndex(text, text.indexOf(HOSTILE_LINES));
  const excerpt = create('excerpt', { sourceId: source, selectors: describeRange(text, { start: at, end: at + codePointLength(HOSTILE_LINES) }), note: HOSTILE });
  const entity = create('entity', { name: HOSTILE, kind: 'group' });
  const proposition = create('proposition', { statement: HOSTILE, notes: HOSTILE_LINES });
  const claim = create('claim', {
    statement: HOSTILE,
    claimantId: entity,
    propositionId: proposition,
    attribution: [{ role: 'publisher', label: HOSTILE }, { role: 'speaker', entityId: entity, label: '' }],
    claimedAt: '2023-10-16',
    credibility: { grade: '5', rationale: HOSTILE },
    status: 'assessed',
    assessment: { likelihood: 'almost no chance', confidence: 'high', basis: 'assumption', rationale: HOSTILE_LINES },
    tags: [HOSTILE],
    notes: HOSTILE_LINES,
  });
  create('link', { fromKind: 'excerpt', fromId: excerpt, toKind: 'claim', toId: claim, relation: 'supports', strength: 'weak', rationale: HOSTILE });
  apply(notebook, { type: 'settings', set: { name: HOSTILE, organisation: HOSTILE, notes: HOSTILE_LINES } });
  return { ...example, hostile: { source, excerpt, claim, entity, proposition } };
}
