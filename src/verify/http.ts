// One GET with a bearer key, made safe for a secret: no redirects (the key would follow them to
// another host), a time limit that covers the body too, bounded retries, and every failure turned
// into a reason string — never a rejection.

/** A provider's answer, whatever its status. */
export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  /** Requests made, retries included. */
  attempts: number;
}

export type Outcome = { ok: true; answer: Answer } | { ok: false; reason: string };

export interface Policy {
  timeoutMs: number;
  retries: number;
  /** Epoch ms after which no request starts and none is waited for. */
  deadline: number;
}

// An error body is a few hundred bytes and the model list tens of KiB: more is not an API answer.
const MAX_BODY_BYTES = 1 << 20;
const BACKOFF_BASE_MS = 250;
// A server that asks for a longer pause than this will not be ready within a scan: give up instead.
const MAX_WAIT_MS = 5_000;

type Attempt = { ok: true; answer: Omit<Answer, 'attempts'> } | { ok: false; reason: string; retryable: boolean };

/**
 * GETs url with `Authorization: Bearer <secret>`, retrying while `retryable` says so (after a
 * dropped connection too), honouring Retry-After within MAX_WAIT_MS and the deadline.
 */
export async function getWithRetries(
  url: string,
  secret: string,
  policy: Policy,
  retryable: (answer: Answer) => boolean,
): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    const remaining = policy.deadline - Date.now();
    if (remaining <= 0) return { ok: false, reason: 'verification deadline passed before the check' };
    const result = await once(url, secret, Math.min(policy.timeoutMs, remaining), remaining < policy.timeoutMs);
    let outcome: Outcome;
    let again: boolean;
    if (result.ok) {
      outcome = { ok: true, answer: { ...result.answer, attempts: attempt } };
      again = retryable(outcome.answer);
    } else {
      outcome = { ok: false, reason: attempt > 1 ? `${result.reason} (after ${attempt} attempts)` : result.reason };
      again = result.retryable;
    }
    if (!again || attempt > policy.retries) return outcome;
    const wait = (outcome.ok ? retryAfterMs(outcome.answer.headers) : undefined) ?? BACKOFF_BASE_MS * 2 ** (attempt - 1);
    if (wait > MAX_WAIT_MS || Date.now() + wait >= policy.deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function once(url: string, secret: string, timeoutMs: number, byDeadline: boolean): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${secret}`, accept: 'application/json', 'user-agent': 'keysentry-verify' },
      redirect: 'manual',
      signal: controller.signal,
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `redirect refused (HTTP ${res.status})`, retryable: false };
    }
    const body = await readCapped(res);
    if (body === undefined) return { ok: false, reason: 'answer larger than 1 MiB', retryable: false };
    return { ok: true, answer: { status: res.status, headers: res.headers, body } };
  } catch (err) {
    if (controller.signal.aborted) {
      const reason = byDeadline
        ? 'no answer before the verification deadline'
        : `no answer within ${formatSeconds(timeoutMs)}`;
      // A provider this slow will be as slow again: the deadline, not more attempts, bounds the wait.
      return { ok: false, reason, retryable: false };
    }
    return { ok: false, reason: `connection failed: ${describe(err)}`, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response): Promise<string | undefined> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Retry-After in seconds or as an HTTP date; OpenAI also sends retry-after-ms. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// undici reports "fetch failed" and hides the useful part (ECONNRESET, other side closed) in cause.
function describe(err: unknown): string {
  let cause: unknown = err;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return String(err);
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}
