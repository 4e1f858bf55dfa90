import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MeetingSession } from './media-session';
import type { SocketLike } from '../signaling/signaling-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: any[] = [];
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  frame(f: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify({ body: {}, ...f }) });
  }
}

/** Just enough RTCPeerConnection for the publish side. */
class FakePc {
  static all: FakePc[] = [];
  transceivers: any[] = [];
  localDescription: { sdp: string } | null = null;
  remote: string[] = [];
  constructor() {
    FakePc.all.push(this);
  }
  addTransceiver(track: any, init: any) {
    const t = { mid: null as string | null, direction: init.direction, init, sender: { track, replaceTrack: async () => {} } };
    this.transceivers.push(t);
    return t;
  }
  async createOffer() {
    return { type: 'offer', sdp: 'offer-sdp' };
  }
  async setLocalDescription(d: any) {
    this.localDescription = { sdp: d.sdp };
    this.transceivers.forEach((t, i) => (t.mid ??= String(i)));
  }
  async setRemoteDescription(d: any) {
    this.remote.push(d.sdp);
  }
  getTransceivers() {
    return this.transceivers;
  }
  close() {}
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** Opens the fake socket and answers the join with a room whose server has no media settings. */
async function joinWithoutMedia(m: MeetingSession, socket: FakeSocket): Promise<void> {
  const joined = m.join('ticket');
  socket.readyState = 1;
  socket.onopen?.({});
  await flush();
  socket.frame({ ns: 'control', type: 'joined', re: socket.sent[0].id, body: {
    participantId: 'p-1', resumeToken: 'r', room: { id: 'r', title: 'Rat', locked: false, waitingRoom: 'off' }, participants: [], chat: [], plugins: [] } });
  await joined;
}
const track = (kind: string) => ({ kind, id: kind, enabled: true, stop: vi.fn() }) as unknown as MediaStreamTrack;

describe('MeetingSession', () => {
  beforeEach(() => {
    FakePc.all = [];
    vi.stubGlobal('RTCPeerConnection', FakePc);
    vi.stubGlobal('MediaStream', class { constructor(readonly tracks: unknown[]) {} getVideoTracks() { return this.tracks; } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('publishes microphone and simulcast camera in one offer once joined, with its mute state', async () => {
    const socket = new FakeSocket();
    const m = new MeetingSession({
      signalingUrl: 'ws://x/signaling', socketFactory: () => socket, micOn: false, camOn: true, audioOnly: false, saveBandwidth: false,
      devices: { cameraId: null, microphoneId: null }, tracks: { audio: track('audio'), video: track('video') },
    });
    const joined = m.join('ticket');
    socket.readyState = 1;
    socket.onopen?.({});
    await flush();
    socket.frame({ ns: 'control', type: 'joined', re: socket.sent[0].id, body: {
      participantId: 'p-1', resumeToken: 'r', reconnectGraceSeconds: 30, room: { id: 'r', title: 'Rat', locked: false, waitingRoom: 'off' },
      participants: [], chat: [], plugins: [], media: { iceServers: [], lastN: 0 } } });
    await joined;
    await flush();
    const publish = socket.sent.find((f) => f.ns === 'media' && f.type === 'publish');
    expect(publish.body).toEqual({ sdp: 'offer-sdp', sources: { '0': 'microphone', '1': 'camera' } });
    expect(socket.sent.filter((f) => f.type === 'publish')).toHaveLength(1);
    expect(FakePc.all[0].transceivers[1].init.sendEncodings.map((e: any) => e.rid)).toEqual(['l', 'm', 'h']);
    socket.frame({ ns: 'media', type: 'answer', re: publish.id, body: { sdp: 'answer-sdp' } });
    await flush();
    expect(FakePc.all[0].remote).toEqual(['answer-sdp']);
    expect(socket.sent.find((f) => f.type === 'mute_state').body).toEqual({ audio: true, video: false });
    expect(m.localCamera).not.toBeNull();
  });

  it('publishes nothing when the server runs without media', async () => {
    const socket = new FakeSocket();
    const m = new MeetingSession({
      signalingUrl: 'ws://x/signaling', socketFactory: () => socket, micOn: true, camOn: true, audioOnly: false, saveBandwidth: false,
      devices: { cameraId: null, microphoneId: null }, tracks: { audio: track('audio'), video: track('video') },
    });
    await joinWithoutMedia(m, socket);
    await flush();
    expect(socket.sent.filter((f) => f.ns === 'media')).toEqual([]);
  });

  it('sends view hints only for the tiles still on the page', async () => {
    const socket = new FakeSocket();
    const m = new MeetingSession({
      signalingUrl: 'ws://x/signaling', socketFactory: () => socket, micOn: true, camOn: false, audioOnly: false, saveBandwidth: false,
      devices: { cameraId: null, microphoneId: null }, tracks: { audio: null, video: null },
    });
    await joinWithoutMedia(m, socket);
    m.updateTile('p-2', 'camera', true, 320, 180);
    m.updateTile('p-2', 'screen', true, 640, 360);
    await new Promise((r) => setTimeout(r, 300));
    const views = () => socket.sent.filter((f) => f.ns === 'media' && f.type === 'view').map((f) => f.body.tiles.map((t: any) => t.source));
    expect(views().at(-1)).toEqual(['camera', 'screen']);
    m.retainTiles(new Set(['p-2/camera'])); // the share ended: its tile is gone
    await new Promise((r) => setTimeout(r, 300));
    expect(views().at(-1)).toEqual(['camera']);
  });
});
