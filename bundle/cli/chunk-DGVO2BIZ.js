// Built from src/cli by `npm run build` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import "./chunk-XKCVIUYZ.js";

// src/report/load.ts
async function loadReporter(format) {
  switch (format) {
    case "console":
      return (await import("./chunk-VEQVELXG.js")).consoleReporter;
    case "json":
      return (await import("./chunk-EKNOVAIP.js")).jsonReporter;
    case "sarif":
      return (await import("./chunk-C7B3G7PR.js")).sarifReporter;
    case "github":
      return (await import("./chunk-Q4PTLCFY.js")).githubReporter;
  }
}
export {
  loadReporter
};
