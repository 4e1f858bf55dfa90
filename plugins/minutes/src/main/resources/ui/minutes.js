// The minutes plugin's part of the Plenum web client (docs/plugins/minutes.md "Web client", docs/plugin-guide.md
// "The web client part"). A side panel: the chair keeps the agenda and appoints minute-takers; minute-takers write
// the sections; everyone reads along live, with attendance, vote results (read-only), the revision history, the
// approvals and the finalised PDFs. Plain ES module: `lit` and `@plenum/plugin-kit` come from the client
// through its import map.
import { html, css, nothing } from 'lit';
import { PluginElement, PluginStore, storeFor as kitStoreFor } from '@plenum/plugin-kit';

const MESSAGES = {
  en: {
    title: 'Minutes',
    loading: 'The minutes are loading …',
    none: 'There are no minutes for this meeting yet.',
    noneReader: 'When the chair starts the minutes, they appear here.',
    create: 'Start the minutes',
    docTitle: 'Title of the minutes',
    place: 'Place (optional)',
    version: 'Version {version}, {status}',
    draft: 'draft',
    final: 'final',
    publicView: 'Public version: items that are not public are left out.',
    agenda: 'Agenda',
    item: 'Item {number}',
    isPublic: 'public',
    notPublic: 'not public',
    withdrawn: 'withdrawn',
    current: 'being dealt with',
    addItem: 'Add an agenda item',
    itemTitle: 'Title of the new item',
    itemPublic: 'Public item',
    add: 'Add item',
    rename: 'New title for item {number}',
    saveTitle: 'Rename',
    publicToggle: 'Item {number} is public',
    up: 'Move item {number} up',
    down: 'Move item {number} down',
    start: 'Deal with item {number} now',
    withdraw: 'Withdraw item {number}',
    takers: 'Minute-takers',
    noTakers: 'No minute-taker is appointed.',
    appointWho: 'Appoint as minute-taker',
    appoint: 'Appoint',
    revoke: 'Revoke {name}',
    youEdit: 'You keep the minutes: you can edit the sections.',
    youRead: 'Read only: the appointed minute-takers edit, you read along live.',
    rightsGiven: 'You were appointed minute-taker and can now edit the minutes.',
    rightsTaken: 'Your right to edit the minutes was revoked. Your unsaved text is kept read-only.',
    sections: 'Sections',
    sectionText: 'Text of item {number}: {title}',
    save: 'Save item {number}',
    saved: 'Item {number} saved.',
    unsaved: 'Not saved yet',
    unsavedReadOnly: 'Your unsaved text for item {number} (read only, to copy)',
    empty: 'Nothing written yet.',
    updated: 'Item {number} was updated by {name}.',
    conflict: 'Item {number} was changed by someone else meanwhile. Your text is kept; take over the current text and add yours again.',
    takeCurrent: 'Use the current text of item {number}',
    votes: 'Votes',
    voteKind_roll_call: 'roll call',
    voteKind_pseudonymous: 'pseudonymous',
    voteKind_secret: 'secret',
    voteOpen: 'open',
    voteInvalid: 'not valid',
    namesFor: '{option}: {names}',
    recordMine: 'Record my vote on “{question}”',
    recordChoice: 'My choice',
    notes: 'Notes',
    ownVote: '{name} asked to record their vote: {choice}',
    attendance: 'Attendance',
    inRoom: 'in the room',
    remote: 'remote',
    present: 'present',
    left: 'left',
    absent: 'Absent',
    absentName: 'Name of the absent member',
    absentReason: 'Reason (optional)',
    noteAbsent: 'Note absence',
    history: 'Revision history',
    showHistory: 'Show the revision history',
    hideHistory: 'Hide the revision history',
    historyEntry: '#{seq} {type} – {name}, {at}',
    historyTotal: '{total} revisions',
    approval: 'Approval',
    approvedBy: '{role}: approved by {name} (revision {revision})',
    notApproved: '{role}: not yet approved',
    roleChair: 'Chair',
    roleTaker: 'Minute-taker',
    approveChair: 'Approve as chair',
    approveTaker: 'Approve as minute-taker',
    approvalHint: 'Approving confirms revision {revision}. When chair and minute-taker approved the same revision, it is finalised as PDF/A.',
    finals: 'Finalised versions',
    loadPdf: 'Load the PDF of version {version}',
    savePdf: 'Save the minutes, version {version} (PDF)',
    publicPdf: 'Public version {version} (PDF, without non-public items)',
    hashOk: 'Checksum verified: SHA-256 {hash}',
    hashBad: 'The downloaded file does not match the stored checksum.',
    finalised: 'Version {version} of the minutes is final.',
    error: 'Not possible: {message}',
  },
  de: {
    title: 'Protokoll',
    loading: 'Die Niederschrift wird geladen …',
    none: 'Für diese Sitzung gibt es noch keine Niederschrift.',
    noneReader: 'Sobald die Sitzungsleitung die Niederschrift beginnt, erscheint sie hier.',
    create: 'Niederschrift beginnen',
    docTitle: 'Titel der Niederschrift',
    place: 'Ort (optional)',
    version: 'Fassung {version}, {status}',
    draft: 'Entwurf',
    final: 'endgültig',
    publicView: 'Öffentliche Fassung: nichtöffentliche Punkte sind ausgelassen.',
    agenda: 'Tagesordnung',
    item: 'TOP {number}',
    isPublic: 'öffentlich',
    notPublic: 'nichtöffentlich',
    withdrawn: 'abgesetzt',
    current: 'wird behandelt',
    addItem: 'Tagesordnungspunkt hinzufügen',
    itemTitle: 'Titel des neuen Punkts',
    itemPublic: 'Öffentlicher Punkt',
    add: 'Punkt hinzufügen',
    rename: 'Neuer Titel für TOP {number}',
    saveTitle: 'Umbenennen',
    publicToggle: 'TOP {number} ist öffentlich',
    up: 'TOP {number} nach oben',
    down: 'TOP {number} nach unten',
    start: 'TOP {number} jetzt behandeln',
    withdraw: 'TOP {number} absetzen',
    takers: 'Schriftführung',
    noTakers: 'Niemand ist zur Schriftführung bestellt.',
    appointWho: 'Zur Schriftführung bestellen',
    appoint: 'Bestellen',
    revoke: '{name} abberufen',
    youEdit: 'Sie führen die Niederschrift: Sie können die Abschnitte bearbeiten.',
    youRead: 'Nur lesen: die bestellte Schriftführung schreibt, Sie lesen live mit.',
    rightsGiven: 'Sie wurden zur Schriftführung bestellt und können die Niederschrift jetzt bearbeiten.',
    rightsTaken: 'Ihr Recht, die Niederschrift zu bearbeiten, wurde entzogen. Ihr nicht gespeicherter Text bleibt lesbar erhalten.',
    sections: 'Abschnitte',
    sectionText: 'Text zu TOP {number}: {title}',
    save: 'TOP {number} speichern',
    saved: 'TOP {number} gespeichert.',
    unsaved: 'Noch nicht gespeichert',
    unsavedReadOnly: 'Ihr nicht gespeicherter Text zu TOP {number} (nur lesen, zum Kopieren)',
    empty: 'Noch nichts geschrieben.',
    updated: 'TOP {number} wurde von {name} aktualisiert.',
    conflict: 'TOP {number} wurde inzwischen von jemand anderem geändert. Ihr Text bleibt erhalten; übernehmen Sie den aktuellen Text und ergänzen Sie Ihren erneut.',
    takeCurrent: 'Aktuellen Text von TOP {number} übernehmen',
    votes: 'Abstimmungen',
    voteKind_roll_call: 'namentlich',
    voteKind_pseudonymous: 'pseudonym',
    voteKind_secret: 'geheim',
    voteOpen: 'läuft',
    voteInvalid: 'ungültig',
    namesFor: '{option}: {names}',
    recordMine: 'Meine Stimme zu „{question}“ protokollieren',
    recordChoice: 'Meine Wahl',
    notes: 'Vermerke',
    ownVote: '{name} ließ die eigene Stimme protokollieren: {choice}',
    attendance: 'Anwesenheit',
    inRoom: 'im Saal',
    remote: 'zugeschaltet',
    present: 'anwesend',
    left: 'gegangen',
    absent: 'Abwesend',
    absentName: 'Name des abwesenden Mitglieds',
    absentReason: 'Grund (optional)',
    noteAbsent: 'Abwesenheit vermerken',
    history: 'Änderungsverlauf',
    showHistory: 'Änderungsverlauf zeigen',
    hideHistory: 'Änderungsverlauf ausblenden',
    historyEntry: '#{seq} {type} – {name}, {at}',
    historyTotal: '{total} Revisionen',
    approval: 'Genehmigung',
    approvedBy: '{role}: genehmigt von {name} (Revision {revision})',
    notApproved: '{role}: noch nicht genehmigt',
    roleChair: 'Vorsitz',
    roleTaker: 'Schriftführung',
    approveChair: 'Als Vorsitz genehmigen',
    approveTaker: 'Als Schriftführung genehmigen',
    approvalHint: 'Die Genehmigung bestätigt Revision {revision}. Haben Vorsitz und Schriftführung dieselbe Revision genehmigt, wird sie als PDF/A festgeschrieben.',
    finals: 'Festgeschriebene Fassungen',
    loadPdf: 'PDF der Fassung {version} laden',
    savePdf: 'Niederschrift, Fassung {version}, speichern (PDF)',
    publicPdf: 'Öffentliche Fassung {version} (PDF, ohne nichtöffentliche Punkte)',
    hashOk: 'Prüfsumme bestätigt: SHA-256 {hash}',
    hashBad: 'Die geladene Datei passt nicht zur gespeicherten Prüfsumme.',
    finalised: 'Fassung {version} der Niederschrift ist endgültig.',
    error: 'Nicht möglich: {message}',
  },
};

/** Sorts agenda items by their number as people read it: 2 before 10, 3a after 3. */
function byNumber(a, b) {
  return a.number.localeCompare(b.number, undefined, { numeric: true });
}

/**
 * One room's minutes as this participant may see them, shared by every element of the same host. Section edits,
 * rights and approvals are applied from the `changed` frames; for every other change the client asks for the
 * document again (`get_document`), so it never keeps a fold of its own that could drift from the server's.
 */
class MinutesStore extends PluginStore {
  constructor(host) {
    super();
    this.host = host;
    this.rights = { canEdit: false, isChair: false, person: '' };
    this.loaded = false;
    this.doc = null;
    this.lastUpdate = '';
    this.refreshing = null;
    this.adopt(host.joinData);
    host.onMessage((type, body) => this.onMessage(type, body));
    // the join data is as old as the join, and frames that came before this module was imported are gone (the
    // room's minutes may still have been loading then): start from the current state
    this.refresh();
  }

  adopt(snapshot) {
    if (!snapshot) return;
    if (snapshot.rights) this.rights = snapshot.rights;
    this.loaded = !!snapshot.loaded;
    this.doc = snapshot.document ?? null;
    if (this.doc && this.doc.textsOmitted) this.fetchTexts();
  }

  onMessage(type, body) {
    const t = this.host.t;
    if (type === 'document') {
      this.adopt(body);
    } else if (type === 'rights') {
      const before = this.rights.canEdit;
      this.rights = body;
      if (before !== body.canEdit) this.host.notify(t(body.canEdit ? 'rightsGiven' : 'rightsTaken'), { assertive: !body.canEdit });
    } else if (type === 'changed') {
      if (!this.doc || body.documentId !== this.doc.id) return;
      Object.assign(this.doc, { version: body.version, status: body.status, contentRevision: body.contentRevision, revision: body.seq });
      const p = body.payload;
      const item = p.itemId ? this.doc.items.find((i) => i.id === p.itemId) : null;
      if (body.type === 'section_edited' && item) {
        item.text = p.text;
        item.textRevision = body.seq;
        if (body.by !== this.myName()) this.lastUpdate = t('updated', { number: item.number, name: body.by });
      } else if (body.type === 'approved' && this.doc.approvals) {
        this.doc.approvals[p.as] = { name: body.by, revision: p.revision };
      } else {
        this.refresh();
      }
    } else if (type === 'finalised') {
      this.host.notify(t('finalised', { version: body.version }));
      this.refresh();
    } else {
      return;
    }
    this.changed();
  }

  myName() {
    return this.host.user().displayName;
  }

  /** Asks for the document again, at most one request at a time; a change meanwhile asks once more after it. */
  refresh() {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.host.request('get_document', {}).then((answer) => {
      this.retries = 0;
      this.adopt(answer.body);
      this.changed();
    }).catch((e) => {
      // still loading (`unavailable`): ask again shortly, a few times
      if (e && e.code === 'unavailable' && (this.retries = (this.retries ?? 0) + 1) <= 20) setTimeout(() => this.refresh(), 500);
    }).finally(() => {
      this.refreshing = null;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  /** A document too large for one frame comes without texts: they are asked for one section at a time. */
  async fetchTexts() {
    for (const item of this.doc.items) {
      try {
        const answer = await this.host.request('get_section', { itemId: item.id });
        const now = this.doc.items.find((i) => i.id === item.id);
        if (now && answer.body.textRevision >= (now.textRevision ?? 0)) {
          now.text = answer.body.text;
          now.textRevision = answer.body.textRevision;
        }
      } catch {
        // a withdrawn or hidden item: nothing to show
      }
    }
    this.changed();
  }

}

const storeFor = (host) => kitStoreFor(host, MinutesStore);

export function activate(host) {
  host.messages(MESSAGES);
  storeFor(host); // listens from the start, so changes while the panel is closed are there when it opens
}

async function sha256Hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const styles = css`
  :host { display: block; }
  :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
  h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
  h4 { font-size: 1rem; margin: 0.6rem 0 0.3rem; }
  label { display: block; font-weight: 600; margin: 0.5rem 0 0.25rem; }
  .check { display: flex; align-items: center; gap: 0.5rem; font-weight: normal; }
  input[type='text'], textarea, select {
    font: inherit; color: inherit; background: var(--pl-bg, #fff); border: 2px solid var(--pl-border, #6b7480);
    border-radius: var(--pl-radius, 6px); padding: 0.4rem 0.5rem; min-height: 2.75rem; width: 100%; box-sizing: border-box;
  }
  textarea { min-height: 7rem; resize: vertical; }
  textarea[readonly] { border-style: dashed; }
  input[type='checkbox'] { width: 1.25rem; height: 1.25rem; margin: 0; }
  button, a.button {
    font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.4rem 0.8rem; min-height: 2.75rem;
    border: 2px solid var(--pl-primary, #0b4f8a); background: var(--pl-primary, #0b4f8a); color: var(--pl-primary-fg, #fff);
    display: inline-flex; align-items: center; text-decoration: none; box-sizing: border-box;
  }
  button.secondary, a.secondary { background: transparent; color: var(--pl-primary, #0b4f8a); }
  button.small { min-height: 2.75rem; min-width: 2.75rem; padding: 0.2rem 0.5rem; justify-content: center; }
  a { color: var(--pl-primary, #0b4f8a); }
  .row { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.5rem; flex-wrap: wrap; }
  ol, ul { padding: 0; margin: 0.4rem 0; list-style: none; }
  li { margin: 0.4rem 0; }
  .item { border: 1px solid var(--pl-border, #6b7480); border-radius: var(--pl-radius, 6px); padding: 0.5rem 0.6rem; }
  .item.withdrawn { opacity: 0.85; }
  .item.withdrawn .name { text-decoration: line-through; }
  .badge { border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.5rem; font-size: 0.9rem; margin-left: 0.3rem; white-space: nowrap; }
  .text { white-space: pre-wrap; margin: 0.3rem 0; }
  .meta { color: var(--pl-muted, #4a5360); }
  .error { color: var(--pl-danger, #a4161a); font-weight: 600; }
  .hash { font-family: monospace; word-break: break-all; }
  section { margin-bottom: 0.5rem; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

class MinutesPanel extends PluginElement {
  static properties = {
    _error: { state: true },
    _busy: { state: true },
    _drafts: { state: true },
    _saved: { state: true },
    _history: { state: true },
    _pdfs: { state: true },
  };
  static styles = styles;

  constructor() {
    super();
    this._error = '';
    this._busy = false;
    this._drafts = {}; // itemId → {text, base, conflict}
    this._saved = '';
    this._history = null;
    this._pdfs = {}; // version → {url, ok}
  }

  follow(host) {
    return [storeFor(host).subscribe(() => this._onStore())];
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const p of Object.values(this._pdfs)) if (p.url) URL.revokeObjectURL(p.url);
  }

  /** A section another person saved while this person has unsaved text on it is a conflict, not an overwrite. */
  _onStore() {
    const store = storeFor(this.plenum);
    if (store.doc) {
      let drafts = this._drafts;
      for (const item of store.doc.items) {
        const d = drafts[item.id];
        if (d && !d.conflict && item.textRevision !== d.base && item.text !== d.text) {
          drafts = { ...drafts, [item.id]: { ...d, conflict: true } };
        } else if (d && item.text === d.text) {
          drafts = { ...drafts };
          delete drafts[item.id];
        }
      }
      this._drafts = drafts;
    }
    this.requestUpdate();
  }

  get _t() {
    return this.plenum.t;
  }

  async _send(type, body) {
    this._error = '';
    this._busy = true;
    try {
      // the module answers after storing: wait past the host's provisional `ok` for its `stored` or its refusal
      return await this.plenum.request(type, body);
    } catch (e) {
      this._error = this._t('error', { message: e && e.message ? e.message : String(e) });
      return null;
    } finally {
      this._busy = false;
    }
  }

  render() {
    if (!this.plenum) return nothing;
    const t = this._t;
    const store = storeFor(this.plenum);
    const doc = store.doc;
    const rights = store.rights;
    return html`
      ${this._error ? html`<p class="error" role="alert" data-testid="minutes-error">${this._error}</p>` : nothing}
      <p role="status" class="meta" data-testid="minutes-status">${this._saved || store.lastUpdate}</p>
      ${!doc ? this._noDocument(store, rights) : html`
        <p data-testid="minutes-doc" data-document-id=${doc.id} data-version=${doc.version} data-status=${doc.status}>
          <strong>${doc.title}</strong>${doc.place ? html`, ${doc.place}` : nothing}<br>
          <span class="meta">${t('version', { version: doc.version, status: t(doc.status === 'final' ? 'final' : 'draft') })}</span></p>
        ${doc.public ? html`<p class="meta">${t('publicView')}</p>` : nothing}
        <p data-testid=${rights.canEdit ? 'minutes-can-edit' : 'minutes-read-only'} data-can-edit=${rights.canEdit ? 'true' : 'false'}>
          ${t(rights.canEdit ? 'youEdit' : 'youRead')}</p>
        ${this._agenda(doc, rights)}
        ${doc.public ? nothing : this._takers(doc, rights)}
        ${this._sections(doc, rights)}
        ${this._attendance(doc, rights)}
        ${doc.public ? nothing : this._approval(doc, rights)}
        ${this._finals(doc)}
        ${doc.public ? nothing : this._historyView(doc)}`}`;
  }

  _noDocument(store, rights) {
    const t = this._t;
    if (!store.loaded) return html`<p>${t('loading')}</p>`;
    return html`<p data-testid="minutes-none">${t('none')}</p>
      ${rights.isChair ? html`<form @submit=${this._create} aria-labelledby="minutes-create-h">
        <h3 id="minutes-create-h">${t('create')}</h3>
        <label for="minutes-title">${t('docTitle')}</label>
        <input id="minutes-title" name="title" type="text" maxlength="200" required autocomplete="off" data-testid="minutes-title">
        <label for="minutes-place">${t('place')}</label>
        <input id="minutes-place" name="place" type="text" maxlength="200" autocomplete="off" data-testid="minutes-place">
        <div class="row"><button type="submit" ?disabled=${this._busy} data-testid="minutes-create">${t('create')}</button></div>
      </form>` : html`<p class="meta">${t('noneReader')}</p>`}`;
  }

  async _create(e) {
    e.preventDefault();
    const f = e.target.elements;
    const body = { title: f.namedItem('title').value };
    if (f.namedItem('place').value.trim()) body.place = f.namedItem('place').value;
    await this._send('create', body);
  }

  // ---- agenda (the chair edits)

  _agenda(doc, rights) {
    const t = this._t;
    const items = [...doc.items].sort(byNumber);
    const live = items.filter((i) => !i.withdrawn);
    return html`<section aria-labelledby="minutes-agenda-h">
      <h3 id="minutes-agenda-h">${t('agenda')}</h3>
      <ol data-testid="minutes-agenda">${items.map((i) => html`<li class="item ${i.withdrawn ? 'withdrawn' : ''}" data-testid="minutes-item"
          data-item-id=${i.id} data-public=${i.public ? 'true' : 'false'}>
        <span class="name"><strong>${t('item', { number: i.number })}</strong> ${i.title}</span>
        <span class="badge">${t(i.public ? 'isPublic' : 'notPublic')}</span>
        ${i.withdrawn ? html`<span class="badge">${t('withdrawn')}</span>` : nothing}
        ${doc.currentItemId === i.id ? html`<span class="badge">${t('current')}</span>` : nothing}
        ${rights.isChair && !i.withdrawn && !doc.public ? this._itemControls(i, live) : nothing}
      </li>`)}</ol>
      ${rights.isChair && !doc.public ? html`<form @submit=${this._addItem} aria-labelledby="minutes-add-h" data-testid="minutes-add-form">
        <h4 id="minutes-add-h">${t('addItem')}</h4>
        <label for="minutes-item-title">${t('itemTitle')}</label>
        <input id="minutes-item-title" name="title" type="text" maxlength="200" required autocomplete="off" data-testid="minutes-item-title">
        <label class="check"><input type="checkbox" name="public" checked data-testid="minutes-item-public">${t('itemPublic')}</label>
        <div class="row"><button type="submit" ?disabled=${this._busy} data-testid="minutes-item-add">${t('add')}</button></div>
      </form>` : nothing}
    </section>`;
  }

  _itemControls(item, live) {
    const t = this._t;
    const n = { number: item.number };
    const at = live.indexOf(item);
    return html`<div class="row">
        <label class="check"><input type="checkbox" .checked=${item.public} data-testid="minutes-item-public-${item.id}"
          @change=${(e) => this._send('item_change', { itemId: item.id, public: e.target.checked })}>${t('publicToggle', n)}</label>
      </div>
      <form class="row" @submit=${(e) => this._rename(e, item)}>
        <label class="sr" for="minutes-rename-${item.id}">${t('rename', n)}</label>
        <input id="minutes-rename-${item.id}" name="title" type="text" maxlength="200" required .value=${item.title} autocomplete="off"
          data-testid="minutes-rename-${item.id}">
        <button type="submit" class="secondary" ?disabled=${this._busy}>${t('saveTitle')}</button>
      </form>
      <div class="row">
        <button type="button" class="secondary small" aria-label=${t('up', n)} title=${t('up', n)} ?disabled=${this._busy || at <= 0}
          data-testid="minutes-up-${item.id}" @click=${() => this._swap(item, live[at - 1])}>↑</button>
        <button type="button" class="secondary small" aria-label=${t('down', n)} title=${t('down', n)}
          ?disabled=${this._busy || at < 0 || at >= live.length - 1} data-testid="minutes-down-${item.id}"
          @click=${() => this._swap(item, live[at + 1])}>↓</button>
        <button type="button" class="secondary" ?disabled=${this._busy} data-testid="minutes-start-${item.id}"
          @click=${() => this._send('item_start', { itemId: item.id })}>${t('start', n)}</button>
        <button type="button" class="secondary" ?disabled=${this._busy} data-testid="minutes-withdraw-${item.id}"
          @click=${() => this._send('item_withdraw', { itemId: item.id })}>${t('withdraw', n)}</button>
      </div>`;
  }

  async _addItem(e) {
    e.preventDefault();
    const form = e.target;
    const f = form.elements;
    const answer = await this._send('item_add', { title: f.namedItem('title').value, public: f.namedItem('public').checked });
    if (answer) {
      form.reset();
      f.namedItem('title').focus();
    }
  }

  async _rename(e, item) {
    e.preventDefault();
    const title = e.target.elements.namedItem('title').value;
    if (title.trim() && title !== item.title) await this._send('item_change', { itemId: item.id, title });
  }

  /** Reordering swaps the two items' numbers: the order of the agenda is the order of its numbers. */
  async _swap(a, b) {
    if (!b) return;
    const [na, nb] = [a.number, b.number];
    if (await this._send('item_change', { itemId: a.id, number: nb })) await this._send('item_change', { itemId: b.id, number: na });
  }

  // ---- minute-takers (the chair appoints and revokes)

  _takers(doc, rights) {
    const t = this._t;
    const takers = doc.takers ?? [];
    const candidates = this.plenum.participants().filter((p) => !p.guest && p.role !== 'guest');
    return html`<section aria-labelledby="minutes-takers-h">
      <h3 id="minutes-takers-h">${t('takers')}</h3>
      ${takers.length ? html`<ul data-testid="minutes-takers">${takers.map((k) => html`<li data-testid="minutes-taker" data-person=${k.person}>
        ${k.name}
        ${rights.isChair ? html`<button type="button" class="secondary" ?disabled=${this._busy} data-testid="minutes-revoke"
          data-person=${k.person} @click=${() => this._send('revoke', { person: k.person })}>${t('revoke', { name: k.name })}</button>` : nothing}
      </li>`)}</ul>` : html`<p class="meta">${t('noTakers')}</p>`}
      ${rights.isChair ? html`<form class="row" @submit=${this._appoint}>
        <label for="minutes-appoint">${t('appointWho')}</label>
        <select id="minutes-appoint" name="participant" data-testid="minutes-appoint-who">
          ${candidates.map((p) => html`<option value=${p.id}>${p.displayName}</option>`)}
        </select>
        <button type="submit" ?disabled=${this._busy || !candidates.length} data-testid="minutes-appoint">${t('appoint')}</button>
      </form>` : nothing}
    </section>`;
  }

  async _appoint(e) {
    e.preventDefault();
    const participantId = e.target.elements.namedItem('participant').value;
    if (participantId) await this._send('appoint', { participantId });
  }

  // ---- sections (minute-takers write, everyone reads live)

  _sections(doc, rights) {
    const t = this._t;
    const items = [...doc.items].filter((i) => !i.withdrawn).sort(byNumber);
    return html`<section aria-labelledby="minutes-sections-h">
      <h3 id="minutes-sections-h">${t('sections')}</h3>
      ${items.map((i) => this._section(i, rights))}
    </section>`;
  }

  _section(item, rights) {
    const t = this._t;
    const n = { number: item.number, title: item.title };
    const draft = this._drafts[item.id];
    const id = `minutes-text-${item.id}`;
    return html`<div class="item" data-testid="minutes-section" data-item-id=${item.id} data-text-revision=${item.textRevision}>
      <h4 id="${id}-h">${t('item', n)}: ${item.title}</h4>
      ${rights.canEdit ? html`
        <label for=${id}>${t('sectionText', n)}</label>
        <textarea id=${id} maxlength="20000" data-testid="minutes-editor-${item.id}" .value=${draft ? draft.text : item.text ?? ''}
          @input=${(e) => this._edit(item, e.target.value)}></textarea>
        ${draft && draft.conflict ? html`<p class="error" role="alert">${t('conflict', n)}</p>
          <button type="button" class="secondary" @click=${() => this._takeCurrent(item)}>${t('takeCurrent', n)}</button>` : nothing}
        <div class="row">
          <button type="button" ?disabled=${this._busy || !draft} data-testid="minutes-save-${item.id}"
            @click=${() => this._save(item)}>${t('save', n)}</button>
          ${draft ? html`<span class="meta">${t('unsaved')}</span>` : nothing}
        </div>`
        : draft ? html`
          <label for=${id}>${t('unsavedReadOnly', n)}</label>
          <textarea id=${id} readonly aria-readonly="true" data-testid="minutes-editor-${item.id}" .value=${draft.text}></textarea>
          <div class="text" data-testid="minutes-text-${item.id}">${item.text || t('empty')}</div>`
        : html`<div class="text" data-testid="minutes-text-${item.id}">${item.text || html`<span class="meta">${t('empty')}</span>`}</div>`}
      ${this._votes(item)}
      ${this._notes(item)}
    </div>`;
  }

  _edit(item, text) {
    const d = this._drafts[item.id];
    this._saved = '';
    this._drafts = { ...this._drafts, [item.id]: d ? { ...d, text } : { text, base: item.textRevision ?? 0, conflict: false } };
  }

  _takeCurrent(item) {
    const drafts = { ...this._drafts };
    delete drafts[item.id];
    this._drafts = drafts;
  }

  async _save(item) {
    const d = this._drafts[item.id];
    if (!d) return;
    const base = d.conflict ? item.textRevision : d.base;
    const answer = await this._send('edit', { itemId: item.id, text: d.text, base });
    if (answer) {
      const drafts = { ...this._drafts };
      delete drafts[item.id];
      this._drafts = drafts;
      this._saved = this._t('saved', { number: item.number });
    }
  }

  // ---- votes (read-only, from the voting plugin) and notes

  _votes(item) {
    const t = this._t;
    const votes = item.votes ?? [];
    if (!votes.length) return nothing;
    const store = storeFor(this.plenum);
    const member = !store.doc.public && !this.plenum.user().guest && this.plenum.user().role !== 'guest';
    return html`<h4>${t('votes')}</h4><ul data-testid="minutes-votes">${votes.map((v) => html`<li data-testid="minutes-vote"
        data-vote-id=${v.voteId} data-kind=${v.kind} data-state=${v.state}>
      <strong>${v.question}</strong> <span class="badge">${t(`voteKind_${v.kind}`)}</span>
      ${v.state === 'open' ? html`<span class="badge">${t('voteOpen')}</span>` : html`
        ${v.valid === false ? html`<span class="badge">${t('voteInvalid')}</span>` : nothing}
        <span data-testid="minutes-tally">${Object.entries(v.tally ?? {}).map(([o, c]) => `${o}: ${c}`).join(' · ')}</span>
        ${v.names ? html`<ul>${Object.entries(v.names).map(([o, names]) => html`<li class="meta">
          ${t('namesFor', { option: o, names: names.join(', ') })}</li>`)}</ul>` : nothing}
        ${member && v.kind !== 'secret' ? this._recordMine(v) : nothing}`}
    </li>`)}</ul>`;
  }

  _recordMine(vote) {
    const t = this._t;
    const options = Object.keys(vote.tally ?? {});
    const label = t('recordMine', { question: vote.question });
    return html`<form class="row" @submit=${(e) => this._record(e, vote)}>
      ${vote.kind === 'roll_call' ? nothing : html`<label for="minutes-mine-${vote.voteId}">${t('recordChoice')}</label>
        <select id="minutes-mine-${vote.voteId}" name="choice">${options.map((o) => html`<option value=${o}>${o}</option>`)}</select>`}
      <button type="submit" class="secondary" ?disabled=${this._busy} data-testid="minutes-record-mine">${label}</button>
    </form>`;
  }

  async _record(e, vote) {
    e.preventDefault();
    const choice = e.target.elements.namedItem('choice');
    await this._send('record_my_vote', choice ? { voteId: vote.voteId, choice: choice.value } : { voteId: vote.voteId });
  }

  _notes(item) {
    const t = this._t;
    const notes = (item.notes ?? []).filter((n) => n.kind === 'own_vote');
    if (!notes.length) return nothing;
    return html`<h4>${t('notes')}</h4><ul>${notes.map((n) => html`<li data-testid="minutes-note">${t('ownVote', { name: n.name, choice: n.choice })}</li>`)}</ul>`;
  }

  // ---- attendance

  _attendance(doc, rights) {
    const t = this._t;
    return html`<section aria-labelledby="minutes-attendance-h">
      <h3 id="minutes-attendance-h">${t('attendance')}</h3>
      <ul data-testid="minutes-attendance">${doc.attendance.map((a) => html`<li data-testid="minutes-attendee" data-present=${a.present ? 'true' : 'false'}>
        ${a.name} <span class="badge">${t(a.presence === 'in_room' ? 'inRoom' : 'remote')}</span>
        <span class="badge">${t(a.present ? 'present' : 'left')}</span></li>`)}</ul>
      ${doc.absent.length ? html`<h4>${t('absent')}</h4><ul>${doc.absent.map((a) => html`<li>${a.name}${a.reason ? html` – ${a.reason}` : nothing}</li>`)}</ul>` : nothing}
      ${rights.isChair && !doc.public ? html`<form @submit=${this._absent} aria-labelledby="minutes-absent-h">
        <h4 id="minutes-absent-h">${t('noteAbsent')}</h4>
        <label for="minutes-absent-name">${t('absentName')}</label>
        <input id="minutes-absent-name" name="name" type="text" maxlength="200" required autocomplete="off">
        <label for="minutes-absent-reason">${t('absentReason')}</label>
        <input id="minutes-absent-reason" name="reason" type="text" maxlength="500" autocomplete="off">
        <div class="row"><button type="submit" class="secondary" ?disabled=${this._busy}>${t('noteAbsent')}</button></div>
      </form>` : nothing}
    </section>`;
  }

  async _absent(e) {
    e.preventDefault();
    const form = e.target;
    const f = form.elements;
    const body = { name: f.namedItem('name').value };
    if (f.namedItem('reason').value.trim()) body.reason = f.namedItem('reason').value;
    if (await this._send('absence', body)) form.reset();
  }

  // ---- approval and the finalised versions

  _approval(doc, rights) {
    const t = this._t;
    const approvals = doc.approvals ?? {};
    const line = (role, a) => a && a.revision === doc.contentRevision
      ? t('approvedBy', { role: t(role), name: a.name, revision: a.revision }) : t('notApproved', { role: t(role) });
    const both = rights.isChair && rights.canEdit;
    const chairDone = approvals.chair && approvals.chair.revision === doc.contentRevision;
    const takerDone = approvals.taker && approvals.taker.revision === doc.contentRevision;
    return html`<section aria-labelledby="minutes-approval-h" data-testid="minutes-approval" data-content-revision=${doc.contentRevision}>
      <h3 id="minutes-approval-h">${t('approval')}</h3>
      <ul>
        <li data-testid="minutes-approval-chair" data-approved=${chairDone ? 'true' : 'false'}>${line('roleChair', approvals.chair)}</li>
        <li data-testid="minutes-approval-taker" data-approved=${takerDone ? 'true' : 'false'}>${line('roleTaker', approvals.taker)}</li>
      </ul>
      ${doc.status !== 'final' && (rights.isChair || rights.canEdit) ? html`
        <p class="meta">${t('approvalHint', { revision: doc.contentRevision })}</p>
        <div class="row">
          ${rights.isChair ? html`<button type="button" ?disabled=${this._busy || chairDone} data-testid="minutes-approve-chair"
            @click=${() => this._send('approve', both ? { revision: doc.contentRevision, as: 'chair' } : { revision: doc.contentRevision })}>
            ${t('approveChair')}</button>` : nothing}
          ${rights.canEdit ? html`<button type="button" ?disabled=${this._busy || takerDone} data-testid="minutes-approve-taker"
            @click=${() => this._send('approve', both ? { revision: doc.contentRevision, as: 'taker' } : { revision: doc.contentRevision })}>
            ${t('approveTaker')}</button>` : nothing}
        </div>` : nothing}
    </section>`;
  }

  _finals(doc) {
    const t = this._t;
    if (!doc.finals.length) return nothing;
    const base = `/api/v1/plugins/minutes`;
    return html`<section aria-labelledby="minutes-finals-h" data-testid="minutes-finals">
      <h3 id="minutes-finals-h">${t('finals')}</h3>
      <ul>${doc.finals.map((f) => {
        const pdf = this._pdfs[f.version];
        return html`<li data-testid="minutes-final" data-version=${f.version}>
          ${doc.public ? nothing : html`<div class="row">
            ${pdf && pdf.url ? html`<a class="button" href=${pdf.url} download="niederschrift-v${f.version}.pdf"
                data-testid="minutes-pdf" data-verified=${pdf.ok ? 'true' : 'false'}>${t('savePdf', { version: f.version })}</a>`
              : html`<button type="button" class="secondary" data-testid="minutes-load-pdf" ?disabled=${this._busy}
                @click=${() => this._loadPdf(doc, f)}>${t('loadPdf', { version: f.version })}</button>`}
          </div>
          ${pdf ? html`<p role="status" class=${pdf.ok ? 'meta hash' : 'error'} data-testid="minutes-pdf-check">
            ${pdf.ok ? t('hashOk', { hash: f.sha256 }) : t('hashBad')}</p>` : nothing}`}
          <div class="row"><a href="${base}/public/minutes/${doc.id}/versions/${f.version}/public.pdf" data-testid="minutes-public-pdf"
            download>${t('publicPdf', { version: f.version })}</a></div>
        </li>`;
      })}</ul>
    </section>`;
  }

  /** Loads the full PDF with the user's credentials and checks it against the SHA-256 stored when it was finalised. */
  async _loadPdf(doc, f) {
    this._error = '';
    this._busy = true;
    try {
      const res = await this.plenum.api(`minutes/${doc.id}/versions/${f.version}/minutes.pdf`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const bytes = await res.arrayBuffer();
      const ok = (await sha256Hex(bytes)) === f.sha256;
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      this._pdfs = { ...this._pdfs, [f.version]: { url, ok } };
    } catch (e) {
      this._error = this._t('error', { message: e && e.message ? e.message : String(e) });
    } finally {
      this._busy = false;
    }
  }

  // ---- revision history (M7)

  _historyView(doc) {
    const t = this._t;
    const h = this._history;
    return html`<section aria-labelledby="minutes-history-h">
      <h3 id="minutes-history-h">${t('history')}</h3>
      <button type="button" class="secondary" aria-expanded=${h ? 'true' : 'false'} data-testid="minutes-history-toggle"
        @click=${() => (h ? (this._history = null) : this._loadHistory(doc))}>${t(h ? 'hideHistory' : 'showHistory')}</button>
      ${h ? html`<p class="meta">${t('historyTotal', { total: h.total })}</p>
        <ol data-testid="minutes-history">${h.revisions.map((r) => html`<li data-seq=${r.seq}>
          ${t('historyEntry', { seq: r.seq, type: r.type, name: r.by ?? '', at: new Date(r.at).toLocaleString(this.plenum.language()) })}</li>`)}</ol>`
        : nothing}
    </section>`;
  }

  /** The latest 200 revisions, newest first. */
  async _loadHistory(doc) {
    this._error = '';
    try {
      const from = Math.max(1, (doc.revision ?? 1) - 199);
      const res = await this.plenum.api(`minutes/${doc.id}/revisions?from=${from}&limit=200`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const page = await res.json();
      this._history = { total: page.total, revisions: [...page.revisions].reverse() };
    } catch (e) {
      this._error = this._t('error', { message: e && e.message ? e.message : String(e) });
    }
  }
}

// the client defines it (and, after an update, the new version's class under a fresh name: docs/plugin-guide.md)
export const elements = { 'minutes-panel': MinutesPanel };
