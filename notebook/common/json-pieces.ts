// JSON text made a piece at a time, for values too large to hold as one string: the 100k notebook
// is some 90 MB of JSON (180 MB as a string once any character is beyond Latin-1), written to
// notebook.json and sent to the page. Joined, the pieces are exactly JSON.stringify(value).

/**
 * The JSON text of value in pieces that join to exactly JSON.stringify(value): plain objects and
 * arrays down to `depth` levels are written entry by entry, everything below (and any value with
 * a toJSON of its own) whole. So with depth 2, a notebook's collections come object by object.
 * Each piece is small when the entries at that depth are, which is what lets a caller write or
 * encode a piece, let other work run, and drop it.
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (!(depth > 0 && splittable(value))) {
    // undefined, a function or a symbol has no JSON text: JSON.stringify answers undefined, and
    // these pieces join to nothing.
    const text = JSON.stringify(value);
    if (text !== undefined) yield text;
    return;
  }
  // One generator and a stack of the objects being written, rather than a generator per level:
  // resuming nested generators costs each piece a step per level (a third more time at 100k).
  const stack: Level[] = [level(value, depth)];
  /** Brackets and names not yet given out: they go with the next piece. */
  let pending = Array.isArray(value) ? '[' : '{';
  while (stack.length > 0) {
    const at = stack[stack.length - 1]!;
    const index = at.next++;
    if (index >= (at.keys ? at.keys.length : (at.value as unknown[]).length)) {
      stack.pop();
      pending += at.keys ? '}' : ']';
      continue;
    }
    const key = at.keys?.[index];
    const item: unknown = key === undefined ? (at.value as unknown[])[index] : (at.value as Record<string, unknown>)[key];
    const name = key === undefined ? (index > 0 ? ',' : '') : `${at.written ? ',' : ''}${JSON.stringify(key)}:`;
    if (at.depth > 1 && splittable(item)) {
      at.written = true;
      yield pending + name;
      pending = Array.isArray(item) ? '[' : '{';
      stack.push(level(item, at.depth - 1));
      continue;
    }
    const text = JSON.stringify(item);
    if (text === undefined) {
      // An object leaves out what has no JSON text; an array keeps its place, as null.
      if (key !== undefined) continue;
      yield `${pending}${name}null`;
    } else {
      yield pending + name + text;
    }
    pending = '';
    at.written = true;
  }
  yield pending;
}

/** An object or array being written: its keys (null for an array), the next entry, whether one was written. */
interface Level {
  value: object;
  keys: string[] | null;
  next: number;
  written: boolean;
  depth: number;
}

const level = (value: object, depth: number): Level => ({ value, keys: Array.isArray(value) ? null : Object.keys(value), next: 0, written: false, depth });

/**
 * A plain object or array without a toJSON of its own: what jsonPieces writes entry by entry.
 * (A value with a toJSON is written whole, its toJSON called with '' rather than its key.)
 */
function splittable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
