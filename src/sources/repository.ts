// Which repository a history report is of, and in which state: what `keysentry merge` checks its
// reports by. Shards of one history are taken on different machines (one runner each), so both
// must come from the repository itself, not from where or when it was checked out.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Repository } from '../types.js';
import { git } from './git.js';

/** `root`: the work tree's top directory, when known (a bare repository has none: then cwd). */
export async function repositoryOf(cwd: string, root?: string): Promise<Repository> {
  const none = () => Buffer.alloc(0);
  const [refs, url] = await Promise.all([
    // HEAD and every ref with the object it names: what `git log --all` walks from. An empty
    // repository has none, and show-ref then fails.
    git(['show-ref', '--head'], cwd).catch(none),
    git(['config', '--get', 'remote.origin.url'], cwd).catch(none),
  ]);
  const remote = url.toString('utf8').trim();
  return {
    name: (remote && remoteName(remote)) || basename(root ?? cwd).replace(/\.git$/, ''),
    state: createHash('sha256').update(refs).digest('hex'),
  };
}

/**
 * `github.com/owner/repo` for `https://user:token@github.com/owner/repo.git`,
 * `git@github.com:owner/repo.git` and `ssh://git@github.com/owner/repo`: one name whichever
 * way a runner cloned it, and never the credentials a URL can carry. A local path or file URL
 * names nothing beyond its last directory.
 */
export function remoteName(url: string): string {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(url);
  let host = '';
  let path = url;
  if (scp && !/^[a-z]:[\\/]/i.test(url)) {
    [, host = '', path = ''] = scp;
  } else {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'file:') host = parsed.hostname + (parsed.port ? `:${parsed.port}` : '');
      path = decodeURIComponent(parsed.pathname);
    } catch {
      // A plain local path.
    }
  }
  path = path.replace(/\/+$/, '').replace(/\.git$/, '').replace(/^\/+/, '');
  return host ? `${host}/${path}` : basename(path);
}
