import { providerKeyPage, type Provider, type VerifyStatus } from '../types.js';

/**
 * What to do about a key in this state: one line, where to revoke it. `keysentry verify` checks
 * pasted keys, whose place nobody told it: history is named only as "if it was committed".
 */
export function remedy(provider: Provider, status: VerifyStatus, adminKey = false): string {
  const where = providerKeyPage(provider, adminKey);
  switch (status) {
    case 'live':
      return `Revoke it now at ${where} and put a new key where it is used; if it was committed, also take it out of git history.`;
    case 'quota_exhausted':
      return `Revoke it at ${where}: it still authenticates, and the next top-up makes it spendable again.`;
    case 'rate_limited':
      return `Revoke it now at ${where}: the provider accepted it and is only throttling it.`;
    case 'unknown':
      return `Could not confirm it is dead: revoke it at ${where} to be safe, or check again later.`;
    case 'invalid':
      // DeepSeek's key shape is shared, so its "no" does not clear the key everywhere.
      return provider === 'deepseek'
        ? 'DeepSeek rejects it, so there is nothing to revoke there (if another provider issued it, revoke it there); still remove it from the code.'
        : 'OpenAI rejects it, so there is nothing to revoke; still remove it from the code.';
  }
}
