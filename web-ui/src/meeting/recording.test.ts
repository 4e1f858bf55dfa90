import { afterEach, describe, expect, it } from 'vitest';
import './recording-indicator';
import '../waiting/waiting-screen';
import { initialState, parseRecording, reduce, type MeetingState, type Recording } from './meeting-state';
import type { ServerFrame } from '../signaling/signaling-client';
import type { RecordingIndicator } from './recording-indicator';
import { setLanguage, t } from '../i18n/i18n';

const f = (ns: string, type: string, body: Record<string, any>): ServerFrame => ({ ns, type, body, ts: '2026-11-29T10:00:00Z' });
const rec = (id: string, extra: Partial<Recording> = {}): Recording => ({
  id, kind: 'recording', label: 'Ratssitzung (Audio)', plugin: 'recorder', startedAt: '2026-11-29T10:05:00Z', ...extra,
});
const joinedWith = (recordings: unknown): ReturnType<typeof reduce> => reduce(initialState(), f('control', 'joined', {
  participantId: 'p-me', room: { id: 'r', title: 'Rat', locked: false, waitingRoom: 'off' }, participants: [], chat: [], plugins: [],
  recordings,
}));

afterEach(() => {
  document.body.innerHTML = '';
  setLanguage('en');
});

describe('recording state', () => {
  it('announces a start and an end assertively, and keeps the list in between', () => {
    let s: MeetingState = joinedWith([]).state;
    const started = reduce(s, f('control', 'recording_started', { recording: rec('rec-1') }));
    expect(started.state.recordings.map((r) => r.id)).toEqual(['rec-1']);
    expect(started.announce).toEqual([{ key: 'announce.recording', params: {}, assertive: true }]);
    expect(t(started.announce[0].key)).toBe('Recording has started.');
    s = started.state;
    const stopped = reduce(s, f('control', 'recording_stopped', { recording: rec('rec-1'), reason: 'plugin_disabled', endedAt: 'x' }));
    expect(stopped.state.recordings).toEqual([]);
    expect(t(stopped.announce[0].key)).toBe('Recording has ended.');
  });

  it('says it in German', () => {
    setLanguage('de');
    const started = reduce(joinedWith([]).state, f('control', 'recording_started', { recording: rec('rec-1') }));
    expect(t(started.announce[0].key)).toBe('Die Aufzeichnung hat begonnen.');
  });

  it('tells a late joiner what is already running, once, with its label', () => {
    const first = joinedWith([rec('rec-1', { kind: 'transcription', label: 'Untertitel' })]);
    expect(first.state.recordings).toHaveLength(1);
    expect(first.announce).toHaveLength(1);
    expect(t(first.announce[0].key, first.announce[0].params)).toBe('This meeting is being transcribed: Untertitel.');
    // a resume repeats the snapshot: nothing new to say
    const again = reduce(first.state, f('control', 'joined', { participantId: 'p-me', recordings: [rec('rec-1', { kind: 'transcription' })] }));
    expect(again.announce).toEqual([]);
  });

  it('shows the waiting room what is recorded before admission', () => {
    const w = reduce(initialState(), f('moderation', 'waiting', { participantId: 'p-me', room: {}, recordings: [rec('rec-9', { kind: 'streaming' })] }));
    expect(w.state.recordings[0].kind).toBe('streaming');
    expect(w.announce[0].key).toBe('announce.streamingRunning');
  });

  it('ignores malformed and hostile frames instead of breaking the meeting', () => {
    const s = joinedWith([]).state;
    for (const body of [{}, { recording: null }, { recording: 'rec-1' }, { recording: { kind: 'recording' } }, { recording: { id: 7 } },
      { recording: [] }]) {
      expect(reduce(s, f('control', 'recording_started', body)).state).toBe(s);
      expect(reduce(s, f('control', 'recording_stopped', body)).state).toBe(s);
    }
    // a stop for something never started says nothing
    expect(reduce(s, f('control', 'recording_stopped', { recording: rec('rec-unknown') })).announce).toEqual([]);
    // a repeated start is not announced twice
    const once = reduce(s, f('control', 'recording_started', { recording: rec('rec-1') })).state;
    expect(reduce(once, f('control', 'recording_started', { recording: rec('rec-1') })).announce).toEqual([]);
    // snapshots that are not lists, or lists of junk
    expect(joinedWith('all of them').state.recordings).toEqual([]);
    expect(joinedWith([null, 1, { id: '' }, rec('rec-2'), rec('rec-2')]).state.recordings.map((r) => r.id)).toEqual(['rec-2']);
  });

  it('shows an unknown kind as a recording and cuts oversized fields', () => {
    const r = parseRecording({ id: 'rec-1', kind: 'secret_stream', label: 'x'.repeat(5000), plugin: 3, startedAt: null })!;
    expect(r.kind).toBe('recording');
    expect(r.label).toHaveLength(100);
    expect(r.plugin).toBe('');
    expect(r.startedAt).toBe('');
  });
});

describe('recording indicator', () => {
  async function mount(recordings: Recording[]): Promise<RecordingIndicator> {
    const el = document.createElement('plenum-recording-indicator') as RecordingIndicator;
    el.recordings = recordings;
    document.body.appendChild(el);
    await el.updateComplete;
    return el;
  }

  it('renders nothing while nothing is recorded', async () => {
    const el = await mount([]);
    expect(el.shadowRoot!.querySelector('[data-testid=recording-indicator]')).toBeNull();
  });

  it('says in words what is recorded, with an icon hidden from screen readers', async () => {
    const el = await mount([rec('rec-1'), rec('rec-2', { kind: 'streaming', label: 'Bürgerbüro' })]);
    const group = el.shadowRoot!.querySelector('[data-testid=recording-indicator]')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toBe('Recording status');
    expect(group.querySelector('ul')!.getAttribute('role')).toBeNull(); // a real list inside, so each item is a listitem
    const items = [...group.querySelectorAll('li')];
    expect(items.map((x) => x.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Recording in progress · Ratssitzung \(Audio\) \(since .+\)$/),
      expect.stringMatching(/^Live stream in progress · Bürgerbüro \(since .+\)$/),
    ]);
    expect(items[0].querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    // not a live region: the announcer speaks, the indicator stays
    expect(group.closest('[aria-live]')).toBeNull();
  });

  it('shows markup in a label as text, never as HTML', async () => {
    const el = await mount([rec('rec-1', { label: '<img src=x onerror=alert(1)>' })]);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(el.shadowRoot!.querySelector('li')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('appears on the waiting screen with an explanation', async () => {
    setLanguage('de');
    const el = document.createElement('plenum-waiting-screen') as HTMLElement & { recordings: Recording[]; updateComplete: Promise<unknown> };
    el.recordings = [rec('rec-1')];
    document.body.appendChild(el);
    await el.updateComplete;
    const box = el.shadowRoot!.querySelector('[data-testid=waiting-recording]')!;
    expect(box.textContent).toContain('wird aufgezeichnet');
    const indicator = box.querySelector('plenum-recording-indicator') as RecordingIndicator;
    await indicator.updateComplete;
    expect(indicator.shadowRoot!.textContent).toContain('Aufzeichnung läuft');
  });
});
