// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import "./chunk-BTI5UEIW.js";

// src/report/load.ts
async function loadReporter(format) {
  switch (format) {
    case "console":
      return (await import("./chunk-SWEQCDEQ.js")).consoleReporter;
    case "json":
      return (await import("./chunk-47CAV4GK.js")).jsonReporter;
    case "sarif":
      return (await import("./chunk-VOLXE6GN.js")).sarifReporter;
    case "github":
      return (await import("./chunk-UE7N277E.js")).githubReporter;
  }
}
export {
  loadReporter
};
