// Rooms: list, create, edit (title, password, waiting room, lock), invite links, dial-in data, scheduling.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { Session } from '../auth/session';
import type { Meeting, Room, WaitingRoomPolicy } from '../api/types';
import { announce } from '../a11y/announcer';

const POLICIES: WaitingRoomPolicy[] = ['guests', 'everyone', 'off'];

@customElement('plenum-rooms-page')
export class RoomsPage extends LitElement {
  static override styles = [baseStyles, css`
    ul.rooms { list-style: none; padding: 0; display: grid; gap: 1rem; }
    li.room { border: 1px solid var(--pl-border); border-radius: var(--pl-radius); padding: 1rem; }
    .badge { display: inline-block; border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.6rem; font-size: 0.9rem; margin-left: 0.5rem; }
    fieldset { border: 1px solid var(--pl-border); border-radius: var(--pl-radius); margin: 0.75rem 0; }
    .invite { word-break: break-all; }
    details { margin-top: 0.75rem; }
    summary { cursor: pointer; font-weight: 600; min-height: 2rem; }
  `];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) session!: Session;
  @state() private rooms: Room[] | null = null;
  @state() private editing: string | null = null;
  @state() private creating = false;
  @state() private error = '';
  @state() private invites: Record<string, string> = {};
  @state() private meetings: Record<string, Meeting[]> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.rooms = await this.session.api.rooms();
    } catch (e) {
      this.error = (e as Error).message;
      this.rooms = [];
    }
  }

  private async run(action: () => Promise<unknown>, message?: string) {
    this.error = '';
    try {
      await action();
      if (message) announce(message);
    } catch (e) {
      this.error = t('app.error', { message: (e as Error).message });
    }
  }

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const title = String(f.get('title') ?? '').trim();
    await this.run(async () => {
      await this.session.api.createRoom({ title, password: String(f.get('password') ?? '') || null, waitingRoom: f.get('waitingRoom') as WaitingRoomPolicy });
      this.creating = false;
      await this.load();
    }, t('rooms.created', { title }));
  }

  private async save(room: Room, e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const patch: Record<string, unknown> = {
      title: String(f.get('title') ?? '').trim(),
      waitingRoom: f.get('waitingRoom'),
      locked: f.get('locked') === 'on',
    };
    const pw = String(f.get('password') ?? '');
    if (f.get('removePassword') === 'on') patch.password = '';
    else if (pw) patch.password = pw;
    await this.run(async () => {
      await this.session.api.updateRoom(room.id, patch);
      this.editing = null;
      await this.load();
    }, t('rooms.saved'));
  }

  private async invite(room: Room) {
    await this.run(async () => {
      const inv = await this.session.api.createInvite(room.id);
      const url = `${location.origin}/join/${inv.token}`;
      this.invites = { ...this.invites, [room.id]: url };
      try {
        await navigator.clipboard.writeText(url);
        announce(t('rooms.inviteCopied'));
      } catch {
        announce(t('rooms.inviteCreated', { url }));
      }
    });
  }

  private async removeRoom(room: Room) {
    if (!confirm(t('rooms.deleteConfirm', { title: room.title }))) return;
    await this.run(async () => {
      await this.session.api.deleteRoom(room.id);
      await this.load();
    }, t('rooms.deleted'));
  }

  private async schedule(room: Room, e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const iso = (v: FormDataEntryValue | null) => new Date(String(v)).toISOString();
    await this.run(async () => {
      await this.session.api.scheduleMeeting(room.id, { title: String(f.get('title')), startsAt: iso(f.get('startsAt')), endsAt: iso(f.get('endsAt')) });
      await this.loadMeetings(room);
      (e.target as HTMLFormElement).reset();
    }, t('rooms.scheduled'));
  }

  private async loadMeetings(room: Room) {
    try {
      this.meetings = { ...this.meetings, [room.id]: await this.session.api.meetings(room.id) };
    } catch {
      // not a manager of this room: no list
    }
  }

  private policyOptions(selected: WaitingRoomPolicy) {
    return POLICIES.map((p) => html`<option value=${p} ?selected=${p === selected}>${t(`rooms.waiting.${p}`)}</option>`);
  }

  override render() {
    return html`
      <h1>${t('rooms.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.creating ? this.createForm() : html`<p><button data-testid="room-create-open" @click=${() => (this.creating = true)}>${t('rooms.create')}</button></p>`}
      ${this.rooms === null ? html`<p role="status">${t('app.loading')}</p>`
        : this.rooms.length === 0 ? html`<p>${t('rooms.empty')}</p>`
        : html`<ul class="rooms" data-testid="room-list">${this.rooms.map((r) => this.roomItem(r))}</ul>`}
    `;
  }

  private createForm() {
    return html`
      <form @submit=${this.create} data-testid="room-create-form" aria-labelledby="new-room">
        <h2 id="new-room">${t('rooms.new')}</h2>
        <label for="new-title">${t('rooms.name')}</label>
        <input id="new-title" name="title" required maxlength="200" autocomplete="off" data-testid="room-title">
        <label for="new-password">${t('rooms.password')}</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" maxlength="200">
        <label for="new-waiting">${t('rooms.waitingRoom')}</label>
        <select id="new-waiting" name="waitingRoom">${this.policyOptions('guests')}</select>
        <p class="row">
          <button type="submit" data-testid="room-create-submit">${t('rooms.create')}</button>
          <button type="button" class="secondary" @click=${() => (this.creating = false)}>${t('rooms.cancel')}</button>
        </p>
      </form>`;
  }

  private roomItem(r: Room) {
    const id = r.id;
    return html`
      <li class="room" data-testid="room" data-room-id=${id}>
        <h2>${r.title}
          ${r.locked ? html`<span class="badge">${t('rooms.lockedBadge')}</span>` : nothing}
          ${r.hasPassword ? html`<span class="badge">${t('rooms.passwordSet')}</span>` : nothing}
        </h2>
        <p class="muted">${t('rooms.waitingRoom')}: ${t(`rooms.waiting.${r.waitingRoom}`)}</p>
        <div class="row">
          <a class="button" href="/r/${id}" data-testid="room-join" aria-label="${t('rooms.join')}: ${r.title}">${t('rooms.join')}</a>
          <button class="secondary" data-testid="room-invite" @click=${() => this.invite(r)} aria-label="${t('rooms.invite')}: ${r.title}">${t('rooms.invite')}</button>
          <button class="secondary" data-testid="room-edit" aria-expanded=${this.editing === id} @click=${() => (this.editing = this.editing === id ? null : id)}
            aria-label="${t('rooms.edit')}: ${r.title}">${t('rooms.edit')}</button>
          <button class="secondary" data-testid="room-delete" @click=${() => this.removeRoom(r)} aria-label="${t('rooms.delete')}: ${r.title}">${t('rooms.delete')}</button>
        </div>
        ${this.invites[id] ? html`<p class="invite">${t('rooms.inviteCreated', { url: '' })}<a href=${this.invites[id]} data-testid="room-invite-url">${this.invites[id]}</a></p>` : nothing}
        ${this.editing === id ? this.editForm(r) : nothing}
        <details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && this.loadMeetings(r)}>
          <summary>${t('rooms.details', { title: r.title })}</summary>
          <h3>${t('rooms.dialIn')}</h3>
          <p data-testid="room-dialin">${r.dialIn ? t('rooms.dialInInfo', { id: r.dialIn.conferenceId, pin: r.dialIn.pin }) : t('rooms.dialInNone')}</p>
          <h3>${t('rooms.meetings')}</h3>
          <ul>${(this.meetings[id] ?? []).map((m) => html`<li>${m.title}: ${new Date(m.startsAt).toLocaleString()} – ${new Date(m.endsAt).toLocaleString()}</li>`)}</ul>
          <form @submit=${(e: SubmitEvent) => this.schedule(r, e)}>
            <fieldset><legend>${t('rooms.schedule')}</legend>
              <label for="mt-${id}">${t('rooms.meetingTitle')}</label><input id="mt-${id}" name="title" required maxlength="200">
              <label for="ms-${id}">${t('rooms.startsAt')}</label><input id="ms-${id}" name="startsAt" type="datetime-local" required>
              <label for="me-${id}">${t('rooms.endsAt')}</label><input id="me-${id}" name="endsAt" type="datetime-local" required>
              <p><button type="submit">${t('rooms.schedule')}</button></p>
            </fieldset>
          </form>
        </details>
      </li>`;
  }

  private editForm(r: Room) {
    const id = r.id;
    return html`
      <form @submit=${(e: SubmitEvent) => this.save(r, e)} data-testid="room-edit-form">
        <fieldset><legend>${t('rooms.editTitle', { title: r.title })}</legend>
          <label for="t-${id}">${t('rooms.name')}</label>
          <input id="t-${id}" name="title" required maxlength="200" autocomplete="off" .value=${r.title}>
          <label for="p-${id}">${t('rooms.password')}</label>
          <input id="p-${id}" name="password" type="password" autocomplete="new-password" aria-describedby="ph-${id}" maxlength="200">
          <span id="ph-${id}" class="muted">${r.hasPassword ? t('rooms.passwordKeep') : ''}</span>
          ${r.hasPassword ? html`<label class="check"><input type="checkbox" name="removePassword">${t('rooms.passwordRemove')}</label>` : nothing}
          <label for="w-${id}">${t('rooms.waitingRoom')}</label>
          <select id="w-${id}" name="waitingRoom">${this.policyOptions(r.waitingRoom)}</select>
          <label class="check"><input type="checkbox" name="locked" ?checked=${r.locked} data-testid="room-locked">${t('rooms.locked')}</label>
          <p class="row"><button type="submit" data-testid="room-save">${t('rooms.save')}</button>
            <button type="button" class="secondary" @click=${() => (this.editing = null)}>${t('rooms.cancel')}</button></p>
        </fieldset>
      </form>`;
  }
}
