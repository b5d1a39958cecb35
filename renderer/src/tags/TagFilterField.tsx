// The "Tag" filter of the claims board and of the search: a select of the notebook's tags, each
// indented under its parent. Says that a tag also matches the tags under it.
export interface TagChoice {
  path: string;
  /** How many parents it has: weapons/artillery is 1. */
  depth: number;
}

export function TagFilterField({ id, value, tags, onChange }: { id: string; value: string; tags: readonly TagChoice[]; onChange: (tag: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={`${id}-tag`}>Tag</label>
      <select id={`${id}-tag`} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={`${id}-tag-hint`}>
        <option value="">Any</option>
        {tags.map((t) => (
          // Indented under its parent; the full path is what a screen reader reads.
          <option key={t.path} value={t.path}>
            {'\u00a0\u00a0'.repeat(t.depth) + t.path}
          </option>
        ))}
      </select>
      <span id={`${id}-tag-hint`} className="visually-hidden">
        A tag also matches the tags under it.
      </span>
    </div>
  );
}
