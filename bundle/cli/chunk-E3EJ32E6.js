// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import "./chunk-BTI5UEIW.js";

// src/report/load.ts
async function loadReporter(format) {
  switch (format) {
    case "console":
      return (await import("./chunk-TDXQHTUA.js")).consoleReporter;
    case "json":
      return (await import("./chunk-6TMWEUAL.js")).jsonReporter;
    case "sarif":
      return (await import("./chunk-MLENLHZI.js")).sarifReporter;
    case "github":
      return (await import("./chunk-Y5EA265N.js")).githubReporter;
  }
}
export {
  loadReporter
};
