// The timer plugin's part of the Plenum web client (docs/plugins/timer.md, docs/plugin-guide.md "The web client part").
// A toolbar button (moderators: start a countdown or stopwatch; everyone: the time left) and a notice in the
// notification area with the countdown, the ready check ("I am ready", how many are) and, for moderators, stop.
// Plain ES module: `lit` and `@plenum/plugin-kit` come from the client through its import map.
import { html, css, nothing } from 'lit';
import { PluginElement, PluginStore, storeFor as kitStoreFor } from '@plenum/plugin-kit';

const MESSAGES = {
  en: {
    title: 'Timer',
    button: 'Timer',
    buttonRunning: 'Timer: {time} left',
    buttonStopwatch: 'Stopwatch: {time}',
    startTitle: 'Start a timer',
    kind: 'Kind',
    countdown: 'Countdown',
    stopwatch: 'Stopwatch',
    name: 'Title (optional)',
    minutes: 'Minutes',
    anonymousReady: 'Do not show who is ready',
    start: 'Start',
    cancel: 'Cancel',
    stop: 'Stop timer',
    left: '{time} left',
    elapsed: '{time} elapsed',
    ready: 'I am ready',
    notReady: 'Not ready yet',
    readyCount: '{ready} of {total} ready',
    allReady: 'Everyone is ready.',
    readyNames: 'Ready: {names}',
    started: 'Timer started: {title}',
    startedUntitled: 'A timer has started.',
    ended: 'The timer has ended.',
    endedStopped: 'The timer was stopped.',
    error: 'Not possible: {message}',
    untitled: 'Timer',
  },
  de: {
    title: 'Timer',
    button: 'Timer',
    buttonRunning: 'Timer: noch {time}',
    buttonStopwatch: 'Stoppuhr: {time}',
    startTitle: 'Timer starten',
    kind: 'Art',
    countdown: 'Countdown',
    stopwatch: 'Stoppuhr',
    name: 'Titel (optional)',
    minutes: 'Minuten',
    anonymousReady: 'Nicht zeigen, wer bereit ist',
    start: 'Starten',
    cancel: 'Abbrechen',
    stop: 'Timer beenden',
    left: 'noch {time}',
    elapsed: '{time} vergangen',
    ready: 'Ich bin bereit',
    notReady: 'Noch nicht bereit',
    readyCount: '{ready} von {total} bereit',
    allReady: 'Alle sind bereit.',
    readyNames: 'Bereit: {names}',
    started: 'Timer gestartet: {title}',
    startedUntitled: 'Ein Timer wurde gestartet.',
    ended: 'Der Timer ist abgelaufen.',
    endedStopped: 'Der Timer wurde beendet.',
    error: 'Nicht möglich: {message}',
    untitled: 'Timer',
  },
};

/** mm:ss, or h:mm:ss from an hour on. */
export function formatSeconds(total) {
  const s = Math.max(0, Math.floor(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${String(m).padStart(2, '0')}:${sec}`;
}

/** One room's timer, shared by the button and the notice of the same host. */
class TimerStore extends PluginStore {
  constructor(host) {
    super();
    this.host = host;
    this.timer = null;
    this.offsetMs = 0; // server clock minus this browser's clock
    this.ready = { readyCount: 0, total: 0, allReady: false, ready: null };
    this.youAreReady = false;
    this.formOpen = false;
    this.lastEnd = null;
    this.tick = null;
    const s = host.joinData;
    if (s && s.serverTime) this.offsetMs = Date.parse(s.serverTime) - Date.now();
    if (s && s.timer) {
      this.timer = s.timer;
      this.youAreReady = !!s.youAreReady;
      this.ready = { readyCount: s.readyCount ?? 0, total: s.total ?? 0, allReady: !!s.allReady, ready: s.ready ?? null };
      this.startTicking();
    }
    host.onMessage((type, body) => this.onMessage(type, body));
  }

  onMessage(type, body) {
    const t = this.host.t;
    if (type === 'started') {
      this.timer = body.timer;
      if (body.serverTime) this.offsetMs = Date.parse(body.serverTime) - Date.now();
      this.ready = { readyCount: 0, total: 0, allReady: false, ready: [] };
      this.youAreReady = false;
      this.formOpen = false;
      this.lastEnd = null;
      this.startTicking();
      this.host.notify(body.timer.title ? t('started', { title: body.timer.title }) : t('startedUntitled'));
    } else if (type === 'ready_changed' && this.timer && body.timerId === this.timer.id) {
      this.ready = { readyCount: body.readyCount, total: body.total, allReady: body.allReady, ready: body.ready ?? null };
      if (body.ready) this.youAreReady = body.ready.some((p) => p.participantId === this.host.user().participantId);
      if (body.allReady) this.host.notify(t('allReady'));
    } else if (type === 'ended' && this.timer && body.timerId === this.timer.id) {
      this.timer = null;
      this.lastEnd = body;
      this.stopTicking();
      this.host.notify(body.reason === 'stopped' ? t('endedStopped') : t('ended'), { assertive: body.reason === 'elapsed' });
    } else {
      return;
    }
    this.changed();
  }

  /** Seconds left of a countdown, or elapsed of a stopwatch, by the server's clock. */
  seconds() {
    if (!this.timer) return 0;
    const now = Date.now() + this.offsetMs;
    if (this.timer.endsAt) return Math.max(0, Math.ceil((Date.parse(this.timer.endsAt) - now) / 1000));
    return Math.max(0, Math.floor((now - Date.parse(this.timer.startedAt)) / 1000));
  }

  startTicking() {
    if (!this.tick) this.tick = setInterval(() => this.changed(), 1000);
  }

  stopTicking() {
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
  }

}

const storeFor = (host) => kitStoreFor(host, TimerStore);

export function activate(host) {
  host.messages(MESSAGES);
  storeFor(host);
}

const shared = css`
  :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
  button {
    font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.5rem 1rem; min-height: 2.75rem;
    border: 2px solid var(--pl-primary, #0b4f8a); background: var(--pl-primary, #0b4f8a); color: var(--pl-primary-fg, #fff);
  }
  button.secondary { background: transparent; color: var(--pl-primary, #0b4f8a); }
  button[aria-pressed='true'] { background: var(--pl-primary, #0b4f8a); color: var(--pl-primary-fg, #fff); }
`;

/** Base: subscribes to the store of its host. */
class TimerElement extends PluginElement {
  follow(host) {
    return [storeFor(host).subscribe(() => this.requestUpdate())];
  }

  get store() {
    return storeFor(this.plenum);
  }
}

class TimerButton extends TimerElement {
  static styles = [shared, css`:host { display: inline-flex; } .time { font-variant-numeric: tabular-nums; }`];

  render() {
    if (!this.plenum) return nothing;
    const t = this.plenum.t;
    const store = this.store;
    const chair = this.plenum.user().role === 'moderator';
    if (store.timer) {
      const time = formatSeconds(store.seconds());
      const label = store.timer.endsAt ? t('buttonRunning', { time }) : t('buttonStopwatch', { time });
      // the name is the visible text (WCAG 2.5.3, label in name); the digits are no live region, so screen readers
      // read the time when they come to the button, not every second; the notice and the announcements say the rest
      return html`<button class="secondary" data-testid="timer-button" title=${label} @click=${() => this._focusNotice()}>
        <span aria-hidden="true">⏱</span> ${t('button')} <span class="time">${time}</span></button>`;
    }
    if (!chair) return nothing;
    return html`<button data-testid="timer-button" aria-expanded=${store.formOpen} aria-pressed=${store.formOpen}
      @click=${() => { store.formOpen = !store.formOpen; store.changed(); if (store.formOpen) this._focusNotice(); }}><span aria-hidden="true">⏱</span> ${t('button')}</button>`;
  }

  /** Moves focus to the notice (the form or the countdown) in the notification area. */
  _focusNotice() {
    requestAnimationFrame(() => {
      for (const notice of noticeElements) if (notice.plenum === this.plenum) notice.focusFirst();
    });
  }
}

const noticeElements = new Set();

class TimerNotice extends TimerElement {
  static properties = { _error: { state: true }, _kind: { state: true } };
  static styles = [shared, css`
    :host { display: block; }
    .card { background: var(--pl-meeting-surface, #262b31); color: var(--pl-meeting-fg, #f4f5f7); border: 2px solid var(--pl-border, #8b949e);
      border-radius: var(--pl-radius, 6px); padding: 0.75rem; }
    h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
    .time { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; margin: 0.25rem 0; }
    label { display: block; font-weight: 600; margin: 0.5rem 0 0.2rem; }
    .check { display: flex; align-items: center; gap: 0.5rem; font-weight: normal; }
    input, select { font: inherit; color: inherit; background: var(--pl-meeting-bg, #15181c); border: 2px solid var(--pl-border, #8b949e);
      border-radius: var(--pl-radius, 6px); padding: 0.35rem 0.5rem; min-height: 2.5rem; width: 100%; box-sizing: border-box; }
    input[type='checkbox'] { width: 1.25rem; height: 1.25rem; min-height: 0; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 0.5rem; }
    .error { color: var(--pl-danger, #ff8a8a); font-weight: 600; }
  `];

  constructor() {
    super();
    this._error = '';
    this._kind = 'countdown';
  }

  connectedCallback() {
    super.connectedCallback();
    noticeElements.add(this);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    noticeElements.delete(this);
  }

  focusFirst() {
    this.shadowRoot?.querySelector('input, button')?.focus();
  }

  async _send(type, body) {
    this._error = '';
    try {
      return await this.plenum.send(type, body);
    } catch (e) {
      this._error = this.plenum.t('error', { message: e && e.message ? e.message : String(e) });
      return null;
    }
  }

  async _start(e) {
    e.preventDefault();
    const f = e.target;
    const field = (name) => f.elements.namedItem(name);
    const body = { kind: this._kind, title: field('title').value.trim(), anonymousReady: field('anonymous').checked };
    if (this._kind === 'countdown') body.durationSeconds = Math.round(Number(field('minutes').value) * 60);
    await this._send('start', body);
  }

  render() {
    if (!this.plenum) return nothing;
    const t = this.plenum.t;
    const store = this.store;
    const chair = this.plenum.user().role === 'moderator';
    if (store.timer) return this._running(store, chair);
    if (store.formOpen && chair) return this._form(store);
    return this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing;
  }

  _form(store) {
    const t = this.plenum.t;
    return html`<form class="card" @submit=${this._start} aria-labelledby="timer-start-title" data-testid="timer-form">
      <h2 id="timer-start-title">${t('startTitle')}</h2>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <label for="timer-kind">${t('kind')}</label>
      <select id="timer-kind" data-testid="timer-kind" @change=${(e) => (this._kind = e.target.value)}>
        <option value="countdown" ?selected=${this._kind === 'countdown'}>${t('countdown')}</option>
        <option value="stopwatch" ?selected=${this._kind === 'stopwatch'}>${t('stopwatch')}</option>
      </select>
      <label for="timer-title">${t('name')}</label>
      <input id="timer-title" name="title" maxlength="100" autocomplete="off" data-testid="timer-title">
      ${this._kind === 'countdown' ? html`<label for="timer-minutes">${t('minutes')}</label>
        <input id="timer-minutes" name="minutes" type="number" min="0.1" max="1440" step="any" value="5" required data-testid="timer-minutes">` : nothing}
      <label class="check"><input type="checkbox" name="anonymous">${t('anonymousReady')}</label>
      <div class="row">
        <button type="submit" data-testid="timer-start">${t('start')}</button>
        <button type="button" class="secondary" @click=${() => { store.formOpen = false; store.changed(); }}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  _running(store, chair) {
    const t = this.plenum.t;
    const timer = store.timer;
    const seconds = store.seconds();
    const r = store.ready;
    return html`<section class="card" aria-labelledby="timer-running-title" data-testid="timer-notice" data-seconds=${seconds}>
      <h2 id="timer-running-title">${timer.title || t('untitled')}</h2>
      <p class="time" data-testid="timer-time">${timer.endsAt ? t('left', { time: formatSeconds(seconds) }) : t('elapsed', { time: formatSeconds(seconds) })}</p>
      <p data-testid="timer-ready-count" data-ready=${r.readyCount} data-total=${r.total}>
        ${r.total ? t('readyCount', { ready: r.readyCount, total: r.total }) : nothing}${r.allReady ? html` ${t('allReady')}` : nothing}</p>
      ${r.ready && r.ready.length ? html`<p>${t('readyNames', { names: r.ready.map((p) => p.name).join(', ') })}</p>` : nothing}
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      <div class="row">
        <button aria-pressed=${store.youAreReady} class=${store.youAreReady ? '' : 'secondary'} data-testid="timer-ready"
          @click=${async () => { const want = !store.youAreReady; if (await this._send('ready', { ready: want })) { store.youAreReady = want; store.changed(); } }}>
          ${store.youAreReady ? html`<span aria-hidden="true">✓</span> ` : nothing}${t('ready')}</button>
        ${chair ? html`<button class="secondary" data-testid="timer-stop" @click=${() => this._send('stop', {})}>${t('stop')}</button>` : nothing}
      </div>
    </section>`;
  }
}

// The client defines these itself; after an update it gives the new classes fresh names, so no reload is needed.
export const elements = { 'timer-button': TimerButton, 'timer-notice': TimerNotice };
