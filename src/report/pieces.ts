// JSON written in pieces, laid out exactly as JSON.stringify(value, null, 2) lays it out, so a
// report of 100,000 findings never becomes one string, nor one object tree before it.

/** The elements of an array whose '[' sits at nesting depth `depth`, one piece per element. */
export function* jsonArray(items: Iterable<unknown>, depth: number): Generator<string> {
  const inner = ' '.repeat(2 * (depth + 1));
  let first = true;
  for (const item of items) {
    yield `${first ? '[\n' : ',\n'}${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`)}`;
    first = false;
  }
  yield first ? '[]' : `\n${' '.repeat(2 * depth)}]`;
}

export function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/**
 * A value with one big array in it: the rest stringified at once, the array in pieces. `marker`
 * is the array's place in value (a string no other part of value holds); `depth` its nesting.
 */
export function* jsonWithArray(value: unknown, marker: string, items: Iterable<unknown>, depth: number): Generator<string> {
  const text = JSON.stringify(value, null, 2);
  const at = text.indexOf(JSON.stringify(marker));
  yield text.slice(0, at);
  yield* jsonArray(items, depth);
  yield `${text.slice(at + JSON.stringify(marker).length)}\n`;
}
