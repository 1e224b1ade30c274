/** The subscription use cases, as the CLI, the handlers and the web app call them. */
export {
  parseCadence,
  parseDeliveryHour,
  parseFollowedActors,
  parseTimeZone,
  parseTopics,
  parseWeekday,
  timeZones,
} from './choices';
export {
  CONSENT_TEXT,
  CONSENT_TEXT_VERSION,
  type SubscriberRecord,
  type SubscriptionConfig,
  type SubscriptionDeps,
} from './deps';
export { maskEmail, normalizeEmail } from './email-address';
export * from './errors';
export {
  deleteData,
  exportData,
  followActor,
  type LinkRequest,
  listSubscribers,
  type PreferencesChange,
  removeSubscriber,
  requestPreferencesLink,
  resubscribe,
  signOutEveryLink,
  subscriberFromToken,
  type UnsubscribeResult,
  unfollowActor,
  unsubscribe,
  updatePreferences,
} from './manage';
export { handleSesNotification, SesNotificationError, type SesNotificationResult } from './ses-notifications';
export {
  type AddSubscriberInput,
  addSubscriber,
  type ConfirmResult,
  checkConfirmation,
  confirm,
  type SubscribeInput,
  type SubscribeResult,
  subscribe,
} from './subscribe';
