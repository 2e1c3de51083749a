// OpenAI: a GET that costs nothing and needs only a valid key. The status alone is not enough:
// a 401 can mean "no such key" or "valid key, wrong scope / IP", and a 429 can mean "slow down"
// or "no money left", so the error body decides.
import type { Check } from './check.js';
import { getWithRetries, retryAfterMs, formatSeconds, type Answer, type Policy } from './http.js';
import { apiError, isObject, parseJson, providerText, type ApiError } from './text.js';

// error.type stays insufficient_quota while error.code names the billing cause.
const QUOTA_CODES = new Set([
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
]);

/** Admin keys cannot list models; they can list the organization's admin keys. */
export function isAdminKey(secret: string, ruleId?: string): boolean {
  return secret.startsWith('sk-admin-') || /(?:^|[-_.:/])admin(?:[-_.:/]|$)/.test(ruleId ?? '');
}

export async function checkOpenAI(secret: string, baseUrl: string, policy: Policy, ruleId?: string): Promise<Check> {
  const admin = isAdminKey(secret, ruleId);
  const path = admin ? '/v1/organization/admin_api_keys?limit=1' : '/v1/models';
  const outcome = await getWithRetries(`${baseUrl}${path}`, secret, policy, retryable);
  if (!outcome.ok) return { status: 'unknown', detail: `OpenAI: ${providerText(outcome.reason, secret, 200)}` };
  return classify(outcome.answer, secret, admin);
}

function retryable(answer: Answer): boolean {
  if (answer.status === 429) return !isQuota(apiError(parseJson(answer.body)?.json));
  return answer.status >= 500;
}

function isQuota(error: ApiError): boolean {
  return error.type === 'insufficient_quota' || QUOTA_CODES.has(error.code ?? '');
}

function classify(answer: Answer, secret: string, admin: boolean): Check {
  const { status } = answer;
  const parsed = parseJson(answer.body);
  const error = apiError(parsed?.json);
  const said = (fallback: string) => providerText(error.code ?? error.message ?? fallback, secret);
  const message = error.message ?? '';
  const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : '';

  if (status === 200) {
    if (isObject(parsed?.json) && Array.isArray(parsed.json.data)) {
      return admin
        ? { status: 'live', detail: 'OpenAI accepted the admin key: it can manage the organization (HTTP 200)' }
        : { status: 'live', detail: 'OpenAI accepted the key (HTTP 200)' };
    }
    return { status: 'unknown', detail: `OpenAI answered HTTP 200 without the expected list${parsed ? '' : ' (not JSON)'}` };
  }
  if (!parsed) {
    return { status: 'unknown', detail: `OpenAI answered HTTP ${status} with a body that is not JSON${tries}` };
  }
  if (status === 401 || status === 403) {
    if (error.code === 'invalid_api_key' || /incorrect api key/i.test(message)) {
      return { status: 'invalid', detail: 'OpenAI rejected the key: invalid_api_key (revoked, deleted or never valid)' };
    }
    if (error.code === 'account_deactivated' || /deactivated/i.test(message)) {
      return { status: 'invalid', detail: 'OpenAI rejected the key: its account is deactivated (account_deactivated)' };
    }
    // OpenAI checks the key before scopes and IP, so these refusals prove the key exists.
    if (/missing scopes|insufficient permissions/i.test(message)) {
      const scopes = /missing scopes:\s*([\w.,\s]+?)\.(?:\s|$)/i.exec(message)?.[1];
      const missing = scopes ? ` (missing ${providerText(scopes, secret, 60)})` : '';
      return { status: 'live', detail: `restricted key: valid, but not allowed to ${admin ? 'list admin keys' : 'list models'}${missing}` };
    }
    if (/ip[_ ]?not[_ ]?authori[sz]ed|allow-?list/i.test(`${error.code ?? ''} ${message}`)) {
      return { status: 'live', detail: "IP-restricted key: valid, but OpenAI refused this machine's IP address" };
    }
    if (error.code === 'unsupported_country_region_territory' || /country, region, or territory/i.test(message)) {
      return { status: 'live', detail: 'valid key, but OpenAI refused requests from this region (unsupported_country_region_territory)' };
    }
    return { status: 'unknown', detail: `unexpected HTTP ${status} from OpenAI: ${said('no error message')}` };
  }
  if (status === 429) {
    if (isQuota(error)) return { status: 'quota_exhausted', detail: `OpenAI: no quota left (${said('insufficient_quota')})` };
    const wait = retryAfterMs(answer.headers);
    const hint = wait !== undefined ? `, retry after ${formatSeconds(wait)}` : '';
    return { status: 'rate_limited', detail: `OpenAI accepted the key but is throttling it (HTTP 429${hint})${tries}` };
  }
  if (status >= 500) return { status: 'unknown', detail: `OpenAI server error (HTTP ${status})${tries}` };
  return { status: 'unknown', detail: `unexpected HTTP ${status} from OpenAI: ${said('no error message')}` };
}
