// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  stdinSource
} from "./chunk-3SZMIR6R.js";
import "./chunk-IHG24ZHO.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";
export {
  stdinSource
};
