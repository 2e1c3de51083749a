// DeepSeek: the balance endpoint both proves the key and says whether it can still spend.
// Answer: { is_available, balance_infos: [{ currency, total_balance, granted_balance, topped_up_balance }] }
// with the amounts as decimal strings.
import type { Check } from './check.js';
import { getWithRetries, retryAfterMs, formatSeconds, type Answer, type Policy } from './http.js';
import { apiError, isObject, parseJson, providerText } from './text.js';

export async function checkDeepSeek(secret: string, baseUrl: string, policy: Policy): Promise<Check> {
  const outcome = await getWithRetries(`${baseUrl}/user/balance`, secret, policy, retryable);
  if (!outcome.ok) return { status: 'unknown', detail: `DeepSeek: ${providerText(outcome.reason, secret, 200)}` };
  return classify(outcome.answer, secret);
}

function retryable(answer: Answer): boolean {
  return answer.status === 429 || answer.status >= 500;
}

function classify(answer: Answer, secret: string): Check {
  const { status } = answer;
  const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : '';
  const message = apiError(parseJson(answer.body)?.json).message;
  const said = message ? `: ${providerText(message, secret)}` : '';

  if (status === 200) return balance(answer.body, secret);
  if (status === 401) return { status: 'invalid', detail: `DeepSeek rejected the key (HTTP 401${said})` };
  if (status === 402) return { status: 'quota_exhausted', detail: `DeepSeek accepted the key but the account has no balance (HTTP 402${said})` };
  if (status === 429) {
    const wait = retryAfterMs(answer.headers);
    const hint = wait !== undefined ? `, retry after ${formatSeconds(wait)}` : '';
    return { status: 'rate_limited', detail: `DeepSeek accepted the key but is throttling it (HTTP 429${hint})${tries}` };
  }
  if (status >= 500) return { status: 'unknown', detail: `DeepSeek server error (HTTP ${status})${tries}` };
  return { status: 'unknown', detail: `unexpected HTTP ${status} from DeepSeek${said}` };
}

function balance(body: string, secret: string): Check {
  const json = parseJson(body)?.json;
  const infos = isObject(json) && Array.isArray(json.balance_infos) ? json.balance_infos : undefined;
  if (!isObject(json) || typeof json.is_available !== 'boolean' || !infos) {
    return { status: 'unknown', detail: 'DeepSeek answered HTTP 200 without the expected balance' };
  }
  const amounts: { total: number; text: string }[] = [];
  for (const info of infos) {
    if (!isObject(info)) continue;
    const raw = info.total_balance;
    if (raw === undefined) continue;
    const total = (typeof raw === 'string' && raw.trim() !== '') || typeof raw === 'number' ? Number(raw) : NaN;
    // "1e400", "NaN", "": a balance that cannot be read says nothing about whether the key can spend.
    if (!Number.isFinite(total)) {
      return { status: 'unknown', detail: `DeepSeek answered HTTP 200 with a balance that is not a number: ${providerText(String(raw), secret, 24)}` };
    }
    const currency = typeof info.currency === 'string' ? ` ${providerText(info.currency, secret, 8)}` : '';
    amounts.push({ total, text: `${providerText(String(raw), secret, 24)}${currency}` });
  }
  const shown = amounts.length ? `balance ${amounts.map((a) => a.text).join(', ')}` : 'no balance reported';
  if (json.is_available && amounts.some((a) => a.total > 0)) return { status: 'live', detail: shown };
  const why = json.is_available ? shown : `not available for API calls, ${shown}`;
  return { status: 'quota_exhausted', detail: `DeepSeek accepted the key but it cannot spend: ${why}` };
}
