// The rules' own regexes, as ripgrep arguments: rg then does the search keysentry's rules describe.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rust's regex engine (rg's default, and its fastest) has no lookaround. The rules use lookaround
 * only to frame a key: `(?<![class])` and `(?![class])` as token boundaries, simple positive
 * lookarounds for what may stand beside it. Consuming the frame instead, `(?:^|[^class])`,
 * `(?:[^class]|$)` and `(?:…)`, matches the same keys. A pattern with any other lookaround makes
 * the whole set run on PCRE2 (`-P`), which reads JS syntax as it is.
 */
export function rgPatterns(rulesDir) {
  const regexes = [];
  for (const name of readdirSync(rulesDir).filter((n) => n.endsWith('.json')).sort()) {
    const raw = JSON.parse(readFileSync(join(rulesDir, name), 'utf8'));
    for (const rule of Array.isArray(raw) ? raw : raw.rules ?? []) regexes.push({ id: rule.id, regex: rule.regex });
  }
  if (!regexes.length) throw new Error(`no rules found in ${rulesDir}`);
  const translated = regexes.map(({ regex }) =>
    regex
      .replace(/\(\?<!\[([^\]]+)\]\)/g, '(?:^|[^$1])')
      .replace(/\(\?!\[([^\]]+)\]\)/g, '(?:[^$1]|$)')
      .replace(/\(\?<?=((?:\\.|[^()\\])*)\)/g, '(?:$1)')
      .replace(/\(\?<(?=[A-Za-z])/g, '(?P<'),
  );
  const pcre = translated.some((p) => /\(\?<?[=!]/.test(p)) || !compiles(translated);
  return {
    ids: regexes.map((r) => r.id),
    engine: pcre ? 'PCRE2 (-P), the rules as written' : "Rust regex (rg's default), lookaround boundaries consumed",
    args: pcre ? ['-P', ...regexes.flatMap((r) => ['-e', r.regex])] : translated.flatMap((p) => ['-e', p]),
  };
}

/** A rewrite this module got wrong must not become a failed baseline: rg exits 2 on a bad pattern. */
function compiles(patterns) {
  const r = spawnSync('rg', ['--no-config', ...patterns.flatMap((p) => ['-e', p]), '-'], { input: '' });
  return r.error !== undefined || r.status !== 2;
}
