import { isIPv4 } from 'node:net';
import { UserError } from '../errors.js';

export interface VerifyOptions {
  /** Host root of the OpenAI API (default https://api.openai.com); the API path is appended. */
  openaiBaseUrl?: string;
  /** Host root of the DeepSeek API (default https://api.deepseek.com). */
  deepseekBaseUrl?: string;
  /** Per-request limit, body included (default 10 000). */
  timeoutMs?: number;
  /** Keys checked at once, per provider (default 4). */
  concurrency?: number;
  /** Extra attempts after a 429 or 5xx answer or a dropped connection (default 2). */
  retries?: number;
  /** Limit for a whole verification run, so one slow provider never hangs a scan (default 60 000). */
  deadlineMs?: number;
}

export interface Settings {
  openaiBaseUrl: string;
  deepseekBaseUrl: string;
  timeoutMs: number;
  concurrency: number;
  retries: number;
  deadlineMs: number;
}

const DEFAULTS = {
  openaiBaseUrl: 'https://api.openai.com',
  deepseekBaseUrl: 'https://api.deepseek.com',
  timeoutMs: 10_000,
  concurrency: 4,
  retries: 2,
  deadlineMs: 60_000,
};

/**
 * Flags win over KEYSENTRY_OPENAI_BASE_URL / KEYSENTRY_DEEPSEEK_BASE_URL; both are checked here so a
 * bad value fails before any key is sent. Throws a UserError with a one-line message.
 */
export function resolveVerifyOptions(
  flags: { openaiBaseUrl?: string; deepseekBaseUrl?: string },
  env: NodeJS.ProcessEnv,
): VerifyOptions {
  const pick = (flag: string | undefined, label: string, name: string, fallback: string): string => {
    if (flag !== undefined) return checkBaseUrl(flag, label);
    const fromEnv = env[name];
    return fromEnv ? checkBaseUrl(fromEnv, name) : fallback;
  };
  return {
    openaiBaseUrl: pick(flags.openaiBaseUrl, 'OpenAI base URL', 'KEYSENTRY_OPENAI_BASE_URL', DEFAULTS.openaiBaseUrl),
    deepseekBaseUrl: pick(
      flags.deepseekBaseUrl,
      'DeepSeek base URL',
      'KEYSENTRY_DEEPSEEK_BASE_URL',
      DEFAULTS.deepseekBaseUrl,
    ),
  };
}

/** Applies defaults and re-checks base URLs, so a caller that skipped resolveVerifyOptions is safe too. */
export function settingsOf(options: VerifyOptions): Settings {
  return {
    openaiBaseUrl: checkBaseUrl(options.openaiBaseUrl ?? DEFAULTS.openaiBaseUrl, 'OpenAI base URL'),
    deepseekBaseUrl: checkBaseUrl(options.deepseekBaseUrl ?? DEFAULTS.deepseekBaseUrl, 'DeepSeek base URL'),
    timeoutMs: positive(options.timeoutMs, DEFAULTS.timeoutMs, 'timeoutMs'),
    concurrency: Math.floor(positive(options.concurrency, DEFAULTS.concurrency, 'concurrency')),
    retries: Math.floor(atLeastZero(options.retries, DEFAULTS.retries, 'retries')),
    deadlineMs: positive(options.deadlineMs, DEFAULTS.deadlineMs, 'deadlineMs'),
  };
}

/**
 * Keys travel only over TLS, except to this machine (a local proxy or a test server).
 * Returns the URL without a trailing slash, ready for an API path to be appended.
 */
export function checkBaseUrl(value: string, label: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${label} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`${label} must use https:// (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UserError(
      `${label} ${url.origin} refused: plain http:// would send keys unencrypted; use https:// (http:// is allowed only for 127.0.0.1, localhost, [::1])`,
    );
  }
  // Credentials in the URL would be sent along with every key, and a query or fragment would be
  // mangled by appending the API path.
  if (url.username || url.password) throw new UserError(`${label} must not contain a user name or password`);
  if (url.search || url.hash) throw new UserError(`${label} must not contain a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIPv4(hostname) && hostname.startsWith('127.');
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new UserError(`${name} must be a positive number (got ${value})`);
  return value;
}

function atLeastZero(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new UserError(`${name} must be zero or more (got ${value})`);
  return value;
}
