// Test fixture "recorder": one toolbar button for moderators that starts or stops a (declared, never made) recording.
// The recording indicator itself belongs to the web client: this plugin only asks the host to show it.
import { LitElement, html, css, nothing } from 'lit';

const MESSAGES = {
  en: { start: 'Start test recording', stop: 'Stop test recording' },
  de: { start: 'Testaufnahme starten', stop: 'Testaufnahme beenden' },
};

class RecorderButton extends LitElement {
  static properties = { plenum: { attribute: false }, recording: { state: true } };
  static styles = css`
    :focus-visible { outline: 3px solid var(--pl-focus, #0b4f8a); outline-offset: 2px; }
    button { font: inherit; cursor: pointer; border-radius: var(--pl-radius, 6px); padding: 0.5rem 1rem; min-height: 2.75rem;
      border: 2px solid var(--pl-primary, #0b4f8a); background: transparent; color: var(--pl-primary, #0b4f8a); }
  `;

  connectedCallback() {
    super.connectedCallback();
    if (!this.plenum) return;
    this.recording ??= !!this.plenum.joinData?.recording;
    this._off = [
      this.plenum.onMessage((type, body) => { if (type === 'state') this.recording = !!body.recording; }),
      this.plenum.onChange(() => this.requestUpdate()),
    ];
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const off of this._off ?? []) off();
  }

  render() {
    if (!this.plenum || this.plenum.user().role !== 'moderator') return nothing;
    const t = this.plenum.t;
    return this.recording
      ? html`<button data-testid="recorder-stop" @click=${() => this.plenum.send('stop').catch(() => {})}>${t('stop')}</button>`
      : html`<button data-testid="recorder-start" @click=${() => this.plenum.send('start').catch(() => {})}>${t('start')}</button>`;
  }
}

export function activate(host) {
  host.messages(MESSAGES);
}

if (!customElements.get('recorder-button')) customElements.define('recorder-button', RecorderButton);
