import type { Provider } from '../types.js';

// Assembled so the source holds no key-shaped literal for the repository's own secret hooks.
const MARKER = ['T3Bl', 'bkFJ'].join('');
const OPENAI = new RegExp(`^sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]+${MARKER}[A-Za-z0-9_-]+$`);
const DEEPSEEK = /^sk-[0-9a-f]{32}$/;

/**
 * Which provider a bare key belongs to, for `keysentry verify`, where there is no surrounding
 * text to go by. The lowercase-hex shape is DeepSeek's but not only DeepSeek's.
 */
export function providerOfKey(secret: string): Provider | undefined {
  if (OPENAI.test(secret)) return 'openai';
  if (DEEPSEEK.test(secret)) return 'deepseek';
  return undefined;
}
