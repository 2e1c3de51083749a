// How a key is shown without being given away. On the ground floor, beside types.ts: detect/
// redacts findings and snippets with it, errors.ts the messages it words, and neither need
// import the other.

// The type prefix tells a reader which kind of key leaked; the last 4 let them match it
// against the provider's key list. Everything between stays hidden.
const PREFIX = /^sk-(?:proj-|svcacct-|admin-|None-)?/;

export function redact(secret: string): string {
  const prefix = PREFIX.exec(secret)?.[0] ?? secret.slice(0, 3);
  return `${prefix}…${secret.slice(-4)}`;
}

// Assembled so this file holds no key-shaped literal for the repository's own secret hooks.
const MARKER = ['T3Bl', 'bkFJ'].join('');
// A key pasted where a path, revision, URL or flag was expected comes back in the error about it,
// possibly camel-cased (dashes dropped, characters kept) by whatever echoes it.
const KEYISH = new RegExp(`sk-[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]*${MARKER}[A-Za-z0-9_-]*|sk[A-Z][A-Za-z0-9]{24,}`, 'g');

/** Replaces anything shaped like a key by its prefix and last four characters. */
export function redactKeys(text: string): string {
  return text.replace(KEYISH, (key) => redact(key));
}
