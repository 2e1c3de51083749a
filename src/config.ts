// The user's .keysentry.json: what to ignore, which rules to turn off, which keys are known.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';

export interface Config {
  /** micromatch globs on reported paths: vendored code, fixtures the team has reviewed. */
  ignore: string[];
  /** Rule ids to turn off, e.g. a DeepSeek-shaped rule in a repo full of other sk- hex tokens. */
  disableRules: string[];
  /** SHA-256 fingerprints of keys known to be harmless (revoked test keys): never reported. */
  allowFingerprints: string[];
  /** Extra rules in the same shape as rules/*.json entries; validated by the detect stage. */
  rules: unknown[];
  /** The file this came from, for errors about its rules; none when there was no file. */
  file?: string;
}

export const CONFIG_FILE = '.keysentry.json';
const KEYS: (keyof Config)[] = ['ignore', 'disableRules', 'allowFingerprints', 'rules'];

export function emptyConfig(): Config {
  return { ignore: [], disableRules: [], allowFingerprints: [], rules: [] };
}

/**
 * Reads an explicit --config (which must exist) or the repo root's .keysentry.json (which may not).
 * Every mistake is a one-line UserError naming the file: a config that is silently half-applied
 * would hide findings.
 */
export async function loadConfig(explicit: string | undefined, root: string): Promise<Config> {
  const file = explicit ?? join(root, CONFIG_FILE);
  if (!explicit && !existsSync(file)) return emptyConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  // Editors on Windows save UTF-8 with a byte order mark, which JSON.parse refuses.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`config ${file} is not valid JSON: ${jsonError((e as Error).message, text)}`);
  }
  const config = parseConfig(raw, file);
  await checkGlobs(config.ignore, file);
  return { ...config, file };
}

/**
 * V8's message, where it is, as a line and column, and without the quoted text V8 adds (which
 * spans lines and may hold anything the file holds).
 */
function jsonError(message: string, text: string): string {
  const token = /^(Unexpected token '.*?'), ".*" is not valid JSON$/s.exec(message);
  if (token) return token[1]!;
  const at = /^(.*?) in JSON at position (\d+)/s.exec(message);
  if (!at) return message.split('\n')[0]!;
  const before = text.slice(0, Number(at[2]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${at[1]} (line ${line}, column ${column})`;
}

export function parseConfig(raw: unknown, file: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError(`config ${file} must be a JSON object`);
  }
  const config = emptyConfig();
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (!(KEYS as string[]).includes(key)) {
      throw new UserError(`config ${file}: unknown key "${key}" (known: ${KEYS.join(', ')})`);
    }
    if (!Array.isArray(value)) throw new UserError(`config ${file}: "${key}" must be an array`);
    if (key !== 'rules' && value.some((v) => typeof v !== 'string')) {
      throw new UserError(`config ${file}: "${key}" must be an array of strings`);
    }
    (config as unknown as Record<string, unknown[]>)[key] = value;
  }
  for (const fp of config.allowFingerprints) {
    if (!/^[0-9a-f]{64}$/.test(fp)) {
      throw new UserError(`config ${file}: allowFingerprints entry "${fp}" is not a lowercase hex SHA-256`);
    }
  }
  return config;
}

// micromatch accepts almost anything and turns a broken glob into a pattern that matches nothing,
// which would silently un-ignore (or never ignore) files: refuse such globs up front.
async function checkGlobs(globs: string[], file: string): Promise<void> {
  if (globs.length === 0) return;
  // Loaded when there is a glob to check: a pre-commit hook without any pays nothing for it. A
  // literal import(), so the bundles carry micromatch (the Action runs with no node_modules).
  const { default: micromatch } = await import('micromatch');
  for (const glob of globs) {
    const re = glob.trim() === '' ? undefined : micromatch.makeRe(glob);
    if (!re || re.source === '$^' || unbalanced(glob)) {
      throw new UserError(`config ${file}: invalid ignore glob "${glob}"`);
    }
  }
}

function unbalanced(glob: string): boolean {
  const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
  const stack: string[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\') i++;
    else if (c in pairs) stack.push(pairs[c]!);
    else if (c === ']' || c === '}' || c === ')') {
      if (stack.pop() !== c) return true;
    }
  }
  return stack.length > 0;
}
