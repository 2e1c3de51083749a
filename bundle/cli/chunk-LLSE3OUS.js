// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  safe,
  scrub,
  statusLabel,
  statusOf,
  statusText
} from "./chunk-KOFYQMRE.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-BTI5UEIW.js";
export {
  safe,
  scrub,
  statusLabel,
  statusOf,
  statusText
};
