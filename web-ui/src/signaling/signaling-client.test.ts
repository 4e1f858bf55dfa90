import { describe, expect, it } from 'vitest';
import { SignalingClient, type ConnectionState, type ServerFrame, type SocketLike } from './signaling-client';

/** A WebSocket double: records what the client sends, lets the test play the server. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: any[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: Partial<ServerFrame> & { ns: string; type: string }) {
    this.onmessage?.({ data: JSON.stringify({ ts: '2026-01-01T00:00:00.000Z', body: {}, ...f }) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  last() {
    return this.sent[this.sent.length - 1];
  }
}

/** Manual clock and timers, so reconnect tests need no sleeps. */
class Clock {
  t = 0;
  timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  set = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clear = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  async advance(ms: number) {
    const until = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await flush();
    }
    this.t = until;
  }
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function setup() {
  const sockets: FakeSocket[] = [];
  const clock = new Clock();
  const client = new SignalingClient({
    url: 'ws://test/signaling',
    socketFactory: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    now: () => clock.t,
    setTimer: clock.set,
    clearTimer: clock.clear,
    reconnectDelaysMs: [100, 1000],
  });
  const states: ConnectionState[] = [];
  client.onState((s) => states.push(s));
  return { client, sockets, clock, states };
}

const joinedBody = (token: string) => ({
  participantId: 'p-1', role: 'participant', resumeToken: token, reconnectGraceSeconds: 30,
  room: { id: 'r', title: 'Rat', locked: false, waitingRoom: 'guests' },
  participants: [], raisedHands: [], chat: [], plugins: [],
});

async function joined() {
  const t = setup();
  const p = t.client.join('ticket-1', 'Anna');
  t.sockets[0].open();
  await flush();
  const join = t.sockets[0].last();
  t.sockets[0].frame({ ns: 'control', type: 'joined', re: join.id, body: joinedBody('resume-1') });
  const answer = await p;
  return { ...t, answer };
}

describe('SignalingClient', () => {
  it('joins with the ticket in the first frame and resolves with the snapshot', async () => {
    const { sockets, answer, client, states } = await joined();
    expect(sockets[0].url).toBe('ws://test/signaling');
    expect(sockets[0].sent[0]).toMatchObject({ ns: 'control', type: 'join', body: { ticket: 'ticket-1', displayName: 'Anna' } });
    expect(sockets[0].sent[0].id).toMatch(/^c-\d+$/);
    expect(answer.body.participantId).toBe('p-1');
    expect(client.state).toBe('joined');
    expect(states).toEqual(['connecting', 'joined']);
  });

  it('matches answers to requests by re, whatever the order', async () => {
    const { client, sockets } = await joined();
    const s = sockets[0];
    const a = client.request('chat', 'send', { text: 'eins' });
    const b = client.request('hand', 'raise');
    const [ia, ib] = [s.sent[1].id, s.sent[2].id];
    expect(ia).not.toBe(ib);
    s.frame({ ns: 'hand', type: 'ok', re: ib });
    s.frame({ ns: 'chat', type: 'ok', re: ia });
    expect((await a).ns).toBe('chat');
    expect((await b).ns).toBe('hand');
  });

  it('waits past a provisional ok for the answer a plugin module sends later, when asked to', async () => {
    const { client, sockets } = await joined();
    const s = sockets[0];
    const later = client.request('minutes', 'edit', { itemId: 'i1' }, { pastOk: true });
    const id = s.last().id;
    s.frame({ ns: 'minutes', type: 'ok', re: id });
    s.frame({ ns: 'minutes', type: 'stored', re: id, body: { revisions: [] } });
    expect((await later).type).toBe('stored');
    const refused = client.request('minutes', 'edit', { itemId: 'i1' }, { pastOk: true });
    s.frame({ ns: 'minutes', type: 'ok', re: s.last().id });
    s.frame({ ns: 'minutes', type: 'error', re: s.last().id, body: { code: 'forbidden', message: 'revoked' } });
    await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
    // without the option the first frame answers, as before
    const plain = client.request('minutes', 'edit', { itemId: 'i1' });
    s.frame({ ns: 'minutes', type: 'ok', re: s.last().id });
    expect((await plain).type).toBe('ok');
  });

  it('rejects a request answered by an error frame with its code', async () => {
    const { client, sockets } = await joined();
    const p = client.request('moderation', 'kick', { participantId: 'p-2' });
    sockets[0].frame({ ns: 'moderation', type: 'error', re: sockets[0].last().id, body: { code: 'forbidden', message: 'only moderators' } });
    await expect(p).rejects.toMatchObject({ code: 'forbidden', message: 'only moderators' });
  });

  it('hands every frame to listeners, broadcasts without re included', async () => {
    const { client, sockets } = await joined();
    const seen: string[] = [];
    client.onFrame((f) => seen.push(`${f.ns}/${f.type}`));
    sockets[0].frame({ ns: 'chat', type: 'message', body: { id: 'm-1', text: 'hi' } });
    sockets[0].frame({ ns: 'control', type: 'participant_joined', body: { participant: { id: 'p-2' } } });
    expect(seen).toEqual(['chat/message', 'control/participant_joined']);
  });

  it('ignores frames that are not JSON objects with ns and type', async () => {
    const { client, sockets } = await joined();
    const seen: unknown[] = [];
    client.onFrame((f) => seen.push(f));
    sockets[0].onmessage?.({ data: 'not json' });
    sockets[0].onmessage?.({ data: '[1,2]' });
    sockets[0].onmessage?.({ data: new ArrayBuffer(2) });
    expect(seen).toEqual([]);
  });

  it('sends fire-and-forget frames without an id', async () => {
    const { client, sockets } = await joined();
    client.send('media', 'view', { tiles: [] });
    expect(sockets[0].last()).toEqual({ ns: 'media', type: 'view', body: { tiles: [] } });
  });

  it('refuses to send while not connected', async () => {
    const t = setup();
    await expect(t.client.request('chat', 'send', { text: 'x' })).rejects.toMatchObject({ code: 'not_connected' });
    expect(t.client.send('chat', 'send', {})).toBe(false);
  });

  it('resumes with the resume token after a drop and gets the same participant back', async () => {
    const { client, sockets, clock, states } = await joined();
    const snapshots: ServerFrame[] = [];
    client.onFrame((f) => f.type === 'joined' && snapshots.push(f));
    const pendingChat = client.request('chat', 'send', { text: 'lost' });
    sockets[0].drop(1006);
    await expect(pendingChat).rejects.toMatchObject({ code: 'connection_lost' });
    expect(client.state).toBe('reconnecting');
    await clock.advance(100);
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    await flush();
    expect(sockets[1].sent[0]).toMatchObject({ ns: 'control', type: 'join', body: { resumeToken: 'resume-1' } });
    expect(sockets[1].sent[0].body.ticket).toBeUndefined();
    sockets[1].frame({ ns: 'control', type: 'joined', re: sockets[1].sent[0].id, body: joinedBody('resume-2') });
    await flush();
    expect(client.state).toBe('joined');
    expect(states).toEqual(['connecting', 'joined', 'reconnecting', 'joined']);
    expect(snapshots).toHaveLength(1);
    // the next drop uses the new, single-use token
    sockets[1].drop(1013);
    await clock.advance(100);
    sockets[2].open();
    await flush();
    expect(sockets[2].sent[0].body).toEqual({ resumeToken: 'resume-2' });
  });

  it('keeps trying while the server is unreachable and gives up when the grace period is over', async () => {
    const { client, sockets, clock } = await joined();
    let reason = '';
    client.onState((s, info) => s === 'closed' && (reason = info!.code));
    sockets[0].drop(1006);
    for (let i = 0; i < 40 && client.state === 'reconnecting'; i++) {
      await clock.advance(1000);
      const s = sockets[sockets.length - 1];
      if (s.readyState === 0) s.drop(1006); // connection refused
    }
    expect(client.state).toBe('closed');
    expect(reason).toBe('resume_failed');
    expect(clock.t).toBeLessThanOrEqual(31_000);
    expect(sockets.length).toBeGreaterThan(5);
  });

  it('does not resume after being removed, the meeting ending, or a replaced socket', async () => {
    for (const [frames, code, expected] of [
      [[{ ns: 'moderation', type: 'removed', body: { reason: 'banned' } }], 4410, 'banned'],
      [[{ ns: 'control', type: 'room_closed', body: { reason: 'ended' } }], 1000, 'room_closed'],
      [[], 4409, 'replaced'],
    ] as const) {
      const { client, sockets, clock } = await joined();
      let info: any;
      client.onState((s, i) => s === 'closed' && (info = i));
      for (const f of frames) sockets[0].frame(f as any);
      sockets[0].drop(code);
      await clock.advance(5000);
      expect(client.state).toBe('closed');
      expect(info.code).toBe(expected);
      expect(sockets).toHaveLength(1);
    }
  });

  it('ends for good when the resume token is refused', async () => {
    const { client, sockets, clock } = await joined();
    sockets[0].drop(1001);
    await clock.advance(100);
    sockets[1].open();
    await flush();
    sockets[1].frame({ ns: 'control', type: 'error', re: sockets[1].sent[0].id, body: { code: 'invalid_resume_token', message: 'too late' } });
    sockets[1].drop(4401);
    await flush();
    expect(client.state).toBe('closed');
  });

  it('waits in the waiting room and becomes joined on admission, with a token to resume', async () => {
    const t = setup();
    const p = t.client.join('ticket-1');
    t.sockets[0].open();
    await flush();
    t.sockets[0].frame({ ns: 'moderation', type: 'waiting', re: t.sockets[0].last().id, body: { participantId: 'p-9', room: {} } });
    expect((await p).type).toBe('waiting');
    expect(t.client.state).toBe('waiting');
    expect(t.client.hasResumeToken).toBe(false);
    t.sockets[0].frame({ ns: 'control', type: 'joined', body: joinedBody('resume-w') });
    expect(t.client.state).toBe('joined');
    expect(t.client.hasResumeToken).toBe(true);
  });

  it('a dropped socket in the waiting room ends the attempt (waiting people cannot resume)', async () => {
    const t = setup();
    const p = t.client.join('ticket-1');
    t.sockets[0].open();
    await flush();
    t.sockets[0].frame({ ns: 'moderation', type: 'waiting', re: t.sockets[0].last().id, body: {} });
    await p;
    t.sockets[0].drop(1006);
    expect(t.client.state).toBe('closed');
  });

  it('rejects the join with the server error for a bad ticket', async () => {
    const t = setup();
    const p = t.client.join('bad');
    t.sockets[0].open();
    await flush();
    t.sockets[0].frame({ ns: 'control', type: 'error', re: t.sockets[0].last().id, body: { code: 'invalid_ticket', message: 'expired' } });
    t.sockets[0].drop(4401);
    await expect(p).rejects.toMatchObject({ code: 'invalid_ticket' });
    expect(t.client.state).toBe('closed');
  });

  it('leave sends control/leave, waits for ok and does not reconnect', async () => {
    const { client, sockets, clock } = await joined();
    const left = client.leave();
    expect(sockets[0].last()).toMatchObject({ ns: 'control', type: 'leave' });
    sockets[0].frame({ ns: 'control', type: 'ok', re: sockets[0].last().id });
    await left;
    sockets[0].drop(1000);
    await clock.advance(5000);
    expect(client.state).toBe('closed');
    expect(sockets).toHaveLength(1);
  });

  it('times a request out when no answer ever comes', async () => {
    const { client, clock } = await joined();
    const p = expect(client.request('chat', 'send', { text: 'x' })).rejects.toMatchObject({ code: 'timeout' });
    await clock.advance(15_000);
    await p;
  });
});
