// `keysentry verify`: the quick answer to "has my key expired, or is my balance gone?".
// Keys come from stdin, never argv, so they stay out of shell history and `ps`. Whatever is pasted
// (bare keys, `DEEPSEEK_API_KEY=sk-…`, JSON, a curl command) is read by the scan's own detector, in
// chunks as it arrives: a 300 MB line costs no more memory than a short one.
import { createDetector, loadRules } from '../detect/index.js';
import { createContext } from '../sources/context.js';
import { stdinSource } from '../sources/stdin.js';
import type { Finding, Provider, VerifyStatus } from '../types.js';
import { isAdminKey, remedy, resolveVerifyOptions, SHARED_SHAPE_NOTE, type VerifyOptions } from '../verify/index.js';
import { Verifier } from '../verify/verifier.js';
import type { Format } from './args.js';
import { useColor } from './color.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './exit.js';
import { writeStdout } from './output.js';

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
  provider: Provider;
  status: VerifyStatus;
  detail: string;
  remedy?: string;
}


/** The command as the CLI runs it: stdin in, stdout out, a prompt when a person is typing. */
export async function verifyCommand(flags: { format: Extract<Format, 'console' | 'json'>; openaiBaseUrl?: string; deepseekBaseUrl?: string }): Promise<number> {
  const verify = resolveVerifyOptions(flags, process.env);
  if (process.stdin.isTTY) process.stderr.write('Paste keys or text, then Ctrl-D\n');
  return runVerifyCommand(process.stdin, process.stdout, { format: flags.format, color: useColor(), verify });
}

/** 0: every key is invalid; 1: some key is still a credential (unknown fails closed); 2: no keys. */
export async function runVerifyCommand(
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  opts: VerifyCommandOptions,
): Promise<number> {
  const err = opts.err ?? process.stderr;
  const verifier = new Verifier(opts.verify);
  const { keys, bytes } = await keysIn(input);
  if (!keys.length) {
    const why = bytes
      ? 'no OpenAI or DeepSeek key found in the text on stdin'
      : 'no keys on stdin: pipe or paste them, or text holding them (e.g. `pbpaste | keysentry verify`)';
    await write(err, `keysentry: ${why}\n`);
    return EXIT_ERROR;
  }
  const results = await Promise.all(keys.map((f) => check(verifier, f)));
  const code = results.some((r) => r.status !== 'invalid') ? EXIT_FINDINGS : EXIT_CLEAN;
  const text = opts.format === 'json' ? json(results) : consoleText(results, opts.color);
  if (out === process.stdout) return writeStdout(text, code);
  await write(out, text);
  return code;
}

/** Each distinct key in the input once, in order of appearance, found as `scan -` finds them. */
async function keysIn(input: NodeJS.ReadableStream): Promise<{ keys: Finding[]; bytes: number }> {
  const detector = createDetector(loadRules());
  const ctx = createContext();
  const seen = new Map<string, Finding>();
  let text = false;
  for await (const chunk of stdinSource(ctx, input)) {
    if (!text && /\S/.test(chunk.data.toString('latin1'))) text = true;
    for (const f of detector.detect(chunk)) if (!seen.has(f.fingerprint)) seen.set(f.fingerprint, f);
  }
  return { keys: [...seen.values()], bytes: text ? ctx.stats.bytes : 0 };
}

async function check(verifier: Verifier, f: Finding): Promise<Result> {
  const { status, detail } = await verifier.check(f.secret, f.provider, f.ruleId);
  return {
    fingerprint: f.fingerprint,
    redacted: f.redacted,
    provider: f.provider,
    status,
    // Without "deepseek" near it, a bare hex key may be someone else's: "invalid" may mean just that.
    detail: f.provider === 'deepseek' && f.confidence !== 'high' ? `${detail}; ${SHARED_SHAPE_NOTE}` : detail,
    remedy: remedy(f.provider, status, isAdminKey(f.secret)),
  };
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
};

function consoleText(results: Result[], color: boolean): string {
  const paint = (status: Result['status'], text: string) => (color ? `${STYLE[status]}${text}\x1b[0m` : text);
  const width = (pick: (r: Result) => string) => Math.max(...results.map((r) => pick(r).length));
  const keyWidth = width((r) => r.redacted);
  const providerWidth = width((r) => r.provider);
  const statusWidth = width((r) => r.status);
  let text = '';
  for (const r of results) {
    const status = paint(r.status, r.status) + ' '.repeat(statusWidth - r.status.length);
    text += `${r.redacted.padEnd(keyWidth)}  ${r.provider.padEnd(providerWidth)}  ${status}  ${r.detail}\n`;
    if (r.remedy) text += `  → ${r.remedy}\n`;
  }
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  text += `\n${results.length} key${results.length === 1 ? '' : 's'} checked: ${parts.join(', ')}\n`;
  return text;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (e) => (e ? reject(e) : resolve())));
}
