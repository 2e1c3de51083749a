/**
 * A mistake the user can fix (bad flag, not a repository, malformed config): the CLI prints its
 * message as one line and exits 2, never a stack trace. Anything else reaching the top is a bug,
 * and is still reported as one line.
 */
export class UserError extends Error {
  override name = 'UserError';
}
