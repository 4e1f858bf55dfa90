// The voting plugin's part of the Plenum web client (docs/plugins/voting.md, "Web client"): a side panel where
// moderators start, close, cancel and repeat votes and see the roster, progress and problem reports; members cast
// their ballot (secret ones blind-signed and sent anonymously) and get a receipt; everyone sees the result, its
// signed final hash, the PDF report and the verifier's verdict. Plus a notice while a vote runs.
import { html, css, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { MESSAGES } from './messages.js';
import { PluginElement, storeFor as kitStoreFor } from '@plenum/plugin-kit';
import { VoteStore, messageOf } from './vote-store.js';

const KINDS = ['roll_call', 'pseudonymous', 'secret'];
const FAULT_KINDS = ['hear', 'see', 'vote', 'connection', 'other'];

const storeFor = (host) => kitStoreFor(host, VoteStore);

export function activate(host) {
  host.messages(MESSAGES);
  storeFor(host); // listens from the start: a vote started while the panel is closed is known, and its credential fetched
}

function optionLabel(t, option) {
  return ['yes', 'no', 'abstain'].includes(option) ? t(`option_${option}`) : option;
}

function counted(t, key, count) {
  return count === 1 ? t(`${key}1`) : t(key, { count });
}

function time(host, iso) {
  try {
    return new Date(iso).toLocaleTimeString(host.language() === 'de' ? 'de-DE' : 'en-GB');
  } catch {
    return iso;
  }
}

const styles = css`
  :host { display: block; }
  :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
  h3 { font-size: 1.05rem; margin: 0.75rem 0 0.5rem; }
  h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
  label { display: block; font-weight: 600; margin: 0.6rem 0 0.25rem; }
  .check { display: flex; align-items: center; gap: 0.5rem; font-weight: normal; margin: 0.35rem 0; }
  input[type='text'], input[type='number'], select, textarea {
    font: inherit; color: inherit; background: var(--pl-bg, #fff); border: 2px solid var(--pl-border, #6b7480);
    border-radius: var(--pl-radius, 6px); padding: 0.4rem 0.5rem; min-height: 2.75rem; width: 100%; box-sizing: border-box;
  }
  input[type='checkbox'], input[type='radio'] { width: 1.25rem; height: 1.25rem; margin: 0; flex: none; }
  button, a.button {
    font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.45rem 0.9rem; min-height: 2.75rem;
    border: 2px solid var(--pl-primary, #0b4f8a); background: var(--pl-primary, #0b4f8a); color: var(--pl-primary-fg, #fff);
    box-sizing: border-box; display: inline-flex; align-items: center; text-decoration: none;
  }
  button.secondary, a.button { background: transparent; color: var(--pl-primary, #0b4f8a); }
  a { color: var(--pl-primary, #0b4f8a); } /* the meeting sets a light primary for its dark surface; the UA's link blue is too dark there */
  button.danger { background: var(--pl-danger, #a4161a); border-color: var(--pl-danger, #a4161a); color: var(--pl-danger-fg, #fff); }
  button:disabled { opacity: 0.6; cursor: default; }
  .row { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.5rem; flex-wrap: wrap; }
  fieldset { border: 1px solid var(--pl-border, #6b7480); border-radius: var(--pl-radius, 6px); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  ul { list-style: none; padding: 0; margin: 0.5rem 0; }
  li { margin: 0.3rem 0; }
  meter { display: block; width: 100%; height: 0.8rem; }
  .meta, .reason { color: var(--pl-muted, #4a5360); }
  .reason { font-size: 0.92rem; margin: 0 0 0.3rem 1.75rem; }
  /* the meeting sets --pl-danger for its dark surface; there is no such pair for "ok", so it keeps the text colour */
  .error { color: var(--pl-danger, #a4161a); font-weight: 600; }
  .error::before { content: '✗ '; }
  .ok { font-weight: 600; }
  .ok::before { content: '✓ '; }
  .badge { border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.5rem; font-size: 0.9rem; }
  code, .hash { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
  section { border-top: 1px solid var(--pl-border, #6b7480); margin-top: 0.75rem; padding-top: 0.25rem; }
`;

class VotingPanel extends PluginElement {
  static properties = {
    _error: { state: true },
    _busy: { state: true },
    _choice: { state: true },
    _kind: { state: true },
    _ownOptions: { state: true },
    _faultSent: { state: true },
    _verification: { state: true },
    _reports: { state: true },
  };
  static styles = styles;

  constructor() {
    super();
    this._error = '';
    this._busy = false;
    this._choice = null;
    this._kind = null;
    this._ownOptions = false;
    this._faultSent = null;
    this._verification = null; // {voteId, result} | {voteId, error}
    this._reports = {}; // lang → {state, message}
    this._kindsAsked = false;
  }

  follow(host) {
    const store = storeFor(host);
    return [store.subscribe(() => this.requestUpdate()), store.panelShown()];
  }

  get _t() {
    return this.plenum.t;
  }

  async _do(action) {
    this._error = '';
    this._busy = true;
    try {
      return await action();
    } catch (e) {
      this._error = this._t('error', { message: messageOf(e) });
      return null;
    } finally {
      this._busy = false;
    }
  }

  render() {
    if (!this.plenum) return nothing;
    const t = this._t;
    const store = storeFor(this.plenum);
    const chair = this.plenum.user().role === 'moderator';
    if (chair && !store.kinds && !this._kindsAsked) {
      this._kindsAsked = true;
      this.plenum.request('kinds', {}).then((a) => {
        store.kinds = a.body.kinds;
        store.changed();
      }, () => {});
    }
    return html`
      ${this._error ? html`<p class="error" role="alert" data-testid="voting-error">${this._error}</p>` : nothing}
      ${store.vote ? this._open(store, chair) : html`<p data-testid="voting-none">${t('none')}</p>`}
      ${!store.vote && chair ? this._form(store) : nothing}
      ${!store.vote && !chair ? html`<p class="meta">${t('waitForChair')}</p>` : nothing}
      ${store.last ? this._result(store.last, chair) : nothing}`;
  }

  // ---------------------------------------------------------------- starting (moderators)

  _form(store) {
    const t = this._t;
    const kinds = store.kinds ?? KINDS.map((kind) => ({ kind, available: true }));
    const firstAvailable = kinds.find((k) => k.available)?.kind ?? null;
    const kind = this._kind && kinds.find((k) => k.kind === this._kind && k.available) ? this._kind : firstAvailable;
    return html`<form @submit=${(e) => this._start(e, kind)} data-testid="voting-form" aria-labelledby="voting-create">
      <h3 id="voting-create">${t('create')}</h3>
      <fieldset>
        <legend>${t('kind')}</legend>
        ${kinds.map((k) => html`<label class="check">
            <input type="radio" name="kind" value=${k.kind} data-testid="voting-kind-${k.kind}" .checked=${live(k.kind === kind)}
              ?disabled=${!k.available} aria-describedby=${k.available ? nothing : `voting-kind-reason-${k.kind}`}
              @change=${() => (this._kind = k.kind)}>${t(`kind_${k.kind}`)}</label>
          ${k.available ? nothing : html`<p class="reason" id="voting-kind-reason-${k.kind}" data-testid="voting-kind-reason-${k.kind}">
            ${t('unavailable', { reason: k.reason ?? '' })}</p>`}`)}
      </fieldset>
      <label for="voting-question">${t('question')}</label>
      <input id="voting-question" name="question" type="text" maxlength="500" required autocomplete="off" data-testid="voting-question">
      <label for="voting-agenda">${t('agendaItem')}</label>
      <input id="voting-agenda" name="agendaItem" type="text" maxlength="200" autocomplete="off" data-testid="voting-agenda">
      <label for="voting-purpose">${t('purpose')}</label>
      <select id="voting-purpose" name="purpose" data-testid="voting-purpose">
        <option value="decision">${t('purpose_decision')}</option>
        <option value="election">${t('purpose_election')}</option>
      </select>
      <label class="check"><input type="checkbox" name="ownOptions" data-testid="voting-own-options" .checked=${live(this._ownOptions)}
        @change=${(e) => (this._ownOptions = e.target.checked)}>${t('ownOptions')}</label>
      ${this._ownOptions ? html`<label for="voting-options">${t('optionsList')}</label>
        <textarea id="voting-options" name="options" rows="4" required data-testid="voting-options"></textarea>` : nothing}
      <label class="check"><input type="checkbox" name="abstain" checked data-testid="voting-abstain">${t('abstainAllowed')}</label>
      <label for="voting-duration">${t('duration')}</label>
      <input id="voting-duration" name="duration" type="number" min="10" max="86400" inputmode="numeric" data-testid="voting-duration">
      <label class="check"><input type="checkbox" name="autoClose" checked data-testid="voting-autoclose">${t('autoClose')}</label>
      <label class="check"><input type="checkbox" name="live" data-testid="voting-live" ?disabled=${kind === 'secret'}>${t('liveResults')}</label>
      <fieldset>
        <legend>${t('eligibleRoles')}</legend>
        <label class="check"><input type="checkbox" name="roleModerator" checked data-testid="voting-role-moderator">${t('role_moderator')}</label>
        <label class="check"><input type="checkbox" name="roleParticipant" checked data-testid="voting-role-participant">${t('role_participant')}</label>
        <label class="check"><input type="checkbox" name="guests" data-testid="voting-guests">${t('guestsMayVote')}</label>
        <label class="check"><input type="checkbox" name="phone" data-testid="voting-phone">${t('phoneMayVote')}</label>
      </fieldset>
      <div class="row"><button type="submit" ?disabled=${this._busy || !kind} data-testid="voting-start">${t('start')}</button></div>
    </form>`;
  }

  async _start(e, kind) {
    e.preventDefault();
    const form = e.target;
    const field = (name) => form.elements.namedItem(name);
    const body = {
      kind,
      question: field('question').value.trim(),
      purpose: field('purpose').value,
      abstainAllowed: field('abstain').checked,
      autoClose: field('autoClose').checked,
      liveResults: kind !== 'secret' && field('live').checked,
      eligibleRoles: [field('roleModerator').checked ? 'moderator' : null, field('roleParticipant').checked ? 'participant' : null].filter(Boolean),
      guestsMayVote: field('guests').checked,
      phoneMayVote: field('phone').checked,
    };
    const agenda = field('agendaItem').value.trim();
    if (agenda) body.agendaItem = agenda;
    if (this._ownOptions) body.options = field('options').value.split('\n').map((o) => o.trim()).filter((o) => o.length > 0);
    const seconds = field('duration').value.trim();
    if (seconds) body.durationSeconds = Number(seconds);
    const answer = await this._do(() => this.plenum.request('start', body));
    if (answer) {
      form.reset();
      this._ownOptions = false;
    }
  }

  // ---------------------------------------------------------------- the open vote

  _open(store, chair) {
    const t = this._t;
    const vote = store.vote;
    const you = store.you ?? {};
    return html`<section aria-labelledby="voting-open-title" data-testid="voting-open" data-vote-id=${vote.voteId} data-kind=${vote.kind}>
      <h3 id="voting-open-title">${t('running')}: <span data-testid="voting-open-question">${vote.question}</span></h3>
      <p class="meta"><span class="badge">${t(`kindShort_${vote.kind}`)}</span> ${t(`purpose_${vote.purpose}`)}
        ${vote.agendaItem ? html` · ${vote.agendaItem}` : nothing}
        ${vote.deadline ? html` · ${t('endsAt', { time: time(this.plenum, vote.deadline) })}` : nothing}</p>
      <p role="status" data-testid="voting-progress" data-cast=${vote.cast} data-eligible=${vote.eligible}>
        ${t('progress', { cast: vote.cast, eligible: vote.eligible })}
        ${vote.kind === 'secret' && chair && vote.credentials !== undefined ? html`<br><span class="meta">${t('credentials', { count: vote.credentials })}</span>` : nothing}
      </p>
      ${store.closing ? html`<p class="meta" data-testid="voting-closing">${t('closing')}</p>` : nothing}
      ${vote.counts ? this._liveCounts(vote) : nothing}
      ${you.eligible ? this._ballot(store, vote) : html`<p data-testid="voting-not-eligible">${t('notEligible', { reason: you.reason ?? '' })}</p>`}
      ${this._fault(store)}
      ${chair ? this._chair(store, vote) : nothing}
    </section>`;
  }

  _liveCounts(vote) {
    const t = this._t;
    return html`<ul data-testid="voting-live-counts">${vote.counts.map((c) => html`<li data-option=${c.option} data-count=${c.count}>
      ${optionLabel(t, c.option)}: ${counted(t, 'votes', c.count)}</li>`)}</ul>
      ${vote.named?.length ? html`<ul aria-label=${t('named')}>${vote.named.map((n) => html`<li>${n.name}: ${optionLabel(t, n.choice)}</li>`)}</ul>` : nothing}`;
  }

  _ballot(store, vote) {
    const t = this._t;
    const voted = store.voted();
    const secret = vote.kind === 'secret';
    const s = store.secret;
    const canCast = !voted && !store.closing && (!secret || s.state === 'ready');
    return html`
      ${secret ? html`<p class="meta" data-testid="voting-credential" data-state=${s.state} aria-live="polite">
          ${s.state === 'fetching' ? t('credentialFetching') : s.state === 'ready' || s.state === 'cast' ? t('credentialReady')
            : s.state === 'lost' ? t('credentialLost') : s.state === 'failed' ? t('credentialFailed', { message: s.message }) : ''}
          ${s.fingerprint ? html`<br><span data-testid="voting-key-fingerprint">${t('keyFingerprint', { fingerprint: s.fingerprint })}</span>` : nothing}</p>
        ${s.state === 'failed' ? html`<div class="row"><button type="button" class="secondary" data-testid="voting-credential-retry"
          @click=${() => store.prepareSecret()}>${t('retryCredential')}</button></div>` : nothing}` : nothing}
      ${voted ? html`<div data-testid="voting-voted"><p class="ok">${t('voted')}</p>
          ${store.myReceipt ? html`<p>${t('receipt', { receipt: '' })}<code data-testid="voting-receipt" data-receipt=${store.myReceipt}>${store.myReceipt}</code></p>
            <p class="meta">${t('receiptHelp')}</p>` : nothing}</div>`
        : html`<form @submit=${(e) => this._cast(e, store)} data-testid="voting-ballot">
          <fieldset>
            <legend>${t('yourChoice')}: ${vote.question}</legend>
            ${vote.options.map((o) => html`<label class="check"><input type="radio" name="choice" value=${o} data-testid="voting-choice-${o}"
              .checked=${live(this._choice === o)} @change=${() => (this._choice = o)}>${optionLabel(t, o)}</label>`)}
          </fieldset>
          <div class="row"><button type="submit" ?disabled=${this._busy || !canCast} data-testid="voting-cast">${t('cast')}</button></div>
        </form>`}`;
  }

  async _cast(e, store) {
    e.preventDefault();
    if (!this._choice || !store.vote.options.includes(this._choice)) {
      this._error = this._t('pickOne');
      return;
    }
    const receipt = await this._do(() => store.cast(this._choice));
    if (receipt) {
      this._choice = null;
      this.plenum.notify(`${this._t('voted')} ${this._t('receipt', { receipt })}`);
    }
  }

  _fault(store) {
    const t = this._t;
    const sent = this._faultSent && this._faultSent.voteId === store.vote.voteId ? this._faultSent : null;
    return html`<details data-testid="voting-fault">
      <summary>${t('reportProblem')}</summary>
      <form @submit=${(e) => this._sendFault(e, store)}>
        <label for="voting-fault-kind">${t('faultKind')}</label>
        <select id="voting-fault-kind" name="kind" data-testid="voting-fault-kind">
          ${FAULT_KINDS.map((k) => html`<option value=${k}>${t(`fault_${k}`)}</option>`)}
        </select>
        <label for="voting-fault-note">${t('faultNote')}</label>
        <input id="voting-fault-note" name="note" type="text" maxlength="500" autocomplete="off" data-testid="voting-fault-note">
        <div class="row"><button type="submit" class="secondary" ?disabled=${this._busy} data-testid="voting-fault-send">${t('sendFault')}</button></div>
      </form>
      ${sent ? html`<p role="status" data-testid="voting-fault-sent">${t('faultSent', { time: time(this.plenum, sent.at) })}</p>` : nothing}
    </details>`;
  }

  async _sendFault(e, store) {
    e.preventDefault();
    const form = e.target;
    const body = { kind: form.elements.namedItem('kind').value };
    const note = form.elements.namedItem('note').value.trim();
    if (note) body.note = note;
    const voteId = store.vote?.voteId;
    const answer = await this._do(() => this.plenum.request('fault', body));
    if (answer) {
      this._faultSent = { voteId, at: answer.body.at };
      form.reset();
    }
  }

  _chair(store, vote) {
    const t = this._t;
    return html`
      <div class="row">
        <button type="button" ?disabled=${this._busy || store.closing} data-testid="voting-close"
          @click=${() => this._do(() => this.plenum.request('close', { voteId: vote.voteId }))}>${t('close')}</button>
      </div>
      <form @submit=${(e) => this._cancel(e, vote)} data-testid="voting-cancel-form">
        <label for="voting-cancel-reason">${t('cancelReason')}</label>
        <input id="voting-cancel-reason" name="reason" type="text" maxlength="500" autocomplete="off" data-testid="voting-cancel-reason">
        <div class="row"><button type="submit" class="danger" ?disabled=${this._busy || store.closing} data-testid="voting-cancel">${t('cancel')}</button></div>
      </form>
      <h4 id="voting-faults-title">${t('faults')}</h4>
      ${store.faults.length ? html`<ul aria-labelledby="voting-faults-title" data-testid="voting-faults">${store.faults.map((f) => html`
        <li data-testid="voting-fault-report" data-kind=${f.kind} data-reporter=${f.reporter}>
          ${t('faultLine', { time: time(this.plenum, f.at), name: f.reporter, kind: t(`fault_${f.kind}`) })}${f.note ? html` – ${f.note}` : nothing}</li>`)}</ul>`
        : html`<p class="meta">${t('noFaults')}</p>`}
      ${store.roster ? html`<details data-testid="voting-roster"><summary>${t('roster', { count: store.roster.filter((r) => r.eligible).length })}</summary>
        <ul>${store.roster.map((r) => html`<li data-testid="voting-roster-entry" data-eligible=${r.eligible}>${r.name}
          ${r.eligible ? nothing : html`<span class="meta">(${t('rosterExcluded', { reason: r.reason })})</span>`}</li>`)}</ul></details>` : nothing}`;
  }

  async _cancel(e, vote) {
    e.preventDefault();
    const reason = e.target.elements.namedItem('reason').value.trim();
    if (!reason) {
      this._error = this._t('cancelNeedsReason');
      return;
    }
    await this._do(() => this.plenum.request('cancel', { voteId: vote.voteId, reason }));
  }

  // ---------------------------------------------------------------- the result

  _result(last, chair) {
    const t = this._t;
    const r = last.result;
    const cancelled = r.outcome === 'cancelled';
    const ballots = r.ballots ?? [];
    const receipts = ballots.map((b) => b.receipt);
    const head = r.signedHead;
    return html`<section aria-labelledby="voting-result-title" data-testid="voting-result" data-vote-id=${r.voteId}
        data-outcome=${r.outcome} data-valid=${r.valid} data-kind=${r.kind}>
      <h3 id="voting-result-title">${t('result')}: ${r.question}</h3>
      <p class="meta">${t(`outcome_${r.outcome}`, { reason: r.reason ?? '' })} ${t('castOf', { cast: r.cast, eligible: r.eligible })}</p>
      <p class=${r.valid ? 'ok' : 'error'} data-testid="voting-validity">${r.valid ? t('valid') : t('invalid')}</p>
      ${r.counts ? html`<ul data-testid="voting-counts">${r.counts.map((c) => html`<li data-testid="voting-count" data-option=${c.option} data-count=${c.count}>
        ${optionLabel(t, c.option)}: <strong>${counted(t, 'votes', c.count)}</strong>
        <meter aria-hidden="true" min="0" max=${Math.max(1, r.cast)} .value=${c.count}></meter></li>`)}</ul>` : nothing}
      ${r.kind === 'roll_call' && ballots.length ? html`<h4 id="voting-named-title">${t('named')}</h4>
        <ul aria-labelledby="voting-named-title" data-testid="voting-named">${ballots.map((b) => html`<li data-testid="voting-named-entry"
          data-name=${b.name} data-choice=${b.choice}>${b.name}: ${optionLabel(t, b.choice)}</li>`)}</ul>` : nothing}
      ${r.kind !== 'roll_call' && ballots.length ? html`<h4 id="voting-receipts-title">${t('receipts')}</h4>
        <ul aria-labelledby="voting-receipts-title" data-testid="voting-receipts">${ballots.map((b) => html`<li data-testid="voting-receipt-entry"
          data-receipt=${b.receipt}><code>${b.receipt}</code>${b.choice ? html`: ${optionLabel(t, b.choice)}` : nothing}</li>`)}</ul>` : nothing}
      ${last.myReceipt && !cancelled ? html`<p data-testid="voting-own-receipt" data-receipt=${last.myReceipt} data-listed=${receipts.includes(last.myReceipt)}
          class=${receipts.includes(last.myReceipt) ? 'ok' : 'error'}>
        ${receipts.includes(last.myReceipt) ? t('yourReceiptListed', { receipt: last.myReceipt }) : t('yourReceiptMissing', { receipt: last.myReceipt })}</p>` : nothing}
      <h4>${t('finalHash')}</h4>
      <p><code class="hash" data-testid="voting-final-hash">${r.finalHash}</code>
        ${head ? html`<br><span class="meta">${t('signedBy', { fingerprint: head.keyFingerprint, time: time(this.plenum, head.signedAt) })}</span>` : nothing}</p>
      <h4 id="voting-report-title">${t('report')}</h4>
      <div class="row" role="group" aria-labelledby="voting-report-title">
        ${['de', 'en'].map((lang) => this._reportLink(r.voteId, lang))}
      </div>
      ${['de', 'en'].map((lang) => this._reports[`${r.voteId}:${lang}`]?.state === 'ready' ? this._saveLink(r.voteId, lang) : nothing)}
      ${['de', 'en'].map((lang) => this._reports[`${r.voteId}:${lang}`]?.state === 'failed'
        ? html`<p class="error" role="alert">${t('reportFailed', { message: this._reports[`${r.voteId}:${lang}`].message })}</p>` : nothing)}
      <div class="row"><button type="button" class="secondary" data-testid="voting-verify" @click=${() => this._verify(r.voteId)}>${t('verify')}</button>
        ${chair ? html`<button type="button" class="secondary" ?disabled=${this._busy} data-testid="voting-repeat"
          @click=${() => this._do(() => this.plenum.request('repeat', { voteId: r.voteId }))}>${t('repeat')}</button>` : nothing}</div>
      ${this._verificationView(r.voteId)}
    </section>`;
  }

  _reportLink(voteId, lang) {
    const t = this._t;
    const path = `votes/${voteId}/report.pdf?lang=${lang}`;
    const report = this._reports[`${voteId}:${lang}`];
    return html`<a class="button" href="/api/v1/plugins/voting/${path}" hreflang=${lang} data-testid="voting-report-${lang}"
      data-state=${report?.state ?? 'idle'} data-bytes=${report?.bytes ?? 0} data-error=${report?.message ?? ''}
      @click=${(e) => this._downloadReport(e, voteId, lang, path)}>${t(lang === 'de' ? 'reportDe' : 'reportEn')}</a>`;
  }

  _saveLink(voteId, lang) {
    const t = this._t;
    const report = this._reports[`${voteId}:${lang}`];
    return html`<p><a href=${report.url} download="vote-${voteId}-${lang}.pdf" type="application/pdf" data-testid="voting-report-save-${lang}">
      ${t('reportSave', { language: t(lang === 'de' ? 'reportDe' : 'reportEn'), size: Math.max(1, Math.round(report.bytes / 1024)) })}</a></p>`;
  }

  /** The report route needs the person's token, which a plain link does not carry: fetch it, then save it. */
  async _downloadReport(e, voteId, lang, path) {
    e.preventDefault();
    const key = `${voteId}:${lang}`;
    this._reports = { ...this._reports, [key]: { state: 'loading' } };
    try {
      const res = await this.plenum.api(path);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const blob = await res.blob();
      const head = new Uint8Array(await blob.slice(0, 5).arrayBuffer());
      if (!(res.headers.get('content-type') ?? '').startsWith('application/pdf') || String.fromCharCode(...head) !== '%PDF-') {
        throw new Error('the answer is not a PDF');
      }
      // offered as a link of its own, which the person clicks to save it: a script-made download click is not
      // reliable (no user activation left after the fetch; a browser that refuses it may navigate the meeting away)
      const previous = this._reports[key]?.url;
      if (previous) URL.revokeObjectURL(previous);
      this._reports = { ...this._reports, [key]: { state: 'ready', bytes: blob.size, url: URL.createObjectURL(blob) } };
      this.plenum.notify(this._t('reportReady'));
    } catch (err) {
      this._reports = { ...this._reports, [key]: { state: 'failed', message: messageOf(err) } };
    }
  }

  async _verify(voteId) {
    try {
      const res = await this.plenum.api(`votes/${voteId}/verification`);
      const json = await res.json();
      if (!res.ok) throw new Error(json?.detail ?? `HTTP ${res.status}`);
      this._verification = { voteId, result: json };
    } catch (err) {
      this._verification = { voteId, error: messageOf(err) };
    }
  }

  _verificationView(voteId) {
    const t = this._t;
    const v = this._verification;
    if (!v || v.voteId !== voteId) return nothing;
    if (v.error) return html`<p class="error" role="alert">${t('error', { message: v.error })}</p>`;
    const r = v.result;
    return html`<div role="status" data-testid="voting-verification" data-intact=${r.intact} data-result-valid=${r.resultValid}>
      <p class=${r.intact ? 'ok' : 'error'}>${r.intact ? t('verifyIntact') : t('verifyBroken')}</p>
      <p>${t('verifyValid', { valid: r.resultValid ? t('yes') : t('no') })}</p>
      ${r.findings?.length ? html`<ul>${r.findings.map((f) => html`<li>${typeof f === 'string' ? f : JSON.stringify(f)}</li>`)}</ul>` : nothing}
    </div>`;
  }
}

/** The notice while a vote runs: what is being voted on, and a button that opens the panel. */
class VotingNotice extends PluginElement {
  static styles = css`
    :host { display: block; }
    :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
    .notice { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; padding: 0.5rem 0.75rem;
      border: 2px solid var(--pl-primary, #0b4f8a); border-radius: var(--pl-radius, 6px); background: var(--pl-bg, #fff); color: var(--pl-fg, #1d232b); }
    button { font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.35rem 0.8rem; min-height: 2.75rem;
      border: 2px solid var(--pl-primary, #0b4f8a); background: var(--pl-primary, #0b4f8a); color: var(--pl-primary-fg, #fff); }
  `;

  follow(host) {
    return [storeFor(host).subscribe(() => this.requestUpdate())];
  }

  render() {
    if (!this.plenum) return nothing;
    const store = storeFor(this.plenum);
    // the notice leads to the panel; while the panel is open it would only cover it
    if (!store.vote || store.panels > 0) return nothing;
    const t = this.plenum.t;
    return html`<div class="notice" data-testid="voting-notice">
      <span>${t('running')}: ${store.vote.question}</span>
      <button type="button" data-testid="voting-notice-open" @click=${() => this.plenum.openPanel()}>${t('title')}</button>
    </div>`;
  }
}

// the client defines them (and, after an update, the new version's classes under fresh names: docs/plugin-guide.md)
export const elements = { 'voting-panel': VotingPanel, 'voting-notice': VotingNotice };
