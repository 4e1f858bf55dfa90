// The two RTCPeerConnections of docs/protocol.md, namespace `media`, as negotiation logic that does not
// depend on a real browser: the publish side (client offers, server answers) and the subscribe side
// (server offers with a version, client answers with the same version, one at a time).

export type Source = 'microphone' | 'camera' | 'screen';

/** Which participant and source arrives on which transceiver of the subscribe connection. */
export interface RemoteTrackInfo {
  mid: string;
  participantId: string;
  source: Source;
}

export interface SubscribeOffer {
  sdp: string;
  version: number;
  tracks: RemoteTrackInfo[];
}

/** The parts of RTCPeerConnection the negotiators use. */
export interface PeerLike {
  setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void>;
  setLocalDescription(d?: RTCSessionDescriptionInit): Promise<void>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  createOffer(): Promise<RTCSessionDescriptionInit>;
  readonly localDescription: { sdp: string } | null;
}

/**
 * Answers the server's subscribe offers strictly in order. Offers arriving while one is being handled wait in a
 * queue; when several wait, only the newest is applied (each offer describes the whole session, and the server
 * refuses answers to older versions). An offer of a version already answered (the server repeats its newest
 * offer after a resume, when our answer may have been lost) gets the same answer again.
 */
export class SubscribeNegotiator {
  private queue: SubscribeOffer[] = [];
  private running = false;
  private lastVersion = -1;
  private lastAnswer: string | null = null;
  private tracks = new Map<string, RemoteTrackInfo>();
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  constructor(
    private readonly peer: () => PeerLike,
    private readonly sendAnswer: (sdp: string, version: number) => Promise<void>,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** The current mid → participant/source map (only tracks of the newest applied offer). */
  trackFor(mid: string | null): RemoteTrackInfo | undefined {
    return mid === null ? undefined : this.tracks.get(mid);
  }

  get answeredVersion(): number {
    return this.lastVersion;
  }

  offer(o: SubscribeOffer): Promise<void> {
    this.queue.push(o);
    if (!this.running) {
      this.running = true;
      this.idle = new Promise((r) => (this.markIdle = r));
      void this.drain();
    }
    return this.idle;
  }

  /** Resolves when every queued offer has been handled. */
  settled(): Promise<void> {
    return this.running ? this.idle : Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const newest = this.queue.reduce((a, b) => (b.version > a.version ? b : a));
      this.queue = [];
      try {
        await this.apply(newest);
      } catch (e) {
        this.onError(e);
      }
    }
    this.running = false;
    this.markIdle();
  }

  private async apply(o: SubscribeOffer): Promise<void> {
    if (o.version < this.lastVersion) return; // stale: a newer one was answered already
    if (o.version === this.lastVersion && this.lastAnswer !== null) {
      await this.sendAnswer(this.lastAnswer, o.version);
      return;
    }
    const pc = this.peer();
    // ontrack fires inside setRemoteDescription: the mid map must already describe this offer
    this.tracks = new Map(o.tracks.map((t) => [t.mid, t]));
    await pc.setRemoteDescription({ type: 'offer', sdp: o.sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    const sdp = pc.localDescription?.sdp ?? answer.sdp ?? '';
    this.lastVersion = o.version;
    this.lastAnswer = sdp;
    await this.sendAnswer(sdp, o.version);
  }
}

/** Simulcast layers, listed low to high as the protocol asks (rids l, m, h). */
export const SIMULCAST_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/** The transceiver parts the publisher needs. */
export interface TransceiverLike {
  readonly mid: string | null;
  direction: string;
  readonly sender: { replaceTrack(t: MediaStreamTrack | null): Promise<void>; readonly track: MediaStreamTrack | null };
  stop?(): void;
}

export interface PublishPeerLike extends PeerLike {
  addTransceiver(track: MediaStreamTrack, init: RTCRtpTransceiverInit): TransceiverLike;
}

/**
 * The publish connection: one transceiver per source, renegotiated (a new `media/publish`) when a source is
 * added or removed, e.g. a screen share. Device switches replace the track without renegotiation.
 * Negotiations never overlap: each waits for the previous answer.
 */
export class Publisher {
  private readonly transceivers = new Map<Source, TransceiverLike>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly pc: PublishPeerLike,
    private readonly publish: (sdp: string, sources: Record<string, Source>) => Promise<string>,
  ) {}

  has(source: Source): boolean {
    const t = this.transceivers.get(source);
    return !!t && t.direction !== 'inactive';
  }

  /** Starts sending a source, or switches its track (no renegotiation when the source is already sent). */
  async set(source: Source, track: MediaStreamTrack, opts: { simulcast?: boolean; defer?: boolean } = {}): Promise<void> {
    const existing = this.transceivers.get(source);
    if (existing && existing.direction !== 'inactive') {
      await existing.sender.replaceTrack(track);
      return;
    }
    if (existing && source !== 'screen') {
      await existing.sender.replaceTrack(track);
      existing.direction = 'sendonly';
    } else {
      const init: RTCRtpTransceiverInit = { direction: 'sendonly' };
      if (track.kind === 'video' && opts.simulcast) init.sendEncodings = SIMULCAST_ENCODINGS.map((e) => ({ ...e }));
      this.transceivers.set(source, this.pc.addTransceiver(track, init));
    }
    if (opts.defer) return; // the caller negotiates once for several sources
    return this.negotiate();
  }

  /** Sends nothing on a source for now (camera off) without renegotiating; `set` resumes it. */
  async pause(source: Source): Promise<void> {
    await this.transceivers.get(source)?.sender.replaceTrack(null);
  }

  /** Stops sending a source; the others see it go with the next subscribe offer. */
  async remove(source: Source): Promise<void> {
    const t = this.transceivers.get(source);
    if (!t || t.direction === 'inactive') return;
    await t.sender.replaceTrack(null);
    t.direction = 'inactive';
    if (source === 'screen') this.transceivers.delete(source);
    return this.negotiate();
  }

  /** Current `sources` map for media/publish: mid → source, for every active transceiver with a mid. */
  sources(): Record<string, Source> {
    const out: Record<string, Source> = {};
    for (const [source, t] of this.transceivers) {
      if (t.mid !== null && t.direction !== 'inactive') out[t.mid] = source;
    }
    return out;
  }

  /** Publishes again (after a `media/failed`, or to start over). */
  negotiate(): Promise<void> {
    const run = this.chain.then(async () => {
      const offer = await this.pc.createOffer();
      await this.pc.setLocalDescription(offer);
      const sdp = this.pc.localDescription?.sdp ?? offer.sdp ?? '';
      const answer = await this.publish(sdp, this.sources());
      await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
    });
    this.chain = run.catch(() => {});
    return run;
  }
}
