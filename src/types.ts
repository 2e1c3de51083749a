// The records that flow through the pipeline: sources → detect → verify → report.
// Every stage depends on this file and on nothing of the other stages.

/** Who issued a key; 'unknown' when its shape is shared and its context names another issuer than the rule's. */
export type Provider = 'openai' | 'deepseek' | 'unknown';
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Where the owner revokes a key of this provider: the one list that both `keysentry verify`'s and
 * the reports' remedies name. OpenAI lists admin keys apart from project keys.
 */
export function providerKeyPage(provider: Provider, adminKey = false): string {
  switch (provider) {
    case 'openai':
      return adminKey ? 'https://platform.openai.com/settings/organization/admin-keys' : 'https://platform.openai.com/api-keys';
    case 'deepseek':
      return 'https://platform.deepseek.com/api_keys';
    case 'unknown':
      // A shared key shape whose context names another issuer: only the owner knows which console.
      return 'the console of the provider that issued it';
  }
}

/** Where a history chunk came from: the commit that introduced the text. */
export interface Commit {
  sha: string;
  author: string;
  email: string;
  /** ISO 8601 author date */
  date: string;
  /**
   * Its index in the oldest-first, parents-first order of the log that read it (history): the same
   * in every shard of one repository's history, so a merge can tell which introduction came first.
   */
  position?: number;
}

/** Pseudo-path for text that lives in a commit message rather than a file. */
export const COMMIT_MESSAGE_PATH = '<commit message>';

/**
 * A piece of input with enough location to report a finding in it.
 * Sources cut files into chunks on line boundaries where they can, so a key is never split;
 * a single line longer than a chunk is cut with an overlap of several MAX_SECRET_LENGTH bytes,
 * and ownFrom/ownTo say which of the overlapping chunks reports a match.
 */
export interface Chunk {
  /** Path relative to the scan root with '/' separators; '-' for stdin; COMMIT_MESSAGE_PATH. */
  path: string;
  /**
   * UTF-8 bytes (sources transcode UTF-16; other bytes are searched as they are). Valid until the
   * next chunk is asked for: a source may read the next file into the same memory (ripgrep's
   * searcher borrows its buffer the same way). Copy it to keep it.
   */
  data: Buffer;
  /** 1-based line number, in the file, of the line data starts in. */
  line: number;
  /** 0-based column (UTF-16 code units) of data[0] within that line: 0 unless a long line was cut. */
  column: number;
  /** Byte offset of data[0] within the file, for binary findings and overlap de-duplication. */
  offset: number;
  /** History only: the commit this text was introduced by. */
  commit?: Commit;
  /**
   * Diff sources only: the 1-based file lines that were added. data also holds context lines,
   * so rules can see a DEEPSEEK name next to a key, but only keys on these lines are reported.
   */
  added?: ReadonlySet<number>;
  /**
   * Set where a line longer than a chunk was cut, the chunks overlapping: only a match whose
   * secret starts in data[ownFrom, ownTo) is this chunk's to report (ownFrom 0, ownTo data.length
   * when unset). The neighbouring chunk holds the others whole, so neither a copy of a key nor
   * its head before the cut is reported.
   */
  ownFrom?: number;
  ownTo?: number;
  /** The file holds NUL bytes: report its byte offset, as line/column mean little there. */
  binary?: boolean;
  /** How the source decoded the file before scanning, when it did ('utf16le', 'utf16be'). */
  decodedFrom?: string;
  /**
   * Bytes of the file each byte of data stands for, where that is not 1: 2 for ASCII text read out
   * of UTF-16 inside binary data, whose offset is then data[0]'s byte offset in the file.
   */
  stride?: number;
}

export type VerifyStatus = 'live' | 'quota_exhausted' | 'rate_limited' | 'invalid' | 'unknown';

export interface Verification {
  status: VerifyStatus;
  /** Human-readable reason: balance, provider message, or why the check could not be made. */
  detail: string;
  /** ISO 8601 time of the check. */
  checkedAt: string;
}

export interface Finding {
  ruleId: string;
  provider: Provider;
  /** The rule's one-line description. */
  description: string;
  /** The exact secret. Kept in memory for verification; reporters print it only with --show-secrets. */
  secret: string;
  /** Lowercase hex SHA-256 of secret: how the same key is recognised across files, commits and runs. */
  fingerprint: string;
  /** Provider prefix + '…' + last 4 characters: safe to print. */
  redacted: string;
  path: string;
  /** 1-based line and columns, columns in UTF-16 code units as SARIF counts them; endColumn exclusive. */
  line: number;
  column: number;
  endColumn: number;
  /** Byte offset of the match within the file. */
  offset: number;
  confidence: Confidence;
  /** Set when the key was found inside an encoded value ('base64', 'percent') or a transcoded file. */
  encoding?: string;
  /** Set when the file holds NUL bytes. */
  binary?: boolean;
  commit?: Commit;
  /**
   * History only: whether HEAD's tree still holds this key at this path (clean the file too), or
   * only the history does. Always false for a commit message or a tag.
   */
  atHead?: boolean;
  /**
   * The line around the key, as a reader would look for it, with every key in it redacted,
   * control characters dropped and capped in length: the chunk is gone by report time. Never the key.
   */
  snippet?: string;
  verification?: Verification;
  /** Set by a merge of several repositories' reports: which one the finding is in. */
  repository?: string;
}

/** What a scan looked at, and what it did not look at and why: nothing is skipped silently. */
export interface Stats {
  files: number;
  bytes: number;
  commits?: number;
  /** reason → count, e.g. { "symlink outside root": 2, "unreadable": 1 } */
  skipped: Record<string, number>;
  durationMs: number;
}

/** Which repository a history report is of, and in which state: shards of one merge agree on both. */
export interface Repository {
  /** The origin remote's host and path (`github.com/owner/repo`), or the top directory's name. */
  name: string;
  /** SHA-256 of every ref and the object it names: shards taken of one state of the history agree. */
  state: string;
}

/** Shard `index` of `count` (1-based): its share of the blobs and messages of a whole history. */
export interface Shard {
  index: number;
  count: number;
}

export interface Report {
  findings: Finding[];
  stats: Stats;
  /** Things the user must know that are not findings: a shallow clone, an unreadable file. */
  warnings: string[];
  /** History: the repository and state the report is of, what a merge checks its reports by. */
  repository?: Repository;
  /** History: set when the report covers one shard of the history (`--shard I/N`). */
  shard?: Shard;
}

/** Collects stats and warnings while a source runs; sources call it, they never print. */
export interface ScanContext {
  stats: Stats;
  warn(message: string): void;
  skip(reason: string, path?: string): void;
}

/** Longest key any rule matches, in bytes: the overlap a source must keep when it cuts a line. */
export const MAX_SECRET_LENGTH = 512;
