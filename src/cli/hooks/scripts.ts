// The shell text `keysentry init` writes, as data beside the code that writes it.
// Git runs hooks from the top of the work tree with its own PATH (no node_modules/.bin), so a
// package installed in a subfolder (`web/` of a monorepo) is reached by cd'ing to it first.

/** The hooks init installs, and what each one runs. */
export type HookName = 'pre-commit' | 'pre-push';

/** The line that marks a standalone hook as ours, so init may rewrite it and never anyone else's. */
export const HOOK_MARK =
  '# keysentry-hook: written by `keysentry init`, which may rewrite this file; delete this line to keep your edits.';

interface Kind {
  /** The keysentry command line; "$@" passes git's hook arguments through. */
  command: string;
  what: string;
  skip: string;
  purpose: string;
}

const KINDS: Record<HookName, Kind> = {
  'pre-commit': {
    command: 'keysentry staged',
    what: 'commit',
    skip: 'git commit --no-verify',
    purpose: 'refuse commits that add OpenAI or DeepSeek API keys',
  },
  'pre-push': {
    // git hands the hook the refs being pushed on stdin, and the remote's name and URL as arguments.
    command: 'keysentry pre-push "$@"',
    what: 'push',
    skip: 'git push --no-verify',
    purpose: 'refuse pushes whose new commits add OpenAI or DeepSeek API keys',
  },
};

/** A shell word for any path: single quotes, with a quote inside written '\''. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

// A hook that cannot find keysentry must refuse: passing would look like "no keys found".
function notInstalled(kind: Kind): string {
  return (
    `command -v keysentry >/dev/null || { echo "keysentry: not found on PATH, so this ${kind.what} was not checked for API keys;` +
    ` install it (npm install --save-dev keysentry), or skip the check once with ${kind.skip}" >&2; exit 1; }`
  );
}

/** cd into the package, relative to the top of the work tree, where git starts every hook. */
function cdToPackage(pkg: string, kind: Kind): string {
  return (
    `cd ${quote(pkg)} || { echo ${quote(`keysentry: cannot enter ${pkg}/, where \`keysentry init\` found the package;` +
      ` rerun keysentry init from the package, or skip the check once with ${kind.skip}`)} >&2; exit 1; }`
  );
}

/**
 * For husky's script (husky v9 runs it with `sh -e`, node_modules/.bin of the top directory first
 * on PATH). At the top, the plain command: no npx start-up cost on every commit. In a subfolder,
 * a subshell, so the cd cannot move the lines the project's own script runs after it.
 */
export function huskySnippet(hook: HookName, pkg: string): string {
  const kind = KINDS[hook];
  const head = `# keysentry: ${kind.purpose}`;
  if (pkg === '') return [head, notInstalled(kind), kind.command].join('\n');
  return [
    `${head} (installed in ${pkg}/)`,
    '(',
    `  ${cdToPackage(pkg, kind)}`,
    '  PATH="$PWD/node_modules/.bin:$PATH"',
    `  ${notInstalled(kind)}`,
    `  exec ${kind.command}`,
    ')',
  ].join('\n');
}

/**
 * A standalone hook. node_modules/.bin goes first, as npm scripts and husky do, so a
 * project-local keysentry wins over a global one; PATH is looked up when the hook runs, so a
 * node upgrade or a cleaned npx cache cannot leave a dangling path behind. `backup` is the file
 * name (beside the hook) of the hook `init --force` moved aside: it still runs, after the check.
 */
export function plainHook(hook: HookName, pkg: string, backup?: string): string {
  const kind = KINDS[hook];
  const check = [
    ...(pkg === '' ? [] : [cdToPackage(pkg, kind)]),
    'PATH="$PWD/node_modules/.bin:$PATH"',
    notInstalled(kind),
  ];
  const lines = ['#!/bin/sh', HOOK_MARK, `# keysentry: ${kind.purpose}; \`${kind.skip}\` skips it once.`];
  if (!backup) {
    return [...lines, ...check, `exec ${kind.command}`, ''].join('\n');
  }
  // git gives pre-push its refs on stdin once: both hooks need them.
  const stdin = hook === 'pre-push';
  const feed = '{ [ -z "$input" ] || printf \'%s\\n\' "$input"; } | ';
  const previous = `"$(dirname -- "$0")"/${quote(backup)}`;
  return [
    ...lines,
    ...(stdin ? ['input=$(cat)'] : []),
    // A subshell: the hook moved aside runs from the top of the work tree, as git would run it.
    '(',
    ...check.map((line) => `  ${line}`),
    `  ${stdin ? feed : 'exec '}${kind.command}`,
    ') || exit $?',
    `# The ${hook} hook that was here before \`keysentry init --force\`; git skips a hook that is not executable, so does this.`,
    `[ -x ${previous} ] || exit 0`,
    `${stdin ? feed : 'exec '}${previous} "$@"`,
    '',
  ].join('\n');
}
