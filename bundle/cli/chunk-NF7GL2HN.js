// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  BASELINE_VERSION,
  loadBaseline,
  makeBaseline
} from "./chunk-TH7VMSKZ.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-BTI5UEIW.js";
export {
  BASELINE_VERSION,
  loadBaseline,
  makeBaseline
};
