// A history report names its repository the same way whichever way a runner cloned it, and never
// with the credentials a remote URL can carry.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { remoteName, repositoryOf } from '../../src/sources/repository.js';
import { TempRepo } from '../support/repo.js';

describe('repository identity', () => {
  it.each([
    ['https://github.com/acme/api.git', 'github.com/acme/api'],
    ['https://x-access-token:ghs_abc@github.com/acme/api', 'github.com/acme/api'],
    ['https://user:pass@gitlab.example.com:8443/group/sub/api.git/', 'gitlab.example.com:8443/group/sub/api'],
    ['git@github.com:acme/api.git', 'github.com/acme/api'],
    ['ssh://git@github.com/acme/api', 'github.com/acme/api'],
    ['github.com:acme/api', 'github.com/acme/api'],
    ['file:///srv/git/api.git', 'api'],
    ['/srv/git/api.git', 'api'],
    ['../api', 'api'],
  ])('%s is %s', (url, name) => {
    expect(remoteName(url)).toBe(name);
  });

  it('falls back to the top directory, and its state changes when a ref moves', async () => {
    const r = new TempRepo();
    try {
      r.commit('one', { a: '1\n' });
      const before = await repositoryOf(r.dir, r.dir);
      expect(before.name).toBe(basename(r.dir));
      expect(before.state).toMatch(/^[0-9a-f]{64}$/);
      expect((await repositoryOf(r.dir, r.dir)).state).toBe(before.state);
      r.git('tag', 'v1');
      expect((await repositoryOf(r.dir, r.dir)).state).not.toBe(before.state);
      r.git('remote', 'add', 'origin', 'https://u:p@example.com/o/r.git');
      expect((await repositoryOf(r.dir, r.dir)).name).toBe('example.com/o/r');
    } finally {
      r.remove();
    }
  });
});
