/** Host names as cables write them: `state.gov`, `WWW.STATE.SGOV.GOV`, `international.gc.ca`. */

/** Top-level domains that make a bare `word.word` a host name without a scheme or `www.`. */
const GENERIC_TLDS = 'gov|mil|com|org|net|edu|int|info|biz|io|eu';
/** Second levels that make a country TLD certain (`gc.ca`, `gov.uk`, `co.jp`, `gob.ve`). */
const SECOND_LEVELS = 'gc|gov|gouv|gob|govt|go|co|com|ac|org|net|mil|admin|bund|mfa|mofa|nic';

/**
 * Where a host ends: not before another letter or digit, nor before a label it goes on with
 * (`mfa.gov` in `mfa.gov.tr`, `x.gov` in `x.gov-y.com`). A hyphen after the top-level domain is
 * punctuation (`jdoe@state.gov-or`).
 */
const HOST_END = '(?![a-z0-9]|-[a-z0-9-]*\\.[a-z0-9]|\\.[a-z]{2}(?![a-z0-9]))';

/** A host ending in a generic TLD or in a country TLD behind a known second level. */
export const HOST = `(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:(?:${GENERIC_TLDS})|(?:${SECOND_LEVELS})\\.[a-z]{2})${HOST_END}`;
/** Any dotted host with a 2–6 letter TLD (safe only with a scheme, `www.` or an `@`). */
export const ANY_HOST = `(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,6}${HOST_END}`;
/** The generic top-level domains, for telling a finished host (`state.gov`) from one a wrap cut (`state.sgov.`). */
export const GENERIC_TLD_SET: ReadonlySet<string> = new Set(GENERIC_TLDS.split('|'));
/** A spoken host: `state dot gov`, `STATE DOT SGOV DOT GOV`, `international dot gc dot ca`. */
export const SPOKEN_HOST = `[a-z0-9-]+(?:(?:\\.|\\s+dot\\s+)[a-z0-9-]+)*\\s+dot\\s+(?:(?:${GENERIC_TLDS})|(?:${SECOND_LEVELS})(?:\\.|\\s+dot\\s+)[a-z]{2})${HOST_END}`;
