// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  stdinSource
} from "./chunk-XZ2Y3NOY.js";
import "./chunk-4GNOLUO2.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";
export {
  stdinSource
};
