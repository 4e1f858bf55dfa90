// The polls plugin's part of the Plenum web client (docs/plugins/polls.md, docs/plugin-guide.md "The web client part").
// A side panel: moderators create a poll; everyone votes and sees how many have voted, the live counts (if the poll
// shows them) and the results when it closes. Plain ES module: `lit` and `@plenum/plugin-kit` come from the client through its import map.
import { html, css, nothing } from 'lit';
import { PluginElement, PluginStore, storeFor as kitStoreFor } from '@plenum/plugin-kit';

const MESSAGES = {
  en: {
    title: 'Polls',
    create: 'New poll',
    question: 'Question',
    option: 'Option {n}',
    addOption: 'Add an option',
    removeOption: 'Remove option {n}',
    multipleChoice: 'Several answers allowed',
    named: 'Show who voted for what (named)',
    liveResults: 'Show results while the poll is open',
    duration: 'Time limit in seconds (optional)',
    start: 'Start poll',
    vote: 'Vote',
    changeVote: 'Change vote',
    close: 'Close poll',
    ballots: '{count} voted',
    ballots1: '1 voted',
    youVoted: 'Your vote has been counted.',
    hidden: 'The results are shown when the poll closes.',
    results: 'Results',
    votes: '{count} votes',
    votes1: '1 vote',
    closedBy: 'Closed by {name}.',
    closedTime: 'The time is up.',
    closedOther: 'The poll has ended.',
    none: 'No poll is open.',
    waitForChair: 'When the chair starts a poll, it appears here.',
    started: 'New poll: {question}',
    closed: 'Poll closed: {question}',
    pickOne: 'Choose an answer first.',
    error: 'Not possible: {message}',
    anonymous: 'Anonymous',
    namedBadge: 'Named',
  },
  de: {
    title: 'Umfragen',
    create: 'Neue Umfrage',
    question: 'Frage',
    option: 'Antwort {n}',
    addOption: 'Antwort hinzufügen',
    removeOption: 'Antwort {n} entfernen',
    multipleChoice: 'Mehrere Antworten erlaubt',
    named: 'Zeigen, wer wofür gestimmt hat (namentlich)',
    liveResults: 'Ergebnisse schon während der Umfrage zeigen',
    duration: 'Zeitlimit in Sekunden (optional)',
    start: 'Umfrage starten',
    vote: 'Abstimmen',
    changeVote: 'Stimme ändern',
    close: 'Umfrage beenden',
    ballots: '{count} haben abgestimmt',
    ballots1: '1 hat abgestimmt',
    youVoted: 'Ihre Stimme wurde gezählt.',
    hidden: 'Die Ergebnisse werden gezeigt, wenn die Umfrage endet.',
    results: 'Ergebnis',
    votes: '{count} Stimmen',
    votes1: '1 Stimme',
    closedBy: 'Beendet von {name}.',
    closedTime: 'Die Zeit ist abgelaufen.',
    closedOther: 'Die Umfrage ist beendet.',
    none: 'Es läuft keine Umfrage.',
    waitForChair: 'Wenn die Sitzungsleitung eine Umfrage startet, erscheint sie hier.',
    started: 'Neue Umfrage: {question}',
    closed: 'Umfrage beendet: {question}',
    pickOne: 'Bitte zuerst eine Antwort wählen.',
    error: 'Nicht möglich: {message}',
    anonymous: 'Anonym',
    namedBadge: 'Namentlich',
  },
};

/** One room's poll state, shared by every element of the same host. */
class PollStore extends PluginStore {
  constructor(host) {
    super();
    this.host = host;
    this.poll = null; // the open poll (as in `started`)
    this.ballots = 0;
    this.counts = null; // live counts, when the poll shows them
    this.voters = null;
    this.myChoices = null; // what this person voted, if they did
    this.last = null; // the last closed poll: {poll, reason, closedBy, results}
    const snapshot = host.joinData;
    if (snapshot && snapshot.poll) {
      this.poll = snapshot.poll;
      this.ballots = snapshot.ballots ?? 0;
      this.myChoices = snapshot.voted ? snapshot.yourChoices ?? [] : null;
      if (snapshot.results) {
        this.counts = snapshot.results.counts;
        this.voters = snapshot.results.voters ?? null;
      }
    }
    host.onMessage((type, body) => this.onMessage(type, body));
  }

  onMessage(type, body) {
    const t = this.host.t;
    if (type === 'started') {
      this.poll = body.poll;
      this.ballots = 0;
      this.counts = body.poll.liveResults ? body.poll.options.map(() => 0) : null;
      this.voters = null;
      this.myChoices = null;
      this.host.notify(t('started', { question: body.poll.question }));
    } else if (type === 'tally' && this.poll && body.pollId === this.poll.id) {
      this.ballots = body.ballots;
      if (body.counts) this.counts = body.counts;
      if (body.voters) this.voters = body.voters;
    } else if (type === 'closed') {
      const poll = this.poll && this.poll.id === body.pollId ? this.poll : null;
      if (poll) {
        this.last = { poll, reason: body.reason, closedBy: body.closedBy ?? null, results: body.results };
        this.host.notify(t('closed', { question: poll.question }));
      }
      this.poll = null;
      this.counts = null;
      this.voters = null;
      this.myChoices = null;
    } else {
      return;
    }
    this.changed();
  }

}

/** `key` for most counts, `key1` for exactly one (German and English agree on that much). */
function counted(t, key, count) {
  return count === 1 ? t(`${key}1`) : t(key, { count });
}

const storeFor = (host) => kitStoreFor(host, PollStore);

export function activate(host) {
  host.messages(MESSAGES);
  storeFor(host); // listens from the start, so a poll started while the panel is closed is known when it opens
}

const styles = css`
  :host { display: block; }
  :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
  h3 { font-size: 1.05rem; margin: 0.75rem 0 0.5rem; }
  label { display: block; font-weight: 600; margin: 0.6rem 0 0.25rem; }
  .check { display: flex; align-items: center; gap: 0.5rem; font-weight: normal; }
  input[type='text'], input[type='number'] {
    font: inherit; color: inherit; background: var(--pl-bg, #fff); border: 2px solid var(--pl-border, #6b7480);
    border-radius: var(--pl-radius, 6px); padding: 0.4rem 0.5rem; min-height: 2.75rem; width: 100%; box-sizing: border-box;
  }
  input[type='checkbox'], input[type='radio'] { width: 1.25rem; height: 1.25rem; margin: 0; }
  button {
    font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.45rem 0.9rem; min-height: 2.75rem;
    border: 2px solid var(--pl-primary, #0b4f8a); background: var(--pl-primary, #0b4f8a); color: var(--pl-primary-fg, #fff);
  }
  button.secondary { background: transparent; color: var(--pl-primary, #0b4f8a); }
  .row { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.5rem; flex-wrap: wrap; }
  .option { display: flex; gap: 0.5rem; align-items: end; }
  .option > div { flex: 1; }
  fieldset { border: 1px solid var(--pl-border, #6b7480); border-radius: var(--pl-radius, 6px); padding: 0.5rem 0.75rem; margin: 0; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  ul { list-style: none; padding: 0; margin: 0.5rem 0; }
  li { margin: 0.4rem 0; }
  /* bars as <meter>: no inline style, which the page's CSP (style-src 'self') would block */
  meter { display: block; width: 100%; height: 0.8rem; }
  .meta { color: var(--pl-muted, #4a5360); }
  .error { color: var(--pl-danger, #a4161a); font-weight: 600; }
  .badge { border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.5rem; font-size: 0.9rem; }
`;

class PollsPanel extends PluginElement {
  static properties = {
    _options: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _picked: { state: true },
  };
  static styles = styles;

  constructor() {
    super();
    this._options = ['', ''];
    this._error = '';
    this._busy = false;
    this._picked = new Set();
  }

  follow(host) {
    return [storeFor(host).subscribe(() => this.requestUpdate())];
  }

  get _t() {
    return this.plenum.t;
  }

  async _send(type, body) {
    this._error = '';
    this._busy = true;
    try {
      return await this.plenum.send(type, body);
    } catch (e) {
      this._error = this._t('error', { message: e && e.message ? e.message : String(e) });
      return null;
    } finally {
      this._busy = false;
    }
  }

  async _create(e) {
    e.preventDefault();
    const form = e.target;
    const field = (name) => form.elements.namedItem(name);
    const body = {
      question: field('question').value,
      options: this._options.map((o) => o.trim()).filter((o) => o.length > 0),
      multipleChoice: field('multiple').checked,
      anonymous: !field('named').checked,
      liveResults: field('live').checked,
    };
    const seconds = field('duration').value.trim();
    if (seconds) body.durationSeconds = Number(seconds);
    const answer = await this._send('create', body);
    if (answer) {
      this._options = ['', ''];
      form.reset();
    }
  }

  async _vote(e) {
    e.preventDefault();
    const store = storeFor(this.plenum);
    const choices = [...this._picked].sort((a, b) => a - b);
    if (choices.length === 0) {
      this._error = this._t('pickOne');
      return;
    }
    const answer = await this._send('vote', { pollId: store.poll.id, choices });
    if (answer) {
      store.myChoices = answer.body.choices ?? choices;
      store.changed();
      this.plenum.notify(this._t('youVoted'));
    }
  }

  _pick(i, multiple, checked) {
    const next = multiple ? new Set(this._picked) : new Set();
    if (checked) next.add(i);
    else next.delete(i);
    this._picked = next;
  }

  render() {
    if (!this.plenum) return nothing;
    const t = this._t;
    const store = storeFor(this.plenum);
    const me = this.plenum.user();
    const chair = me.role === 'moderator';
    return html`
      ${this._error ? html`<p class="error" role="alert" data-testid="polls-error">${this._error}</p>` : nothing}
      ${store.poll ? this._open(store, me, chair) : html`<p data-testid="polls-none">${t('none')}</p>`}
      ${!store.poll && chair ? this._form() : nothing}
      ${!store.poll && !chair ? html`<p class="meta">${t('waitForChair')}</p>` : nothing}
      ${store.last ? this._results(store.last) : nothing}`;
  }

  _form() {
    const t = this._t;
    return html`<form @submit=${this._create} data-testid="polls-form" aria-labelledby="polls-create">
      <h3 id="polls-create">${t('create')}</h3>
      <label for="polls-question">${t('question')}</label>
      <input id="polls-question" name="question" type="text" maxlength="300" required data-testid="polls-question" autocomplete="off">
      ${this._options.map((value, i) => html`<div class="option">
        <div><label for="polls-option-${i}">${t('option', { n: i + 1 })}</label>
          <input id="polls-option-${i}" type="text" maxlength="100" .value=${value} ?required=${i < 2} autocomplete="off"
            data-testid="polls-option-${i}" @input=${(e) => { const next = [...this._options]; next[i] = e.target.value; this._options = next; }}></div>
        ${i >= 2 ? html`<button type="button" class="secondary" aria-label=${t('removeOption', { n: i + 1 })}
          @click=${() => (this._options = this._options.filter((_, j) => j !== i))}>✕</button>` : nothing}
      </div>`)}
      ${this._options.length < 20 ? html`<div class="row"><button type="button" class="secondary" data-testid="polls-add-option"
        @click=${() => (this._options = [...this._options, ''])}>${t('addOption')}</button></div>` : nothing}
      <label class="check"><input type="checkbox" name="multiple" data-testid="polls-multiple">${t('multipleChoice')}</label>
      <label class="check"><input type="checkbox" name="named" data-testid="polls-named">${t('named')}</label>
      <label class="check"><input type="checkbox" name="live" data-testid="polls-live">${t('liveResults')}</label>
      <label for="polls-duration">${t('duration')}</label>
      <input id="polls-duration" name="duration" type="number" min="10" max="3600" inputmode="numeric" data-testid="polls-duration">
      <div class="row"><button type="submit" ?disabled=${this._busy} data-testid="polls-create">${t('start')}</button></div>
    </form>`;
  }

  _open(store, me, chair) {
    const t = this._t;
    const poll = store.poll;
    const type = poll.multipleChoice ? 'checkbox' : 'radio';
    const voted = store.myChoices !== null;
    const total = store.counts ? Math.max(1, store.counts.reduce((a, b) => a + b, 0)) : 1;
    return html`<form @submit=${this._vote} data-testid="polls-open" data-poll-id=${poll.id}>
      <fieldset>
        <legend data-testid="polls-open-question">${poll.question}</legend>
        <p class="meta"><span class="badge">${poll.anonymous ? t('anonymous') : t('namedBadge')}</span></p>
        ${poll.options.map((o, i) => html`<label class="check">
          <input type=${type} name="choice" value=${i} data-testid="polls-choice-${i}"
            .checked=${this._picked.has(i) || (!this._picked.size && voted && store.myChoices.includes(i))}
            @change=${(e) => this._pick(i, poll.multipleChoice, e.target.checked)}>${o}
          ${store.counts ? html`<span class="meta">(${counted(t, 'votes', store.counts[i])})</span>` : nothing}</label>
          ${store.counts ? html`<meter aria-hidden="true" min="0" max=${total} .value=${store.counts[i]}></meter>` : nothing}`)}
      </fieldset>
      <p role="status" data-testid="polls-ballots" data-ballots=${store.ballots}>${counted(t, 'ballots', store.ballots)}</p>
      ${voted ? html`<p data-testid="polls-voted">${t('youVoted')}</p>` : nothing}
      ${store.counts ? nothing : html`<p class="meta">${t('hidden')}</p>`}
      <div class="row">
        <button type="submit" ?disabled=${this._busy} data-testid="polls-vote">${voted ? t('changeVote') : t('vote')}</button>
        ${chair || poll.createdBy?.participantId === me.participantId
          ? html`<button type="button" class="secondary" ?disabled=${this._busy} data-testid="polls-close"
              @click=${() => this._send('close', { pollId: poll.id })}>${t('close')}</button>` : nothing}
      </div>
    </form>`;
  }

  _results(last) {
    const t = this._t;
    const counts = last.results.counts;
    const total = Math.max(1, counts.reduce((a, b) => a + b, 0));
    const why = last.reason === 'closed' && last.closedBy ? t('closedBy', { name: last.closedBy.name })
      : last.reason === 'time_up' ? t('closedTime') : t('closedOther');
    return html`<section aria-labelledby="polls-results-title" data-testid="polls-results" data-poll-id=${last.poll.id}>
      <h3 id="polls-results-title">${t('results')}: ${last.poll.question}</h3>
      <p class="meta">${why} ${counted(t, 'ballots', last.results.ballots)}</p>
      <ul>${last.poll.options.map((o, i) => html`<li data-testid="polls-result" data-option=${i} data-count=${counts[i]}>
        ${o}: <strong>${counted(t, 'votes', counts[i])}</strong>
        <meter aria-hidden="true" min="0" max=${total} .value=${counts[i]}></meter>
        ${last.results.voters && last.results.voters[i]?.length
          ? html`<span class="meta">${last.results.voters[i].map((v) => v.name).join(', ')}</span>` : nothing}
      </li>`)}</ul>
    </section>`;
  }
}

// The client defines it itself; after an update it gives the new class a fresh name, so no reload is needed.
export const elements = { 'polls-panel': PollsPanel };
