import { COMMIT_MESSAGE_PATH, type Finding } from '../types.js';

/** ", at byte offset 4096, base64-encoded, introduced by commit 0123456 (Ann, 2024-01-01)": what a one-line message adds to the key. */
export function findingContext(f: Finding): string {
  const parts: string[] = [];
  // A merge of several repositories' reports: the path alone does not say where.
  if (f.repository !== undefined) parts.push(`in repository ${f.repository}`);
  if (f.binary) parts.push(`at byte offset ${f.offset}`);
  if (f.encoding) parts.push(`${f.encoding}-encoded`);
  if (f.commit) {
    const { sha, author, date } = f.commit;
    const how = f.path === COMMIT_MESSAGE_PATH ? 'in the message of' : 'introduced by';
    parts.push(`${how} commit ${sha.slice(0, 7)} (${author}, ${date.slice(0, 10)})`);
  }
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}
