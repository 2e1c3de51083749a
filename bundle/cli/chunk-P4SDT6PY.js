// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  scrub,
  statusLabel,
  statusOf,
  statusText
} from "./chunk-SWN2L57R.js";
import "./chunk-L6UI6A4T.js";
import "./chunk-BTI5UEIW.js";
export {
  scrub,
  statusLabel,
  statusOf,
  statusText
};
