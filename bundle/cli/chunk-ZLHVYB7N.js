// Built from src/cli by `npm run bundle` (scripts/build-cli.js). Do not edit: rebuild.
import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import {
  repoRoot
} from "./chunk-OSHJTHYF.js";
import {
  buildDetector,
  loadConfig,
  runScan
} from "./chunk-ZB62NKC5.js";
import "./chunk-HWK7J2JP.js";
import "./chunk-WOBRJ3QP.js";
import "./chunk-2W2FAOGB.js";
import {
  useColor
} from "./chunk-VXHW6RXS.js";
import {
  git
} from "./chunk-HV6CHNEP.js";
import {
  adviceFor
} from "./chunk-ZMLIUL2B.js";
import "./chunk-KOFYQMRE.js";
import {
  writeStdout
} from "./chunk-BQ3XYH55.js";
import {
  EXIT_CLEAN,
  EXIT_ERROR,
  EXIT_FINDINGS
} from "./chunk-FT72KRSL.js";
import "./chunk-TH7VMSKZ.js";
import "./chunk-UUULU2HD.js";
import {
  UserError,
  errorLine
} from "./chunk-JKVZBG7Z.js";
import "./chunk-QUMGJOT4.js";
import "./chunk-FEOP7AJT.js";
import "./chunk-BTI5UEIW.js";

// src/cli/pre-push.ts
var ZERO = /^0+$/;
function parsePushLines(text) {
  const refs = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const [localRef, localSha, remoteRef, remoteSha, extra] = line.trim().split(/\s+/);
    const sha = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
    if (extra !== void 0 || !remoteSha || !sha.test(localSha) || !sha.test(remoteSha)) {
      throw new UserError(
        `pre-push reads "<local ref> <local sha> <remote ref> <remote sha>" lines on stdin, as git gives them; got ${JSON.stringify(line.slice(0, 80))}`
      );
    }
    refs.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return refs;
}
async function isCommit(sha, cwd) {
  try {
    await git(["cat-file", "-e", `${sha}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}
async function pushedRanges(refs, cwd) {
  const tips = [];
  for (const sha of new Set(refs.filter((r) => !ZERO.test(r.localSha)).map((r) => r.localSha))) {
    if (await isCommit(sha, cwd)) tips.push(sha);
  }
  if (!tips.length) return [];
  const known = [];
  for (const r of refs) {
    if (!ZERO.test(r.remoteSha) && await isCommit(r.remoteSha, cwd)) known.push(r.remoteSha);
  }
  let list;
  try {
    list = (await git(["rev-list", "--boundary", ...tips, "--not", ...known, "--remotes", "--"], cwd)).toString("utf8");
  } catch (e) {
    throw new UserError(`git rev-list failed for the pushed commits (${tips.map((t) => t.slice(0, 12)).join(", ")}): ${e.message}`);
  }
  const lines = list.split("\n").filter(Boolean);
  const commits = lines.filter((l) => !l.startsWith("-"));
  const boundary = lines.filter((l) => l.startsWith("-")).map((l) => l.slice(1));
  if (!commits.length) return [];
  if (tips.length === 1 && boundary.length === 1) return [`${boundary[0]}..${tips[0]}`];
  if (boundary.length === 0) return tips;
  return commits.reverse().map((sha) => `${sha}^!`);
}
async function scanRanges(ranges, cwd, root) {
  const config = await loadConfig(void 0, root);
  const detector = await buildDetector(config);
  const report = { findings: [], stats: { files: 0, bytes: 0, commits: 0, skipped: {}, durationMs: 0 }, warnings: [] };
  const seen = /* @__PURE__ */ new Set();
  for (const range of ranges) {
    const part = await runScan({ command: "history", cwd, config, detector, paths: [], range });
    for (const f of part.findings) {
      const place = `${f.fingerprint}\0${f.path}`;
      if (!seen.has(place)) report.findings.push(f);
      seen.add(place);
    }
    report.stats.files += part.stats.files;
    report.stats.bytes += part.stats.bytes;
    report.stats.commits += part.stats.commits ?? 0;
    report.stats.durationMs += part.stats.durationMs;
    for (const [reason, n] of Object.entries(part.stats.skipped)) report.stats.skipped[reason] = (report.stats.skipped[reason] ?? 0) + n;
    for (const w of part.warnings) if (!report.warnings.includes(w)) report.warnings.push(w);
  }
  return report;
}
function readAll(stream) {
  return new Promise((done, fail) => {
    let text = "";
    stream.setEncoding("utf8");
    stream.on("data", (d) => text += d);
    stream.on("end", () => done(text));
    stream.on("error", fail);
  });
}
async function prePushCommand(args, io) {
  try {
    const option = args.find((a) => a.startsWith("-"));
    if (option !== void 0 || args.length > 2) {
      throw new UserError(`pre-push is run by git's pre-push hook (keysentry init --pre-push), with the remote's name and URL only; got ${JSON.stringify(option ?? args[2])}`);
    }
    const refs = parsePushLines(await readAll(io.stdin));
    const root = await repoRoot(io.cwd);
    if (!root) throw new UserError(`${io.cwd} is not inside a git work tree`);
    const ranges = await pushedRanges(refs, root);
    if (!ranges.length) return EXIT_CLEAN;
    const report = await scanRanges(ranges, root, root);
    const { consoleReporter } = await import("./chunk-SWEQCDEQ.js");
    const { version } = await import("./chunk-BUTD6ISU.js");
    const color = useColor(io.stdout);
    const text = consoleReporter(report, { showSecrets: false, color, command: "history", toolVersion: version(), advice: adviceFor("pre-push") });
    return await writeStdout(text, report.findings.length ? EXIT_FINDINGS : EXIT_CLEAN, io.stdout);
  } catch (e) {
    io.stderr.write(`keysentry: ${errorLine(e)}
`);
    return EXIT_ERROR;
  }
}
export {
  parsePushLines,
  prePushCommand,
  pushedRanges
};
