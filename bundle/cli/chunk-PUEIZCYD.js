// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  SHARED_SHAPE_NOTE,
  Verifier,
  isAdminKey,
  remedy,
  resolveVerifyOptions
} from "./chunk-OQC42LLJ.js";
import {
  createContext,
  createDetector,
  loadRules
} from "./chunk-WOBRJ3QP.js";
import "./chunk-2W2FAOGB.js";
import {
  useColor
} from "./chunk-VXHW6RXS.js";
import {
  writeStdout
} from "./chunk-BQ3XYH55.js";
import {
  EXIT_CLEAN,
  EXIT_ERROR,
  EXIT_FINDINGS
} from "./chunk-FT72KRSL.js";
import "./chunk-UUULU2HD.js";
import {
  stdinSource
} from "./chunk-XZ2Y3NOY.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-4GNOLUO2.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/cli/verify-command.ts
async function verifyCommand(flags) {
  const verify = resolveVerifyOptions(flags, process.env);
  if (process.stdin.isTTY) process.stderr.write("Paste keys or text, then Ctrl-D\n");
  return runVerifyCommand(process.stdin, process.stdout, { format: flags.format, color: useColor(), verify });
}
async function runVerifyCommand(input, out, opts) {
  const err = opts.err ?? process.stderr;
  const verifier = new Verifier(opts.verify);
  const { keys, bytes } = await keysIn(input);
  if (!keys.length) {
    const why = bytes ? "no OpenAI or DeepSeek key found in the text on stdin" : "no keys on stdin: pipe or paste them, or text holding them (e.g. `pbpaste | keysentry verify`)";
    await write(err, `keysentry: ${why}
`);
    return EXIT_ERROR;
  }
  const results = await Promise.all(keys.map((f) => check(verifier, f)));
  const code = results.some((r) => r.status !== "invalid") ? EXIT_FINDINGS : EXIT_CLEAN;
  const text = opts.format === "json" ? json(results) : consoleText(results, opts.color);
  if (out === process.stdout) return writeStdout(text, code);
  await write(out, text);
  return code;
}
async function keysIn(input) {
  const detector = createDetector(loadRules());
  const ctx = createContext();
  const seen = /* @__PURE__ */ new Map();
  let text = false;
  for await (const chunk of stdinSource(ctx, input)) {
    if (!text && /\S/.test(chunk.data.toString("latin1"))) text = true;
    for (const f of detector.detect(chunk)) if (!seen.has(f.fingerprint)) seen.set(f.fingerprint, f);
  }
  return { keys: [...seen.values()], bytes: text ? ctx.stats.bytes : 0 };
}
async function check(verifier, f) {
  const { status, detail } = await verifier.check(f.secret, f.provider, f.ruleId);
  return {
    fingerprint: f.fingerprint,
    redacted: f.redacted,
    provider: f.provider,
    status,
    // Without "deepseek" near it, a bare hex key may be someone else's: "invalid" may mean just that.
    detail: f.provider === "deepseek" && f.confidence !== "high" ? `${detail}; ${SHARED_SHAPE_NOTE}` : detail,
    remedy: remedy(f.provider, status, isAdminKey(f.secret))
  };
}
function json(results) {
  const doc = {
    version: 1,
    results: results.map(({ fingerprint, redacted, provider, status, detail }) => ({ fingerprint, redacted, provider, status, detail }))
  };
  return `${JSON.stringify(doc, null, 2)}
`;
}
var STYLE = {
  live: "\x1B[1;31m",
  quota_exhausted: "\x1B[33m",
  rate_limited: "\x1B[33m",
  unknown: "\x1B[33m",
  invalid: "\x1B[32m"
};
function consoleText(results, color) {
  const paint = (status, text2) => color ? `${STYLE[status]}${text2}\x1B[0m` : text2;
  const width = (pick) => Math.max(...results.map((r) => pick(r).length));
  const keyWidth = width((r) => r.redacted);
  const providerWidth = width((r) => r.provider);
  const statusWidth = width((r) => r.status);
  let text = "";
  for (const r of results) {
    const status = paint(r.status, r.status) + " ".repeat(statusWidth - r.status.length);
    text += `${r.redacted.padEnd(keyWidth)}  ${r.provider.padEnd(providerWidth)}  ${status}  ${r.detail}
`;
    if (r.remedy) text += `  \u2192 ${r.remedy}
`;
  }
  const counts = /* @__PURE__ */ new Map();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`);
  text += `
${results.length} key${results.length === 1 ? "" : "s"} checked: ${parts.join(", ")}
`;
  return text;
}
function write(stream, text) {
  return new Promise((resolve, reject) => stream.write(text, (e) => e ? reject(e) : resolve()));
}
export {
  runVerifyCommand,
  verifyCommand
};
