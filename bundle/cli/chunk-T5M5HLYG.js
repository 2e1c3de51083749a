// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-JKVZBG7Z.js";

// src/report/seal.ts
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
var SEAL_KEY_ENV = "KEYSENTRY_SEAL_KEY";
var MIN_LENGTH = 32;
function sealingKey(text) {
  if (text.length < MIN_LENGTH) {
    throw new UserError(`${SEAL_KEY_ENV} must be a random secret of at least ${MIN_LENGTH} characters (e.g. openssl rand -hex 32)`);
  }
  return createHash("sha256").update(text, "utf8").digest();
}
function sealKeyFrom(env) {
  const text = env[SEAL_KEY_ENV];
  return text ? sealingKey(text) : void 0;
}
function seal(secret, fingerprint, key) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(fingerprint, "utf8"));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
}
function unseal(sealed, fingerprint, key) {
  const raw = Buffer.from(sealed, "base64");
  if (raw.length < 12 + 16) return void 0;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(fingerprint, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const secret = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    return createHash("sha256").update(secret, "utf8").digest("hex") === fingerprint ? secret : void 0;
  } catch {
    return void 0;
  }
}

export {
  SEAL_KEY_ENV,
  sealingKey,
  sealKeyFrom,
  seal,
  unseal
};
