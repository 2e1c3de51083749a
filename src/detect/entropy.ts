// Tells random key bodies from the placeholders people write in docs, tests and .env.example files.

/** Shannon entropy in bits per character: about log2(alphabet size) for random text, low for repetitive text. */
export function shannonEntropy(text: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// A filler like 0123456789abcdef0123456789abcdef has the entropy of a random hex key, so entropy
// alone cannot tell it apart. These shapes can: in a random 32-character hex body each occurs by
// chance about once in 10^6 keys, in a 40+ character alphanumeric body far less often.
const RUN = 7;
const GROUP = 4;
const REPEATED_GROUPS = 6;

/**
 * True for bodies a person typed rather than a generator drew: RUN identical characters
 * (xxxxxxx, 0000000), RUN characters counting up or down (1234567, abcdefg, gfedcba), or
 * REPEATED_GROUPS positions that repeat a GROUP-character group seen earlier (deadbeefdeadbeef,
 * a1b2c3d4a1b2c3d4, any body pasted twice).
 */
export function looksLikePlaceholder(body: string): boolean {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < body.length; i++) {
    const step = body.charCodeAt(i) - body.charCodeAt(i - 1);
    same = step === 0 ? same + 1 : 1;
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (same >= RUN || up >= RUN || down >= RUN) return true;
  }
  const groups = new Set<string>();
  let repeated = 0;
  for (let i = 0; i + GROUP <= body.length; i++) {
    const group = body.slice(i, i + GROUP);
    if (groups.has(group) && ++repeated >= REPEATED_GROUPS) return true;
    groups.add(group);
  }
  return false;
}
