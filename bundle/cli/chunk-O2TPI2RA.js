// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  stdinSource
} from "./chunk-IPRTMWFR.js";
import "./chunk-3OVENL5P.js";
import "./chunk-T2JJJ2UV.js";
import "./chunk-BTI5UEIW.js";
export {
  stdinSource
};
