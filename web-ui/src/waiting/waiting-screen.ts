// The guest's waiting screen: what is happening, and a way out.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { Recording } from '../meeting/meeting-state';
import '../meeting/recording-indicator';

@customElement('plenum-waiting-screen')
export class WaitingScreen extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; text-align: center; padding: 3rem 1rem; }
    .pulse { width: 4rem; height: 4rem; margin: 0 auto 1.5rem; border-radius: 50%; background: var(--pl-primary); animation: pulse 2s ease-in-out infinite; }
    .recording { display: flex; flex-direction: column; align-items: center; margin: 1rem 0; }
    @keyframes pulse { 0%, 100% { opacity: 0.4; transform: scale(0.9); } 50% { opacity: 1; transform: scale(1); } }
  `];
  protected readonly i18n = new I18nController(this);
  @property() roomTitle = '';
  /** What is recorded in the room: people should know before they are let in. */
  @property({ attribute: false }) recordings: Recording[] = [];

  override render() {
    return html`
      <div class="pulse" aria-hidden="true"></div>
      <h1 tabindex="-1" id="waiting-title">${t('waiting.title')}</h1>
      <p role="status" data-testid="waiting-text">${t('waiting.text', { room: this.roomTitle })}</p>
      ${this.recordings.length ? html`<div class="recording" data-testid="waiting-recording">
        <plenum-recording-indicator .recordings=${this.recordings}></plenum-recording-indicator>
        <p>${t('recording.waiting')}</p></div>` : nothing}
      <button class="secondary" data-testid="waiting-leave" @click=${() => this.dispatchEvent(new Event('leave'))}>${t('waiting.leave')}</button>`;
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('#waiting-title')?.focus();
  }
}
