// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import "./chunk-BTI5UEIW.js";

// src/report/load.ts
async function loadReporter(format) {
  switch (format) {
    case "console":
      return (await import("./chunk-F2M7DFE7.js")).consoleReporter;
    case "json":
      return (await import("./chunk-6TT4SPEL.js")).jsonReporter;
    case "sarif":
      return (await import("./chunk-EOWRUVVH.js")).sarifReporter;
    case "github":
      return (await import("./chunk-GE7NOZU6.js")).githubReporter;
  }
}
export {
  loadReporter
};
