// The exit codes every command shares: 0 nothing found · 1 findings · 2 usage or runtime error.
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
