// A planted key as the bench remembers it: where it is and its fingerprint, never the key itself.
import { createHash } from 'node:crypto';

const PREFIX = /^sk-(?:proj-|svcacct-|admin-|None-)?/;

/**
 * `expect` is 'must' for keys any user expects reported, 'may' for a bare DeepSeek-shaped token
 * with no provider name near it, which a rule may rightly leave alone.
 */
export function plant(key, fields) {
  return {
    fingerprint: createHash('sha256').update(key, 'utf8').digest('hex'),
    redacted: `${PREFIX.exec(key)?.[0] ?? key.slice(0, 3)}…${key.slice(-4)}`,
    expect: 'must',
    ...fields,
  };
}
