/**
 * The two transactional emails of the subscription flow. Short hand-written HTML with inline styles:
 * they hold one paragraph and one button, where MJML would add a second of rendering to a web request.
 */

import { topicLabel } from '../analysis/topics';
import type { OutgoingMessage } from '../mail/ports';
import { WEEKDAYS } from '../shared/delivery-time';
import { html, type SafeHtml } from '../web/html';
import type { SubscriptionConfig } from './deps';

function from(config: SubscriptionConfig): string {
  // The name is quoted so a comma or dot in it cannot split the header (validated at deploy, too).
  return `"${config.senderName.replace(/["\\\r\n]/g, '')}" <${config.senderAddress}>`;
}

function layout(config: SubscriptionConfig, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f4f1ea;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f1ea;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:28px 28px 8px;font-family:Georgia,'Times New Roman',serif;font-size:22px;color:#1d2a24;">${config.senderName}</td></tr>
<tr><td style="padding:8px 28px 28px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1d2a24;">${body}</td></tr>
</table>
<p style="max-width:560px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:12px;line-height:1.5;color:#4a524e;">${config.postalAddress}</p>
</td></tr></table>
</body></html>`.value;
}

function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;background:#1f5f46;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:6px;">${label}</a></p>`;
}

export function confirmationEmail(
  config: SubscriptionConfig,
  to: string,
  link: string,
  topics: readonly string[],
  weeklyOn?: number,
): OutgoingMessage {
  const labels = topics.map(topicLabel);
  const subject = `Confirm your subscription to ${config.senderName}`;
  // "the daily digest", or "the weekly edition (every Friday)".
  const what = weeklyOn ? `weekly edition (every ${WEEKDAYS[weeklyOn - 1]})` : 'daily digest';
  const text = [
    `Please confirm that you want the ${what} of ${config.senderName} on: ${labels.join(', ')}.`,
    '',
    `Confirm here (the link works once, for 48 hours):`,
    link,
    '',
    'If you did not ask for this, ignore this email: we will not write to you again.',
    '',
    '--',
    config.postalAddress,
  ].join('\n');
  const body = html`<p style="margin:0 0 12px;">Please confirm that you want the ${what} on:</p>
<p style="margin:0 0 12px;font-weight:600;">${labels.join(' · ')}</p>
${button(link, 'Confirm my subscription')}
<p style="margin:0 0 12px;font-size:14px;color:#4a524e;">The link works once, for 48 hours. If the button does not work, paste this address into your browser:<br><span style="word-break:break-all;">${link}</span></p>
<p style="margin:0;font-size:14px;color:#4a524e;">If you did not ask for this, ignore this email: we will not write to you again.</p>`;
  return { from: from(config), to, subject, text, html: layout(config, subject, body) };
}

/** Sent instead of a confirmation when a confirmed address subscribes again, so the form reveals nothing. */
export function alreadySubscribedEmail(
  config: SubscriptionConfig,
  to: string,
  preferencesLink: string,
): OutgoingMessage {
  const subject = `You are already subscribed to ${config.senderName}`;
  const text = [
    `Someone (probably you) asked to subscribe this address to ${config.senderName}. It already is.`,
    '',
    'To change your topics, time zone or delivery hour, pause or unsubscribe (the link works for 30 days):',
    preferencesLink,
    '',
    '--',
    config.postalAddress,
  ].join('\n');
  const body = html`<p style="margin:0 0 12px;">Someone (probably you) asked to subscribe this address. It already is: nothing has changed.</p>
${button(preferencesLink, 'Manage my subscription')}
<p style="margin:0;font-size:14px;color:#4a524e;">From there you can change your topics or time zone, pause, or unsubscribe.</p>`;
  return { from: from(config), to, subject, text, html: layout(config, subject, body) };
}

/** A fresh preferences link, asked for (an expired link, "email me a link") or after signing out every link. */
export function freshLinkEmail(
  config: SubscriptionConfig,
  to: string,
  preferencesLink: string,
  why: 'requested' | 'signed-out',
): OutgoingMessage {
  const subject = `Your link to manage ${config.senderName}`;
  const lead =
    why === 'signed-out'
      ? 'Every earlier link to your preferences was signed out, as you asked. This one works for 30 days:'
      : 'Someone (probably you) asked for a link to manage this subscription. It works for 30 days:';
  const text = [
    lead,
    preferencesLink,
    '',
    'From there you can change your topics, time zone and delivery hour, pause, unsubscribe or delete your data. If you did not ask for this, you can ignore this email.',
    '',
    '--',
    config.postalAddress,
  ].join('\n');
  const body = html`<p style="margin:0 0 12px;">${lead}</p>
${button(preferencesLink, 'Manage my subscription')}
<p style="margin:0;font-size:14px;color:#4a524e;">From there you can change your topics, time zone and delivery hour, pause, unsubscribe or delete your data. If you did not ask for this, you can ignore this email.</p>`;
  return { from: from(config), to, subject, text, html: layout(config, subject, body) };
}
