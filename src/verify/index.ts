// VERIFY stage (opt-in): asks each provider whether a found key is live, spent, or dead.
import type { Finding, Provider, Verification } from '../types.js';
import type { VerifyOptions } from './options.js';
import { Verifier } from './verifier.js';

export { resolveVerifyOptions, type VerifyOptions } from './options.js';
export { providerOfKey } from './shape.js';
export { remedy } from './remedy.js';
export { isAdminKey } from './openai.js';

/** Appended when a lowercase-hex key had no DeepSeek context: a 401 may only mean "not DeepSeek's". */
export const SHARED_SHAPE_NOTE = 'verified against DeepSeek: key shape is shared by other providers';

/**
 * Checks each distinct key (by fingerprint) once and sets `verification` on every finding of it.
 * Never rejects for a provider's sake; throws only when a base URL is refused.
 */
export async function verifyFindings(findings: Finding[], options: VerifyOptions): Promise<void> {
  const verifier = new Verifier(options);
  await Promise.all(
    findings.map(async (finding) => {
      // A key of unknown provider is sent nowhere; its description says why (the context names another issuer).
      const result = await verifier.check(finding.secret, finding.provider, finding.ruleId, finding.description);
      const noted = finding.provider === 'deepseek' && finding.confidence !== 'high';
      finding.verification = noted ? { ...result, detail: `${result.detail}; ${SHARED_SHAPE_NOTE}` } : { ...result };
    }),
  );
}

export async function verifyKey(
  secret: string,
  provider: Provider,
  options: VerifyOptions,
  ruleId?: string,
): Promise<Verification> {
  return new Verifier(options).check(secret, provider, ruleId);
}
