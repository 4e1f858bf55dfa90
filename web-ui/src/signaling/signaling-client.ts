// The signaling WebSocket (docs/protocol.md): frames, request/answer matching by id/re, and resuming
// a dropped connection with the resume token. Knows nothing about the UI; the meeting store listens to it.

/** A frame from the server. `body` is always an object. */
export interface ServerFrame {
  ns: string;
  type: string;
  re?: string;
  ts?: string;
  body: Record<string, any>;
}

/** What the client sends; `id` is set by the client when it wants a direct answer. */
export interface ClientFrame {
  ns: string;
  type: string;
  id?: string;
  body: Record<string, unknown>;
}

/** The parts of a WebSocket the client uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

export type ConnectionState =
  | 'idle' // not started
  | 'connecting' // first socket, before joined/waiting
  | 'waiting' // in the waiting room
  | 'joined'
  | 'reconnecting' // socket dropped, resuming within the grace period
  | 'closed'; // for good: left, ended, removed, refused, or the grace period is over

/** Why the connection ended for good; `code` is the protocol's error code or a client-side one. */
export interface CloseInfo {
  closeCode: number;
  code: string; // e.g. 'left', 'room_closed', 'kicked', 'banned', 'rejected', 'room_locked', 'invalid_ticket', 'resume_failed'
  message?: string;
}

/** An `error` frame as a rejected promise, or a request that could not be answered. */
export class SignalingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly frame?: ServerFrame,
  ) {
    super(message);
    this.name = 'SignalingError';
  }
}

export interface SignalingOptions {
  /** e.g. `wss://meet.example.org/signaling` */
  url: string;
  socketFactory?: SocketFactory;
  /** Per request; the server always answers, so this only catches a dead connection. */
  requestTimeoutMs?: number;
  /** Delays between resume attempts; the last one repeats until the grace period is over. */
  reconnectDelaysMs?: number[];
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Close codes after which resuming makes no sense (docs/protocol.md, "Close codes"). */
const FINAL_CLOSE_CODES = new Set([1000, 1008, 1011, 4400, 4401, 4403, 4408, 4409, 4410]);

type Pending = { resolve: (f: ServerFrame) => void; reject: (e: SignalingError) => void; timer: unknown; pastOk: boolean };

/**
 * `pastOk`: a plugin module that answers after storing something gets a provisional `ok` from the host first, and its
 * own answer (or refusal) as a second frame with the same `re` (docs/plugin-spi-decisions.md); such a request waits
 * for that second frame.
 */
export interface RequestOptions { pastOk?: boolean }
type Listener = (frame: ServerFrame) => void;

export class SignalingClient {
  private socket: SocketLike | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(s: ConnectionState, info?: CloseInfo) => void>();
  private nextId = 1;
  private resumeToken: string | null = null;
  private graceMs = 30_000;
  private droppedAt = 0;
  private attempt = 0;
  private retryTimer: unknown = null;
  private removal: CloseInfo | null = null;
  private _state: ConnectionState = 'idle';
  private readonly opts: Required<SignalingOptions>;

  constructor(options: SignalingOptions) {
    this.opts = {
      socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
      requestTimeoutMs: 15_000,
      reconnectDelaysMs: [250, 1000, 2000, 4000],
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get state(): ConnectionState {
    return this._state;
  }

  /** Every server frame (answers included), in arrival order. Returns an unsubscribe function. */
  onFrame(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (s: ConnectionState, info?: CloseInfo) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Opens the socket and joins with a ticket. Resolves with `control/joined` or `moderation/waiting`;
   * rejects with the server's error (the socket is then closed by the server).
   */
  async join(ticket: string, displayName?: string): Promise<ServerFrame> {
    if (this._state !== 'idle' && this._state !== 'closed') throw new Error('already connected');
    this.removal = null;
    this.setState('connecting');
    await this.open();
    const body: Record<string, unknown> = { ticket };
    if (displayName) body.displayName = displayName;
    return this.request('control', 'join', body); // receive() already moved the state on
  }

  /** A request with an id: resolves with its direct answer (`<ns>/ok`, `media/answer` …), rejects on `error`. */
  request(ns: string, type: string, body: Record<string, unknown> = {}, opts: RequestOptions = {}): Promise<ServerFrame> {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) {
      return Promise.reject(new SignalingError('not_connected', `cannot send ${ns}/${type}: not connected`));
    }
    const id = `c-${this.nextId++}`;
    return new Promise<ServerFrame>((resolve, reject) => {
      const timer = this.opts.setTimer(() => {
        if (this.pending.delete(id)) reject(new SignalingError('timeout', `${ns}/${type} got no answer`));
      }, this.opts.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer, pastOk: !!opts.pastOk });
      socket.send(JSON.stringify({ ns, type, id, body } satisfies ClientFrame));
    });
  }

  /** Fire and forget (no id: successes are not acknowledged, errors still arrive as frames). */
  send(ns: string, type: string, body: Record<string, unknown> = {}): boolean {
    if (!this.socket || this.socket.readyState !== 1) return false;
    this.socket.send(JSON.stringify({ ns, type, body } satisfies ClientFrame));
    return true;
  }

  /** Leaves at once (no grace period) and closes for good. */
  async leave(): Promise<void> {
    if (this._state === 'closed' || this._state === 'idle') return;
    this.removal = { closeCode: 1000, code: 'left' };
    try {
      if (this.socket?.readyState === 1) await this.request('control', 'leave', {});
    } catch {
      // the socket closes right after the answer; either way we are gone
    }
    this.finish({ closeCode: 1000, code: 'left' });
  }

  /** For tests and diagnostics. */
  get hasResumeToken(): boolean {
    return this.resumeToken !== null;
  }

  // ---------------------------------------------------------------- internals

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      let opened = false;
      const socket = this.opts.socketFactory(this.opts.url);
      this.socket = socket;
      socket.onopen = () => {
        opened = true;
        resolve();
      };
      socket.onerror = () => {
        if (!opened) reject(new SignalingError('connect_failed', 'the signaling connection could not be opened'));
      };
      socket.onmessage = (ev) => this.receive(ev.data);
      socket.onclose = (ev) => {
        if (!opened) reject(new SignalingError('connect_failed', 'the signaling connection could not be opened'));
        if (this.socket === socket) this.closed(ev.code, ev.reason);
      };
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return; // the server only sends JSON; ignore anything else rather than break the meeting
    }
    if (!frame || typeof frame.ns !== 'string' || typeof frame.type !== 'string') return;
    frame.body = frame.body ?? {};
    this.track(frame);
    for (const l of [...this.listeners]) l(frame);
    if (frame.re && this.pending.has(frame.re)) {
      const p = this.pending.get(frame.re)!;
      if (p.pastOk && frame.type === 'ok') return; // provisional: the module's own answer follows
      this.pending.delete(frame.re);
      this.opts.clearTimer(p.timer);
      if (frame.type === 'error') p.reject(new SignalingError(String(frame.body.code ?? 'error'), String(frame.body.message ?? ''), frame));
      else p.resolve(frame);
    }
  }

  /** Keeps what resuming needs, and remembers why the server is about to close us. */
  private track(frame: ServerFrame): void {
    if ((frame.ns === 'control' && frame.type === 'joined') || (frame.ns === 'moderation' && frame.type === 'waiting')) {
      this.afterJoin(frame);
    } else if (frame.ns === 'control' && frame.type === 'room_closed') {
      this.removal = { closeCode: 1000, code: 'room_closed', message: frame.body.reason };
    } else if (frame.ns === 'moderation' && frame.type === 'removed') {
      this.removal = { closeCode: 4410, code: String(frame.body.reason ?? 'kicked') };
    } else if (frame.ns === 'moderation' && frame.type === 'rejected') {
      this.removal = { closeCode: 4403, code: 'rejected' };
    } else if (frame.type === 'error' && !this.removal) {
      const code = String(frame.body.code ?? '');
      const closesSocket = ['banned', 'room_locked', 'invalid_ticket', 'invalid_resume_token'].includes(code)
        || (this._state !== 'joined' && this._state !== 'waiting' && ['not_found', 'internal_error', 'invalid_message'].includes(code));
      if (closesSocket) {
        this.removal = { closeCode: 0, code, message: frame.body.message };
      }
    }
  }

  private afterJoin(frame: ServerFrame): void {
    if (frame.ns === 'control' && frame.type === 'joined') {
      this.resumeToken = frame.body.resumeToken ?? null;
      if (typeof frame.body.reconnectGraceSeconds === 'number') this.graceMs = frame.body.reconnectGraceSeconds * 1000;
      this.attempt = 0;
      this.setState('joined');
    } else if (frame.ns === 'moderation' && frame.type === 'waiting') {
      this.setState('waiting');
    }
  }

  private closed(code: number, reason: string): void {
    this.socket = null;
    for (const [id, p] of this.pending) {
      this.opts.clearTimer(p.timer);
      p.reject(new SignalingError('connection_lost', 'the connection closed before the answer arrived'));
      this.pending.delete(id);
    }
    if (this._state === 'closed') return;
    const resumable = this.resumeToken !== null && !FINAL_CLOSE_CODES.has(code) && this.removal === null
      && (this._state === 'joined' || this._state === 'reconnecting');
    if (!resumable) {
      this.finish(this.removal ? { ...this.removal, closeCode: code } : { closeCode: code, code: closeCodeName(code), message: reason });
      return;
    }
    if (this._state !== 'reconnecting') {
      this.droppedAt = this.opts.now();
      this.setState('reconnecting');
    }
    this.scheduleResume();
  }

  private scheduleResume(): void {
    const delays = this.opts.reconnectDelaysMs;
    const delay = delays[Math.min(this.attempt, delays.length - 1)];
    this.attempt++;
    if (this.opts.now() + delay - this.droppedAt > this.graceMs) {
      this.finish({ closeCode: 0, code: 'resume_failed', message: 'the connection could not be restored in time' });
      return;
    }
    this.retryTimer = this.opts.setTimer(() => void this.resume(), delay);
  }

  private async resume(): Promise<void> {
    this.retryTimer = null;
    if (this._state !== 'reconnecting') return;
    try {
      await this.open();
    } catch {
      return; // onclose follows and schedules the next attempt
    }
    try {
      // the answer is a fresh snapshot with the same participant id and a new token (see track())
      await this.request('control', 'join', { resumeToken: this.resumeToken });
    } catch (e) {
      const err = e as SignalingError;
      if (err.code === 'connection_lost') return; // onclose already scheduled the next attempt
      this.finish({ closeCode: 4401, code: err.code === 'invalid_resume_token' ? 'resume_failed' : err.code, message: err.message });
    }
  }

  private finish(info: CloseInfo): void {
    if (this.retryTimer !== null) this.opts.clearTimer(this.retryTimer);
    this.retryTimer = null;
    this.resumeToken = null;
    const s = this.socket;
    this.socket = null;
    if (s && s.readyState <= 1) s.close(1000);
    if (this._state !== 'closed') this.setState('closed', info);
  }

  private setState(s: ConnectionState, info?: CloseInfo): void {
    if (this._state === s && s !== 'joined') return;
    this._state = s;
    for (const l of [...this.stateListeners]) l(s, info);
  }
}

function closeCodeName(code: number): string {
  switch (code) {
    case 1000: return 'closed';
    case 1008: return 'rate_limited';
    case 1011: return 'internal_error';
    case 4400: return 'not_joined';
    case 4401: return 'invalid_ticket';
    case 4403: return 'refused';
    case 4408: return 'join_timeout';
    case 4409: return 'replaced';
    case 4410: return 'kicked';
    default: return 'connection_lost';
  }
}
