// Preloaded into keysentry (node --require) for one run per benchmark: at exit it records the
// process's own peak resident set and CPU time. Child processes (git) are not counted, unlike
// `/usr/bin/time`, whose figure is the largest of the process and its children.
const { writeFileSync } = require('node:fs');

const file = process.env.KEYSENTRY_BENCH_PROBE;
if (file) {
  delete process.env.KEYSENTRY_BENCH_PROBE;
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
