// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  SEAL_KEY_ENV,
  seal,
  sealKeyFrom,
  sealingKey,
  unseal
} from "./chunk-T5M5HLYG.js";
import "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-BTI5UEIW.js";
export {
  SEAL_KEY_ENV,
  seal,
  sealKeyFrom,
  sealingKey,
  unseal
};
