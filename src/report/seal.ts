// Keys that travel between machines encrypted: a shard's report is an artifact that others can
// read, and `keysentry merge --verify` needs the keys to check each once. With a seal key (the
// KEYSENTRY_SEAL_KEY secret, the same for every job of an audit) a JSON report carries each key
// sealed with AES-256-GCM; without one it carries none, as always.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { UserError } from '../errors.js';

export const SEAL_KEY_ENV = 'KEYSENTRY_SEAL_KEY';
const MIN_LENGTH = 32;

/** The AES key for a seal key's text, refusing text too short to be a random secret. */
export function sealingKey(text: string): Buffer {
  if (text.length < MIN_LENGTH) {
    throw new UserError(`${SEAL_KEY_ENV} must be a random secret of at least ${MIN_LENGTH} characters (e.g. openssl rand -hex 32)`);
  }
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The AES key from the environment's seal key, or undefined when none is set. */
export function sealKeyFrom(env: NodeJS.ProcessEnv): Buffer | undefined {
  const text = env[SEAL_KEY_ENV];
  return text ? sealingKey(text) : undefined;
}

/**
 * base64(iv ‖ ciphertext ‖ tag). The fingerprint is the associated data: a sealed key moved to
 * another finding does not open.
 */
export function seal(secret: string, fingerprint: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(fingerprint, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** The key, or undefined when this seal key did not seal it (or the text was altered). */
export function unseal(sealed: string, fingerprint: string, key: Buffer): string | undefined {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 12 + 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(fingerprint, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const secret = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    return createHash('sha256').update(secret, 'utf8').digest('hex') === fingerprint ? secret : undefined;
  } catch {
    return undefined;
  }
}
