// Built from src/cli by `npm run build` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  require_micromatch
} from "./chunk-J7YO2WL4.js";
import "./chunk-XKCVIUYZ.js";
export default require_micromatch();
