import { describe, expect, it } from 'vitest';
import { remedy } from '../../src/verify/remedy.js';

describe('keysentry verify remedies', () => {
  it('say where to revoke, and name history only as a maybe: a pasted key may never have been committed', () => {
    const live = remedy('openai', 'live');
    expect(live).toBe(
      'Revoke it now at https://platform.openai.com/api-keys and put a new key where it is used; if it was committed, also take it out of git history.',
    );
    expect(remedy('openai', 'live', true)).toContain('https://platform.openai.com/settings/organization/admin-keys');
    expect(remedy('deepseek', 'quota_exhausted')).toContain('the next top-up makes it spendable again');
    for (const provider of ['openai', 'deepseek'] as const) {
      expect(remedy(provider, 'invalid')).toMatch(/nothing to revoke.*still remove it from the code\.$/);
      expect(remedy(provider, 'invalid')).not.toContain('history');
    }
  });
});
