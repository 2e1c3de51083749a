// git for the bench, isolated from the user's and the system's configuration so every machine
// builds the same repositories and runs the same pipelines.
import { execFile } from 'node:child_process';

export const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(args, cwd, env = gitEnv) {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args[0]} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
