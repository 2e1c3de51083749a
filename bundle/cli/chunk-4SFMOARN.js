// Built from src/cli by `npm run build` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  scrub,
  statusLabel,
  statusOf,
  statusText
} from "./chunk-ESQ3NPGL.js";
import "./chunk-DE3K425Y.js";
import "./chunk-XKCVIUYZ.js";
export {
  scrub,
  statusLabel,
  statusOf,
  statusText
};
