// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  safe,
  scrub,
  statusLabel,
  statusOf,
  statusText
} from "./chunk-NADQ3GBM.js";
import "./chunk-HEYDA2WV.js";
import "./chunk-BTI5UEIW.js";
export {
  safe,
  scrub,
  statusLabel,
  statusOf,
  statusText
};
