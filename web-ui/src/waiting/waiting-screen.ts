// The guest's waiting screen: what is happening, and a way out.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';

@customElement('plenum-waiting-screen')
export class WaitingScreen extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; text-align: center; padding: 3rem 1rem; }
    .pulse { width: 4rem; height: 4rem; margin: 0 auto 1.5rem; border-radius: 50%; background: var(--pl-primary); animation: pulse 2s ease-in-out infinite; }
    @keyframes pulse { 0%, 100% { opacity: 0.4; transform: scale(0.9); } 50% { opacity: 1; transform: scale(1); } }
  `];
  protected readonly i18n = new I18nController(this);
  @property() roomTitle = '';

  override render() {
    return html`
      <div class="pulse" aria-hidden="true"></div>
      <h1 tabindex="-1" id="waiting-title">${t('waiting.title')}</h1>
      <p role="status" data-testid="waiting-text">${t('waiting.text', { room: this.roomTitle })}</p>
      <button class="secondary" data-testid="waiting-leave" @click=${() => this.dispatchEvent(new Event('leave'))}>${t('waiting.leave')}</button>`;
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLElement>('#waiting-title')?.focus();
  }
}
