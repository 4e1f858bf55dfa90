// One person's meeting: the signaling connection, the publish and subscribe connections, local devices,
// remote streams and view hints, and the meeting state built from the frames. Components listen for
// 'change' and 'announce' events and call the methods here; this class owns no DOM.
import { SignalingClient, SignalingError, type CloseInfo, type ConnectionState, type RequestOptions, type ServerFrame, type SocketFactory } from '../signaling/signaling-client';
import { initialState, reduce, selfOf, setChatOpen, type Announcement, type MeetingState } from '../meeting/meeting-state';
import { Publisher, SubscribeNegotiator, type PublishPeerLike, type Source, type SubscribeOffer } from './negotiation';
import { computeView, sameView, type ViewTile, type VisibleTile } from './view-hints';
import { openCamera, openMicrophone, type DeviceChoice } from './devices';
import type { ReceivedStream } from '../debug/e2e-hook';

export interface MeetingOptions {
  signalingUrl: string;
  /** Tests hand in a fake WebSocket. */
  socketFactory?: SocketFactory;
  micOn: boolean;
  camOn: boolean;
  audioOnly: boolean;
  saveBandwidth: boolean;
  devices: DeviceChoice;
  /** Tracks already opened by the pre-join screen, handed over instead of opening the devices again. */
  tracks?: { audio?: MediaStreamTrack | null; video?: MediaStreamTrack | null };
}

export class AnnounceEvent extends Event {
  constructor(readonly announcement: Announcement) {
    super('announce');
  }
}

export class MeetingSession extends EventTarget {
  state: MeetingState = initialState();
  readonly signaling: SignalingClient;
  connection: ConnectionState = 'idle';
  closeInfo: CloseInfo | null = null;
  micOn: boolean;
  camOn: boolean;
  sharing = false;
  audioOnly: boolean;
  saveBandwidth: boolean;
  mediaError: string | null = null;
  localCamera: MediaStream | null = null;
  localScreen: MediaStream | null = null;
  /** `participantId/source` → stream, for tiles. */
  readonly remote = new Map<string, MediaStream>();

  private mic: MediaStreamTrack | null = null;
  private cam: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private pubPc: RTCPeerConnection | null = null;
  private publisher: Publisher | null = null;
  private subPc: RTCPeerConnection | null = null;
  private readonly subscriber: SubscribeNegotiator;
  private readonly tiles = new Map<string, VisibleTile>();
  private lastView: ViewTile[] | null = null;
  private viewTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly streamsByTrack = new Map<string, MediaStream>();
  private mediaStarted = false;
  private readonly pluginListeners = new Set<(f: ServerFrame) => void>();

  constructor(private readonly opts: MeetingOptions) {
    super();
    this.micOn = opts.micOn;
    this.camOn = opts.camOn && !opts.audioOnly;
    this.audioOnly = opts.audioOnly;
    this.saveBandwidth = opts.saveBandwidth;
    this.signaling = new SignalingClient({ url: opts.signalingUrl, ...(opts.socketFactory ? { socketFactory: opts.socketFactory } : {}) });
    this.subscriber = new SubscribeNegotiator(
      () => this.subscribePeer(),
      async (sdp, version) => {
        await this.signaling.request('media', 'answer', { sdp, version });
      },
      (e) => console.warn('subscribe negotiation failed', e),
    );
    this.signaling.onFrame((f) => this.onFrame(f));
    this.signaling.onState((s, info) => {
      this.connection = s;
      if (info) this.closeInfo = info;
      if (s === 'closed') this.stopMedia();
      this.changed();
    });
  }

  /** Joins with a ticket; resolves once joined or waiting. */
  async join(ticket: string, displayName?: string): Promise<ServerFrame> {
    return this.signaling.join(ticket, displayName);
  }

  async leave(): Promise<void> {
    await this.signaling.leave();
    this.stopMedia();
  }

  // ------------------------------------------------------------ frames

  private onFrame(f: ServerFrame): void {
    const before = this.state;
    const { state, announce } = reduce(this.state, f);
    this.state = state;
    for (const a of announce) this.dispatchEvent(new AnnounceEvent(a));
    if (f.ns === 'control' && f.type === 'joined') {
      void this.startMedia(); // once: after admission or the first join; a resume keeps the running connections
    } else if (f.ns === 'media' && f.type === 'offer') {
      void this.subscriber.offer(f.body as SubscribeOffer).then(() => this.refreshRemote());
    } else if (f.ns === 'media' && f.type === 'failed') {
      this.mediaError = String(f.body.reason ?? '');
      void this.publisher?.negotiate().catch(() => {});
    } else if (f.ns === 'control' && f.type === 'participant_updated') {
      const me = selfOf(this.state);
      if (me && me.id === f.body.participant?.id && me.muted && me.mutedBy && this.micOn) {
        this.micOn = false; // the engine enforces it; keep the button honest
        if (this.mic) this.mic.enabled = false;
      }
    } else if (f.ns === 'control' && f.type === 'participant_left') {
      for (const k of [...this.remote.keys()]) if (k.startsWith(`${f.body.participantId}/`)) this.remote.delete(k);
    }
    if (!['control', 'media', 'moderation', 'chat', 'hand'].includes(f.ns)) {
      for (const l of [...this.pluginListeners]) l(f);
    }
    if (state !== before || f.ns === 'media') this.changed();
  }

  /** Frames of plugin namespaces, for the plugin host. */
  onPluginFrame(l: (f: ServerFrame) => void): () => void {
    this.pluginListeners.add(l);
    return () => this.pluginListeners.delete(l);
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  // ------------------------------------------------------------ media

  private subscribePeer(): RTCPeerConnection {
    if (!this.subPc) {
      this.subPc = new RTCPeerConnection({ iceServers: this.state.iceServers, bundlePolicy: 'max-bundle' });
      this.subPc.ontrack = () => this.refreshRemote();
    }
    return this.subPc;
  }

  /** Rebuilds participant/source → stream from the subscribe connection's transceivers. */
  private refreshRemote(): void {
    if (!this.subPc) return;
    const next = new Map<string, MediaStream>();
    for (const t of this.subPc.getTransceivers()) {
      const info = this.subscriber.trackFor(t.mid);
      const track = t.receiver.track;
      if (!info || !track || t.currentDirection === 'inactive') continue;
      let stream = this.streamsByTrack.get(track.id);
      if (!stream) {
        stream = new MediaStream([track]);
        this.streamsByTrack.set(track.id, stream);
      }
      const key = `${info.participantId}/${info.source}`;
      const existing = next.get(key);
      if (existing && existing !== stream) existing.addTrack(track);
      else next.set(key, stream);
    }
    this.remote.clear();
    for (const [k, v] of next) this.remote.set(k, v);
    this.changed();
  }

  private async startMedia(): Promise<void> {
    if (this.mediaStarted || !this.state.mediaEnabled) return;
    this.mediaStarted = true;
    try {
      this.mic = this.opts.tracks?.audio ?? (await openMicrophone(this.opts.devices.microphoneId).catch(() => null));
      if (this.mic) this.mic.enabled = this.micOn;
      if (this.camOn) {
        this.cam = this.opts.tracks?.video ?? (await openCamera(this.opts.devices.cameraId).catch(() => null));
        this.localCamera = this.cam ? new MediaStream([this.cam]) : null;
        if (!this.cam) this.camOn = false;
      }
      this.pubPc = new RTCPeerConnection({ iceServers: this.state.iceServers, bundlePolicy: 'max-bundle' });
      this.publisher = new Publisher(this.pubPc as unknown as PublishPeerLike, async (sdp, sources) => {
        const answer = await this.signaling.request('media', 'publish', { sdp, sources });
        return String(answer.body.sdp);
      });
      // one offer for both sources, so the others get one subscribe offer, not two
      if (this.mic) await this.publisher.set('microphone', this.mic, { defer: true });
      if (this.cam) await this.publisher.set('camera', this.cam, { simulcast: true, defer: true });
      if (this.mic || this.cam) await this.publisher.negotiate();
      if (this.audioOnly) this.signaling.send('media', 'audio_only', { enabled: true });
      this.signaling.send('media', 'mute_state', { audio: !this.micOn, video: !this.camOn });
      this.mediaError = null;
    } catch (e) {
      this.mediaError = e instanceof Error ? e.message : String(e);
    }
    this.changed();
  }

  private stopMedia(): void {
    for (const t of [this.mic, this.cam, this.screen]) t?.stop();
    this.opts.tracks?.audio?.stop();
    this.opts.tracks?.video?.stop();
    this.pubPc?.close();
    this.subPc?.close();
    this.pubPc = this.subPc = null;
    this.publisher = null;
    this.mic = this.cam = this.screen = null;
    this.localCamera = this.localScreen = null;
    this.remote.clear();
    if (this.viewTimer) clearTimeout(this.viewTimer);
  }

  async toggleMic(): Promise<void> {
    this.micOn = !this.micOn;
    if (this.mic) this.mic.enabled = this.micOn;
    this.signaling.send('media', 'mute_state', { audio: !this.micOn });
    this.changed();
  }

  async toggleCamera(): Promise<void> {
    if (this.audioOnly) return;
    if (this.camOn) {
      this.camOn = false;
      await this.publisher?.pause('camera');
      this.cam?.stop();
      this.cam = null;
      this.localCamera = null;
    } else {
      this.cam = await openCamera(this.opts.devices.cameraId);
      this.localCamera = new MediaStream([this.cam]);
      this.camOn = true;
      await this.publisher?.set('camera', this.cam, { simulcast: true });
    }
    this.signaling.send('media', 'mute_state', { video: !this.camOn });
    this.changed();
  }

  async switchDevices(d: DeviceChoice): Promise<void> {
    this.opts.devices = d;
    if (this.mic) {
      const next = await openMicrophone(d.microphoneId);
      next.enabled = this.micOn;
      await this.publisher?.set('microphone', next);
      this.mic.stop();
      this.mic = next;
    }
    if (this.cam) {
      const next = await openCamera(d.cameraId);
      await this.publisher?.set('camera', next, { simulcast: true });
      this.cam.stop();
      this.cam = next;
      this.localCamera = new MediaStream([next]);
    }
    this.changed();
  }

  /** Screen share: a second video source on the publish connection (sources[mid] = 'screen'). */
  async toggleShare(): Promise<void> {
    if (this.sharing) {
      await this.stopShare();
      return;
    }
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
    this.screen = stream.getVideoTracks()[0];
    this.screen.contentHint = 'detail';
    this.screen.addEventListener('ended', () => void this.stopShare());
    this.localScreen = new MediaStream([this.screen]);
    this.sharing = true;
    this.changed();
    await this.publisher?.set('screen', this.screen);
  }

  private async stopShare(): Promise<void> {
    if (!this.sharing) return;
    this.sharing = false;
    this.screen?.stop();
    this.screen = null;
    this.localScreen = null;
    this.changed();
    await this.publisher?.remove('screen');
  }

  setAudioOnly(on: boolean): void {
    this.audioOnly = on;
    this.signaling.send('media', 'audio_only', { enabled: on });
    if (on && this.camOn) void this.toggleCamera();
    this.lastView = null;
    this.scheduleView();
    this.changed();
  }

  setSaveBandwidth(on: boolean): void {
    this.saveBandwidth = on;
    this.lastView = null;
    this.scheduleView();
    this.changed();
  }

  // ------------------------------------------------------------ view hints

  /** A tile reports whether it is on screen and its size in CSS pixels. */
  updateTile(participantId: string, source: Source, visible: boolean, width: number, height: number): void {
    this.tiles.set(`${participantId}/${source}`, { participantId, source, visible, width, height });
    this.scheduleView();
  }

  removeTile(participantId: string, source: Source): void {
    this.tiles.delete(`${participantId}/${source}`);
    this.scheduleView();
  }

  /** Forgets the reports of tiles that are no longer shown (`participantId/source` keys of the tiles on the page). */
  retainTiles(keys: ReadonlySet<string>): void {
    let changed = false;
    for (const k of [...this.tiles.keys()]) {
      if (!keys.has(k)) {
        this.tiles.delete(k);
        changed = true;
      }
    }
    if (changed) this.scheduleView();
  }

  private scheduleView(): void {
    if (this.viewTimer) return;
    this.viewTimer = setTimeout(() => {
      this.viewTimer = null;
      if (this.audioOnly || this.connection !== 'joined') return;
      const view = computeView([...this.tiles.values()], { saveBandwidth: this.saveBandwidth, dpr: window.devicePixelRatio || 1 });
      if (sameView(this.lastView, view)) return;
      if (this.signaling.send('media', 'view', { tiles: view })) this.lastView = view;
    }, 250);
  }

  /** What the subscribe connection receives, per participant and source (inbound-rtp of getStats). */
  async receivedStats(): Promise<ReceivedStream[]> {
    const pc = this.subPc;
    if (!pc) return [];
    const report = await pc.getStats();
    const out: ReceivedStream[] = [];
    report.forEach((s: Record<string, any>) => {
      if (s.type !== 'inbound-rtp') return;
      const info = this.subscriber.trackFor(s.mid ?? null);
      if (!info) return;
      out.push({
        participantId: info.participantId,
        source: info.source,
        kind: s.kind === 'audio' ? 'audio' : 'video',
        packetsReceived: s.packetsReceived ?? 0,
        framesDecoded: s.framesDecoded ?? 0,
        frameWidth: s.frameWidth ?? 0,
        frameHeight: s.frameHeight ?? 0,
        totalSamplesReceived: s.totalSamplesReceived ?? 0,
        audioLevel: s.audioLevel ?? 0,
      });
    });
    return out;
  }

  // ------------------------------------------------------------ actions

  request(ns: string, type: string, body: Record<string, unknown> = {}, opts: RequestOptions = {}): Promise<ServerFrame> {
    return this.signaling.request(ns, type, body, opts);
  }

  toggleHand(): Promise<ServerFrame> {
    const me = selfOf(this.state);
    return this.request('hand', me?.handRaised ? 'lower' : 'raise');
  }

  sendChat(text: string, to?: string): Promise<ServerFrame> {
    return this.request('chat', 'send', to ? { text, to } : { text });
  }

  setChatOpen(open: boolean): void {
    this.state = setChatOpen(this.state, open);
    this.changed();
  }

  moderate(type: string, participantId?: string): Promise<ServerFrame> {
    return this.request('moderation', type, participantId ? { participantId } : {});
  }
}

export function errorCode(e: unknown): string {
  return e instanceof SignalingError ? e.code : 'error';
}
