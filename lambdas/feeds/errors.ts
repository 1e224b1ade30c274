import type { FeedErrorKind } from '../shared/types';

/** A feed could not be fetched, decoded or parsed; `kind` is what the report and feed state show. */
export class FeedFetchError extends Error {
  readonly kind: FeedErrorKind;
  readonly httpStatus?: number;
  /** Seconds or HTTP date from Retry-After, already turned into milliseconds from now. */
  readonly retryAfterMs?: number;

  constructor(
    kind: FeedErrorKind,
    message: string,
    options?: { cause?: unknown; httpStatus?: number; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedFetchError';
    this.kind = kind;
    if (options?.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export class FeedParseError extends Error {
  readonly kind: FeedErrorKind = 'parse_error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedParseError';
  }
}

export class FeedDecodeError extends Error {
  readonly kind: FeedErrorKind = 'decode_error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedDecodeError';
  }
}

/** A URL whose address or scheme we refuse (R8, R9). */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

export function errorKindOf(err: unknown): FeedErrorKind {
  if (err instanceof FeedFetchError || err instanceof FeedParseError || err instanceof FeedDecodeError) {
    return err.kind;
  }
  if (err instanceof BlockedAddressError) return 'blocked_address';
  return 'network';
}
