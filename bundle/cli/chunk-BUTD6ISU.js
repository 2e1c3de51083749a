// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  version
} from "./chunk-IPGXTP6X.js";
import "./chunk-BTI5UEIW.js";
export {
  version
};
