/** Errors of the digest use case. */

/** A digest setting is missing or invalid; names the bad key. */
export class DigestConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DigestConfigError';
  }
}

/** The caller asked for something the digest cannot do (a malformed date, say). */
export class DigestInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DigestInputError';
  }
}
