import type { Format, Reporter } from './reporter.js';

/** One format's reporter, loading only its own module: the pre-commit hook never parses SARIF code. */
export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'console':
      return (await import('./console.js')).consoleReporter;
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'sarif':
      return (await import('./sarif.js')).sarifReporter;
    case 'github':
      return (await import('./github.js')).githubReporter;
  }
}
