import type { VerifyStatus } from '../types.js';

/** What a provider module concludes about one key; the verifier adds the time of the check. */
export interface Check {
  status: VerifyStatus;
  detail: string;
}
