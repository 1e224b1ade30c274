/** Server-rendered pages: plain HTML forms that work without JavaScript. Every value goes through html``. */
import { TOPICS, topicLabel } from '../analysis/topics';
import type { Subscriber } from '../shared/types';
import { timeZones } from '../subscribers/choices';
import { CONSENT_TEXT } from '../subscribers/deps';
import { html, type SafeHtml } from './html';

export interface SiteInfo {
  name: string;
  postalAddress: string;
}

export function layout(site: SiteInfo, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${site.name}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="inner"><a class="brand" href="/">${site.name}</a><span class="brand-note">the antiwar press, once a day</span></div></header>
<main id="main">
${content}
</main>
<footer class="site"><p>${site.postalAddress}</p><p>No tracking, no ads. Every email has a one-click unsubscribe link.</p></footer>
</body>
</html>
`.value;
}

function notice(kind: 'ok' | 'error', text: string | undefined): SafeHtml {
  if (!text) return html``;
  return kind === 'error'
    ? html`<div class="notice error" role="alert" id="form-error"><p>${text}</p></div>`
    : html`<div class="notice" role="status"><p>${text}</p></div>`;
}

function topicCheckboxes(checked: readonly string[]): SafeHtml {
  const on = new Set(checked);
  return html`<div class="topics">${TOPICS.map(
    (t) => html`
<label class="topic" for="topic-${t.id}"><input type="checkbox" id="topic-${t.id}" name="topics" value="${t.id}" aria-labelledby="topic-${t.id}-name" aria-describedby="topic-${t.id}-desc"${on.has(t.id) ? html` checked` : ''}><span><span class="name" id="topic-${t.id}-name">${t.label}</span><span class="desc" id="topic-${t.id}-desc">${t.description}</span></span></label>`,
  )}
</div>`;
}

function timeZoneSelect(selected: string): SafeHtml {
  const groups = new Map<string, string[]>();
  for (const tz of timeZones()) {
    const region = tz.includes('/') ? tz.slice(0, tz.indexOf('/')) : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), tz]);
  }
  const option = (tz: string) =>
    html`<option value="${tz}"${tz === selected ? html` selected` : ''}>${tz.replace(/_/g, ' ')}</option>`;
  return html`<select id="timeZone" name="timeZone" autocomplete="off" aria-describedby="timeZone-hint">${[
    ...groups,
  ].map(([region, zones]) => html`<optgroup label="${region}">${zones.map(option)}</optgroup>`)}</select>`;
}

export interface SubscribeForm {
  email?: string;
  topics?: readonly string[];
  timeZone: string;
  error?: string;
  /** Which field the error is about, so it gets aria-invalid. */
  errorField?: 'email' | 'topics' | 'timeZone';
}

export function subscribePage(site: SiteInfo, form: SubscribeForm): string {
  const emailInvalid = form.errorField === 'email';
  return layout(
    site,
    'Subscribe',
    html`<h1>The antiwar press, in one daily email</h1>
<p class="lede">Each morning, the day's reporting on the topics you choose, from independent antiwar outlets, grouped by story. Free, no tracking.</p>
${notice('error', form.error)}
<form class="card" method="post" action="/subscribe" novalidate>
  <div class="field">
    <label for="email">Your email address</label>
    <input type="email" id="email" name="email" required maxlength="254" autocomplete="email" inputmode="email" spellcheck="false" value="${form.email ?? ''}"${emailInvalid ? html` aria-invalid="true" aria-describedby="form-error"` : ''}>
  </div>
  <fieldset${form.errorField === 'topics' ? html` aria-describedby="form-error"` : ''}>
    <legend>Topics <span class="hint">Choose one or more. You can change them later from any digest.</span></legend>
    ${topicCheckboxes(form.topics ?? [])}
  </fieldset>
  <div class="field">
    <label for="timeZone">Your time zone</label>
    <span class="hint" id="timeZone-hint">The digest arrives in your morning.</span>
    ${timeZoneSelect(form.timeZone)}
  </div>
  <div class="hp" aria-hidden="true"><label for="website">Leave this field empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <p class="consent">${CONSENT_TEXT} We will first send you an email to confirm the address.</p>
  <div class="actions"><button type="submit">Subscribe</button></div>
</form>`,
  );
}

export function checkInboxPage(site: SiteInfo): string {
  return layout(
    site,
    'Check your inbox',
    html`<h1>Check your inbox</h1>
<div class="card"><p>If the address can receive mail, a message from ${site.name} is on its way. Open the link in it within 48 hours to confirm your subscription.</p>
<p>Nothing arrives? Look in your spam folder, or <a href="/subscribe">try again</a> in a few minutes.</p></div>`,
  );
}

export function confirmPromptPage(site: SiteInfo, token: string, topics: readonly string[]): string {
  return layout(
    site,
    'Confirm your subscription',
    html`<h1>Confirm your subscription</h1>
<form class="card" method="post" action="/confirm">
  <p>You asked for the daily digest on: <strong>${topics.map(topicLabel).join(', ')}</strong>.</p>
  <input type="hidden" name="token" value="${token}">
  <div class="actions"><button type="submit">Yes, subscribe me</button></div>
</form>
<p class="hint">One click is needed so that mail scanners following links cannot subscribe anyone.</p>`,
  );
}

export function confirmedPage(site: SiteInfo, s: Subscriber, preferencesPath: string): string {
  return layout(
    site,
    'Subscription confirmed',
    html`<h1>You're subscribed</h1>
${notice('ok', `Confirmed: ${s.email} will get the daily digest.`)}
<div class="card"><h2>Your topics</h2><p>${s.topics.map(topicLabel).join(', ')}</p>
<p>Your digest is timed for <strong>${s.timeZone.replace(/_/g, ' ')}</strong>.</p>
<div class="actions"><a class="button secondary" href="${preferencesPath}">Change preferences</a></div></div>`,
  );
}

function statusText(s: Subscriber): { text: string; on: boolean } {
  switch (s.status) {
    case 'confirmed':
      return s.paused ? { text: 'Paused', on: false } : { text: 'Receiving the daily digest', on: true };
    case 'pending':
      return { text: 'Waiting for confirmation', on: false };
    case 'unsubscribed':
      return { text: 'Unsubscribed', on: false };
    case 'bounced':
      return { text: 'Stopped: mail to this address bounced', on: false };
    case 'complained':
      return { text: 'Stopped: this address reported our mail as spam', on: false };
  }
}

export interface PreferencesView {
  subscriber: Subscriber;
  token: string;
  unsubscribePath: string;
  notice?: string;
  error?: string;
  /** Unsaved form values to show again after an error. */
  topics?: readonly string[];
  timeZone?: string;
}

export function preferencesPage(site: SiteInfo, v: PreferencesView): string {
  const s = v.subscriber;
  const status = statusText(s);
  const active = s.status === 'confirmed' || s.status === 'pending';
  return layout(
    site,
    'Your preferences',
    html`<h1>Your preferences</h1>
<p class="lede">For <strong>${s.email}</strong> · <span class="status${status.on ? '' : ' off'}" id="status">${status.text}</span></p>
${notice('ok', v.notice)}${notice('error', v.error)}
${
  s.status === 'unsubscribed' && s.confirmedAt
    ? html`<form class="card" method="post" action="/preferences">
  <h2>Changed your mind?</h2>
  <p>You get no email from us now. Subscribe again with the topics below.</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions"><button type="submit" name="action" value="resubscribe">Subscribe again</button></div>
</form>`
    : ''
}
<form class="card" method="post" action="/preferences">
  <input type="hidden" name="token" value="${v.token}">
  <fieldset>
    <legend>Topics</legend>
    ${topicCheckboxes(v.topics ?? s.topics)}
  </fieldset>
  <div class="field">
    <label for="timeZone">Your time zone</label>
    <span class="hint" id="timeZone-hint">The digest arrives in your morning.</span>
    ${timeZoneSelect(v.timeZone ?? s.timeZone)}
  </div>
  <div class="actions"><button type="submit" name="action" value="save">Save preferences</button></div>
</form>
${
  s.status === 'confirmed'
    ? html`<form class="card" method="post" action="/preferences">
  <h2>${s.paused ? 'Resume the digest' : 'Take a break'}</h2>
  <p>${s.paused ? 'Your digest is paused. Resume it whenever you like.' : 'Pause the digest without losing your choices.'}</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions">${
    s.paused
      ? html`<button type="submit" name="action" value="resume">Resume the digest</button>`
      : html`<button type="submit" class="secondary" name="action" value="pause">Pause the digest</button>`
  }</div>
</form>`
    : ''
}<div class="card">
  <h2>Your data</h2>
  <p>Download everything we keep about you: your address, choices and the record of your consent.</p>
  <div class="actions"><a class="button secondary" href="/preferences/export?token=${encodeURIComponent(v.token)}" download>Download my data (JSON)</a></div>
</div>
${
  active
    ? html`<form class="card" method="post" action="${v.unsubscribePath}">
  <h2>Unsubscribe</h2>
  <p>Stop all email from ${site.name}. You can come back at any time.</p>
  <div class="actions"><button type="submit" class="danger secondary">Unsubscribe</button></div>
</form>`
    : ''
}
<form class="card" method="post" action="/preferences">
  <h2>Delete me</h2>
  <p>Erase your address and everything attached to it.</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions"><button type="submit" class="danger secondary" name="action" value="delete">Delete my data…</button></div>
</form>`,
  );
}

export function deleteConfirmPage(site: SiteInfo, s: Subscriber, token: string): string {
  return layout(
    site,
    'Delete your data',
    html`<h1>Delete your data?</h1>
<form class="card" method="post" action="/preferences">
  <p>This erases <strong>${s.email}</strong>, your topics and your consent record. It cannot be undone; to receive the digest again you would subscribe anew.</p>
  <input type="hidden" name="token" value="${token}">
  <div class="actions">
    <button type="submit" class="danger" name="action" value="delete-confirm">Yes, delete everything</button>
    <a class="button secondary" href="/preferences?token=${encodeURIComponent(token)}">Cancel</a>
  </div>
</form>`,
  );
}

export function deletedPage(site: SiteInfo): string {
  return layout(
    site,
    'Data deleted',
    html`<h1>Your data is deleted</h1>
<div class="card"><p>We no longer hold your address or preferences, and will not email you again.</p>
<p><a href="/subscribe">Subscribe again</a></p></div>`,
  );
}

export function unsubscribePromptPage(site: SiteInfo, s: Subscriber, actionPath: string): string {
  const active = s.status === 'confirmed' || s.status === 'pending';
  return layout(
    site,
    'Unsubscribe',
    active
      ? html`<h1>Unsubscribe?</h1>
<form class="card" method="post" action="${actionPath}">
  <p>Stop the daily digest to <strong>${s.email}</strong>.</p>
  <div class="actions"><button type="submit">Unsubscribe</button></div>
</form>`
      : html`<h1>You are not subscribed</h1>
<div class="card"><p><strong>${s.email}</strong> receives no digest from us.</p></div>`,
  );
}

export function unsubscribedPage(
  site: SiteInfo,
  s: Subscriber | undefined,
  preferencesPath?: string,
): string {
  return layout(
    site,
    'Unsubscribed',
    html`<h1>You're unsubscribed</h1>
${notice('ok', s ? `${s.email} will get no more digests from ${site.name}.` : 'This address is no longer on our list.')}
<div class="card"><p>Unsubscribed by mistake? ${
      preferencesPath
        ? html`<a href="${preferencesPath}">Subscribe again from your preferences</a>.`
        : html`<a href="/subscribe">Subscribe again</a>.`
    }</p></div>`,
  );
}

export function messagePage(
  site: SiteInfo,
  title: string,
  message: string,
  link?: { href: string; text: string },
): string {
  return layout(
    site,
    title,
    html`<h1>${title}</h1>
<div class="card"><p>${message}</p>${link ? html`<p><a href="${link.href}">${link.text}</a></p>` : ''}</div>`,
  );
}
