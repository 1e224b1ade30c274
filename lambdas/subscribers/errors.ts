/** What can go wrong with a subscriber's request; the web app maps each to a 4xx page. */

/** The address is malformed, too long or hostile (control characters, several addresses...). */
export class InvalidEmailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidEmailError';
  }
}

/** Unknown topic ids, or none chosen. */
export class InvalidTopicsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTopicsError';
  }
}

export class InvalidTimeZoneError extends Error {
  constructor(timeZone: string) {
    super(`"${timeZone.slice(0, 60)}" is not a time zone we know`);
    this.name = 'InvalidTimeZoneError';
  }
}

/** A delivery hour that is not a whole hour from 0 to 23. */
export class InvalidDeliveryHourError extends Error {
  constructor(hour: string) {
    super(`"${hour.slice(0, 20)}" is not an hour of the day (0 to 23)`);
    this.name = 'InvalidDeliveryHourError';
  }
}

/** A link token that is malformed, tampered with, or signed for another purpose. */
export class InvalidTokenError extends Error {
  constructor(message = 'this link is not valid: it may have been cut short or changed') {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** A confirmation link that expired, was already used, or was replaced by a newer one (R31). */
export class ExpiredTokenError extends Error {
  constructor(message = 'this confirmation link has expired or was already used') {
    super(message);
    this.name = 'ExpiredTokenError';
  }
}

/**
 * An authentic unsubscribe or preferences link that has expired, or that "sign out every link"
 * revoked. It still names its subscriber, so it may ask for a fresh link to be emailed.
 */
export class ExpiredLinkError extends Error {
  constructor(message = 'this link has expired') {
    super(message);
    this.name = 'ExpiredLinkError';
  }
}

/** The signed link names a subscriber that no longer exists (deleted data). */
export class SubscriberNotFoundError extends Error {
  constructor(message = 'this address is no longer on our list') {
    super(message);
    this.name = 'SubscriberNotFoundError';
  }
}

/** The operator tried to re-add an address that bounced or complained (R32): remove it first. */
export class AddressSuppressedError extends Error {
  constructor(email: string, status: string) {
    super(`${email} is ${status}; remove it first if you are sure it should receive mail again`);
    this.name = 'AddressSuppressedError';
  }
}

/** The mailer refused or lost a subscription email; the record is already stored, a retry sends a new link. */
export class SubscriptionEmailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SubscriptionEmailError';
  }
}

/** A followed actor the gazetteer does not know, or more than a reader may follow. */
export class InvalidActorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidActorsError';
  }
}

/** "How often" that is neither daily nor weekly on a day of the week. */
export class InvalidCadenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCadenceError';
  }
}
