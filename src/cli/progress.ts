// A one-line progress meter on stderr, only for a person watching a terminal: CI logs and pipes
// get nothing, so the report on stdout stays machine-readable.
import type { ScanContext } from '../types.js';

export interface Progress {
  update: ((ctx: ScanContext) => void) | undefined;
  done(): void;
}

export function progressReporter(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update: undefined, done() {} };
  let shown = false;
  return {
    update(ctx) {
      const { files, bytes, commits } = ctx.stats;
      const what = commits ? `${commits} commits, ` : '';
      stream.write(`\r\x1b[2Kscanning: ${what}${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
