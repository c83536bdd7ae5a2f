/** SMS (短信群发): settings, templates, sends, the sending engine and the vendors' callbacks. */
export { smsRoutes, smsCallbackRoutes } from './routes.ts';
/** Runs one send until it is done, paused, waiting or its time is up (tests drive it directly). */
export { runSmsSend, type SmsRunResult, type SmsRunOptions } from './sender.ts';
/** Texting one person outside a send (volunteer shift reminders): the organization's provider, its quiet hours, a template's values. */
export { settingsRow, providerFromSettings, quietHoursOf, type SmsProviderDeps } from './settings.ts';
export { templateParamsFor } from './template.ts';
export { findTemplate } from './repo.ts';
