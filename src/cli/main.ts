// The keysentry command: reads the command line (args.ts) and hands it to the command's module.
// 0 nothing found · 1 findings · 2 usage or runtime error (one line on stderr, never a stack trace).
import { errorLine, UserError } from '../errors.js';
import { parseCommandLine } from './args.js';
import { EXIT_CLEAN, EXIT_ERROR } from './exit.js';
import { writeStdout } from './output.js';
import { version } from './version.js';

export async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') return await writeStdout(parsed.text, EXIT_CLEAN);
    if (parsed.kind === 'version') return await writeStdout(`${version()}\n`, EXIT_CLEAN);
    const { command, flags, positionals } = parsed;
    switch (command) {
      case 'scan':
      case 'staged':
      case 'history': {
        const { scanCommand } = await import('./scan-command.js');
        return await scanCommand(command, flags as never, positionals);
      }
      case 'merge': {
        const { mergeCommand } = await import('./merge-command.js');
        return await mergeCommand(flags as never, positionals);
      }
      case 'verify': {
        if (positionals.length) {
          // A key on the command line lands in shell history and `ps`: do not take it, do not print it.
          throw new UserError('keysentry verify reads keys from stdin only, one per line (e.g. `pbpaste | keysentry verify`), never from arguments');
        }
        const { verifyCommand } = await import('./verify-command.js');
        return await verifyCommand(flags as never);
      }
      case 'init': {
        if (positionals.length) throw new UserError(`keysentry init takes no arguments (got ${JSON.stringify(positionals[0])})`);
        const { runInit } = await import('./init.js');
        return await runInit(process.cwd(), { force: flags.force === true, prePush: flags.prePush === true }, process.stdout);
      }
      case 'pre-push': {
        const { prePushCommand } = await import('./pre-push.js');
        return await prePushCommand(positionals, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
      }
    }
  } catch (e) {
    process.stderr.write(`keysentry: ${errorLine(e)}\n`);
    return EXIT_ERROR;
  }
}
