// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
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
} from "./chunk-OQC42LLJ.js";
import "./chunk-2W2FAOGB.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";
export {
  SHARED_SHAPE_NOTE,
  isAdminKey,
  providerOfKey,
  remedy,
  resolveVerifyOptions,
  verifyFindings,
  verifyKey
};
