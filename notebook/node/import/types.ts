// What every extractor (text, HTML, PDF, DOCX) gives back, and the bounds it must respect.
// An extractor reads bytes and returns plain text and metadata; it never writes anything and
// never runs or renders the document's own code or markup.
import type { LooseDate, SourceType } from '../../common/model.js';

export interface ExtractInput {
  /** The file's name as the analyst knows it, used in every message. */
  filename: string;
  bytes: Uint8Array;
}

export interface ExtractedDate {
  value: LooseDate;
  /** Where it was read, e.g. "JSON-LD datePublished", "PDF info CreationDate", "docx dcterms:created". */
  detail: string;
}

export interface ExtractedSource {
  /** The normalised text (normaliseText): what excerpts anchor to. */
  text: string;
  /** IANA media type of the original. */
  mediaType: string;
  title?: string;
  type?: SourceType;
  authors?: string[];
  publisher?: string;
  /** BCP 47 tag, e.g. "en", "ko". */
  language?: string;
  /** The canonical URL, when the document names one. */
  url?: string;
  dates?: { published?: ExtractedDate; modified?: ExtractedDate };
  /** Where the metadata dates came from, for sources like Markdown front matter typed by a person. */
  datesFrom?: 'file' | 'metadata';
  pageStarts?: number[];
  headings?: { start: number; level: number }[];
  notice?: string;
}

export interface ExtractLimits {
  /** Largest file read at all, in bytes (checked before reading it whole). */
  maxBytes: number;
  /** Most pages a PDF may have. */
  maxPages: number;
  /** Longest normalised text, in UTF-16 code units. */
  maxTextLength: number;
  /** Largest total uncompressed size of a .docx's parts, in bytes. */
  maxUnzippedBytes: number;
}

/**
 * The bounds one import runs within. 200 MB covers the largest reports analysts handle; 5,000
 * pages and 50 million characters are far beyond any real document and far below what exhausts
 * the import worker's memory.
 */
export const DEFAULT_LIMITS: ExtractLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxPages: 5_000,
  maxTextLength: 50_000_000,
  maxUnzippedBytes: 500 * 1024 * 1024,
};

export type Extractor = (input: ExtractInput, limits: ExtractLimits) => Promise<ExtractedSource>;
