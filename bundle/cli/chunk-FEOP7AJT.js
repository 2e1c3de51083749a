// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);

// src/types.ts
function providerKeyPage(provider, adminKey = false) {
  switch (provider) {
    case "openai":
      return adminKey ? "https://platform.openai.com/settings/organization/admin-keys" : "https://platform.openai.com/api-keys";
    case "deepseek":
      return "https://platform.deepseek.com/api_keys";
    case "unknown":
      return "the console of the provider that issued it";
  }
}
var COMMIT_MESSAGE_PATH = "<commit message>";
var MAX_SECRET_LENGTH = 512;

export {
  providerKeyPage,
  COMMIT_MESSAGE_PATH,
  MAX_SECRET_LENGTH
};
