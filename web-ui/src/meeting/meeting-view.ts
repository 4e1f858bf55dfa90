// The meeting: videos (grid or speaker layout, pinning, dominant speaker), controls, side panels (chat,
// participants, settings, plugin panels), moderator controls, connection quality, reconnect banner,
// keyboard shortcuts, and the plugin slots.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { I18nController, LANGUAGES, language, setLanguage, t, type Language } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { MeetingSession } from '../media/media-session';
import type { Session } from '../auth/session';
import { isModerator, selfOf, type Participant } from './meeting-state';
import { SHORTCUTS, shortcutFor, type ShortcutAction } from '../a11y/shortcuts';
import { announce } from '../a11y/announcer';
import { PluginLoader, type LoadedPlugin } from '../plugins/plugin-loader';
import type { ModerationDetail } from './participants-panel';
import type { ChatPanel, ChatSendDetail } from '../chat/chat-panel';
import type { TileViewDetail } from './video-tile';
import type { UiSlot } from '../api/types';
import { storeDevices, listDevices } from '../media/devices';
import './video-tile';
import './participants-panel';
import '../chat/chat-panel';

type Panel = 'chat' | 'participants' | 'settings' | `plugin:${string}` | null;
type Layout = 'grid' | 'speaker';

interface Tile { key: string; participant: Participant; source: 'camera' | 'screen'; stream: MediaStream | null; self: boolean }

@customElement('plenum-meeting')
export class MeetingView extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; flex: 1; min-height: 100vh; background: var(--pl-meeting-bg); color: var(--pl-meeting-fg);
      --pl-fg: var(--pl-meeting-fg); --pl-bg: var(--pl-meeting-bg); --pl-surface: var(--pl-meeting-surface); --pl-focus: #ffbf47;
      --pl-primary: #7cb7f0; --pl-primary-fg: #0b1420; --pl-border: #8b949e; --pl-muted: #c3c9d1; --pl-danger: #ff8a8a;
      --pl-danger-fg: #1b0000; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; padding: 0.5rem 1rem; }
    header h1 { font-size: 1.2rem; margin: 0; margin-right: auto; }
    .banner { padding: 0.6rem 1rem; background: #5c3c00; color: #fff; font-weight: 600; }
    .body { flex: 1; display: flex; min-height: 0; }
    section.stage { flex: 1; padding: 0.5rem; overflow: auto; min-width: 0; }
    .grid { display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr)); }
    .grid .pinned { grid-column: span 2; grid-row: span 2; }
    .speaker { display: flex; flex-direction: column; gap: 0.5rem; height: 100%; }
    .speaker .main { flex: 1; display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); align-content: start; }
    .speaker .strip { display: flex; gap: 0.5rem; overflow-x: auto; }
    .speaker .strip plenum-video-tile { flex: 0 0 12rem; }
    aside { width: min(24rem, 100%); border-left: 1px solid var(--pl-border); padding: 0.75rem; overflow-y: auto; display: flex; flex-direction: column; }
    aside header { padding: 0; margin-bottom: 0.5rem; }
    aside h2 { margin: 0; margin-right: auto; font-size: 1.15rem; }
    @media (max-width: 48rem) { .body { flex-direction: column; } aside { width: 100%; border-left: 0; border-top: 1px solid var(--pl-border); } }
    .controls { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.5rem; padding: 0.5rem; border-top: 1px solid var(--pl-border); }
    .controls button[aria-pressed='true'] { background: var(--pl-primary); color: var(--pl-primary-fg); }
    .controls button.off { background: transparent; color: var(--pl-meeting-fg); border-color: var(--pl-danger); }
    .controls .leave { background: var(--pl-danger); border-color: var(--pl-danger); color: var(--pl-danger-fg); }
    .count { display: inline-block; min-width: 1.5rem; padding: 0 0.35rem; border-radius: 1rem; background: var(--pl-speaker); color: #000; font-weight: 700; }
    .quality { font-size: 0.95rem; }
    .notifications { position: fixed; right: 1rem; top: 4rem; display: flex; flex-direction: column; gap: 0.5rem; z-index: 5; max-width: 22rem; }
    dialog { background: var(--pl-meeting-surface); color: var(--pl-meeting-fg); border: 2px solid var(--pl-border); border-radius: var(--pl-radius); max-width: 32rem; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0.35rem 1rem; }
    dt { font-family: monospace; font-weight: 700; }
    .audio { display: none; }
  `];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) meeting!: MeetingSession;
  @property({ attribute: false }) session!: Session;
  @state() private panel: Panel = null;
  @state() private layout: Layout = 'grid';
  @state() private pinned = new Set<string>();
  @state() private chatTo = '';
  @state() private cameras: MediaDeviceInfo[] = [];
  @state() private microphones: MediaDeviceInfo[] = [];
  private wasReconnecting = false;
  private loader!: PluginLoader;
  private readonly pluginElements = new Map<string, HTMLElement>();
  private readonly changeListeners = new Set<() => void>();
  private onChange = () => {
    this.requestUpdate();
    for (const l of [...this.changeListeners]) l();
    if (this.meeting.connection === 'reconnecting') this.wasReconnecting = true;
    else if (this.wasReconnecting && this.meeting.connection === 'joined') {
      this.wasReconnecting = false;
      announce(t('meeting.reconnected'));
    }
    void this.loader.sync(this.meeting.state.plugins).then(() => this.requestUpdate());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.loader = new PluginLoader({
      state: () => this.meeting.state,
      request: (ns, type, body, opts) => this.meeting.request(ns, type, body, opts),
      onPluginFrame: (l) => this.meeting.onPluginFrame(l),
      onChange: (l) => {
        this.changeListeners.add(l);
        return () => this.changeListeners.delete(l);
      },
      announce: (text, assertive) => announce(text, { assertive }),
      setPanel: (id) => this.openPanel(id ? `plugin:${id}` : null),
      get: (path) => this.session.api.getRaw(path),
    }, (id) => this.session.api.pluginUi(id));
    this.meeting.addEventListener('change', this.onChange);
    window.addEventListener('keydown', this.onKey);
    void this.loader.sync(this.meeting.state.plugins).then(() => this.requestUpdate());
  }

  protected override updated(): void {
    // tiles that went away (a share ended, someone left) must not stay in the view hints as visible
    this.meeting.retainTiles(new Set(this.tiles().filter((x) => !x.self).map((x) => x.key)));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.meeting.removeEventListener('change', this.onChange);
    window.removeEventListener('keydown', this.onKey);
  }

  private onKey = (e: KeyboardEvent) => {
    const action = shortcutFor(e);
    if (!action) return;
    e.preventDefault();
    this.run(action);
  };

  private run(action: ShortcutAction) {
    switch (action) {
      case 'mic': void this.meeting.toggleMic(); break;
      case 'cam': void this.meeting.toggleCamera(); break;
      case 'hand': void this.meeting.toggleHand(); break;
      case 'chat': this.openPanel(this.panel === 'chat' ? null : 'chat'); break;
      case 'participants': this.openPanel(this.panel === 'participants' ? null : 'participants'); break;
      case 'help': this.renderRoot.querySelector<HTMLDialogElement>('#shortcuts')?.showModal(); break;
    }
  }

  private openPanel(p: Panel) {
    const opener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.panel = p;
    this.meeting.setChatOpen(p === 'chat');
    if (p === 'settings') void listDevices().then((d) => { this.cameras = d.cameras; this.microphones = d.microphones; }).catch(() => {});
    void this.updateComplete.then(() => {
      if (p) this.renderRoot.querySelector<HTMLElement>('aside h2')?.focus();
      else opener?.focus();
    });
  }

  private async moderate(d: ModerationDetail) {
    try {
      if (d.action === 'message') {
        this.chatTo = d.participantId ?? '';
        this.openPanel('chat');
        return;
      }
      if (d.action === 'lower_hand') await this.meeting.request('hand', 'lower', { participantId: d.participantId });
      else if (d.action === 'lower_all') await this.meeting.request('hand', 'lower_all');
      else await this.meeting.moderate(d.action, d.participantId);
    } catch (e) {
      announce(t('app.error', { message: (e as Error).message }), { assertive: true });
    }
  }

  private async sendChat(d: ChatSendDetail) {
    try {
      await this.meeting.sendChat(d.text, d.to);
    } catch (e) {
      this.renderRoot.querySelector<ChatPanel>('plenum-chat-panel')?.showError((e as Error).message);
    }
  }

  private togglePin(key: string) {
    const next = new Set(this.pinned);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.pinned = next;
  }

  private tiles(): Tile[] {
    const m = this.meeting;
    const s = m.state;
    const out: Tile[] = [];
    for (const p of s.participants) {
      const self = p.id === s.self;
      out.push({ key: `${p.id}/camera`, participant: p, source: 'camera', self,
        stream: self ? (m.camOn ? m.localCamera : null) : m.remote.get(`${p.id}/camera`) ?? null });
      const screen = self ? m.localScreen : m.remote.get(`${p.id}/screen`) ?? null;
      if (screen) out.push({ key: `${p.id}/screen`, participant: p, source: 'screen', self, stream: screen });
    }
    return out;
  }

  private tile(tile: Tile): TemplateResult {
    const s = this.meeting.state;
    return html`<plenum-video-tile class=${this.pinned.has(tile.key) ? 'pinned' : ''} .stream=${tile.stream} .participant=${tile.participant}
      source=${tile.source} ?self=${tile.self} ?speaking=${s.dominantSpeaker === tile.participant.id && tile.source === 'camera'}
      ?pinned=${this.pinned.has(tile.key)} ?audioOnly=${this.meeting.audioOnly}
      @pin=${() => this.togglePin(tile.key)}
      @tile-view=${(e: CustomEvent<TileViewDetail>) => !tile.self && this.meeting.updateTile(tile.participant.id, tile.source, e.detail.visible, e.detail.width, e.detail.height)}>
      ${this.pluginMounts('participant_menu', tile.participant.id).map((el) => html`<span slot="badges">${el}</span>`)}
    </plenum-video-tile>`;
  }

  /** Elements of plugins for a slot, created once and kept (they hold their own state). */
  private pluginMounts(slot: UiSlot, participantId?: string): HTMLElement[] {
    return this.loader.mounts(slot).map(({ plugin, element }) => this.pluginElement(plugin, element, participantId));
  }

  private pluginElement(plugin: LoadedPlugin, element: string, participantId?: string): HTMLElement {
    const key = `${plugin.id}@${plugin.version}/${element}/${participantId ?? ''}`;
    let el = this.pluginElements.get(key);
    if (!el) {
      el = document.createElement(element);
      (el as any).plenum = plugin.host;
      el.dataset.plugin = plugin.id;
      this.pluginElements.set(key, el);
    }
    if (participantId) {
      const p = this.meeting.state.participants.find((x) => x.id === participantId);
      (el as any).participant = p ? { id: p.id, displayName: p.displayName, role: p.role, guest: p.guest } : null;
    }
    return el;
  }

  private stage() {
    const tiles = this.tiles();
    const others = this.meeting.state.participants.length <= 1;
    if (this.layout === 'grid') {
      const ordered = [...tiles.filter((x) => this.pinned.has(x.key)), ...tiles.filter((x) => !this.pinned.has(x.key))];
      // keyed: a tile element stays with its participant and source, so its view report (media/view) stays right
      // when a tile is inserted before it (a screen share starts) or removed
      return html`<div class="grid">${repeat(ordered, (x) => x.key, (x) => this.tile(x))}</div>${others ? html`<p>${t('meeting.nobody')}</p>` : nothing}`;
    }
    const s = this.meeting.state;
    let main = tiles.filter((x) => this.pinned.has(x.key));
    if (main.length === 0) main = tiles.filter((x) => x.source === 'screen');
    if (main.length === 0) main = tiles.filter((x) => x.participant.id === s.dominantSpeaker && x.source === 'camera');
    if (main.length === 0) main = tiles.filter((x) => !x.self).slice(0, 1);
    if (main.length === 0) main = tiles.slice(0, 1);
    const rest = tiles.filter((x) => !main.includes(x));
    return html`<div class="speaker"><div class="main">${repeat(main, (x) => x.key, (x) => this.tile(x))}</div>
      <div class="strip">${repeat(rest, (x) => x.key, (x) => this.tile(x))}</div></div>`;
  }

  override render() {
    const m = this.meeting;
    const s = m.state;
    const me = selfOf(s);
    const mod = isModerator(s);
    const q = s.ownQuality;
    return html`
      <header>
        <h1 data-testid="meeting-title">${t('meeting.title', { room: s.room?.title ?? '' })}</h1>
        ${s.room?.locked ? html`<span data-testid="room-locked-badge">🔒 ${t('meeting.locked')}</span>` : nothing}
        <span class="quality" data-testid="quality" role="img"
          aria-label=${q ? t('meeting.quality', { score: q.score }) : t('meeting.qualityUnknown')}
          title=${q ? t('meeting.quality', { score: q.score }) : t('meeting.qualityUnknown')}>📶 ${q ? `${q.score}/5` : '–'}</span>
        <button class="secondary" data-testid="layout" aria-pressed=${this.layout === 'speaker'}
          @click=${() => (this.layout = this.layout === 'grid' ? 'speaker' : 'grid')}>
          ${this.layout === 'grid' ? t('meeting.layout.speaker') : t('meeting.layout.grid')}</button>
        ${this.pluginMounts('nav_bar')}
      </header>
      ${m.connection === 'reconnecting' ? html`<div class="banner" role="alert" data-testid="reconnect-banner">${t('meeting.reconnecting')}</div>` : nothing}
      ${m.mediaError ? html`<div class="banner" role="status">${t('meeting.mediaFailed', { reason: m.mediaError })}</div>` : nothing}
      <div class="body">
        <section class="stage" aria-label=${t('meeting.videos')} data-testid="stage">${this.stage()}</section>
        ${this.panel ? html`<aside aria-labelledby="panel-title" data-testid="side-panel">
          <header><h2 id="panel-title" tabindex="-1">${this.panelTitle()}</h2>
            <button class="secondary" data-testid="panel-close" @click=${() => this.openPanel(null)}>${t('app.close')}</button></header>
          ${this.panelBody()}
        </aside>` : nothing}
      </div>
      <div class="controls" role="group" aria-label=${t('meeting.controls')} data-testid="controls">
        <button class=${m.micOn ? '' : 'off'} aria-pressed=${!m.micOn} data-testid="toggle-mic" aria-keyshortcuts="Alt+Shift+M"
          @click=${() => m.toggleMic()}>${m.micOn ? t('meeting.mic.on') : t('meeting.mic.off')}</button>
        <button class=${m.camOn ? '' : 'off'} aria-pressed=${!m.camOn} data-testid="toggle-camera" aria-keyshortcuts="Alt+Shift+V" ?disabled=${m.audioOnly}
          @click=${() => m.toggleCamera().catch((e) => announce(t('prejoin.deviceError', { message: e.message }), { assertive: true }))}>
          ${m.camOn ? t('meeting.cam.on') : t('meeting.cam.off')}</button>
        <button aria-pressed=${m.sharing} data-testid="toggle-share" ?disabled=${!navigator.mediaDevices?.getDisplayMedia}
          @click=${() => m.toggleShare().catch((e) => announce(t('meeting.shareFailed', { message: e.message }), { assertive: true }))}>
          ${m.sharing ? t('meeting.share.stop') : t('meeting.share.start')}</button>
        <button aria-pressed=${!!me?.handRaised} data-testid="toggle-hand" aria-keyshortcuts="Alt+Shift+H"
          @click=${() => m.toggleHand().catch(() => {})}>${me?.handRaised ? t('meeting.hand.lower') : t('meeting.hand.raise')}</button>
        <button aria-pressed=${this.panel === 'chat'} aria-expanded=${this.panel === 'chat'} data-testid="toggle-chat" aria-keyshortcuts="Alt+Shift+C"
          @click=${() => this.openPanel(this.panel === 'chat' ? null : 'chat')}
          aria-label=${s.unread ? t('meeting.chatUnread', { count: s.unread }) : t('meeting.chat')}>
          ${t('meeting.chat')}${s.unread ? html` <span class="count" data-testid="chat-unread" aria-hidden="true">${s.unread}</span>` : nothing}</button>
        <button aria-pressed=${this.panel === 'participants'} aria-expanded=${this.panel === 'participants'} data-testid="toggle-participants"
          aria-keyshortcuts="Alt+Shift+P" @click=${() => this.openPanel(this.panel === 'participants' ? null : 'participants')}>
          ${t('meeting.participants', { count: s.participants.length })}${mod && s.waiting.length ? html` <span class="count" data-testid="waiting-count">${s.waiting.length}</span>` : nothing}</button>
        <button aria-pressed=${this.panel === 'settings'} aria-expanded=${this.panel === 'settings'} data-testid="toggle-settings"
          @click=${() => this.openPanel(this.panel === 'settings' ? null : 'settings')}>${t('meeting.settings')}</button>
        ${this.loader.mounts('side_panel').map(({ plugin }) => html`<button aria-pressed=${this.panel === `plugin:${plugin.id}`} data-testid="plugin-panel-${plugin.id}"
          @click=${() => this.openPanel(this.panel === `plugin:${plugin.id}` ? null : `plugin:${plugin.id}`)}>${plugin.host.t('title') !== 'title' ? plugin.host.t('title') : plugin.id}</button>`)}
        ${this.pluginMounts('action_bar')}
        ${mod ? html`
          <button class="secondary" data-testid="toggle-lock" @click=${() => m.moderate(s.room?.locked ? 'unlock' : 'lock').catch(() => {})}>
            ${s.room?.locked ? t('meeting.unlock') : t('meeting.lock')}</button>
          <button class="danger" data-testid="end-meeting" @click=${() => confirm(t('meeting.endConfirm')) && m.moderate('end_meeting').catch(() => {})}>
            ${t('meeting.endForAll')}</button>` : nothing}
        <button class="leave" data-testid="leave" @click=${() => m.leave()}>${t('meeting.leave')}</button>
        <button class="secondary" data-testid="shortcuts" aria-keyshortcuts="Alt+Shift+K"
          @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('#shortcuts')?.showModal()}>${t('app.shortcuts')}</button>
      </div>
      <div class="notifications" role="region" aria-label=${t('settings.plugins')}>${this.pluginMounts('floating_window')}</div>
      <div class="audio">${[...m.remote.entries()].filter(([k]) => k.endsWith('/microphone')).map(([k, stream]) => html`<plenum-remote-audio .stream=${stream} data-key=${k}></plenum-remote-audio>`)}</div>
      <dialog id="shortcuts" aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
        <h2 id="shortcuts-title">${t('shortcuts.title')}</h2>
        <p>${t('shortcuts.intro')}</p>
        <dl>${SHORTCUTS.map((x) => html`<dt>${x.label}</dt><dd>${t(`shortcuts.${x.action}`)}</dd>`)}</dl>
        <form method="dialog"><button>${t('app.close')}</button></form>
      </dialog>`;
  }

  private panelTitle(): string {
    const p = this.panel;
    if (p === 'chat') return t('chat.title');
    if (p === 'participants') return t('participants.title');
    if (p === 'settings') return t('settings.title');
    const id = p?.slice('plugin:'.length) ?? '';
    const plugin = this.loader.plugins().find((x) => x.id === id);
    return plugin && plugin.host.t('title') !== 'title' ? plugin.host.t('title') : id;
  }

  private panelBody() {
    const m = this.meeting;
    const s = m.state;
    switch (this.panel) {
      case 'chat':
        return html`<plenum-chat-panel .messages=${s.chat} .participants=${s.participants} self=${s.self ?? ''} ?moderator=${isModerator(s)} to=${this.chatTo}
          @send=${(e: CustomEvent<ChatSendDetail>) => this.sendChat(e.detail)} @clear=${() => m.request('chat', 'clear').catch(() => {})}></plenum-chat-panel>`;
      case 'participants':
        return html`<plenum-participants-panel .participants=${s.participants} .waiting=${s.waiting} self=${s.self ?? ''} ?moderator=${isModerator(s)}
          @moderate=${(e: CustomEvent<ModerationDetail>) => this.moderate(e.detail)}></plenum-participants-panel>`;
      case 'settings':
        return html`
          <label class="check"><input type="checkbox" data-testid="setting-save-bandwidth" .checked=${m.saveBandwidth} @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            m.setSaveBandwidth(on);
            localStorage.setItem('plenum.meeting.settings', JSON.stringify({ saveBandwidth: on }));
          }}>${t('settings.saveBandwidth')}</label>
          <label class="check"><input type="checkbox" data-testid="setting-audio-only" .checked=${m.audioOnly}
            @change=${(e: Event) => m.setAudioOnly((e.target as HTMLInputElement).checked)}>${t('settings.audioOnly')}</label>
          <label for="set-lang">${t('settings.language')}</label>
          <select id="set-lang" @change=${(e: Event) => setLanguage((e.target as HTMLSelectElement).value as Language)}>
            ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === language()} lang=${l}>${t(`app.language.${l}`)}</option>`)}
          </select>
          <h3>${t('settings.devices')}</h3>
          <label for="set-cam">${t('prejoin.camera')}</label>
          <select id="set-cam" @change=${(e: Event) => this.switchDevice('camera', (e.target as HTMLSelectElement).value)}>
            ${this.cameras.map((c, i) => html`<option value=${c.deviceId}>${c.label || `${t('prejoin.camera')} ${i + 1}`}</option>`)}</select>
          <label for="set-mic">${t('prejoin.microphone')}</label>
          <select id="set-mic" @change=${(e: Event) => this.switchDevice('microphone', (e.target as HTMLSelectElement).value)}>
            ${this.microphones.map((c, i) => html`<option value=${c.deviceId}>${c.label || `${t('prejoin.microphone')} ${i + 1}`}</option>`)}</select>
          ${this.loader.mounts('room_settings').length ? html`<h3>${t('settings.plugins')}</h3>${this.pluginMounts('room_settings')}` : nothing}`;
      default: {
        const id = this.panel?.slice('plugin:'.length);
        return html`${this.loader.mounts('side_panel').filter((x) => x.plugin.id === id).map(({ plugin, element }) => this.pluginElement(plugin, element))}`;
      }
    }
  }

  private switchDevice(kind: 'camera' | 'microphone', id: string) {
    const d = { cameraId: null as string | null, microphoneId: null as string | null };
    const cur = { ...d, ...JSON.parse(localStorage.getItem('plenum.devices') ?? '{}') };
    if (kind === 'camera') cur.cameraId = id;
    else cur.microphoneId = id;
    storeDevices(cur);
    void this.meeting.switchDevices(cur).catch((e) => announce(t('prejoin.deviceError', { message: e.message }), { assertive: true }));
  }
}

/** Plays a remote participant's audio, independent of whether their video tile is visible. */
@customElement('plenum-remote-audio')
export class RemoteAudio extends LitElement {
  @property({ attribute: false }) stream: MediaStream | null = null;
  override render() {
    return html`<audio autoplay .srcObject=${this.stream}></audio>`;
  }
}
