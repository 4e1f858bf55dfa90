import { describe, expect, it } from 'vitest';
import { Publisher, SubscribeNegotiator, type PublishPeerLike, type TransceiverLike } from './negotiation';

/** Records the order of calls; each step yields so overlapping negotiations would interleave. */
class FakePeer {
  log: string[] = [];
  localDescription: { sdp: string } | null = null;
  private n = 0;
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    await Promise.resolve();
    this.log.push(`remote ${d.type} ${d.sdp}`);
  }
  async createAnswer() {
    await Promise.resolve();
    return { type: 'answer' as const, sdp: `answer-${++this.n}` };
  }
  async createOffer() {
    await Promise.resolve();
    return { type: 'offer' as const, sdp: `offer-${++this.n}` };
  }
  async setLocalDescription(d?: RTCSessionDescriptionInit) {
    await Promise.resolve();
    this.localDescription = { sdp: d?.sdp ?? '' };
    this.log.push(`local ${d?.type} ${d?.sdp}`);
  }
}

const offer = (version: number, tracks: { mid: string; participantId: string; source: 'camera' | 'microphone' | 'screen' }[] = []) => ({
  sdp: `sdp-v${version}`,
  version,
  tracks,
});

describe('SubscribeNegotiator', () => {
  it('answers each offer with its version and maps mids to participants', async () => {
    const pc = new FakePeer();
    const sent: [string, number][] = [];
    const n = new SubscribeNegotiator(() => pc, async (sdp, v) => void sent.push([sdp, v]));
    await n.offer(offer(1, [{ mid: '0', participantId: 'p-a', source: 'microphone' }, { mid: '1', participantId: 'p-a', source: 'camera' }]));
    expect(sent).toEqual([['answer-1', 1]]);
    expect(pc.log).toEqual(['remote offer sdp-v1', 'local answer answer-1']);
    expect(n.trackFor('1')).toEqual({ mid: '1', participantId: 'p-a', source: 'camera' });
    expect(n.trackFor('7')).toBeUndefined();
  });

  it('never overlaps negotiations: the next offer waits for the previous answer', async () => {
    const pc = new FakePeer();
    const order: string[] = [];
    let release!: () => void;
    const firstAnswerSent = new Promise<void>((r) => (release = r));
    const n = new SubscribeNegotiator(() => pc, async (_sdp, v) => {
      order.push(`send ${v}`);
      if (v === 1) await firstAnswerSent;
    });
    const a = n.offer(offer(1));
    await new Promise((r) => setTimeout(r, 0));
    const b = n.offer(offer(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(pc.log.filter((l) => l.startsWith('remote'))).toEqual(['remote offer sdp-v1']);
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['send 1', 'send 2']);
  });

  it('applies only the newest of several waiting offers', async () => {
    const pc = new FakePeer();
    const versions: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const n = new SubscribeNegotiator(() => pc, async (_s, v) => {
      versions.push(v);
      if (v === 1) await gate;
    });
    void n.offer(offer(1));
    await new Promise((r) => setTimeout(r, 0));
    void n.offer(offer(3));
    void n.offer(offer(2));
    release();
    await n.settled();
    expect(versions).toEqual([1, 3]);
    expect(n.answeredVersion).toBe(3);
  });

  it('repeats the stored answer when the server repeats an answered offer after a resume', async () => {
    const pc = new FakePeer();
    const sent: [string, number][] = [];
    const n = new SubscribeNegotiator(() => pc, async (sdp, v) => void sent.push([sdp, v]));
    await n.offer(offer(4));
    await n.offer(offer(4));
    expect(sent).toEqual([['answer-1', 4], ['answer-1', 4]]);
    expect(pc.log.filter((l) => l.startsWith('remote'))).toHaveLength(1);
  });

  it('ignores offers older than the answered one', async () => {
    const pc = new FakePeer();
    const sent: number[] = [];
    const n = new SubscribeNegotiator(() => pc, async (_s, v) => void sent.push(v));
    await n.offer(offer(5));
    await n.offer(offer(3));
    expect(sent).toEqual([5]);
  });

  it('reports a failed negotiation and goes on with the next offer', async () => {
    const pc = new FakePeer();
    const errors: unknown[] = [];
    let fail = true;
    const sent: number[] = [];
    const n = new SubscribeNegotiator(() => pc, async (_s, v) => {
      if (fail) {
        fail = false;
        throw new Error('invalid_request');
      }
      sent.push(v);
    }, (e) => errors.push(e));
    await n.offer(offer(1));
    await n.offer(offer(2));
    expect(errors).toHaveLength(1);
    expect(sent).toEqual([2]);
  });
});

class FakeTransceiver implements TransceiverLike {
  mid: string | null = null;
  direction = 'sendonly';
  track: MediaStreamTrack | null;
  sender = {
    replaceTrack: async (t: MediaStreamTrack | null) => {
      this.track = t;
    },
    get track() {
      return null;
    },
  };
  constructor(track: MediaStreamTrack, readonly init: RTCRtpTransceiverInit) {
    this.track = track;
  }
}

class FakePublishPeer extends FakePeer implements PublishPeerLike {
  transceivers: FakeTransceiver[] = [];
  addTransceiver(track: MediaStreamTrack, init: RTCRtpTransceiverInit) {
    const t = new FakeTransceiver(track, init);
    this.transceivers.push(t);
    return t;
  }
  override async setLocalDescription(d?: RTCSessionDescriptionInit) {
    await super.setLocalDescription(d);
    this.transceivers.forEach((t, i) => (t.mid ??= String(i))); // mids are assigned by setLocalDescription
  }
}

const track = (kind: 'audio' | 'video', id: string = kind) => ({ kind, id }) as unknown as MediaStreamTrack;

describe('Publisher', () => {
  it('publishes camera as simulcast l, m, h (low to high) with sources by mid', async () => {
    const pc = new FakePublishPeer();
    const calls: [string, Record<string, string>][] = [];
    const p = new Publisher(pc, async (sdp, sources) => {
      calls.push([sdp, { ...sources }]);
      return 'server-answer';
    });
    await p.set('microphone', track('audio'));
    await p.set('camera', track('video'), { simulcast: true });
    expect(pc.transceivers[1].init.sendEncodings!.map((e) => e.rid)).toEqual(['l', 'm', 'h']);
    expect(pc.transceivers[1].init.sendEncodings!.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(calls[1][1]).toEqual({ '0': 'microphone', '1': 'camera' });
    expect(pc.log).toContain('remote answer server-answer');
  });

  it('adds a screen share as another transceiver and publishes again; removing it publishes without it', async () => {
    const pc = new FakePublishPeer();
    const calls: Record<string, string>[] = [];
    const p = new Publisher(pc, async (_sdp, sources) => {
      calls.push({ ...sources });
      return 'a';
    });
    await p.set('camera', track('video'));
    await p.set('screen', track('video', 'screen'));
    expect(calls.at(-1)).toEqual({ '0': 'camera', '1': 'screen' });
    expect(p.has('screen')).toBe(true);
    await p.remove('screen');
    expect(calls.at(-1)).toEqual({ '0': 'camera' });
    expect(p.has('screen')).toBe(false);
  });

  it('negotiates once for several sources added together', async () => {
    const pc = new FakePublishPeer();
    const calls: Record<string, string>[] = [];
    const p = new Publisher(pc, async (_sdp, sources) => {
      calls.push({ ...sources });
      return 'a';
    });
    await p.set('microphone', track('audio'), { defer: true });
    await p.set('camera', track('video'), { simulcast: true, defer: true });
    expect(calls).toEqual([]);
    await p.negotiate();
    expect(calls).toEqual([{ '0': 'microphone', '1': 'camera' }]);
  });

  it('switches a device by replacing the track, without a new offer', async () => {
    const pc = new FakePublishPeer();
    let publishes = 0;
    const p = new Publisher(pc, async () => {
      publishes++;
      return 'a';
    });
    await p.set('camera', track('video', 'cam-1'));
    await p.set('camera', track('video', 'cam-2'));
    expect(publishes).toBe(1);
    expect((pc.transceivers[0].track as any).id).toBe('cam-2');
  });

  it('serialises negotiations: the second offer is created after the first answer is applied', async () => {
    const pc = new FakePublishPeer();
    const p = new Publisher(pc, async (sdp) => `answer-for-${sdp}`);
    await Promise.all([p.set('microphone', track('audio')), p.set('camera', track('video'))]);
    const steps = pc.log.map((l) => l.split(' ')[0] + ' ' + l.split(' ')[1]);
    expect(steps).toEqual(['local offer', 'remote answer', 'local offer', 'remote answer']);
  });
});
