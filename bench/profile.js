// Summarises a V8 .cpuprofile (node --cpu-prof): where the main thread's time went, by function
// and by file or package, counting each sample once, at the function on top of the stack (self time).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export function summarise(file, root, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  // Sample i lasts until sample i+1; the last one's length is unknown and dropped.
  for (let i = 0; i + 1 < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i + 1]);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byFile = new Map();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = shortUrl(url, root);
    const fn = `${functionName || (where ? '(anonymous)' : '(native)')}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const f = group(where) || functionName || '(native)';
    byFile.set(f, (byFile.get(f) ?? 0) + us);
  }
  const rank = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, functions: rank(byFunction), files: rank(byFile) };
}

/** Dependencies by package and node's module loader as one: what an optimiser can act on. */
function group(where) {
  const pkg = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (pkg) return `node_modules/${pkg[1]}`;
  if (where.startsWith('node:internal/modules/')) return 'node:internal/modules (module loading)';
  return where;
}

function shortUrl(url, root) {
  if (!url) return '';
  if (url.startsWith('node:')) return url;
  try {
    return relative(root, url.startsWith('file:') ? fileURLToPath(url) : url);
  } catch {
    return url;
  }
}

export function formatSummary(title, s) {
  const rows = (list) => list.map((x) => `| ${(x.share * 100).toFixed(1)}% | ${x.ms.toFixed(0)} | \`${x.name}\` |`);
  return [
    `#### ${title}: ${(s.totalMs / 1000).toFixed(1)} s sampled on the main thread`,
    '',
    '| self | ms | function |',
    '|---:|---:|---|',
    ...rows(s.functions),
    '',
    '| self | ms | file or package |',
    '|---:|---:|---|',
    ...rows(s.files.slice(0, 8)),
    '',
  ].join('\n');
}
