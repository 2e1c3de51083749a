// Ctrl-C or a CI timeout ends a run at once: exit 130 (SIGINT) or 143 (SIGTERM), and nothing
// written that could pass for a complete report. Report files appear only by a synchronous rename
// (output.ts), which a handler cannot interrupt. The handler runs between two pieces of work:
// every rule, built-in or custom, runs in linear time on chunks of at most 1 MiB (custom rules on
// a linear-time engine), so no piece of work holds the event loop for long.
const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function onInterrupt(stream: NodeJS.WritableStream = process.stderr): { off(): void } {
  const handler = (sig: NodeJS.Signals) => {
    stream.write(`\nkeysentry: interrupted by ${sig}; no report written\n`);
    process.exit(CODES[sig as keyof typeof CODES]);
  };
  for (const sig of Object.keys(CODES)) process.on(sig, handler);
  return {
    off() {
      for (const sig of Object.keys(CODES)) process.off(sig, handler);
    },
  };
}
