// The action's inputs (action.yml), checked up front: a typo in a workflow must fail the step with
// a message naming the input, not quietly fall back to a default that scans less.
import { isAbsolute, resolve } from 'node:path';
import { MODES, type Mode } from './plan.js';

const FAIL_ON = ['any', 'live'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  mode: Mode;
  /** Absolute. */
  path: string;
  verify: boolean;
  failOn: FailOn;
  /** Absolute. */
  sarifFile: string;
  /** Absolute, when given. */
  config?: string;
  baseline?: string;
}

/**
 * getInput is @actions/core's (INPUT_<NAME> with the name upper-cased and dashes kept); paths are
 * resolved against the workspace, where the runner starts the action.
 */
export function readInputs(getInput: (name: string) => string, workspace: string): ActionInputs {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(workspace, p));
  const optional = (name: string) => {
    const value = getInput(name);
    return value ? at(value) : undefined;
  };
  return {
    mode: oneOf('mode', getInput('mode') || 'auto', MODES),
    path: at(getInput('path') || '.'),
    verify: boolean('verify', getInput('verify') || 'false'),
    failOn: oneOf('fail-on', getInput('fail-on') || 'any', FAIL_ON),
    sarifFile: at(getInput('sarif-file') || 'keysentry.sarif'),
    config: optional('config'),
    baseline: optional('baseline'),
  };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`input ${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

// The YAML 1.2 core-schema booleans, as GitHub's own getBooleanInput accepts them.
function boolean(name: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new Error(`input ${name} must be true or false (got ${JSON.stringify(value)})`);
}
