// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  EXIT_CLEAN,
  EXIT_ERROR,
  EXIT_FINDINGS,
  main,
  useColor,
  version
} from "./chunk-UACQCEY3.js";
import "./chunk-HEYDA2WV.js";
import "./chunk-BTI5UEIW.js";
export {
  EXIT_CLEAN,
  EXIT_ERROR,
  EXIT_FINDINGS,
  main,
  useColor,
  version
};
