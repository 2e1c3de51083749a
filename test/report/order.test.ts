import { describe, expect, it } from 'vitest';
import { reporters, remedy, severityOrder } from '../../src/report/index.js';
import { render } from '../../src/report/reporter.js';
import type { VerifyStatus } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';
import { finding, verified } from './fixtures.js';

const key = new KeyGen(5).openaiLegacy();
const withStatus = (status: VerifyStatus | undefined, confidence: 'high' | 'medium' | 'low' = 'high') =>
  finding('openai-legacy-key', key, { confidence, ...(status ? { verification: verified(status, '') } : {}) });

describe('severityOrder', () => {
  it('ranks live, spent, rate limited, may-be-live, rejected', () => {
    const ranks = (['live', 'quota_exhausted', 'rate_limited', undefined, 'invalid'] as const).map((s) => severityOrder(withStatus(s)));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it('puts not verified and unknown together, then orders by confidence', () => {
    expect(severityOrder(withStatus(undefined))).toBe(severityOrder(withStatus('unknown')));
    expect(severityOrder(withStatus('unknown', 'high'))).toBeLessThan(severityOrder(withStatus(undefined, 'medium')));
    expect(severityOrder(withStatus(undefined, 'low'))).toBeLessThan(severityOrder(withStatus('invalid', 'high')));
    expect(severityOrder(withStatus('live', 'low'))).toBeLessThan(severityOrder(withStatus('quota_exhausted', 'high')));
  });
});

describe('remedy', () => {
  it('treats everything but a rejected key as live', () => {
    for (const s of ['live', 'quota_exhausted', 'rate_limited', 'unknown', undefined] as const) {
      expect(remedy(withStatus(s))).toBe(
        'Revoke it at https://platform.openai.com/api-keys and rotate it, then purge it from git history (git filter-repo or BFG). A key with no balance is still a live credential: topping up revives it.',
      );
    }
    expect(remedy(withStatus('invalid'))).toBe('The key no longer works: remove it from the code and from git history.');
  });

  it("sends each key to its provider's key page", () => {
    const gen = new KeyGen(6);
    expect(remedy(finding('deepseek-api-key', gen.deepseek()))).toContain('https://platform.deepseek.com/api_keys');
    expect(remedy(finding('openai-admin-key', gen.openaiProject('admin')))).toContain('https://platform.openai.com/settings/organization/admin-keys');
    expect(remedy(finding('openai-project-key', gen.openaiProject('svcacct')))).toContain('https://platform.openai.com/api-keys');
  });
});

describe('reporters', () => {
  it('maps each format name to its reporter', () => {
    expect(Object.keys(reporters).sort()).toEqual(['console', 'github', 'json', 'sarif']);
    const empty = { findings: [], stats: { files: 0, bytes: 0, skipped: {}, durationMs: 0 }, warnings: [] };
    const options = { showSecrets: false, color: false, command: 'scan', toolVersion: '1.2.3' } as const;
    expect(render(reporters.console(empty, options))).toContain('No OpenAI or DeepSeek keys found.');
    expect(JSON.parse(render(reporters.json(empty, options))).version).toBe(1);
    expect(JSON.parse(render(reporters.sarif(empty, options))).runs[0].tool.driver.version).toBe('1.2.3');
    expect(render(reporters.github(empty, options))).toBe('');
  });
});
