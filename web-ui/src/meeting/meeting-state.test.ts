import { describe, expect, it } from 'vitest';
import { initialState, isModerator, raisedHands, reduce, setChatOpen, type MeetingState } from './meeting-state';
import type { ServerFrame } from '../signaling/signaling-client';

const f = (ns: string, type: string, body: Record<string, any>): ServerFrame => ({ ns, type, body, ts: '2026-01-01T00:00:00Z' });
const person = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id, displayName: name, role: 'participant', guest: false, handRaised: false, muted: false, connected: true, ...extra,
});

function joined(): MeetingState {
  return reduce(initialState(), f('control', 'joined', {
    participantId: 'p-me', role: 'participant', resumeToken: 't', reconnectGraceSeconds: 30,
    room: { id: 'r', title: 'Rat', locked: false, waitingRoom: 'guests' },
    participants: [person('p-chair', 'Vorsitz', { role: 'moderator' }), person('p-me', 'Anna')],
    raisedHands: [], chat: [{ id: 'm-1', from: 'p-chair', fromName: 'Vorsitz', private: false, text: 'Willkommen', sentAt: 'x' }],
    plugins: [{ id: 'polls', version: '1.0.0', data: null }], media: { iceServers: [], lastN: 0 },
  })).state;
}

describe('meeting state', () => {
  it('takes the snapshot from joined', () => {
    const s = joined();
    expect(s.self).toBe('p-me');
    expect(s.participants.map((p) => p.displayName)).toEqual(['Vorsitz', 'Anna']);
    expect(s.chat).toHaveLength(1);
    expect(s.unread).toBe(0);
    expect(s.plugins[0].id).toBe('polls');
    expect(s.mediaEnabled).toBe(true);
    expect(isModerator(s)).toBe(false);
  });

  it('announces joins and leaves by name', () => {
    let r = reduce(joined(), f('control', 'participant_joined', { participant: person('p-g', 'Gast Gerda', { guest: true }) }));
    expect(r.announce).toEqual([{ key: 'announce.joined', params: { name: 'Gast Gerda' }, sound: 'chime' }]);
    r = reduce(r.state, f('control', 'participant_left', { participantId: 'p-g', reason: 'left' }));
    expect(r.announce[0]).toMatchObject({ key: 'announce.left', params: { name: 'Gast Gerda' } });
    expect(r.state.participants.map((p) => p.id)).toEqual(['p-chair', 'p-me']);
  });

  it('counts unread messages from others while the chat is closed, and clears them on opening', () => {
    let s = joined();
    s = reduce(s, f('chat', 'message', { id: 'm-2', from: 'p-chair', fromName: 'Vorsitz', private: false, text: 'Punkt 1', sentAt: 'x' })).state;
    s = reduce(s, f('chat', 'message', { id: 'm-3', from: 'p-me', fromName: 'Anna', private: false, text: 'Ja', sentAt: 'x' })).state;
    s = reduce(s, f('chat', 'message', { id: 'm-4', from: 'p-chair', fromName: 'Vorsitz', to: 'p-me', private: true, text: 'psst', sentAt: 'x' })).state;
    expect(s.unread).toBe(2);
    s = setChatOpen(s, true);
    expect(s.unread).toBe(0);
    s = reduce(s, f('chat', 'message', { id: 'm-5', from: 'p-chair', fromName: 'Vorsitz', private: false, text: 'offen', sentAt: 'x' })).state;
    expect(s.unread).toBe(0);
    s = setChatOpen(s, false);
    const r = reduce(s, f('chat', 'message', { id: 'm-6', from: 'p-chair', fromName: 'Vorsitz', private: true, text: 'geheim', sentAt: 'x' }));
    expect(r.state.unread).toBe(1);
    expect(r.announce[0]).toMatchObject({ key: 'announce.privateChat', params: { name: 'Vorsitz', text: 'geheim' } });
  });

  it('ignores a chat message it already has (resume snapshots repeat history)', () => {
    const s = joined();
    const r = reduce(s, f('chat', 'message', { id: 'm-1', from: 'p-chair', fromName: 'Vorsitz', private: false, text: 'Willkommen', sentAt: 'x' }));
    expect(r.state.chat).toHaveLength(1);
    expect(r.state.unread).toBe(0);
  });

  it('announces raised hands and orders them by time', () => {
    let s = joined();
    let r = reduce(s, f('control', 'participant_updated', { participant: person('p-chair', 'Vorsitz', { role: 'moderator', handRaised: true, handRaisedAt: '2' }), changed: ['hand'] }));
    expect(r.announce[0]).toMatchObject({ key: 'announce.hand', params: { name: 'Vorsitz' } });
    s = reduce(r.state, f('control', 'participant_updated', { participant: person('p-me', 'Anna', { handRaised: true, handRaisedAt: '1' }), changed: ['hand'] })).state;
    expect(raisedHands(s).map((p) => p.id)).toEqual(['p-me', 'p-chair']);
  });

  it('tells me assertively when a moderator muted me', () => {
    const r = reduce(joined(), f('control', 'participant_updated', { participant: person('p-me', 'Anna', { muted: true, mutedBy: 'p-chair' }), changed: ['muted'] }));
    expect(r.announce).toEqual([{ key: 'announce.mutedByModerator', params: {}, assertive: true }]);
  });

  it('announces only new people in the waiting list, with a knock', () => {
    let r = reduce(joined(), f('moderation', 'waiting_list', { waiting: [{ id: 'p-w1', displayName: 'Gerda', guest: true, since: 'x' }] }));
    expect(r.announce).toEqual([{ key: 'announce.waiting', params: { name: 'Gerda' }, assertive: true, sound: 'knock' }]);
    r = reduce(r.state, f('moderation', 'waiting_list', { waiting: [
      { id: 'p-w1', displayName: 'Gerda', guest: true, since: 'x' }, { id: 'p-w2', displayName: 'Hans', guest: true, since: 'y' }] }));
    expect(r.announce.map((a) => a.params.name)).toEqual(['Hans']);
    expect(r.state.waiting).toHaveLength(2);
  });

  it('follows room locks, plugins, the dominant speaker and the own quality', () => {
    let s = joined();
    const r = reduce(s, f('control', 'room_updated', { room: { id: 'r', title: 'Rat', locked: true, waitingRoom: 'guests' }, by: 'p-chair' }));
    expect(r.announce[0].key).toBe('announce.locked');
    s = reduce(r.state, f('control', 'plugin_stopped', { plugin: 'polls', reason: 'updated' })).state;
    expect(s.plugins).toEqual([]);
    s = reduce(s, f('control', 'plugin_started', { plugin: { id: 'polls', version: '1.1.0', data: {} } })).state;
    expect(s.plugins.map((p) => p.version)).toEqual(['1.1.0']);
    s = reduce(s, f('media', 'dominant_speaker', { participantId: 'p-chair' })).state;
    expect(s.dominantSpeaker).toBe('p-chair');
    s = reduce(s, f('media', 'quality', { score: 2, loss: 0.1, rttMs: 300, jitterMs: 40 })).state;
    expect(s.ownQuality?.score).toBe(2);
  });
});
