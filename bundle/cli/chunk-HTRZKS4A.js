// Built from src/cli by `npm run build` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  SHARED_SHAPE_NOTE,
  isAdminKey,
  providerOfKey,
  remedy,
  resolveVerifyOptions,
  verifyFindings,
  verifyKey
} from "./chunk-WTNOLH5L.js";
import "./chunk-DE3K425Y.js";
import "./chunk-XKCVIUYZ.js";
export {
  SHARED_SHAPE_NOTE,
  isAdminKey,
  providerOfKey,
  remedy,
  resolveVerifyOptions,
  verifyFindings,
  verifyKey
};
