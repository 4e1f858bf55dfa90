// The recording indicator: as long as a plugin records, transcribes or streams the meeting, everyone sees it,
// in words and with an icon (never by colour alone). The live-region announcements come from the meeting
// state's reducer; this element is deliberately not a live region, so nothing is said twice.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { I18nController, language, t } from '../i18n/i18n';
import type { Recording } from './meeting-state';

/** "14:05" in the user's language; empty for a time the server did not send or the client cannot read. */
export function startTime(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
}

@customElement('plenum-recording-indicator')
export class RecordingIndicator extends LitElement {
  // white on #a4161a is 7.4:1, the yellow outline sets it apart from the dark meeting background as well
  static override styles = css`
    :host { display: contents; }
    div { display: contents; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
    li { display: inline-flex; align-items: center; gap: 0.4rem; padding: 0.3rem 0.7rem; border-radius: 1rem;
      background: #a4161a; color: #fff; border: 2px solid #ffbf47; font-weight: 700; }
    svg { width: 1rem; height: 1rem; flex: none; }
    .label { font-weight: 400; }
    @media (forced-colors: active) { li { border-color: CanvasText; } svg circle { fill: CanvasText; } }
  `;
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) recordings: Recording[] = [];

  override render() {
    if (this.recordings.length === 0) return nothing;
    // a labelled group around a real list: role="group" on the <ul> itself would take the list semantics away
    return html`<div role="group" aria-label=${t('recording.region')} data-testid="recording-indicator"><ul>
      ${this.recordings.map((r) => {
        const since = startTime(r.startedAt, language());
        return html`<li data-testid="recording-${r.kind}" data-recording=${r.id}>
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6" fill="#fff"/></svg>
          <span>${t(`recording.active.${r.kind}`)}</span>
          ${r.label ? html`<span class="label">· ${r.label}</span>` : nothing}
          ${since ? html`<span class="label">(${t('recording.since', { time: since })})</span>` : nothing}
        </li>`;
      })}
    </ul></div>`;
  }
}
