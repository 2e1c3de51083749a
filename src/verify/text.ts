import { redact } from '../detect/secret.js';

/**
 * Makes text from a provider safe to print: a server (or a proxy pretending to be one) may echo
 * the key back or send terminal escape sequences, and its messages can run to paragraphs.
 */
export function providerText(text: string, secret: string, max = 160): string {
  const clean = text
    .split(secret)
    .join(redact(secret))
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The `error` member of an OpenAI-style body: usually an object, sometimes a bare string. */
export interface ApiError {
  code?: string;
  type?: string;
  message?: string;
}

/** undefined when the body is not JSON at all; {} when it is JSON without an error member. */
export function parseJson(body: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

export function apiError(json: unknown): ApiError {
  if (!isObject(json)) return {};
  const error = json.error;
  if (typeof error === 'string') return { message: error };
  if (!isObject(error)) return typeof json.message === 'string' ? { message: json.message } : {};
  return {
    code: typeof error.code === 'string' ? error.code : undefined,
    type: typeof error.type === 'string' ? error.type : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
