// `corroborate search NOTEBOOK WORDS… [--kind K] [--json]`: the app's search from the command line.
// Opens the notebook read-only and builds the index in this process (a command has nothing else to
// keep responsive). Never writes to the notebook folder.
import { isNotebookError, NotebookError } from '../../common/errors.js';
import { SEARCH_KIND_NAMES, SEARCH_KINDS, SearchKind, SearchQuery, type SearchResults, type Snippet } from '../../common/search/query.js';
import { buildIndex } from '../../common/search/search-index.js';
import { openStore } from '../store.js';

export interface SearchCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}


/** The kinds named with --kind, checked: an unknown one is a usage mistake, named with the choices. */
export function parseKinds(values: readonly string[]): SearchKind[] {
  return values.map((value) => {
    const kind = SearchKind.safeParse(value);
    if (!kind.success) throw new NotebookError('invalid', `unknown kind "${value}"; use one of ${SEARCH_KINDS.join(', ')}`);
    return kind.data;
  });
}

/**
 * Prints what matches words in the notebook at dir, grouped by kind, each hit with its snippet
 * (matching words in [brackets]); with json, the SearchResults as the API gives them. Exit code 0
 * when something matched, 1 when nothing did (as grep), or on an error.
 */
export async function searchCommand(dir: string, words: readonly string[], kinds: SearchKind[], json: boolean, io: SearchCommandIo): Promise<number> {
  const query = SearchQuery.safeParse({ query: words.join(' '), kinds });
  if (!query.success) throw new NotebookError('invalid', `search: ${query.error.issues.map((i) => i.message).join('; ')}`);
  const store = await openStore(dir, { readOnly: true });
  let results: SearchResults;
  try {
    const index = buildIndex(store.notebook, (sha) => store.readText(sha));
    for (const [sourceId, reason] of index.unreadable) {
      io.stderr(`corroborate: the text of source ${store.notebook.sources[sourceId]?.title ?? sourceId} was not searched: ${reason}\n`);
    }
    results = index.search(query.data);
  } catch (e) {
    throw isNotebookError(e) ? e : new NotebookError('io', `search failed (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    await store.close();
  }
  if (json) {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else if (!results.groups.length) {
    io.stdout(`Nothing matches "${query.data.query}".\n`);
  } else {
    const lines: string[] = [];
    for (const group of results.groups) {
      lines.push(`${SEARCH_KIND_NAMES[group.kind]} (${group.total}${group.total > group.hits.length ? `, first ${group.hits.length}` : ''})`);
      for (const hit of group.hits) {
        lines.push(`  ${hit.title}${hit.range ? ` (at ${hit.range.start})` : ''}  ${hit.kind === 'passage' ? hit.sourceId : hit.id}`);
        lines.push(`    ${withMarks(hit.snippet)}`);
      }
    }
    io.stdout(`${lines.join('\n')}\n`);
  }
  return results.groups.length ? 0 : 1;
}

/** The snippet's text with its marked words in [brackets] and … where it was cut. */
function withMarks(snippet: Snippet): string {
  let out = snippet.cutStart ? '…' : '';
  let at = 0;
  for (const [start, end] of snippet.marks) {
    out += `${snippet.text.slice(at, start)}[${snippet.text.slice(start, end)}]`;
    at = end;
  }
  return `${out}${snippet.text.slice(at)}${snippet.cutEnd ? '…' : ''}`;
}
