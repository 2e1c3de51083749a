// SARIF and GitHub annotations as the built CLI writes them for each command, from a real
// repository: plain, base64- and percent-encoded keys, a key in a commit message, verified keys
// (a stand-in provider on 127.0.0.1), a file name full of characters the formats must escape.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../src/detect/secret.js';
import { COMMIT_MESSAGE_PATH } from '../../src/types.js';
import { BIN, runCli, type CliResult } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { validateSarif } from '../support/sarif.js';
import { gitEnv, TempRepo, tempDir } from '../support/repo.js';
import { fakeProvider, json, type FakeProvider } from '../verify/fake-provider.js';
import { leaked } from './fixtures.js';
import { parse } from './workflow-commands.js';


const keys = new KeyGen(8080);
const plain = keys.openaiProject();
const b64 = keys.openaiLegacy();
const inMessage = keys.deepseek();
const staged = keys.deepseek();
const percent = keys.openaiProject('svcacct');
const SECRETS = [plain, b64, inMessage, staged, percent];
const percentForm = percent.replace(/[-_]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// ',', ':' and '%' end or corrupt a workflow-command property unless escaped; ' ' must be
// percent-encoded in a SARIF URI.
const ODD = 'services/api/odd, name: 50%.env';
const CALLBACK = 'services/api/callback.txt';

let r: TempRepo;
let first: string;
let provider: FakeProvider;
const dirs: string[] = [];

beforeAll(async () => {
  r = new TempRepo();
  dirs.push(r.dir);
  r.write('deploy/app.env', `OPENAI_API_KEY=${plain}\n`);
  r.write('k8s/secret.yaml', `apiVersion: v1\nkind: Secret\ndata:\n  OPENAI_API_KEY: ${Buffer.from(b64).toString('base64')}\n`);
  first = r.commit(`add config\n\nDEEPSEEK_API_KEY=${inMessage} for the demo\n`);
  r.git('rm', '-q', 'deploy/app.env');
  r.commit('remove the key');
  r.write(ODD, `# DeepSeek\nDEEPSEEK_API_KEY=${staged}\n`);
  r.write(CALLBACK, `redirect=https://example.com/cb?token=${percentForm}&state=1\n`);
  r.git('add', '-A');

  provider = await fakeProvider();
  provider.on(plain, json(200, { object: 'list', data: [] }));
  provider.on(b64, json(401, { error: { code: 'invalid_api_key', message: 'Incorrect API key provided' } }));
  provider.on(inMessage, json(402, { error: { message: 'Insufficient Balance' } }));
});

afterAll(async () => {
  await provider?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The CLI in a child process that does not block this one, so the stand-in provider can answer. */
function runAsync(args: string[], cwd: string): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...gitEnv, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function valid(text: string): any {
  expect(leaked(text, SECRETS)).toEqual([]);
  const log = JSON.parse(text);
  const ok = validateSarif(log);
  expect(ok ? [] : validateSarif.errors).toEqual([]);
  return log;
}

/** What GitHub code scanning relies on, checked on every run whatever the command. */
function expectUploadable(run: any): void {
  const ids = run.tool.driver.rules.map((rule: any) => rule.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of run.tool.driver.rules) {
    expect(rule.shortDescription.text).toBeTruthy();
    expect(rule.fullDescription.text).toBeTruthy();
    expect(rule.help.text).toBeTruthy();
    expect(rule.help.markdown).toBeTruthy();
    expect(rule.properties.tags).toContain('security');
    expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
  }
  for (const result of run.results) {
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(['error', 'warning']).toContain(result.level);
    expect(result.message.text).toBeTruthy();
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    expect(region.startLine).toBeGreaterThan(0);
    if (decodeURIComponent(artifactLocation.uri) !== COMMIT_MESSAGE_PATH) expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
  }
}

/** The result's region, read from the file it names (from the index, or from its commit). */
function regionText(result: any, rev = ':'): string {
  const { artifactLocation, region } = result.locations[0].physicalLocation;
  const path = decodeURIComponent(artifactLocation.uri);
  const text = execFileSync('git', ['show', `${rev === ':' ? ':' : `${rev}:`}${path}`], { cwd: r.dir, env: gitEnv, encoding: 'utf8' });
  return text.split('\n')[region.startLine - 1]!.slice(region.startColumn - 1, region.endColumn - 1);
}

const byUri = (run: any) => new Map<string, any>(run.results.map((res: any) => [decodeURIComponent(res.locations[0].physicalLocation.artifactLocation.uri), res]));

describe('SARIF from each command', () => {
  it('scan: --sarif FILE beside the console report, paths from the repository root, encoded keys located', () => {
    const out = join(tempDir('keysentry-sarif-'), 'scan.sarif');
    dirs.push(join(out, '..'));
    const res = runCli(['scan', '--sarif', out, '.'], { cwd: r.dir });
    expect(res.code, res.stderr).toBe(1);
    // The console report still goes to stdout; the SARIF goes only to the file.
    expect(res.stdout).toContain(`${redact(staged)}  deepseek-api-key`);
    expect(res.stdout).not.toContain('"version": "2.1.0"');

    const run = valid(readFileSync(out, 'utf8')).runs[0];
    expectUploadable(run);
    expect(run.properties.command).toBe('scan');
    const results = byUri(run);
    expect([...results.keys()].sort()).toEqual(['k8s/secret.yaml', CALLBACK, ODD].sort());
    expect(results.get(ODD).locations[0].physicalLocation.artifactLocation.uri).toBe('services/api/odd%2C%20name%3A%2050%25.env');

    const yaml = results.get('k8s/secret.yaml');
    expect(yaml.properties.encoding).toBe('base64');
    expect(yaml.message.text).toContain('base64-encoded');
    expect(regionText(yaml)).toBe(Buffer.from(b64).toString('base64'));
    const callback = results.get(CALLBACK);
    expect(callback.properties.encoding).toBe('percent');
    expect(regionText(callback)).toBe(percentForm);
    expect(regionText(results.get(ODD))).toBe(staged);
  });

  it('staged: only what the index adds, at the same alerts as the scan found them', () => {
    const res = runCli(['staged', '--format', 'sarif'], { cwd: r.dir });
    expect(res.code, res.stderr).toBe(1);
    const run = valid(res.stdout).runs[0];
    expectUploadable(run);
    expect(run.properties.command).toBe('staged');
    const results = byUri(run);
    expect([...results.keys()].sort()).toEqual([CALLBACK, ODD].sort());
    expect(regionText(results.get(ODD))).toBe(staged);

    const scan = byUri(valid(runCli(['scan', '--format', 'sarif', '.'], { cwd: r.dir }).stdout).runs[0]);
    for (const path of [CALLBACK, ODD]) {
      expect(results.get(path).partialFingerprints).toEqual(scan.get(path).partialFingerprints);
    }
  });

  it('history --verify: commits and verification in each result, a deleted key and a commit message too', async () => {
    const res = await runAsync(
      ['history', '--format', 'sarif', '--verify', '--openai-base-url', provider.url, '--deepseek-base-url', provider.url],
      r.dir,
    );
    expect(res.code, res.stderr).toBe(1);
    const run = valid(res.stdout).runs[0];
    expectUploadable(run);
    expect(run.properties.command).toBe('history');
    const results = byUri(run);
    expect([...results.keys()].sort()).toEqual([COMMIT_MESSAGE_PATH, 'deploy/app.env', 'k8s/secret.yaml'].sort());
    for (const result of results.values()) expect(result.properties).toMatchObject({ commit: first, author: 'Test Author' });

    // Most serious first: the live key, then the spent one, then the rejected one (a warning).
    expect(run.results.map((x: any) => [x.properties.verificationStatus, x.level])).toEqual([
      ['live', 'error'],
      ['quota_exhausted', 'error'],
      ['invalid', 'warning'],
    ]);
    const deleted = results.get('deploy/app.env');
    expect(deleted.message.text).toContain(`${redact(plain)} (openai): live`);
    expect(deleted.message.text).toContain(`introduced by commit ${first.slice(0, 7)}`);
    expect(deleted.properties).toMatchObject({ verificationStatus: 'live', verifiedAt: expect.stringMatching(/^\d{4}-/) });
    expect(regionText(deleted, first)).toBe(plain);
    const yaml = results.get('k8s/secret.yaml');
    expect(yaml.message.text).toMatch(/: invalid \(/);
    expect(yaml.properties).toMatchObject({ encoding: 'base64', verificationStatus: 'invalid' });
    const message = results.get(COMMIT_MESSAGE_PATH);
    expect(message.message.text).toContain('quota exhausted');
    expect(message.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`commit ${first} message`);

    // The same key in the same file is the same alert, whichever command found it.
    const scan = byUri(valid(runCli(['scan', '--format', 'sarif', '.'], { cwd: r.dir }).stdout).runs[0]);
    expect(yaml.partialFingerprints.primaryLocationLineHash).toBe(scan.get('k8s/secret.yaml').partialFingerprints.primaryLocationLineHash);
  });

  // Fails until src/cli/main.ts passes the reporters ReportOptions.repo (the repository root and
  // where the scan ran) for scan: it names files from the subdirectory, and code scanning then
  // resolves 'callback.txt' to a file at the repository root that does not exist.
  it('scan from a subdirectory still names files from the repository root', () => {
    const res = runCli(['scan', '--format', 'sarif', '.'], { cwd: join(r.dir, 'services', 'api') });
    expect(res.code, res.stderr).toBe(1);
    const run = valid(res.stdout).runs[0];
    expect([...byUri(run).keys()].sort()).toEqual([CALLBACK, ODD].sort());
  });
});

describe('--format github from each command', () => {
  function annotations(args: string[], cwd = r.dir) {
    const res = runCli([...args, '--format', 'github'], { cwd });
    expect(res.code, res.stderr).toBe(1);
    expect(leaked(res.stdout, SECRETS)).toEqual([]);
    const lines = res.stdout.split('\n');
    expect(lines.pop()).toBe('');
    // Nothing but workflow commands, each on one line: an unescaped newline would end one early.
    for (const line of lines) expect(line).toMatch(/^::(error|warning) [^\n]*::/);
    return lines.map(parse);
  }

  it('scan: file, line and columns survive the runner decoding an odd file name', () => {
    const commands = annotations(['scan', '.']);
    expect(commands).toHaveLength(3);
    const odd = commands.find((c) => c.properties.file === ODD)!;
    expect(odd.command).toBe('error');
    const text = readFileSync(join(r.dir, ODD), 'utf8').split('\n');
    const line = text[Number(odd.properties.line) - 1]!;
    expect(line.slice(Number(odd.properties.col) - 1, Number(odd.properties.endColumn) - 1)).toBe(staged);
    expect(odd.properties.title).toBe('DeepSeek API key (not verified)');
    expect(odd.message).toContain(`${redact(staged)} (deepseek, rule deepseek-api-key): not verified.\nRevoke it at`);
  });

  it('staged: one annotation per staged key', () => {
    const commands = annotations(['staged']);
    expect(commands.map((c) => c.properties.file).sort()).toEqual([CALLBACK, ODD].sort());
    expect(commands.find((c) => c.properties.file === CALLBACK)!.message).toContain('percent-encoded');
  });

  it('history: commit-message findings have no file, deleted files keep theirs', () => {
    const commands = annotations(['history']);
    expect(commands.map((c) => c.properties.file ?? '(none)').sort()).toEqual(['(none)', 'deploy/app.env', 'k8s/secret.yaml']);
    const message = commands.find((c) => !c.properties.file)!;
    expect(message.message).toContain(`in the message of commit ${first.slice(0, 7)}`);
  });

  it('history of a shallow clone: the cut-off is a warning annotation, not only a line on stderr', () => {
    const to = join(tempDir('keysentry-shallow-'), 'clone');
    dirs.push(join(to, '..'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, to], { env: gitEnv });
    const res = runCli(['history', '--format', 'github'], { cwd: to });
    const commands = res.stdout.trim().split('\n').filter(Boolean).map(parse);
    const warning = commands.find((c) => c.command === 'warning' && c.properties.title === 'keysentry warning');
    expect(warning?.message).toMatch(/^shallow clone: history is cut at 1 boundary commit/);
  });
});
