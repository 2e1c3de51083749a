// `keysentry verify`: the quick answer to "has my key expired, or is my balance gone?".
// Keys come from stdin, never argv, so they stay out of shell history and `ps`.
import { createInterface } from 'node:readline';
import { fingerprint, redact } from '../detect/secret.js';
import type { Provider, VerifyStatus } from '../types.js';
import { isAdminKey, providerOfKey, remedy, SHARED_SHAPE_NOTE, type VerifyOptions } from '../verify/index.js';
import { Verifier } from '../verify/verifier.js';

export interface VerifyCommandOptions {
  format: 'console' | 'json';
  color: boolean;
  verify: VerifyOptions;
  /** Where the one-line input error goes (default stderr), so `out` stays valid JSON. */
  err?: NodeJS.WritableStream;
}

interface Result {
  fingerprint: string;
  redacted: string;
  provider: Provider | null;
  status: VerifyStatus | 'unrecognised';
  detail: string;
  remedy?: string;
}

const EXIT_CLEAN = 0;
const EXIT_CREDENTIAL = 1;
const EXIT_BAD_INPUT = 2;

/** 0: every key is invalid; 1: some key is still a credential (unknown fails closed); 2: no keys. */
export async function runVerifyCommand(
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  opts: VerifyCommandOptions,
): Promise<number> {
  const err = opts.err ?? process.stderr;
  const lines = await distinctLines(input);
  if (!lines.length) {
    await write(err, 'keysentry: no keys on stdin: pipe them in, one per line (e.g. `pbpaste | keysentry verify`)\n');
    return EXIT_BAD_INPUT;
  }
  const verifier = new Verifier(opts.verify);
  const results = await Promise.all(lines.map((line) => check(verifier, line)));

  await write(out, opts.format === 'json' ? json(results) : consoleText(results, opts.color));
  const keys = results.filter((r) => r.provider !== null);
  if (!keys.length) {
    await write(err, 'keysentry: no line on stdin is an OpenAI or DeepSeek key\n');
    return EXIT_BAD_INPUT;
  }
  return keys.some((r) => r.status !== 'invalid') ? EXIT_CREDENTIAL : EXIT_CLEAN;
}

async function check(verifier: Verifier, key: string): Promise<Result> {
  const provider = providerOfKey(key);
  const id = fingerprint(key);
  if (!provider) {
    return { fingerprint: id, redacted: maskUnrecognised(key), provider: null, status: 'unrecognised', detail: 'not a recognised OpenAI or DeepSeek key' };
  }
  const { status, detail } = await verifier.check(key, provider);
  return {
    fingerprint: id,
    redacted: redact(key),
    provider,
    status,
    // A bare key has no surrounding text to say it is DeepSeek's: "invalid" may mean "someone else's".
    detail: provider === 'deepseek' ? `${detail}; ${SHARED_SHAPE_NOTE}` : detail,
    remedy: remedy(provider, status, isAdminKey(key)),
  };
}

async function distinctLines(input: NodeJS.ReadableStream): Promise<string[]> {
  const seen = new Set<string>();
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    const line = raw.trim();
    if (line) seen.add(line);
  }
  return [...seen];
}

// A short line would be shown almost whole by redact(): show its length instead.
function maskUnrecognised(line: string): string {
  return line.length >= 20 ? redact(line) : `<${line.length} characters>`;
}

function json(results: Result[]): string {
  const doc = {
    version: 1,
    results: results.map(({ fingerprint, redacted, provider, status, detail }) => ({ fingerprint, redacted, provider, status, detail })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const STYLE: Record<Result['status'], string> = {
  live: '\x1b[1;31m',
  quota_exhausted: '\x1b[33m',
  rate_limited: '\x1b[33m',
  unknown: '\x1b[33m',
  invalid: '\x1b[32m',
  unrecognised: '\x1b[2m',
};

function consoleText(results: Result[], color: boolean): string {
  const paint = (status: Result['status'], text: string) => (color ? `${STYLE[status]}${text}\x1b[0m` : text);
  const width = (pick: (r: Result) => string) => Math.max(...results.map((r) => pick(r).length));
  const keyWidth = width((r) => r.redacted);
  const providerWidth = width((r) => r.provider ?? '-');
  const statusWidth = width((r) => r.status);
  let text = '';
  for (const r of results) {
    const status = paint(r.status, r.status) + ' '.repeat(statusWidth - r.status.length);
    text += `${r.redacted.padEnd(keyWidth)}  ${(r.provider ?? '-').padEnd(providerWidth)}  ${status}  ${r.detail}\n`;
    if (r.remedy) text += `  → ${r.remedy}\n`;
  }
  const keys = results.filter((r) => r.provider !== null);
  const counts = new Map<string, number>();
  for (const r of keys) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  const other = results.length - keys.length;
  const others = other ? `; ${other} line${other === 1 ? '' : 's'} not a recognised key` : '';
  text += `\n${keys.length} key${keys.length === 1 ? '' : 's'} checked${parts.length ? `: ${parts.join(', ')}` : ''}${others}\n`;
  return text;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (e) => (e ? reject(e) : resolve())));
}
