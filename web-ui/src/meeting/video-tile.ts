// One video: a participant's camera or screen, or their name when there is no video. Reports whether it is on
// screen and how large (IntersectionObserver, ResizeObserver), so the meeting can send media/view hints.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { Participant } from './meeting-state';

export interface TileViewDetail { visible: boolean; width: number; height: number }

@customElement('plenum-video-tile')
export class VideoTile extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; position: relative; background: var(--pl-meeting-surface); border-radius: var(--pl-radius); overflow: hidden;
      aspect-ratio: 16 / 9; border: 3px solid transparent; color: var(--pl-meeting-fg); }
    :host([speaking]) { border-color: var(--pl-speaker); }
    figure { margin: 0; height: 100%; }
    video { width: 100%; height: 100%; object-fit: cover; display: block; background: #000; }
    video.screen { object-fit: contain; }
    video.mirror { transform: scaleX(-1); }
    .name-only { display: grid; place-items: center; height: 100%; font-size: 1.5rem; padding: 1rem; text-align: center; }
    .bar { position: absolute; left: 0; right: 0; bottom: 0; display: flex; align-items: center; gap: 0.4rem; padding: 0.25rem 0.5rem;
      background: rgba(0, 0, 0, 0.72); color: #fff; font-size: 0.95rem; }
    .bar .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .icon { font-weight: 700; }
    button.pin { position: absolute; top: 0.35rem; right: 0.35rem; min-height: 2.25rem; padding: 0.2rem 0.6rem; background: rgba(0,0,0,0.72);
      border-color: #fff; color: #fff; }
    .badges { position: absolute; top: 0.35rem; left: 0.35rem; display: flex; gap: 0.25rem; }
  `];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) stream: MediaStream | null = null;
  @property({ attribute: false }) participant: Participant | null = null;
  @property() source: 'camera' | 'screen' = 'camera';
  @property({ type: Boolean }) self = false;
  @property({ type: Boolean, reflect: true }) speaking = false;
  @property({ type: Boolean }) pinned = false;
  @property({ type: Boolean }) audioOnly = false;
  private io: IntersectionObserver | null = null;
  private ro: ResizeObserver | null = null;
  private visible = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof IntersectionObserver !== 'undefined') {
      this.io = new IntersectionObserver((entries) => {
        this.visible = entries.some((e) => e.isIntersecting);
        this.report();
        const v = this.renderRoot.querySelector('video');
        if (v) (this.visible ? v.play().catch(() => {}) : v.pause()); // off-screen tiles paused
      });
      this.io.observe(this);
    }
    if (typeof ResizeObserver !== 'undefined') {
      this.ro = new ResizeObserver(() => this.report());
      this.ro.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.io?.disconnect();
    this.ro?.disconnect();
  }

  /** An element given another participant or source reports again: its earlier report was about another video. */
  private reported = '';
  protected override updated(): void {
    const key = `${this.participant?.id ?? ''}/${this.source}`;
    if (key !== this.reported && this.isConnected && (this.io || this.ro)) this.report();
  }

  private report() {
    this.reported = `${this.participant?.id ?? ''}/${this.source}`;
    const r = this.getBoundingClientRect();
    this.dispatchEvent(new CustomEvent<TileViewDetail>('tile-view', { detail: { visible: this.visible, width: r.width, height: r.height }, bubbles: true, composed: true }));
  }

  override render() {
    const p = this.participant;
    const name = p ? (this.self ? t('meeting.you', { name: p.displayName }) : p.displayName) : '';
    const label = this.source === 'screen' ? t('meeting.screenOf', { name }) : name;
    const hasVideo = !!this.stream && this.stream.getVideoTracks().length > 0 && !(this.source === 'camera' && p?.videoMuted && !this.self);
    return html`
      <figure aria-label=${label} data-testid=${this.self ? (this.source === 'screen' ? 'tile-self-screen' : 'tile-self') : `tile-${this.source}`}
        data-participant-id=${p?.id ?? ''}>
        ${hasVideo ? html`<video autoplay playsinline muted .srcObject=${this.stream} class=${classMap({ mirror: this.self && this.source === 'camera', screen: this.source === 'screen' })}
          aria-hidden="true"></video>` : html`<div class="name-only" aria-hidden="true">${this.audioOnly && !this.self ? t('meeting.audioOnlyTile') : p?.displayName ?? ''}</div>`}
        <div class="badges"><slot name="badges"></slot></div>
        <figcaption class="bar">
          <span class="name">${label}</span>
          ${this.source === 'camera' && p ? html`
            ${p.handRaised ? html`<span class="icon" role="img" aria-label=${t('meeting.handUp')} title=${t('meeting.handUp')}>✋</span>` : nothing}
            ${p.muted ? html`<span class="icon" role="img" aria-label=${p.mutedBy ? t('meeting.mutedBy') : t('meeting.muted')}
              title=${p.mutedBy ? t('meeting.mutedBy') : t('meeting.muted')} data-testid="tile-muted">🔇</span>` : nothing}
            ${this.speaking ? html`<span class="visually-hidden">${t('meeting.speaking')}</span>` : nothing}
            ${!p.connected ? html`<span>${t('meeting.disconnected')}</span>` : nothing}
            ${p.quality !== undefined && p.quality <= 2 ? html`<span role="img" aria-label=${t('meeting.quality', { score: p.quality })}>📶${p.quality}</span>` : nothing}` : nothing}
        </figcaption>
        ${p ? html`<button class="pin" aria-pressed=${this.pinned} data-testid="tile-pin"
          @click=${() => this.dispatchEvent(new CustomEvent('pin', { bubbles: true, composed: true }))}>
          ${this.pinned ? t('meeting.unpin', { name: label }) : t('meeting.pin', { name: label })}</button>` : nothing}
      </figure>`;
  }
}
