// From a room link (/r/<id>, logged in) or an invite (/join/<token>, guest) into the meeting:
// guest details → pre-join → ticket → signaling → waiting room or meeting → ended.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { I18nController, t, type MessageKey } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { Session } from '../auth/session';
import { ApiError, signalingUrl } from '../api/rest';
import { MeetingSession, AnnounceEvent } from '../media/media-session';
import { setDebugMeeting } from '../debug/e2e-hook';
import { announce, playCue } from '../a11y/announcer';
import type { PrejoinChoice } from './prejoin-screen';
import { errorCode } from '../media/media-session';
import './prejoin-screen';
import '../waiting/waiting-screen';
import '../meeting/meeting-view';

type Step = 'loading' | 'guest' | 'prejoin' | 'connecting' | 'waiting' | 'meeting' | 'ended' | 'invalid';

const SETTINGS_KEY = 'plenum.meeting.settings';

export function storedMeetingSettings(): { saveBandwidth: boolean } {
  try {
    return { saveBandwidth: false, ...JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') };
  } catch {
    return { saveBandwidth: false };
  }
}

@customElement('plenum-join-flow')
export class JoinFlow extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; flex: 1; }
    .page { padding: 1rem; max-width: 70rem; width: 100%; margin: 0 auto; }
  `];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) session!: Session;
  @property() roomId = '';
  @property() inviteToken = '';
  @state() private step: Step = 'loading';
  @state() private roomTitle = '';
  @state() private needsPassword = false;
  @state() private error = '';
  @state() private endKey: MessageKey = 'meeting.ended';
  @state() private meeting: MeetingSession | null = null;
  private guestName = '';
  private password = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.meeting?.leave();
    this.inMeeting(false);
  }

  private inMeeting(on: boolean) {
    this.dispatchEvent(new CustomEvent('plenum-meeting', { detail: on, bubbles: true, composed: true }));
  }

  private async start() {
    try {
      if (this.inviteToken) {
        const info = await this.session.api.inviteInfo(this.inviteToken);
        this.roomId = info.roomId;
        this.roomTitle = info.roomTitle;
        this.needsPassword = info.passwordRequired;
        this.step = 'guest';
      } else {
        const room = await this.session.api.room(this.roomId);
        this.roomTitle = room.title;
        this.needsPassword = room.hasPassword && room.ownerId !== this.session.me?.userId;
        this.step = 'prejoin';
      }
    } catch (e) {
      this.step = 'invalid';
      this.error = e instanceof ApiError && e.status === 404 ? t('join.invalid') : t('app.error', { message: (e as Error).message });
    }
  }

  private guestSubmit(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this.guestName = String(f.get('name') ?? '').trim();
    this.password = String(f.get('password') ?? '');
    this.step = 'prejoin';
  }

  private async join(choice: PrejoinChoice) {
    this.step = 'connecting';
    this.error = '';
    try {
      const guest = !!this.inviteToken;
      const ticket = await this.session.api.ticket(this.roomId, guest
        ? { inviteToken: this.inviteToken, displayName: this.guestName, ...(this.password ? { password: this.password } : {}) }
        : this.password ? { password: this.password } : {}, guest);
      const settings = storedMeetingSettings();
      const m = new MeetingSession({
        signalingUrl: signalingUrl(ticket.signalingPath), micOn: choice.micOn, camOn: choice.camOn, audioOnly: choice.audioOnly,
        saveBandwidth: settings.saveBandwidth, devices: choice.devices, tracks: choice.tracks,
      });
      m.addEventListener('announce', (ev) => {
        const a = (ev as AnnounceEvent).announcement;
        announce(t(a.key, a.params), { assertive: a.assertive });
        if (a.sound) playCue(a.sound);
      });
      m.addEventListener('change', () => this.follow(m));
      this.meeting = m;
      setDebugMeeting(m);
      const first = await m.join(ticket.ticket);
      this.follow(m);
      if (first.type === 'waiting') announce(t('waiting.text', { room: this.roomTitle }));
    } catch (e) {
      for (const tr of [choice.tracks.audio, choice.tracks.video]) tr?.stop();
      this.meeting = null;
      // a fresh pre-join screen (it handed its tracks over), or the guest form for a new name/password
      this.step = 'loading';
      await this.updateComplete;
      this.step = this.inviteToken ? 'guest' : 'prejoin';
      const code = e instanceof ApiError ? e.code : errorCode(e);
      const known = `error.${code}` as MessageKey;
      this.error = t(known) !== known ? t(known) : t('app.error', { message: (e as Error).message });
    }
  }

  private follow(m: MeetingSession) {
    const was = this.step;
    if (m.connection === 'waiting') this.step = 'waiting';
    else if (m.connection === 'joined' || m.connection === 'reconnecting') this.step = 'meeting';
    else if (m.connection === 'closed') {
      this.step = 'ended';
      const code = m.closeInfo?.code ?? '';
      this.endKey = ({
        left: 'meeting.left', room_closed: 'meeting.ended', kicked: 'meeting.removed', banned: 'meeting.banned', rejected: 'waiting.rejected',
        room_locked: 'error.room_locked', resume_failed: 'meeting.connectionLost', connection_lost: 'meeting.connectionLost',
      } as Record<string, MessageKey>)[code] ?? 'meeting.closed';
      if (was !== 'ended') announce(t(this.endKey, { reason: code }), { assertive: true });
    }
    this.inMeeting(this.step === 'meeting');
    if (this.step === 'waiting') this.requestUpdate(); // the waiting screen shows what is recorded, as it changes
  }

  override render() {
    switch (this.step) {
      case 'loading':
        return html`<p class="page" role="status">${t('app.loading')}</p>`;
      case 'invalid':
        return html`<div class="page"><h1>${t('app.name')}</h1><p class="error" role="alert" data-testid="join-invalid">${this.error}</p></div>`;
      case 'guest':
        return html`<div class="page">
          <h1>${t('join.title', { room: this.roomTitle })}</h1>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <form @submit=${this.guestSubmit} data-testid="guest-form">
            <label for="guest-name">${t('join.name')}</label>
            <input id="guest-name" name="name" required maxlength="100" autocomplete="name" .value=${this.guestName} data-testid="guest-name">
            ${this.needsPassword ? html`<label for="guest-pw">${t('join.roomPassword')}</label>
              <input id="guest-pw" name="password" type="password" required data-testid="guest-password">` : nothing}
            <p><button type="submit" data-testid="guest-continue">${t('join.continue')}</button></p>
          </form></div>`;
      case 'prejoin':
      case 'connecting':
        return html`<div class="page">
          ${this.error ? html`<p class="error" role="alert" data-testid="join-error">${this.error}</p>` : nothing}
          ${this.needsPassword && !this.inviteToken ? html`<label for="room-pw">${t('join.roomPassword')}</label>
            <input id="room-pw" type="password" @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}>` : nothing}
          <plenum-prejoin .roomTitle=${this.roomTitle} ?busy=${this.step === 'connecting'} @join=${(e: CustomEvent<PrejoinChoice>) => this.join(e.detail)}></plenum-prejoin>
        </div>`;
      case 'waiting':
        return html`<plenum-waiting-screen .roomTitle=${this.roomTitle} .recordings=${this.meeting?.state.recordings ?? []} @leave=${() => this.meeting?.leave()}></plenum-waiting-screen>`;
      case 'meeting':
        return html`<plenum-meeting .meeting=${this.meeting} .session=${this.session}></plenum-meeting>`;
      case 'ended':
        return html`<div class="page">
          <h1 data-testid="meeting-ended">${t(this.endKey, { reason: this.meeting?.closeInfo?.code ?? '' })}</h1>
          <p class="row">
            ${['left', 'room_closed', 'resume_failed', 'connection_lost', 'closed'].includes(this.meeting?.closeInfo?.code ?? '')
              ? html`<button data-testid="rejoin" @click=${() => { this.meeting = null; this.step = this.inviteToken ? 'guest' : 'prejoin'; }}>${t('meeting.rejoin')}</button>` : nothing}
            ${this.session.me ? html`<a class="button secondary" href="/rooms">${t('app.toRooms')}</a>` : nothing}
          </p></div>`;
    }
  }
}
