// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  fingerprint
} from "./chunk-2W2FAOGB.js";
import {
  UserError
} from "./chunk-JKVZBG7Z.js";
import {
  redact
} from "./chunk-QUMGJOT4.js";
import {
  providerKeyPage
} from "./chunk-FEOP7AJT.js";

// src/verify/http.ts
var MAX_BODY_BYTES = 1 << 20;
var BACKOFF_BASE_MS = 250;
var MAX_WAIT_MS = 5e3;
async function getWithRetries(url, secret, policy, retryable3) {
  for (let attempt = 1; ; attempt++) {
    const remaining = policy.deadline - Date.now();
    if (remaining <= 0) return { ok: false, reason: "verification deadline passed before the check" };
    const result = await once(url, secret, Math.min(policy.timeoutMs, remaining), remaining < policy.timeoutMs);
    let outcome;
    let again;
    if (result.ok) {
      outcome = { ok: true, answer: { ...result.answer, attempts: attempt } };
      again = retryable3(outcome.answer);
    } else {
      outcome = { ok: false, reason: attempt > 1 ? `${result.reason} (after ${attempt} attempts)` : result.reason };
      again = result.retryable;
    }
    if (!again || attempt > policy.retries) return outcome;
    const wait = (outcome.ok ? retryAfterMs(outcome.answer.headers) : void 0) ?? BACKOFF_BASE_MS * 2 ** (attempt - 1);
    if (wait > MAX_WAIT_MS || Date.now() + wait >= policy.deadline) return outcome;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
async function once(url, secret, timeoutMs, byDeadline) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method: "GET",
      headers: { authorization: `Bearer ${secret}`, accept: "application/json", "user-agent": "keysentry-verify" },
      redirect: "manual",
      signal: controller.signal
    });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => void 0);
      return { ok: false, reason: `redirect refused (HTTP ${res.status})`, retryable: false };
    }
    const body = await readCapped(res);
    if (body === void 0) return { ok: false, reason: "answer larger than 1 MiB", retryable: false };
    return { ok: true, answer: { status: res.status, headers: res.headers, body } };
  } catch (err) {
    if (controller.signal.aborted) {
      const reason = byDeadline ? "no answer before the verification deadline" : `no answer within ${formatSeconds(timeoutMs)}`;
      return { ok: false, reason, retryable: false };
    }
    return { ok: false, reason: `connection failed: ${describe(err)}`, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}
async function readCapped(res) {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => void 0);
      return void 0;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
function retryAfterMs(headers, now = Date.now()) {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const value = headers.get("retry-after")?.trim();
  if (!value) return void 0;
  if (/^\d+$/.test(value)) return Number(value) * 1e3;
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function describe(err) {
  let cause = err;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  if (cause instanceof Error) {
    const code = cause.code;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return String(err);
}
function formatSeconds(ms) {
  return `${Number((ms / 1e3).toFixed(ms < 1e3 ? 2 : 1))} s`;
}

// src/verify/text.ts
function providerText(text, secret, max = 160) {
  const clean = text.split(secret).join(redact(secret)).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}\u2026` : clean;
}
function parseJson(body) {
  try {
    return { json: JSON.parse(body) };
  } catch {
    return void 0;
  }
}
function apiError(json) {
  if (!isObject(json)) return {};
  const error = json.error;
  if (typeof error === "string") return { message: error };
  if (!isObject(error)) return typeof json.message === "string" ? { message: json.message } : {};
  return {
    code: typeof error.code === "string" ? error.code : void 0,
    type: typeof error.type === "string" ? error.type : void 0,
    message: typeof error.message === "string" ? error.message : void 0
  };
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/verify/deepseek.ts
async function checkDeepSeek(secret, baseUrl, policy) {
  const outcome = await getWithRetries(`${baseUrl}/user/balance`, secret, policy, retryable);
  if (!outcome.ok) return { status: "unknown", detail: `DeepSeek: ${providerText(outcome.reason, secret, 200)}` };
  return classify(outcome.answer, secret);
}
function retryable(answer) {
  return answer.status === 429 || answer.status >= 500;
}
function classify(answer, secret) {
  const { status } = answer;
  const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : "";
  const message = apiError(parseJson(answer.body)?.json).message;
  const said = message ? `: ${providerText(message, secret)}` : "";
  if (status === 200) return balance(answer.body, secret);
  if (status === 401) return { status: "invalid", detail: `DeepSeek rejected the key (HTTP 401${said})` };
  if (status === 402) return { status: "quota_exhausted", detail: `DeepSeek accepted the key but the account has no balance (HTTP 402${said})` };
  if (status === 429) {
    const wait = retryAfterMs(answer.headers);
    const hint = wait !== void 0 ? `, retry after ${formatSeconds(wait)}` : "";
    return { status: "rate_limited", detail: `DeepSeek accepted the key but is throttling it (HTTP 429${hint})${tries}` };
  }
  if (status >= 500) return { status: "unknown", detail: `DeepSeek server error (HTTP ${status})${tries}` };
  return { status: "unknown", detail: `unexpected HTTP ${status} from DeepSeek${said}` };
}
function balance(body, secret) {
  const json = parseJson(body)?.json;
  const infos = isObject(json) && Array.isArray(json.balance_infos) ? json.balance_infos : void 0;
  if (!isObject(json) || typeof json.is_available !== "boolean" || !infos) {
    return { status: "unknown", detail: "DeepSeek answered HTTP 200 without the expected balance" };
  }
  const amounts = [];
  for (const info of infos) {
    if (!isObject(info)) continue;
    const raw = info.total_balance;
    if (raw === void 0) continue;
    const total = typeof raw === "string" && raw.trim() !== "" || typeof raw === "number" ? Number(raw) : NaN;
    if (!Number.isFinite(total)) {
      return { status: "unknown", detail: `DeepSeek answered HTTP 200 with a balance that is not a number: ${providerText(String(raw), secret, 24)}` };
    }
    const currency = typeof info.currency === "string" ? ` ${providerText(info.currency, secret, 8)}` : "";
    amounts.push({ total, text: `${providerText(String(raw), secret, 24)}${currency}` });
  }
  const shown = amounts.length ? `balance ${amounts.map((a) => a.text).join(", ")}` : "no balance reported";
  if (json.is_available && amounts.some((a) => a.total > 0)) return { status: "live", detail: shown };
  const why = json.is_available ? shown : `not available for API calls, ${shown}`;
  return { status: "quota_exhausted", detail: `DeepSeek accepted the key but it cannot spend: ${why}` };
}

// src/verify/openai.ts
var QUOTA_CODES = /* @__PURE__ */ new Set([
  "insufficient_quota",
  "credit_balance_exhausted",
  "organization_spend_limit_exceeded",
  "project_spend_limit_exceeded",
  "organization_usage_limit_exceeded"
]);
function isAdminKey(secret, ruleId) {
  return secret.startsWith("sk-admin-") || /(?:^|[-_.:/])admin(?:[-_.:/]|$)/.test(ruleId ?? "");
}
async function checkOpenAI(secret, baseUrl, policy, ruleId) {
  const admin = isAdminKey(secret, ruleId);
  const path = admin ? "/v1/organization/admin_api_keys?limit=1" : "/v1/models";
  const outcome = await getWithRetries(`${baseUrl}${path}`, secret, policy, retryable2);
  if (!outcome.ok) return { status: "unknown", detail: `OpenAI: ${providerText(outcome.reason, secret, 200)}` };
  return classify2(outcome.answer, secret, admin);
}
function retryable2(answer) {
  if (answer.status === 429) return !isQuota(apiError(parseJson(answer.body)?.json));
  return answer.status >= 500;
}
function isQuota(error) {
  return error.type === "insufficient_quota" || QUOTA_CODES.has(error.code ?? "");
}
function classify2(answer, secret, admin) {
  const { status } = answer;
  const parsed = parseJson(answer.body);
  const error = apiError(parsed?.json);
  const said = (fallback) => providerText(error.code ?? error.message ?? fallback, secret);
  const message = error.message ?? "";
  const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : "";
  if (status === 200) {
    if (isObject(parsed?.json) && Array.isArray(parsed.json.data)) {
      return admin ? { status: "live", detail: "OpenAI accepted the admin key: it can manage the organization (HTTP 200)" } : { status: "live", detail: "OpenAI accepted the key (HTTP 200)" };
    }
    return { status: "unknown", detail: `OpenAI answered HTTP 200 without the expected list${parsed ? "" : " (not JSON)"}` };
  }
  if (!parsed) {
    return { status: "unknown", detail: `OpenAI answered HTTP ${status} with a body that is not JSON${tries}` };
  }
  if (status === 401 || status === 403) {
    if (error.code === "invalid_api_key" || /incorrect api key/i.test(message)) {
      return { status: "invalid", detail: "OpenAI rejected the key: invalid_api_key (revoked, deleted or never valid)" };
    }
    if (error.code === "account_deactivated" || /deactivated/i.test(message)) {
      return { status: "invalid", detail: "OpenAI rejected the key: its account is deactivated (account_deactivated)" };
    }
    if (/missing scopes|insufficient permissions/i.test(message)) {
      const scopes = /missing scopes:\s*([\w.,\s]+?)\.(?:\s|$)/i.exec(message)?.[1];
      const missing = scopes ? ` (missing ${providerText(scopes, secret, 60)})` : "";
      return { status: "live", detail: `restricted key: valid, but not allowed to ${admin ? "list admin keys" : "list models"}${missing}` };
    }
    if (/ip[_ ]?not[_ ]?authori[sz]ed|allow-?list/i.test(`${error.code ?? ""} ${message}`)) {
      return { status: "live", detail: "IP-restricted key: valid, but OpenAI refused this machine's IP address" };
    }
    if (error.code === "unsupported_country_region_territory" || /country, region, or territory/i.test(message)) {
      return { status: "live", detail: "valid key, but OpenAI refused requests from this region (unsupported_country_region_territory)" };
    }
    return { status: "unknown", detail: `unexpected HTTP ${status} from OpenAI: ${said("no error message")}` };
  }
  if (status === 429) {
    if (isQuota(error)) return { status: "quota_exhausted", detail: `OpenAI: no quota left (${said("insufficient_quota")})` };
    const wait = retryAfterMs(answer.headers);
    const hint = wait !== void 0 ? `, retry after ${formatSeconds(wait)}` : "";
    return { status: "rate_limited", detail: `OpenAI accepted the key but is throttling it (HTTP 429${hint})${tries}` };
  }
  if (status >= 500) return { status: "unknown", detail: `OpenAI server error (HTTP ${status})${tries}` };
  return { status: "unknown", detail: `unexpected HTTP ${status} from OpenAI: ${said("no error message")}` };
}

// src/verify/options.ts
import { isIPv4 } from "node:net";
var DEFAULTS = {
  openaiBaseUrl: "https://api.openai.com",
  deepseekBaseUrl: "https://api.deepseek.com",
  timeoutMs: 1e4,
  concurrency: 4,
  retries: 2,
  deadlineMs: 6e4
};
function resolveVerifyOptions(flags, env) {
  const pick = (flag, label, name, fallback) => {
    if (flag !== void 0) return checkBaseUrl(flag, label);
    const fromEnv = env[name];
    return fromEnv ? checkBaseUrl(fromEnv, name) : fallback;
  };
  return {
    openaiBaseUrl: pick(flags.openaiBaseUrl, "OpenAI base URL", "KEYSENTRY_OPENAI_BASE_URL", DEFAULTS.openaiBaseUrl),
    deepseekBaseUrl: pick(
      flags.deepseekBaseUrl,
      "DeepSeek base URL",
      "KEYSENTRY_DEEPSEEK_BASE_URL",
      DEFAULTS.deepseekBaseUrl
    )
  };
}
function settingsOf(options) {
  return {
    openaiBaseUrl: checkBaseUrl(options.openaiBaseUrl ?? DEFAULTS.openaiBaseUrl, "OpenAI base URL"),
    deepseekBaseUrl: checkBaseUrl(options.deepseekBaseUrl ?? DEFAULTS.deepseekBaseUrl, "DeepSeek base URL"),
    timeoutMs: positive(options.timeoutMs, DEFAULTS.timeoutMs, "timeoutMs"),
    concurrency: Math.floor(positive(options.concurrency, DEFAULTS.concurrency, "concurrency")),
    retries: Math.floor(atLeastZero(options.retries, DEFAULTS.retries, "retries")),
    deadlineMs: positive(options.deadlineMs, DEFAULTS.deadlineMs, "deadlineMs")
  };
}
function checkBaseUrl(value, label) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${label} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UserError(`${label} must use https:// (got ${url.protocol})`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new UserError(
      `${label} ${url.origin} refused: plain http:// would send keys unencrypted; use https:// (http:// is allowed only for 127.0.0.1, localhost, [::1])`
    );
  }
  if (url.username || url.password) throw new UserError(`${label} must not contain a user name or password`);
  if (url.search || url.hash) throw new UserError(`${label} must not contain a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
function isLoopback(hostname) {
  if (hostname === "localhost" || hostname === "[::1]") return true;
  return isIPv4(hostname) && hostname.startsWith("127.");
}
function positive(value, fallback, name) {
  if (value === void 0) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new UserError(`${name} must be a positive number (got ${value})`);
  return value;
}
function atLeastZero(value, fallback, name) {
  if (value === void 0) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new UserError(`${name} must be zero or more (got ${value})`);
  return value;
}

// src/verify/verifier.ts
var Verifier = class {
  settings;
  deadline;
  results = /* @__PURE__ */ new Map();
  slots;
  /** Throws a one-line Error when a base URL is refused. */
  constructor(options) {
    this.settings = settingsOf(options);
    this.deadline = Date.now() + this.settings.deadlineMs;
    this.slots = { openai: new Slots(this.settings.concurrency), deepseek: new Slots(this.settings.concurrency) };
  }
  /**
   * Never rejects: whatever goes wrong becomes `unknown` with the reason. A key of unknown provider
   * is sent nowhere, `unsent` saying why (a finding's description names the other issuer).
   */
  check(secret, provider, ruleId, unsent = "nothing says which one issued the key") {
    if (provider === "unknown") {
      return Promise.resolve({ status: "unknown", detail: `not sent to any provider: ${unsent}`, checkedAt: (/* @__PURE__ */ new Date()).toISOString() });
    }
    const id = `${provider}:${fingerprint(secret)}`;
    let result = this.results.get(id);
    if (!result) {
      result = this.slots[provider].run(() => this.ask(secret, provider, ruleId));
      this.results.set(id, result);
    }
    return result;
  }
  async ask(secret, provider, ruleId) {
    const policy = { timeoutMs: this.settings.timeoutMs, retries: this.settings.retries, deadline: this.deadline };
    let check;
    try {
      check = provider === "openai" ? await checkOpenAI(secret, this.settings.openaiBaseUrl, policy, ruleId) : await checkDeepSeek(secret, this.settings.deepseekBaseUrl, policy);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      check = { status: "unknown", detail: `check failed: ${providerText(message, secret)}` };
    }
    return { ...check, checkedAt: (/* @__PURE__ */ new Date()).toISOString() };
  }
};
var Slots = class {
  constructor(size) {
    this.size = size;
  }
  size;
  running = 0;
  waiting = [];
  async run(task) {
    if (this.running < this.size) this.running++;
    else await new Promise((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
};

// src/verify/shape.ts
var MARKER = ["T3Bl", "bkFJ"].join("");
var OPENAI = new RegExp(`^sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]+${MARKER}[A-Za-z0-9_-]+$`);
var DEEPSEEK = /^sk-[0-9a-f]{32}$/;
function providerOfKey(secret) {
  if (OPENAI.test(secret)) return "openai";
  if (DEEPSEEK.test(secret)) return "deepseek";
  return void 0;
}

// src/verify/remedy.ts
function remedy(provider, status, adminKey = false) {
  const where = providerKeyPage(provider, adminKey);
  switch (status) {
    case "live":
      return `Revoke it now at ${where} and put a new key where it is used; if it was committed, also take it out of git history.`;
    case "quota_exhausted":
      return `Revoke it at ${where}: it still authenticates, and the next top-up makes it spendable again.`;
    case "rate_limited":
      return `Revoke it now at ${where}: the provider accepted it and is only throttling it.`;
    case "unknown":
      return `Could not confirm it is dead: revoke it at ${where} to be safe, or check again later.`;
    case "invalid":
      return provider === "deepseek" ? "DeepSeek rejects it, so there is nothing to revoke there (if another provider issued it, revoke it there); still remove it from the code." : "OpenAI rejects it, so there is nothing to revoke; still remove it from the code.";
  }
}

// src/verify/index.ts
var SHARED_SHAPE_NOTE = "verified against DeepSeek: key shape is shared by other providers";
async function verifyFindings(findings, options) {
  const verifier = new Verifier(options);
  await Promise.all(
    findings.map(async (finding) => {
      const result = await verifier.check(finding.secret, finding.provider, finding.ruleId, finding.description);
      const noted = finding.provider === "deepseek" && finding.confidence !== "high";
      finding.verification = noted ? { ...result, detail: `${result.detail}; ${SHARED_SHAPE_NOTE}` } : { ...result };
    })
  );
}
async function verifyKey(secret, provider, options, ruleId) {
  return new Verifier(options).check(secret, provider, ruleId);
}

export {
  isAdminKey,
  resolveVerifyOptions,
  Verifier,
  providerOfKey,
  remedy,
  SHARED_SHAPE_NOTE,
  verifyFindings,
  verifyKey
};
