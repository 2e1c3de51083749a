import { fingerprint } from '../detect/secret.js';
import type { Provider, Verification } from '../types.js';
import type { Check } from './check.js';
import { checkDeepSeek } from './deepseek.js';
import { checkOpenAI } from './openai.js';
import { settingsOf, type Settings, type VerifyOptions } from './options.js';
import { providerText } from './text.js';

/**
 * One verification run: asks each distinct key once (results live in memory only, for this run),
 * at most `concurrency` at a time per provider, and stops asking when the run's deadline passes.
 * Each provider has its own slots, so keys queued for a provider that hangs do not wait out its
 * timeouts before the other provider is asked.
 */
export class Verifier {
  private readonly settings: Settings;
  private readonly deadline: number;
  private readonly results = new Map<string, Promise<Verification>>();
  private readonly slots: Record<Exclude<Provider, 'unknown'>, Slots>;

  /** Throws a one-line Error when a base URL is refused. */
  constructor(options: VerifyOptions) {
    this.settings = settingsOf(options);
    this.deadline = Date.now() + this.settings.deadlineMs;
    this.slots = { openai: new Slots(this.settings.concurrency), deepseek: new Slots(this.settings.concurrency) };
  }

  /**
   * Never rejects: whatever goes wrong becomes `unknown` with the reason. A key of unknown provider
   * is sent nowhere, `unsent` saying why (a finding's description names the other issuer).
   */
  check(secret: string, provider: Provider, ruleId?: string, unsent = 'nothing says which one issued the key'): Promise<Verification> {
    // Sending a key to a provider that did not issue it would leak it to a third party.
    if (provider === 'unknown') {
      return Promise.resolve({ status: 'unknown', detail: `not sent to any provider: ${unsent}`, checkedAt: new Date().toISOString() });
    }
    const id = `${provider}:${fingerprint(secret)}`;
    let result = this.results.get(id);
    if (!result) {
      result = this.slots[provider].run(() => this.ask(secret, provider, ruleId));
      this.results.set(id, result);
    }
    return result;
  }

  private async ask(secret: string, provider: Provider, ruleId?: string): Promise<Verification> {
    const policy = { timeoutMs: this.settings.timeoutMs, retries: this.settings.retries, deadline: this.deadline };
    let check: Check;
    try {
      check =
        provider === 'openai'
          ? await checkOpenAI(secret, this.settings.openaiBaseUrl, policy, ruleId)
          : await checkDeepSeek(secret, this.settings.deepseekBaseUrl, policy);
    } catch (err) {
      // A surprise here must neither pass for a dead key nor stop the scan.
      const message = err instanceof Error ? err.message : String(err);
      check = { status: 'unknown', detail: `check failed: ${providerText(message, secret)}` };
    }
    return { ...check, checkedAt: new Date().toISOString() };
  }

}

/** At most `size` tasks at once; the rest wait in order. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // a finishing task hands over its slot
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
