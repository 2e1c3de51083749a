// Synthetic keys, generated at run time from a seed, so no key-shaped literal is ever committed
// and every run of the suite sees the same keys.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CLASSES: Record<string, string> = {
  alnum: ALNUM,
  alnum_: `${ALNUM}_-`,
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  b64: `${ALNUM}+/`,
};

/** The OpenAI marker, assembled so this file holds no key-shaped literal. */
export const MARKER = ['T3Bl', 'bkFJ'].join('');

export class KeyGen {
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }

  /** mulberry32: tiny, fast, good enough to make keys look random to an entropy check. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chars(cls: keyof typeof CLASSES | string, n: number): string {
    const alphabet = CLASSES[cls];
    if (!alphabet) throw new Error(`unknown character class ${cls}`);
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /**
   * Expands a rule example template: `{class:n}` becomes n random characters of that class,
   * `{marker}` the OpenAI marker; everything else is literal.
   */
  expand(template: string): string {
    return template.replace(/\{(\w+)(?::(\d+))?\}/g, (_, cls: string, n?: string) =>
      cls === 'marker' ? MARKER : this.chars(cls, Number(n ?? 1)),
    );
  }

  /** `sk-` + 20 + marker + 20 alphanumerics (51 characters). */
  openaiLegacy(): string {
    return `sk-${this.chars('alnum', 20)}${MARKER}${this.chars('alnum', 20)}`;
  }

  /** Project-style keys; half = 74 gives the common 164-character sk-proj- key. */
  openaiProject(kind: 'proj' | 'svcacct' | 'admin' | 'None' = 'proj', half = 74): string {
    return `sk-${kind}-${this.chars('alnum_', half)}${MARKER}${this.chars('alnum_', half)}`;
  }

  /** Service-account keys named after their account (2024): `sk-<name>-` + 20 + marker + 20 alphanumerics. */
  openaiNamed(name = 'ci-bot'): string {
    return `sk-${name}-${this.chars('alnum', 20)}${MARKER}${this.chars('alnum', 20)}`;
  }

  /** `sk-` + 32 lowercase hex. */
  deepseek(): string {
    return `sk-${this.chars('hex', 32)}`;
  }
}
