// A seeded PRNG and synthetic keys, mirroring test/support/keygen.ts so the bench needs no build
// step: the same seed always yields the same corpus, and no key-shaped literal is ever written here.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CLASSES = {
  alnum: ALNUM,
  alnum_: `${ALNUM}_-`,
  hex: '0123456789abcdef',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  b64: `${ALNUM}+/`,
};

/** The OpenAI marker, assembled at run time so no tracked file holds it. */
const MARKER = ['T3Bl', 'bkFJ'].join('');

export class Rng {
  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }

  /** mulberry32, as in test/support/keygen.ts. */
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  /** Skewed towards the front of the list: a few hot files, authors, words, as in real repos. */
  skewed(list, power = 3) {
    return list[Math.floor(this.next() ** power * list.length)];
  }

  chance(p) {
    return this.next() < p;
  }

  chars(cls, n) {
    const alphabet = CLASSES[cls];
    if (!alphabet) throw new Error(`unknown character class ${cls}`);
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  bytes(n) {
    const buf = Buffer.allocUnsafe(n);
    let i = 0;
    for (; i + 4 <= n; i += 4) buf.writeUInt32LE((this.next() * 4294967296) >>> 0, i);
    for (; i < n; i++) buf[i] = Math.floor(this.next() * 256);
    return buf;
  }
}

/** Keys of every shape the rules know, drawn from their own seeded stream. */
export class KeyGen extends Rng {
  openaiLegacy() {
    return `sk-${this.chars('alnum', 20)}${MARKER}${this.chars('alnum', 20)}`;
  }

  openaiProject(kind = 'proj', half = 74) {
    return `sk-${kind}-${this.chars('alnum_', half)}${MARKER}${this.chars('alnum_', half)}`;
  }

  deepseek() {
    return `sk-${this.chars('hex', 32)}`;
  }
}
