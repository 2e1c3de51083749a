// One annotation per finding (an error; a warning for a key the provider says is dead, as in
// SARIF and --format github), in the words of the report stage, never with the secret:
// annotations stay on the check run, readable by everyone who can read the repository.
import type { AnnotationProperties } from '@actions/core';
import { remedy, severityOrder } from '../report/index.js';
import { safe, statusLabel, statusText } from '../report/status.js';
import { COMMIT_MESSAGE_PATH, type Finding } from '../types.js';

/** GitHub shows the first 10 error annotations of a step and drops the rest. */
export const ANNOTATION_LIMIT = 10;

export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  properties: AnnotationProperties;
}

/** Most serious first (live, spent, unverified, invalid), scan order within a rank: sort is stable. */
export function mostSeriousFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityOrder(a) - severityOrder(b));
}

export function annotationOf(f: Finding): Annotation {
  const properties: AnnotationProperties = { title: `${f.description} (${statusLabel(f)})` };
  // A commit message has no file to attach to; a binary file has no meaningful line.
  if (f.path !== COMMIT_MESSAGE_PATH && f.path !== '-') {
    properties.file = safe(f.path); // a directory named after a key must not put it on the check run
    if (!f.binary) Object.assign(properties, { startLine: f.line, startColumn: f.column, endColumn: f.endColumn });
  }
  const level = f.verification?.status === 'invalid' ? 'warning' : 'error';
  return { level, message: safe(`${f.redacted}: ${statusText(f)}${where(f)}. ${remedy(f)}`), properties };
}

function where(f: Finding): string {
  const parts: string[] = [];
  if (f.binary) parts.push(`at byte ${f.offset}`);
  if (f.encoding) parts.push(`${f.encoding}-encoded`);
  if (f.commit) {
    const how = f.path === COMMIT_MESSAGE_PATH ? 'in the message of' : 'added by';
    parts.push(`${how} commit ${f.commit.sha.slice(0, 7)} (${f.commit.author}, ${f.commit.date.slice(0, 10)})`);
  }
  return parts.length ? `, ${parts.join(', ')}` : '';
}
