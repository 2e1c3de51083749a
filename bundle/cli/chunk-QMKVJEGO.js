// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import "./chunk-BTI5UEIW.js";

// src/report/load.ts
async function loadReporter(format) {
  switch (format) {
    case "console":
      return (await import("./chunk-ZA2YOT2G.js")).consoleReporter;
    case "json":
      return (await import("./chunk-7ZM65HDD.js")).jsonReporter;
    case "sarif":
      return (await import("./chunk-APLBZEWU.js")).sarifReporter;
    case "github":
      return (await import("./chunk-SUXM3Y7K.js")).githubReporter;
  }
}
export {
  loadReporter
};
