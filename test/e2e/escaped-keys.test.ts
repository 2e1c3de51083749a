// Keys that only an escape or a line wrap hid, found by scan, staged and history in a real
// repository, each at the line and column where it starts.
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/detect/secret.js';
import { runCli } from '../support/cli.js';
import { KeyGen } from '../support/keygen.js';
import { TempRepo } from '../support/repo.js';

const keys = new KeyGen(8080);
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((r) => r.remove()));

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  fingerprint: string;
  encoding?: string;
}
const findings = (args: string[], cwd: string) => {
  const out = runCli([...args, '--format', 'json'], { cwd });
  expect(out.code, out.stderr).toBe(1);
  return (JSON.parse(out.stdout) as { findings: JsonFinding[] }).findings
    .map((f) => ({ path: f.path, line: f.line, column: f.column, fingerprint: f.fingerprint, encoding: f.encoding }))
    .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
};

describe('keys after escapes and in wrapped base64', () => {
  it('are found by scan, staged and history at the line and column they start at', () => {
    const inJson = keys.openaiProject();
    const afterQp = keys.deepseek();
    const wrapped = keys.openaiLegacy();
    // A notebook output: the key follows a JSON \n inside one string.
    const notebook = `{"outputs": [{"text": "Your key is:\\n${inJson}\\n"}]}\n`;
    // A quoted-printable mail body: '=' is written =3D.
    const mail = `Content-Transfer-Encoding: quoted-printable\n\nDEEPSEEK_API_KEY=3D${afterQp}\n`;
    // `base64 .env` output: wrapped at 76 columns, the key's encoding starting on line 2.
    const b64 = Buffer.from(`# generated for the staging cluster, do not edit by hand\nOPENAI_API_KEY=${wrapped}\n`).toString('base64');
    const blob = `${b64.match(/.{1,76}/g)!.join('\n')}\n`;
    const keyAt = 4 * Math.floor(Buffer.byteLength('# generated for the staging cluster, do not edit by hand\nOPENAI_API_KEY=') / 3);

    const expected = [
      { path: 'env.b64', line: 1 + Math.floor(keyAt / 76), column: (keyAt % 76) + 1, fingerprint: fingerprint(wrapped), encoding: 'base64' },
      { path: 'mail.eml', line: 3, column: 'DEEPSEEK_API_KEY=3D'.length + 1, fingerprint: fingerprint(afterQp), encoding: undefined },
      { path: 'notebook.ipynb', line: 1, column: notebook.indexOf(inJson) + 1, fingerprint: fingerprint(inJson), encoding: undefined },
    ];
    expect(expected[0]!.line).toBe(2);

    const r = new TempRepo();
    repos.push(r);
    r.write('notebook.ipynb', notebook).write('mail.eml', mail).write('env.b64', blob);
    expect(findings(['scan'], r.dir)).toEqual(expected);
    r.git('add', '-A');
    expect(findings(['staged'], r.dir)).toEqual(expected);
    r.git('commit', '-q', '-m', 'add');
    expect(findings(['history'], r.dir)).toEqual(expected);
  });
});
