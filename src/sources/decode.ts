// Turns a file's bytes into what the detector searches: UTF-8 where the file is text in another
// encoding, the bytes as they are otherwise. Keys are ASCII, so Latin-1, broken UTF-8 and binary
// files need no decoding; UTF-16 does, as it puts a NUL between the characters of a key.

/** How many leading bytes decide a file's encoding, as git and ripgrep decide "binary". */
export const SNIFF_BYTES = 8192;

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'binary';

export function sniff(head: Buffer): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const sample = head.subarray(0, SNIFF_BYTES);
  if (sample.indexOf(0) === -1) {
    return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 'utf8bom' : 'utf8';
  }
  return utf16WithoutBom(sample) ?? 'binary';
}

const isTextByte = (b: number) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * UTF-16 written without a BOM (PowerShell redirection, some Windows tools) is mostly ASCII
 * text with a NUL beside every character. Requiring printable ASCII in the other byte keeps
 * binary files full of small integers from being mistaken for it and decoded into nonsense.
 */
function utf16WithoutBom(sample: Buffer): 'utf16le' | 'utf16be' | undefined {
  const pairs = sample.length >> 1;
  if (pairs < 2) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    const a = sample[i]!;
    const b = sample[i + 1]!;
    if (b === 0 && isTextByte(a)) le++;
    else if (a === 0 && isTextByte(b)) be++;
  }
  const enough = pairs * 0.7;
  return le >= enough ? 'utf16le' : be >= enough ? 'utf16be' : undefined;
}

/** True when a '\r' not followed by '\n' occurs in the first SNIFF_BYTES (old Mac line ends). */
function hasLoneCr(head: Buffer): boolean {
  const sample = head.subarray(0, SNIFF_BYTES + 1);
  for (let i = sample.indexOf(13); i !== -1 && i < sample.length - 1; i = sample.indexOf(13, i + 1)) {
    if (sample[i + 1] !== 10) return true;
  }
  return false;
}

/**
 * Where the first block has a '\r' not followed by '\n' (old Mac line ends), rewrites every such
 * '\r' to '\n', so those files get line numbers and the detector, which counts '\n', agrees with
 * them. One byte for one byte: offsets stay those of the file. Deciding on the first block spares
 * LF and CRLF files, nearly all of them, a second pass; a block is copied only to be rewritten.
 */
export class LoneCrToLf {
  private rewrite: boolean | undefined;
  /** A '\r' ending the last block waits for the next block's first byte to say whether it is lone. */
  private held = false;

  push(block: Buffer): Buffer {
    if (!block.length) return block;
    this.rewrite ??= hasLoneCr(block);
    if (!this.rewrite) return block;
    if (this.held) block = Buffer.concat([CR, block]);
    this.held = block[block.length - 1] === 13;
    const end = this.held ? block.length - 1 : block.length;
    let out = block;
    for (let i = block.indexOf(13); i !== -1 && i < end; i = block.indexOf(13, i + 1)) {
      if (block[i + 1] === 10) continue;
      if (out === block) out = Buffer.from(block);
      out[i] = 10;
    }
    return out.subarray(0, end);
  }

  end(): Buffer {
    return this.held ? Buffer.from([10]) : EMPTY;
  }
}

const CR = Buffer.from([13]);
const EMPTY = Buffer.alloc(0);
