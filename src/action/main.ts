// The GitHub Action: the event and inputs in; annotations, a job summary, SARIF and outputs out.
// Each decision lives in a module of its own (plan, depth, annotations, summary, verdict); this
// file only puts them in order. The runner starts the bundle of this file (bundle/action.js).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { writeAtomic, writeOut, type Content } from '../cli/output.js';
import { repoRoot } from '../cli/root.js';
import { loadConfig } from '../config.js';
import { reporters, type ReportOptions } from '../report/index.js';
import { scrub } from '../report/status.js';
import { runScan } from '../scan.js';
import type { Report } from '../types.js';
import { resolveVerifyOptions, verifyFindings } from '../verify/index.js';
import { ANNOTATION_LIMIT, annotationOf, mostSeriousFirst } from './annotations.js';
import { unseenCommits } from './depth.js';
import { readInputs } from './inputs.js';
import { planScan } from './plan.js';
import { writeSummary } from './summary.js';
import { failure, liveKeys } from './verdict.js';

// core.setFailed exits 1, as for findings; a scan that could not be made exits 2, as the CLI does.
const EXIT_ERROR = 2;

/** The action's own checkout (where action.yml, package.json and rules/ are), found from this file. */
function actionRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'action.yml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find action.yml above the action bundle');
    dir = up;
  }
  return dir;
}

function readPayload(file: string | undefined): object {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as object;
  } catch (e) {
    throw new Error(`cannot read the event payload ${file}: ${(e as Error).message}`);
  }
}

async function run(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const inputs = readInputs(core.getInput, workspace);
  // Said here: git, started in a missing directory, fails as if it were not installed.
  if (!existsSync(inputs.path)) throw new Error(`input path: ${JSON.stringify(core.getInput('path'))} does not exist in the workspace`);
  const plan = planScan(inputs.mode, process.env.GITHUB_EVENT_NAME ?? '', readPayload(process.env.GITHUB_EVENT_PATH));
  core.info(`keysentry: scanning ${plan.reason}`);
  if (plan.command === 'none') {
    setOutputs(0, 0, '');
    return;
  }
  const unseen = await unseenCommits(plan, inputs.path);
  if (unseen) {
    // Not a finding but a scan that cannot be made: the error status, and no SARIF, since an empty
    // one uploaded to code scanning would close the alerts still open.
    core.setFailed(`keysentry ${unseen}`);
    process.exitCode = EXIT_ERROR;
    return;
  }

  const root = actionRoot();
  const cwd = plan.command === 'scan' ? workspace : inputs.path;
  const repo = await repoRoot(inputs.path);
  const config = await loadConfig(inputs.config, repo ?? inputs.path);
  // Before the scan, so a refused base URL fails before any time is spent.
  const verifyOptions = inputs.verify ? resolveVerifyOptions({}, process.env) : undefined;
  const report = await runScan({
    command: plan.command,
    cwd,
    config,
    // Reported paths are as given: relative to the workspace, as annotations need them.
    paths: plan.command === 'scan' ? [relative(workspace, inputs.path) || '.'] : [],
    range: plan.command === 'history' && plan.range ? `${plan.range.base}..${plan.range.head}` : undefined,
    baseline: inputs.baseline,
    rulesDir: join(root, 'rules'),
  });
  // First, before anything else is printed: the runner then masks every key in every later log line.
  for (const secret of new Set(report.findings.map((f) => f.secret))) core.setSecret(secret);
  if (verifyOptions && report.findings.length) await verifyFindings(report.findings, verifyOptions);

  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
  const options: ReportOptions = {
    showSecrets: false,
    color: false,
    command: plan.command,
    toolVersion: version,
    // Scan paths start at the workspace, other paths at the repository, where SARIF's start.
    ...(plan.command === 'scan' && repo ? { repo: { root: repo, cwd: realpathSync(workspace) } } : {}),
  };
  printReport(reporters.console(report, options));
  for (const w of report.warnings) core.warning(scrub(w, report.findings));
  writeAtomic(inputs.sarifFile, reporters.sarif(report, options));
  const live = liveKeys(report.findings);
  setOutputs(report.findings.length, live, inputs.sarifFile);

  const failed = failure(report.findings, inputs.failOn);
  annotate(report, failed);
  if (process.env.GITHUB_STEP_SUMMARY) {
    writeSummary(core.summary, report, plan.reason, live);
    await core.summary.write();
  }
}

function setOutputs(findings: number, live: number, sarifFile: string): void {
  core.setOutput('findings', findings);
  core.setOutput('live', live);
  core.setOutput('sarif-file', sarifFile);
}

/**
 * The log gets the console report between stop-commands markers: file names come from the
 * repository, and one that starts with "::" must not be read by the runner as a command.
 */
function printReport(text: Content): void {
  const token = randomUUID();
  core.startGroup('keysentry report');
  core.info(`::stop-commands::${token}`);
  writeOut(process.stdout, text);
  core.info(`::${token}::`);
  core.endGroup();
}

/**
 * Annotations, most serious first, then the failure: GitHub shows ten per step, so when the
 * step fails one of the ten is kept for the message that says why and where the rest are listed.
 */
function annotate(report: Report, failed: string | undefined): void {
  const ordered = mostSeriousFirst(report.findings);
  const room = failed ? ANNOTATION_LIMIT - 1 : ANNOTATION_LIMIT;
  const shown = ordered.slice(0, room);
  for (const f of shown) {
    const { level, message, properties } = annotationOf(f);
    if (level === 'warning') core.warning(message, properties);
    else core.error(message, properties);
  }
  const rest = ordered.length - shown.length;
  const more = rest ? ` ${rest} more finding${rest === 1 ? ' is' : 's are'} listed in the job summary and the SARIF file.` : '';
  if (failed) core.setFailed(failed + more);
  else if (more) core.warning(more.trim());
}

run().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  core.setFailed(`keysentry: ${message.split('\n').find((l) => l.trim()) ?? 'unknown error'}`);
  process.exitCode = EXIT_ERROR;
});
