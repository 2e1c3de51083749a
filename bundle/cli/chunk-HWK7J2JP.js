// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/findings.ts
var Findings = class {
  constructor(oncePerPath) {
    this.oncePerPath = oncePerPath;
  }
  oncePerPath;
  byKey = /* @__PURE__ */ new Map();
  /** History sources yield parents before children: the first finding added is where it came in. */
  add(f) {
    const key = this.oncePerPath ? `${f.repository ?? ""}\0${f.fingerprint}\0${f.path}` : `${f.path}\0${f.offset}\0${f.fingerprint}`;
    if (!this.byKey.has(key)) this.byKey.set(key, f);
  }
  list() {
    return [...this.byKey.values()].sort(inReportOrder);
  }
};
function inReportOrder(a, b) {
  return compare(a.repository ?? "", b.repository ?? "") || compare(Number(!a.commit), Number(!b.commit)) || time(a) - time(b) || (a.commit?.position ?? 0) - (b.commit?.position ?? 0) || compare(a.path, b.path) || a.line - b.line || a.column - b.column || a.offset - b.offset || compare(a.fingerprint, b.fingerprint);
}
var time = (f) => f.commit ? Date.parse(f.commit.date) : 0;
var compare = (a, b) => a < b ? -1 : a > b ? 1 : 0;

export {
  Findings
};
