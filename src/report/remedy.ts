import type { Finding } from '../types.js';
import { statusOf } from './status.js';

const OPENAI_KEYS = 'https://platform.openai.com/api-keys';
const OPENAI_ADMIN_KEYS = 'https://platform.openai.com/settings/organization/admin-keys';
const DEEPSEEK_KEYS = 'https://platform.deepseek.com/api_keys';

// A shared key shape whose context names another issuer: only the owner knows which console.
const UNKNOWN_PROVIDER_KEYS = 'the console of the provider that issued it';

/** Where the owner can revoke the key. Admin keys are not listed with the project keys. */
export function keyPage(finding: Finding): string {
  if (finding.provider === 'deepseek') return DEEPSEEK_KEYS;
  if (finding.provider === 'unknown') return UNKNOWN_PROVIDER_KEYS;
  return finding.redacted.startsWith('sk-admin-') ? OPENAI_ADMIN_KEYS : OPENAI_KEYS;
}

/** For a key that works, or may: not verified, unknown, spent (a top-up revives it), rate limited. */
export function revokeRemedy(page: string): string {
  return (
    `Revoke it at ${page} and rotate it, then purge it from git history (git filter-repo or BFG). ` +
    'A key with no balance is still a live credential: topping up revives it.'
  );
}

const INVALID_REMEDY = 'The key no longer works: remove it from the code and from git history.';

/** What to do about a finding: only a key the provider rejected is not treated as live. */
export function remedy(finding: Finding): string {
  return statusOf(finding) === 'invalid' ? INVALID_REMEDY : revokeRemedy(keyPage(finding));
}
