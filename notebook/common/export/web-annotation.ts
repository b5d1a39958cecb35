// The notebook as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): one
// AnnotationCollection whose only page holds an Annotation per live excerpt and one per live
// evidence link. Pure; never includes what is in the trash.
//
// What each annotation says:
// - An excerpt: motivation `highlighting` (`commenting` when it has a note); its target is the
//   source (its URL, else urn:uuid:<source id>) narrowed by a TextQuoteSelector and a
//   TextPositionSelector. The positions count Unicode code points, as §4.2.4 requires, in
//   Corroborate's normalised text of the source (BOM dropped, CRLF → LF, NFC; for HTML, PDF and
//   Word the extracted text), which is not the DOM text a browser tool would count in. The target
//   says so the W3C way, with a TimeState (§4.3.1): `cached` names the copy the selectors were made
//   on (the notebook's source, urn:uuid:<source id>) and `sourceDate` when it was taken. A reader
//   holding the live page should anchor by the quote and take the position as a hint.
//   Its note is a TextualBody (text/markdown, purpose commenting); each tag one with purpose tagging.
// - An evidence link: motivation `linking`; the target is the evidence (the excerpt's annotation,
//   or the claim for a claim → claim link, as urn:uuid:<id>); the bodies are the claim it bears
//   on (its IRI, urn:uuid:<claim id>), the claim's statement (a TextualBody, purpose describing:
//   the suite's §3.3.5 assertions read a body with an id as an external resource, which may not
//   carry a purpose, so the IRI and the words are two bodies), the relation word (purpose
//   classifying), the strength (purpose assessing) and the rationale (purpose commenting) when set.
import type { Claim, Excerpt, Id, Link, Notebook, Source } from '../model.js';
import { exportFilename } from './filename.js';
import { EXPORT_FORMATS, type ExportContext, type ExportFile } from './formats.js';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The IRI Corroborate gives every object in its exports: its UUID as a URN (RFC 9562 §4). */
export const urn = (id: Id): string => `urn:uuid:${id}`;

type Json = Record<string, unknown>;

const isLive = (o: { deletedAt?: string } | undefined): boolean => o !== undefined && !o.deletedAt;

/**
 * A source's URL as an absolute URI, or undefined when it is none (no scheme: "www.example.org").
 * Characters a URI may not hold as they are (spaces, non-ASCII letters of an IRI) are
 * percent-encoded, as RFC 3987 §3.1 maps an IRI to a URI: consumers check `uri`, not `iri`.
 */
export function absoluteUri(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^[a-z][a-z0-9+.-]*:\S/i.test(trimmed)) return undefined;
  return trimmed.replace(/[^\x21-\x7e]|["<>\\^`{|}]/gu, (c) => encodeURIComponent(c));
}

/** The IRI an excerpt's target names: the source's own URL when it has one. */
export function sourceIri(source: Source): string {
  return absoluteUri(source.url) ?? urn(source.id);
}

function excerptAnnotation(excerpt: Excerpt, source: Source): Json {
  const { position, quote } = excerpt.selectors;
  const body: Json[] = [];
  if (excerpt.note.trim()) body.push({ type: 'TextualBody', value: excerpt.note, format: 'text/markdown', purpose: 'commenting' });
  for (const tag of excerpt.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return {
    id: urn(excerpt.id),
    type: 'Annotation',
    motivation: excerpt.note.trim() ? 'commenting' : 'highlighting',
    created: excerpt.createdAt,
    modified: excerpt.updatedAt,
    ...(body.length ? { body } : {}),
    target: {
      type: 'SpecificResource',
      source: sourceIri(source),
      state: { type: 'TimeState', sourceDate: source.createdAt, cached: urn(source.id) },
      selector: [
        { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        { type: 'TextPositionSelector', start: position.start, end: position.end },
      ],
    },
  };
}

function linkAnnotation(link: Link, claim: Claim): Json {
  const body: (Json | string)[] = [
    urn(claim.id),
    { type: 'TextualBody', value: claim.statement, format: 'text/plain', purpose: 'describing' },
    { type: 'TextualBody', value: link.relation, purpose: 'classifying' },
  ];
  if (link.strength) body.push({ type: 'TextualBody', value: `${link.strength} evidence`, purpose: 'assessing' });
  if (link.rationale.trim()) body.push({ type: 'TextualBody', value: link.rationale, format: 'text/markdown', purpose: 'commenting' });
  return {
    id: urn(link.id),
    type: 'Annotation',
    motivation: 'linking',
    created: link.createdAt,
    modified: link.updatedAt,
    body,
    target: urn(link.fromId),
  };
}

/** The annotations of the live excerpts (in source, then reading, order) and then of the live links. */
export function annotationsOf(notebook: Notebook): Json[] {
  const sources = Object.values(notebook.sources)
    .filter(isLive)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const order = new Map(sources.map((s, i) => [s.id, i]));
  const excerpts = Object.values(notebook.excerpts)
    .filter((e) => isLive(e) && order.has(e.sourceId))
    .sort(
      (a, b) =>
        order.get(a.sourceId)! - order.get(b.sourceId)! ||
        a.selectors.position.start - b.selectors.position.start ||
        b.selectors.position.end - a.selectors.position.end ||
        a.id.localeCompare(b.id),
    );
  const liveExcerpts = new Set(excerpts.map((e) => e.id));
  const liveEnd = (kind: 'excerpt' | 'claim', id: Id) => (kind === 'excerpt' ? liveExcerpts.has(id) : isLive(notebook.claims[id]));
  const links = Object.values(notebook.links)
    .filter((l) => isLive(l) && liveEnd(l.fromKind, l.fromId) && liveEnd(l.toKind, l.toId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return [
    ...excerpts.map((e) => excerptAnnotation(e, notebook.sources[e.sourceId]!)),
    ...links.map((l) => linkAnnotation(l, notebook.claims[l.toId]!)),
  ];
}

/** The AnnotationCollection of the notebook, as JSON-LD text. */
export function writeWebAnnotations(ctx: ExportContext): ExportFile {
  const { notebook } = ctx;
  const items = annotationsOf(notebook);
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    id: urn(notebook.id),
    type: 'AnnotationCollection',
    label: notebook.name || 'Corroborate notebook',
    total: items.length,
    generator: { type: 'Software', name: 'Corroborate' },
    generated: ctx.exportedAt,
    first: { id: `${urn(notebook.id)}#page-1`, type: 'AnnotationPage', startIndex: 0, items },
  };
  return { filename: exportFilename(notebook, 'web-annotation'), mediaType: EXPORT_FORMATS['web-annotation'].mediaType, text: `${JSON.stringify(collection, null, 2)}\n` };
}
