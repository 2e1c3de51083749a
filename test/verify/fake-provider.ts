// Real HTTP servers on 127.0.0.1 standing in for OpenAI and DeepSeek. Each test says, per key,
// what the "provider" answers; the server records every request it receives.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  path: string;
  authorization: string | undefined;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

export interface FakeProvider {
  url: string;
  seen: Seen[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** What to do for requests bearing this key; unknown keys get a 500 so a mistake is loud. */
  on(key: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

export async function fakeProvider(): Promise<FakeProvider> {
  const behaviours = new Map<string, Behaviour>();
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    const done = () => inFlight--;
    res.on('close', done);
    fake.seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const key = /^Bearer (.*)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const behaviour = behaviours.get(key);
    if (behaviour) behaviour(req, res);
    else json(500, { error: { message: 'test server: no behaviour for this key' } })(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeProvider = {
    url: `http://127.0.0.1:${port}`,
    seen: [],
    maxInFlight: 0,
    on: (key, behaviour) => void behaviours.set(key, behaviour),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Behaviour {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Answers each request with the next behaviour; the last one repeats. */
export function sequence(...behaviours: Behaviour[]): Behaviour {
  let i = 0;
  return (req, res) => behaviours[Math.min(i++, behaviours.length - 1)]!(req, res);
}

export function delayed(ms: number, behaviour: Behaviour): Behaviour {
  return (req, res) => void setTimeout(() => behaviour(req, res), ms);
}

/** Never answers (until the server closes). */
export const hang: Behaviour = () => undefined;

/** Sends headers and half a body, then stalls. */
export const stallBody: Behaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"object":"list","da');
};

export const drop: Behaviour = (req) => req.socket.destroy();

// Error bodies as the providers send them (shapes from OpenAI's error-code guide and from public
// issue reports; the masked key in the message is how OpenAI echoes it).
export const openai = {
  models: json(200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'system' }] }),
  adminKeys: json(200, { object: 'list', data: [{ object: 'organization.admin_api_key', id: 'key_abc' }], has_more: false }),
  invalid: json(401, {
    error: {
      message: 'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  }),
  deactivated: json(401, {
    error: {
      message: 'This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.',
      type: 'invalid_request_error',
      param: null,
      code: 'account_deactivated',
    },
  }),
  missingScopes: json(401, {
    error: {
      message:
        "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Viewer, Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  }),
  missingScopesBareString: json(401, {
    error: 'You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role.',
  }),
  ipNotAuthorized: json(401, {
    error: { message: 'IP not authorized: the request IP is not in the project IP allowlist.', type: 'invalid_request_error', param: null, code: null },
  }),
  region: json(403, {
    error: { code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported', param: null, type: 'request_forbidden' },
  }),
  insufficientQuota: json(429, {
    error: {
      message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    },
  }),
  creditExhausted: json(429, {
    error: { message: 'Your credit balance is exhausted.', type: 'insufficient_quota', param: null, code: 'credit_balance_exhausted' },
  }),
  rateLimited: (headers: Record<string, string> = {}) =>
    json(
      429,
      {
        error: {
          message: 'Rate limit reached for requests in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
      headers,
    ),
};

export const deepseek = {
  balance: (isAvailable: boolean, total: string, currency = 'CNY') =>
    json(200, {
      is_available: isAvailable,
      balance_infos: [{ currency, total_balance: total, granted_balance: '0.00', topped_up_balance: total }],
    }),
  unauthorized: json(401, {
    error: { message: 'Authentication Fails, Your api key: ****abcd is invalid', type: 'authentication_error', param: null, code: 'invalid_request_error' },
  }),
  insufficientBalance: json(402, { error: { message: 'Insufficient Balance', type: 'unknown_error', param: null, code: 'invalid_request_error' } }),
  rateLimited: (headers: Record<string, string> = {}) => json(429, { error: { message: 'Rate Limit Reached' } }, headers),
};
