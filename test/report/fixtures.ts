// Findings as the pipeline hands them to a reporter, built from synthetic keys at run time.
import { fingerprint, redact } from '../../src/detect/secret.js';
import { COMMIT_MESSAGE_PATH, type Finding, type Report, type VerifyStatus } from '../../src/types.js';
import { KeyGen } from '../support/keygen.js';

const RULES = {
  'openai-project-key': { provider: 'openai', description: 'OpenAI project API key' },
  'openai-legacy-key': { provider: 'openai', description: 'OpenAI legacy API key' },
  'openai-admin-key': { provider: 'openai', description: 'OpenAI admin API key' },
  'deepseek-api-key': { provider: 'deepseek', description: 'DeepSeek API key' },
} as const;

export type RuleId = keyof typeof RULES;

export function finding(ruleId: RuleId, secret: string, over: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    ...RULES[ruleId],
    secret,
    fingerprint: fingerprint(secret),
    redacted: redact(secret),
    path: 'src/config.ts',
    line: 3,
    column: 15,
    endColumn: 15 + secret.length,
    offset: 120,
    confidence: 'high',
    ...over,
  };
}

export function verified(status: VerifyStatus, detail: string): Finding['verification'] {
  return { status, detail, checkedAt: '2024-05-01T12:00:00.000Z' };
}

export const COMMIT = {
  sha: '0123456789abcdef0123456789abcdef01234567',
  author: 'Test Author',
  email: 'author@example.com',
  date: '2024-01-01T00:00:03+00:00',
};

/** A path with every character the github and SARIF escapes must handle. */
export const ODD_PATH = 'odd dir/50% off, really: yes\nsecond line.env';

/**
 * One of everything a reporter must render: every verification status, a history finding, a
 * commit-message finding, a binary base64 finding, an odd path, the same key twice in one file,
 * and a provider reply and a warning that quote the key they are about.
 */
export function plantedReport(seed = 7): { report: Report; secrets: string[] } {
  const gen = new KeyGen(seed);
  const project = gen.openaiProject();
  const legacy = gen.openaiLegacy();
  const admin = gen.openaiProject('admin');
  const deepseek = gen.deepseek();
  const spent = gen.deepseek();
  const throttled = gen.openaiProject('svcacct');
  const dead = gen.openaiLegacy();
  const unsure = gen.deepseek();
  const history = gen.openaiProject();
  const inMessage = gen.deepseek();
  const inBinary = gen.openaiLegacy();
  const odd = gen.openaiLegacy();

  const findings: Finding[] = [
    finding('openai-project-key', project, { path: 'src/config.ts', line: 3, snippet: `const key = "${redact(project)}";` }),
    finding('openai-project-key', project, { path: 'src/config.ts', line: 40, offset: 2000 }),
    finding('openai-legacy-key', legacy, {
      path: 'src/app.py',
      line: 12,
      verification: verified('live', `Incorrect handling of ${legacy}: models listed`),
    }),
    finding('openai-admin-key', admin, { path: 'ops/admin.sh', line: 1, column: 1, endColumn: 1 + admin.length }),
    finding('deepseek-api-key', deepseek, { path: 'src/app.py', line: 20, confidence: 'medium' }),
    finding('deepseek-api-key', spent, { path: 'lib/ds.ts', verification: verified('quota_exhausted', 'balance 0.00 CNY') }),
    finding('openai-project-key', throttled, { path: 'lib/ds.ts', line: 9, verification: verified('rate_limited', '429 Too Many Requests') }),
    finding('openai-legacy-key', dead, { path: 'old/keys.txt', verification: verified('invalid', '401 invalid_api_key') }),
    finding('deepseek-api-key', unsure, { path: 'old/keys.txt', line: 7, confidence: 'low', verification: verified('unknown', 'connection reset') }),
    finding('openai-project-key', history, { path: 'deleted/.env', line: 2, commit: COMMIT, atHead: false }),
    finding('deepseek-api-key', inMessage, { path: COMMIT_MESSAGE_PATH, line: 1, column: 10, endColumn: 10 + inMessage.length, commit: COMMIT }),
    finding('openai-legacy-key', inBinary, {
      path: 'assets/blob.bin',
      line: 1,
      column: 300,
      endColumn: 300 + 68,
      offset: 4096,
      binary: true,
      encoding: 'base64',
    }),
    finding('openai-legacy-key', odd, { path: ODD_PATH, line: 5 }),
  ];
  return {
    report: {
      findings,
      stats: { files: 12, bytes: 34_567, commits: 3, skipped: { 'symlink outside root': 2, unreadable: 1 }, durationMs: 420 },
      warnings: ['shallow clone: history before 0123456 was not scanned', `could not decode a line near ${dead}`],
    },
    secrets: [project, legacy, admin, deepseek, spent, throttled, dead, unsure, history, inMessage, inBinary, odd],
  };
}

/** Fails with the key's redacted form (never the key) if any secret, or its hidden middle, is in text. */
export function leaked(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => text.includes(s) || text.includes(s.slice(8, -5))).map(redact);
}

export const OPTIONS = { showSecrets: false, color: false, command: 'scan', toolVersion: '0.1.0' } as const;
