// Pre-join: camera and microphone choice with a live preview and a level meter, join muted, camera off, audio only.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import { LevelMeter, listDevices, openCamera, openMicrophone, storeDevices, storedDevices, type DeviceChoice } from '../media/devices';

export interface PrejoinChoice {
  micOn: boolean;
  camOn: boolean;
  audioOnly: boolean;
  devices: DeviceChoice;
  tracks: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null };
}

@customElement('plenum-prejoin')
export class PrejoinScreen extends LitElement {
  static override styles = [baseStyles, css`
    .layout { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
    @media (max-width: 50rem) { .layout { grid-template-columns: 1fr; } }
    video { width: 100%; aspect-ratio: 16 / 9; background: #000; border-radius: var(--pl-radius); transform: scaleX(-1); }
    .off { display: grid; place-items: center; aspect-ratio: 16 / 9; background: var(--pl-surface); border-radius: var(--pl-radius); }
    meter { width: 100%; max-width: 32rem; height: 1.25rem; }
  `];
  protected readonly i18n = new I18nController(this);
  @property() roomTitle = '';
  @property({ type: Boolean }) busy = false;
  @state() private cameras: MediaDeviceInfo[] = [];
  @state() private microphones: MediaDeviceInfo[] = [];
  @state() private choice: DeviceChoice = storedDevices();
  @state() private micOn = true;
  @state() private camOn = true;
  @state() private audioOnly = false;
  @state() private level = 0;
  @state() private error = '';
  @state() private preview: MediaStream | null = null;
  private video: MediaStreamTrack | null = null;
  private audio: MediaStreamTrack | null = null;
  private meter: LevelMeter | null = null;
  private raf = 0;
  private handedOver = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.raf);
    this.meter?.close();
    if (!this.handedOver) {
      this.video?.stop();
      this.audio?.stop();
    }
  }

  private async open() {
    this.error = '';
    try {
      await this.openAudio();
      if (this.camOn && !this.audioOnly) await this.openVideo();
      const d = await listDevices();
      this.cameras = d.cameras;
      this.microphones = d.microphones;
    } catch (e) {
      this.error = t('prejoin.deviceError', { message: (e as Error).message });
    }
  }

  private async openAudio() {
    this.audio?.stop();
    this.meter?.close();
    cancelAnimationFrame(this.raf);
    const audio = await openMicrophone(this.choice.microphoneId);
    if (this.handedOver) {
      audio.stop(); // joined meanwhile: the meeting opens its own
      return;
    }
    this.audio = audio;
    this.meter = new LevelMeter(this.audio);
    const tick = () => {
      this.level = Math.round((this.meter?.level() ?? 0) * 100) / 100;
      this.raf = requestAnimationFrame(tick);
    };
    tick();
  }

  private async openVideo() {
    this.video?.stop();
    const video = await openCamera(this.choice.cameraId);
    if (this.handedOver) {
      video.stop(); // joined meanwhile: the meeting opens its own
      return;
    }
    this.video = video;
    this.preview = new MediaStream([video]);
  }

  private async pick(kind: 'camera' | 'microphone', id: string) {
    this.choice = kind === 'camera' ? { ...this.choice, cameraId: id || null } : { ...this.choice, microphoneId: id || null };
    storeDevices(this.choice);
    try {
      if (kind === 'camera' && this.camOn) await this.openVideo();
      if (kind === 'microphone') await this.openAudio();
    } catch (e) {
      this.error = t('prejoin.deviceError', { message: (e as Error).message });
    }
  }

  private async setCamera(on: boolean) {
    this.camOn = on;
    if (!on || this.audioOnly) {
      this.video?.stop();
      this.video = null;
      this.preview = null;
    } else {
      await this.openVideo().catch((e) => (this.error = t('prejoin.deviceError', { message: e.message })));
    }
  }

  private join(e: Event) {
    e.preventDefault();
    this.handedOver = true;
    // the wish counts, not whether the preview is open yet: without a track the meeting opens the camera itself
    const camOn = this.camOn && !this.audioOnly;
    if (!camOn) this.video?.stop();
    this.dispatchEvent(new CustomEvent<PrejoinChoice>('join', {
      detail: { micOn: this.micOn, camOn, audioOnly: this.audioOnly, devices: this.choice, tracks: { audio: this.audio, video: camOn ? this.video : null } },
    }));
  }

  override render() {
    const showVideo = this.camOn && !this.audioOnly && this.preview;
    return html`
      <h1>${t('prejoin.title')}</h1>
      ${this.roomTitle ? html`<p>${t('prejoin.room', { room: this.roomTitle })}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="prejoin-error">${this.error}</p>` : nothing}
      <div class="layout">
        <div>
          ${showVideo ? html`<video autoplay muted playsinline .srcObject=${this.preview} aria-label=${t('prejoin.preview')} data-testid="prejoin-preview"></video>`
            : html`<div class="off" role="img" aria-label=${t('prejoin.noPreview')}>${t('prejoin.noPreview')}</div>`}
          <label for="level">${t('prejoin.level')}</label>
          <meter id="level" min="0" max="1" low="0.1" high="0.8" optimum="0.5" .value=${this.level} data-testid="prejoin-level"></meter>
        </div>
        <form @submit=${this.join}>
          <label for="cam">${t('prejoin.camera')}</label>
          <select id="cam" data-testid="prejoin-camera" @change=${(e: Event) => this.pick('camera', (e.target as HTMLSelectElement).value)}>
            ${this.cameras.map((c, i) => html`<option value=${c.deviceId} ?selected=${c.deviceId === this.choice.cameraId}>${c.label || `${t('prejoin.camera')} ${i + 1}`}</option>`)}
          </select>
          <label for="mic">${t('prejoin.microphone')}</label>
          <select id="mic" data-testid="prejoin-microphone" @change=${(e: Event) => this.pick('microphone', (e.target as HTMLSelectElement).value)}>
            ${this.microphones.map((m, i) => html`<option value=${m.deviceId} ?selected=${m.deviceId === this.choice.microphoneId}>${m.label || `${t('prejoin.microphone')} ${i + 1}`}</option>`)}
          </select>
          <label class="check"><input type="checkbox" data-testid="prejoin-muted" .checked=${!this.micOn} @change=${(e: Event) => (this.micOn = !(e.target as HTMLInputElement).checked)}>${t('prejoin.joinMuted')}</label>
          <label class="check"><input type="checkbox" data-testid="prejoin-camera-off" .checked=${!this.camOn} @change=${(e: Event) => this.setCamera(!(e.target as HTMLInputElement).checked)}>${t('prejoin.cameraOff')}</label>
          <label class="check"><input type="checkbox" data-testid="prejoin-audio-only" .checked=${this.audioOnly} @change=${(e: Event) => {
            this.audioOnly = (e.target as HTMLInputElement).checked;
            void this.setCamera(this.camOn);
          }}>${t('prejoin.audioOnly')}</label>
          <p><button type="submit" data-testid="prejoin-join" ?disabled=${this.busy}>${this.busy ? t('prejoin.joining') : t('prejoin.join')}</button></p>
        </form>
      </div>`;
  }
}
