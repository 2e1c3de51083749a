// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  buildDetector
} from "./chunk-ZB62NKC5.js";
import "./chunk-HWK7J2JP.js";
import "./chunk-WOBRJ3QP.js";
import "./chunk-2W2FAOGB.js";
import {
  adviceFor,
  committedKey
} from "./chunk-ZMLIUL2B.js";
import "./chunk-KOFYQMRE.js";
import "./chunk-TH7VMSKZ.js";
import "./chunk-UUULU2HD.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/cli/advice.ts
async function scanAdvice(command, findings, options) {
  const advice = adviceFor(command, options.env);
  if (command !== "staged" || !options.named || !options.root || findings.length === 0) return advice;
  const { headChunks } = await import("./chunk-BQ7D3RXD.js");
  const detector = await buildDetector(options.config);
  const atHead = /* @__PURE__ */ new Set();
  for await (const chunk of headChunks(options.root, new Set(findings.map((f) => f.path)))) {
    for (const f of detector.detect(chunk)) atHead.add(committedKey(f.path, f.fingerprint));
  }
  const committed = new Set(findings.map((f) => committedKey(f.path, f.fingerprint)).filter((key) => atHead.has(key)));
  return committed.size ? { ...advice, committed } : advice;
}
export {
  scanAdvice
};
