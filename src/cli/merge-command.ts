// `keysentry merge REPORT.json…`: history reports of shards and of many repositories as one
// report (src/merge.ts), verified once per key, written and exited on like any scan.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { mergeReports, type ReportText } from '../merge.js';
import { sealKeyFrom } from '../report/seal.js';
import type { Format } from './args.js';
import { deliverReport } from './deliver.js';
import { checkWritable } from './output.js';

export interface MergeFlags {
  format: Format;
  output?: string;
  sarif?: string;
  quiet: boolean;
  verify: boolean;
  failOn: 'any' | 'live';
  openaiBaseUrl?: string;
  deepseekBaseUrl?: string;
}

export async function mergeCommand(flags: MergeFlags, paths: string[]): Promise<number> {
  const verifyOptions = flags.verify ? (await import('../verify/index.js')).resolveVerifyOptions(flags, process.env) : undefined;
  for (const file of [flags.output, flags.sarif]) if (file !== undefined) checkWritable(file);
  const sealKey = sealKeyFrom(process.env);
  const report = mergeReports(readReports(paths), { ...(sealKey && { sealKey }), needKeys: flags.verify });
  if (verifyOptions && report.findings.length) {
    const { verifyFindings } = await import('../verify/index.js');
    await verifyFindings(report.findings, verifyOptions);
  }
  // Merged reports are of histories, pushed long ago: the advice is a pushed key's.
  return deliverReport(report, flags, { command: 'history' });
}

/**
 * The reports named, a directory standing for every *.json file under it (what
 * actions/download-artifact leaves: one directory per artifact), in name order.
 */
function readReports(paths: readonly string[]): ReportText[] {
  const files: string[] = [];
  const add = (path: string, named: boolean) => {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UserError(`no such file or directory: ${path}`);
    }
    if (!isDir) {
      if (named || path.endsWith('.json')) files.push(path);
      return;
    }
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      if (statSync(child).isDirectory() || name.endsWith('.json')) add(child, false);
    }
  };
  for (const p of paths) add(p, true);
  if (paths.length && !files.length) throw new UserError(`no *.json reports in ${paths.join(', ')}`);
  return files.map((file) => {
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (e) {
      throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  });
}
