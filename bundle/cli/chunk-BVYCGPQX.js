// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  SHARED_SHAPE_NOTE,
  Verifier,
  isAdminKey,
  providerOfKey,
  remedy
} from "./chunk-JOHF7JGJ.js";
import {
  fingerprint,
  redact
} from "./chunk-L6UI6A4T.js";
import "./chunk-BTI5UEIW.js";

// src/cli/verify-command.ts
import { createInterface } from "node:readline";
var EXIT_CLEAN = 0;
var EXIT_CREDENTIAL = 1;
var EXIT_BAD_INPUT = 2;
async function runVerifyCommand(input, out, opts) {
  const err = opts.err ?? process.stderr;
  const lines = await distinctLines(input);
  if (!lines.length) {
    await write(err, "keysentry: no keys on stdin: pipe them in, one per line (e.g. `pbpaste | keysentry verify`)\n");
    return EXIT_BAD_INPUT;
  }
  const verifier = new Verifier(opts.verify);
  const results = await Promise.all(lines.map((line) => check(verifier, line)));
  await write(out, opts.format === "json" ? json(results) : consoleText(results, opts.color));
  const keys = results.filter((r) => r.provider !== null);
  if (!keys.length) {
    await write(err, "keysentry: no line on stdin is an OpenAI or DeepSeek key\n");
    return EXIT_BAD_INPUT;
  }
  return keys.some((r) => r.status !== "invalid") ? EXIT_CREDENTIAL : EXIT_CLEAN;
}
async function check(verifier, key) {
  const provider = providerOfKey(key);
  const id = fingerprint(key);
  if (!provider) {
    return { fingerprint: id, redacted: maskUnrecognised(key), provider: null, status: "unrecognised", detail: "not a recognised OpenAI or DeepSeek key" };
  }
  const { status, detail } = await verifier.check(key, provider);
  return {
    fingerprint: id,
    redacted: redact(key),
    provider,
    status,
    // A bare key has no surrounding text to say it is DeepSeek's: "invalid" may mean "someone else's".
    detail: provider === "deepseek" ? `${detail}; ${SHARED_SHAPE_NOTE}` : detail,
    remedy: remedy(provider, status, isAdminKey(key))
  };
}
async function distinctLines(input) {
  const seen = /* @__PURE__ */ new Set();
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    const line = raw.trim();
    if (line) seen.add(line);
  }
  return [...seen];
}
function maskUnrecognised(line) {
  return line.length >= 20 ? redact(line) : `<${line.length} characters>`;
}
function json(results) {
  const doc = {
    version: 1,
    results: results.map(({ fingerprint: fingerprint2, redacted, provider, status, detail }) => ({ fingerprint: fingerprint2, redacted, provider, status, detail }))
  };
  return `${JSON.stringify(doc, null, 2)}
`;
}
var STYLE = {
  live: "\x1B[1;31m",
  quota_exhausted: "\x1B[33m",
  rate_limited: "\x1B[33m",
  unknown: "\x1B[33m",
  invalid: "\x1B[32m",
  unrecognised: "\x1B[2m"
};
function consoleText(results, color) {
  const paint = (status, text2) => color ? `${STYLE[status]}${text2}\x1B[0m` : text2;
  const width = (pick) => Math.max(...results.map((r) => pick(r).length));
  const keyWidth = width((r) => r.redacted);
  const providerWidth = width((r) => r.provider ?? "-");
  const statusWidth = width((r) => r.status);
  let text = "";
  for (const r of results) {
    const status = paint(r.status, r.status) + " ".repeat(statusWidth - r.status.length);
    text += `${r.redacted.padEnd(keyWidth)}  ${(r.provider ?? "-").padEnd(providerWidth)}  ${status}  ${r.detail}
`;
    if (r.remedy) text += `  \u2192 ${r.remedy}
`;
  }
  const keys = results.filter((r) => r.provider !== null);
  const counts = /* @__PURE__ */ new Map();
  for (const r of keys) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  const other = results.length - keys.length;
  const others = other ? `; ${other} line${other === 1 ? "" : "s"} not a recognised key` : "";
  text += `
${keys.length} key${keys.length === 1 ? "" : "s"} checked${parts.length ? `: ${parts.join(", ")}` : ""}${others}
`;
  return text;
}
function write(stream, text) {
  return new Promise((resolve, reject) => stream.write(text, (e) => e ? reject(e) : resolve()));
}
export {
  runVerifyCommand
};
