// The official SARIF 2.1.0 schema (draft-04), compiled once, with the formats it names checked for
// real: GitHub's upload rejects a file whose artifact URI is not a valid URI reference.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';

export const RFC3986 = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('uri-reference', (s: string) => RFC3986.test(s));
ajv.addFormat('uri', (s: string) => RFC3986.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(s));

export const validateSarif = ajv.compile(
  JSON.parse(readFileSync(new URL('./sarif-schema-2.1.0.json', import.meta.url), 'utf8')),
);
