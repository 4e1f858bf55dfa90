// Test fixture "recorder": two toolbar buttons for moderators that start and stop a (declared, never made) recording.
// The recording indicator itself belongs to the web client: this plugin only asks the host to show it.
import { LitElement, html, css, nothing } from 'lit';

const MESSAGES = {
  en: { start: 'Start test recording', stop: 'Stop test recording' },
  de: { start: 'Testaufnahme starten', stop: 'Testaufnahme beenden' },
};

class RecorderButton extends LitElement {
  static properties = { plenum: { attribute: false } };
  static styles = css`
    :host { display: inline-flex; gap: 0.5rem; }
    :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
    button { font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.5rem 1rem; min-height: 2.75rem;
      border: 2px solid var(--pl-primary, #0b4f8a); background: transparent; color: var(--pl-primary, #0b4f8a); }
  `;

  connectedCallback() {
    super.connectedCallback();
    this._off = this.plenum?.onChange(() => this.requestUpdate());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._off?.();
  }

  // both buttons, always: the module refuses a second start, and the client needs no state that could go stale when
  // the plugin is disabled and enabled again (the recording indicator is the web client's, not this plugin's)
  render() {
    if (!this.plenum || this.plenum.user().role !== 'moderator') return nothing;
    const t = this.plenum.t;
    return html`<button data-testid="recorder-start" @click=${() => this.plenum.send('start').catch(() => {})}>${t('start')}</button>
      <button data-testid="recorder-stop" @click=${() => this.plenum.send('stop').catch(() => {})}>${t('stop')}</button>`;
  }
}

export function activate(host) {
  host.messages(MESSAGES);
}

if (!customElements.get('recorder-button')) customElements.define('recorder-button', RecorderButton);
