import { consoleReporter } from './console.js';
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import type { Format, Reporter } from './reporter.js';
import { sarifReporter } from './sarif.js';

export type { Format, Reporter, ReportOptions } from './reporter.js';
export { remedy } from './remedy.js';
export { severityOrder } from './order.js';

export const reporters: Record<Format, Reporter> = {
  console: consoleReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};
