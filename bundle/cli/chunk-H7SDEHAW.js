// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  require_micromatch
} from "./chunk-3NOCLX34.js";
import "./chunk-BTI5UEIW.js";
export default require_micromatch();
