/** Host names as cables write them: `state.gov`, `WWW.STATE.SGOV.GOV`, `international.gc.ca`. */

/** Top-level domains that make a bare `word.word` a host name without a scheme or `www.`. */
const GENERIC_TLDS = 'gov|mil|com|org|net|edu|int|info|biz|io|eu';
/** Second levels that make a country TLD certain (`gc.ca`, `gov.uk`, `co.jp`, `gob.ve`). */
const SECOND_LEVELS = 'gc|gov|gouv|gob|govt|go|co|com|ac|org|net|mil|admin|bund|mfa|mofa|nic';

/** A host ending in a generic TLD or in a country TLD behind a known second level. */
export const HOST = `(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:(?:${GENERIC_TLDS})|(?:${SECOND_LEVELS})\\.[a-z]{2})(?![a-z0-9-])`;
/** Any dotted host with a 2–6 letter TLD (safe only with a scheme, `www.` or an `@`). */
export const ANY_HOST = `(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,6}(?![a-z0-9-])`;
