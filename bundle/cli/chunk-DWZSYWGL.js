// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  SEAL_KEY_ENV,
  seal,
  sealingKey,
  unseal
} from "./chunk-MQW2LB7D.js";
import "./chunk-HEYDA2WV.js";
import "./chunk-BTI5UEIW.js";
export {
  SEAL_KEY_ENV,
  seal,
  sealingKey,
  unseal
};
