// Everyone in the meeting (always visible to all, BSI), raised hands first, and for moderators: the waiting
// room (admit/reject) and actions per person (mute, remove, ban, promote/demote, lower hand).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { Participant, WaitingPerson } from './meeting-state';

export interface ModerationDetail { action: string; participantId?: string }

@customElement('plenum-participants-panel')
export class ParticipantsPanel extends LitElement {
  static override styles = [baseStyles, css`
    ul { list-style: none; padding: 0; margin: 0 0 1rem; }
    li { padding: 0.5rem 0; border-bottom: 1px solid var(--pl-border); }
    .who { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    .name { font-weight: 600; }
    .tag { font-size: 0.85rem; border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.5rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.35rem; margin-top: 0.35rem; }
    .actions button { min-height: 2.25rem; padding: 0.2rem 0.6rem; font-size: 0.9rem; }
    section.waiting { border: 2px solid var(--pl-speaker); border-radius: var(--pl-radius); padding: 0.5rem; margin-bottom: 1rem; }
  `];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) participants: Participant[] = [];
  @property({ attribute: false }) waiting: WaitingPerson[] = [];
  @property() self = '';
  @property({ type: Boolean }) moderator = false;

  private act(action: string, p?: { id: string; displayName: string }, confirmKey?: 'participants.banConfirm') {
    if (confirmKey && p && !confirm(t(confirmKey, { name: p.displayName }))) return;
    this.dispatchEvent(new CustomEvent<ModerationDetail>('moderate', { detail: { action, participantId: p?.id } }));
  }

  override render() {
    const sorted = [...this.participants].sort((a, b) => Number(b.handRaised) - Number(a.handRaised) || (a.handRaisedAt ?? '').localeCompare(b.handRaisedAt ?? ''));
    return html`
      ${this.moderator && this.waiting.length ? html`
        <section class="waiting" aria-labelledby="waiting-h" data-testid="waiting-list">
          <h3 id="waiting-h">${t('participants.waiting', { count: this.waiting.length })}</h3>
          <ul>${this.waiting.map((w) => html`<li data-testid="waiting-person" data-participant-id=${w.id}>
            <div class="who"><span class="name">${w.displayName}</span>${w.guest ? html`<span class="tag">${t('participants.guest')}</span>` : nothing}</div>
            <div class="actions">
              <button data-testid="admit" @click=${() => this.act('admit', w)}>${t('participants.admit', { name: w.displayName })}</button>
              <button class="secondary" data-testid="reject" @click=${() => this.act('reject', w)}>${t('participants.reject', { name: w.displayName })}</button>
            </div></li>`)}</ul>
        </section>` : nothing}
      ${this.moderator && this.participants.some((p) => p.handRaised)
        ? html`<p><button class="secondary" @click=${() => this.act('lower_all')}>${t('participants.lowerAll')}</button></p>` : nothing}
      <ul data-testid="participant-list">
        ${sorted.map((p) => this.item(p))}
      </ul>`;
  }

  private item(p: Participant) {
    const me = p.id === this.self;
    return html`<li data-testid="participant" data-participant-id=${p.id}>
      <div class="who">
        <span class="name">${me ? t('meeting.you', { name: p.displayName }) : p.displayName}</span>
        ${p.role === 'moderator' ? html`<span class="tag">${t('participants.moderator')}</span>` : nothing}
        ${p.guest ? html`<span class="tag">${t('participants.guest')}</span>` : nothing}
        ${p.handRaised ? html`<span role="img" data-testid="participant-hand" aria-label=${t('meeting.handUp')}>✋</span>` : nothing}
        ${p.muted ? html`<span role="img" data-testid="participant-muted" aria-label=${p.mutedBy ? t('meeting.mutedBy') : t('meeting.muted')}>🔇</span>` : nothing}
        ${!p.connected ? html`<span class="muted">${t('meeting.disconnected')}</span>` : nothing}
      </div>
      <div class="actions" role="group" aria-label=${t('participants.actions', { name: p.displayName })}>
        ${!me ? html`<button class="secondary" data-testid="message" @click=${() => this.act('message', p)}>${t('participants.message', { name: p.displayName })}</button>` : nothing}
        ${this.moderator && !me ? html`
          ${!p.muted ? html`<button class="secondary" data-testid="mute" @click=${() => this.act('mute', p)}>${t('participants.mute', { name: p.displayName })}</button>` : nothing}
          ${p.handRaised ? html`<button class="secondary" @click=${() => this.act('lower_hand', p)}>${t('participants.lowerHand', { name: p.displayName })}</button>` : nothing}
          ${p.role === 'moderator'
            ? html`<button class="secondary" data-testid="demote" @click=${() => this.act('demote', p)}>${t('participants.demote', { name: p.displayName })}</button>`
            : html`<button class="secondary" data-testid="promote" @click=${() => this.act('promote', p)}>${t('participants.promote', { name: p.displayName })}</button>`}
          <button class="secondary" data-testid="kick" @click=${() => this.act('kick', p)}>${t('participants.remove', { name: p.displayName })}</button>
          <button class="danger" data-testid="ban" @click=${() => this.act('ban', p, 'participants.banConfirm')}>${t('participants.ban', { name: p.displayName })}</button>` : nothing}
      </div>
    </li>`;
  }
}
