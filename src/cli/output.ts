// Report files are written whole or not at all: a scan killed mid-write must never leave a
// half-written SARIF that looks like a clean result. Signal handlers cannot run inside this
// synchronous function, so the rename is the only moment the file appears.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from '../errors.js';

export function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.keysentry-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'its directory does not exist' : (err.code ?? err.message);
    throw new UserError(`cannot write ${file}: ${why}`);
  }
}
