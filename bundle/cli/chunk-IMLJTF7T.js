// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  LinearRegExp,
  loadLinearEngine,
  syntaxProblem
} from "./chunk-UUULU2HD.js";
import "./chunk-BTI5UEIW.js";
export {
  LinearRegExp,
  loadLinearEngine,
  syntaxProblem
};
