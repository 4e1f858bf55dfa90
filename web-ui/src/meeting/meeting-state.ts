// The meeting as the client sees it, built from signaling frames by a pure reducer, plus what to announce
// to screen readers. Components render this state; nothing here touches the DOM or the network.
import type { ServerFrame } from '../signaling/signaling-client';
import type { MessageKey } from '../i18n/i18n';

export type Role = 'moderator' | 'participant' | 'guest';

export interface Participant {
  id: string;
  displayName: string;
  role: Role;
  guest: boolean;
  handRaised: boolean;
  handRaisedAt?: string;
  muted: boolean;
  mutedBy?: string;
  videoMuted?: boolean;
  connected: boolean;
  quality?: number;
}

export interface ChatMessage {
  id: string;
  from: string;
  fromName: string;
  to?: string;
  private: boolean;
  text: string;
  sentAt: string;
}

export interface WaitingPerson { id: string; displayName: string; guest: boolean; since: string }
export interface RoomInfo { id: string; title: string; locked: boolean; waitingRoom: string }
export interface ActivePlugin { id: string; version: string; data: unknown }

export type RecordingKind = 'recording' | 'transcription' | 'streaming';
/** A recording, transcription or stream a plugin declared; the server tells everyone (control/recording_*). */
export interface Recording { id: string; kind: RecordingKind; label: string; plugin: string; startedAt: string }

const KINDS: readonly RecordingKind[] = ['recording', 'transcription', 'streaming'];

/**
 * A recording from a frame, or null when it is not one. Defensive: a kind this client does not know yet is
 * shown as a recording (when in doubt, tell people more), and labels are kept as plain text.
 */
export function parseRecording(x: unknown): Recording | null {
  if (typeof x !== 'object' || x === null) return null;
  const r = x as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return null;
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  return {
    id: r.id.slice(0, 64),
    kind: KINDS.includes(r.kind as RecordingKind) ? (r.kind as RecordingKind) : 'recording',
    label: str(r.label, 100),
    plugin: str(r.plugin, 32),
    startedAt: str(r.startedAt, 40),
  };
}

function parseRecordings(list: unknown): Recording[] {
  if (!Array.isArray(list)) return [];
  const out: Recording[] = [];
  for (const x of list.slice(0, 64)) {
    const r = parseRecording(x);
    if (r && !out.some((y) => y.id === r.id)) out.push(r);
  }
  return out;
}

const STARTED: Record<RecordingKind, MessageKey> = {
  recording: 'announce.recording', transcription: 'announce.transcription', streaming: 'announce.streaming',
};
const STOPPED: Record<RecordingKind, MessageKey> = {
  recording: 'announce.recordingStopped', transcription: 'announce.transcriptionStopped', streaming: 'announce.streamingStopped',
};
const RUNNING: Record<RecordingKind, MessageKey> = {
  recording: 'announce.recordingRunning', transcription: 'announce.transcriptionRunning', streaming: 'announce.streamingRunning',
};

/** On entering (joined, waiting): what is already running, said once per recording that was not known before. */
function announceRunning(before: Recording[], now: Recording[], say: Announcement[]) {
  for (const r of now) {
    if (!before.some((x) => x.id === r.id)) say.push({ key: RUNNING[r.kind], params: { label: r.label }, assertive: true });
  }
}

export interface MeetingState {
  self: string | null;
  room: RoomInfo | null;
  participants: Participant[]; // arrival order, self included
  chat: ChatMessage[];
  waiting: WaitingPerson[];
  plugins: ActivePlugin[];
  dominantSpeaker: string | null;
  ownQuality: { score: number; loss?: number; rttMs?: number; jitterMs?: number } | null;
  chatOpen: boolean;
  unread: number;
  iceServers: RTCIceServer[];
  mediaEnabled: boolean;
  /** What plugins record, transcribe or stream right now, oldest first. */
  recordings: Recording[];
}

/** Something to say in the live region; `assertive` for things that concern the user directly. */
export interface Announcement { key: MessageKey; params: Record<string, string | number>; assertive?: boolean; sound?: 'knock' | 'chime' }

export const initialState = (): MeetingState => ({
  self: null, room: null, participants: [], chat: [], waiting: [], plugins: [], dominantSpeaker: null,
  ownQuality: null, chatOpen: false, unread: 0, iceServers: [], mediaEnabled: false, recordings: [],
});

export function selfOf(s: MeetingState): Participant | undefined {
  return s.participants.find((p) => p.id === s.self);
}

export function isModerator(s: MeetingState): boolean {
  return selfOf(s)?.role === 'moderator';
}

export function raisedHands(s: MeetingState): Participant[] {
  return s.participants.filter((p) => p.handRaised).sort((a, b) => (a.handRaisedAt ?? '').localeCompare(b.handRaisedAt ?? ''));
}

const upsert = (list: Participant[], p: Participant) =>
  list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p];

/** Applies one server frame. Returns the new state and what to announce (never mutates `s`). */
export function reduce(s: MeetingState, f: ServerFrame): { state: MeetingState; announce: Announcement[] } {
  const b = f.body;
  const say: Announcement[] = [];
  const key = `${f.ns}/${f.type}`;
  switch (key) {
    case 'control/joined': {
      const state: MeetingState = {
        ...s,
        self: b.participantId,
        room: b.room,
        participants: b.participants ?? [],
        chat: b.chat ?? [],
        waiting: b.waiting ?? [],
        plugins: b.plugins ?? [],
        iceServers: b.media?.iceServers ?? [],
        mediaEnabled: b.media !== undefined,
        recordings: parseRecordings(b.recordings),
      };
      // a resume or an admission repeats the snapshot: only recordings this client had not heard of are news
      announceRunning(s.recordings, state.recordings, say);
      return { state, announce: say };
    }
    case 'moderation/waiting': {
      const recordings = parseRecordings(b.recordings);
      announceRunning(s.recordings, recordings, say);
      return { state: { ...s, recordings }, announce: say };
    }
    case 'control/recording_started': {
      const r = parseRecording(b.recording);
      if (!r || s.recordings.some((x) => x.id === r.id)) return { state: s, announce: say };
      say.push({ key: STARTED[r.kind], params: {}, assertive: true });
      return { state: { ...s, recordings: [...s.recordings, r] }, announce: say };
    }
    case 'control/recording_stopped': {
      const r = parseRecording(b.recording);
      const known = r && s.recordings.find((x) => x.id === r.id);
      if (!known) return { state: s, announce: say };
      say.push({ key: STOPPED[known.kind], params: {}, assertive: true });
      return { state: { ...s, recordings: s.recordings.filter((x) => x.id !== known.id) }, announce: say };
    }
    case 'control/participant_joined': {
      const p = b.participant as Participant;
      say.push({ key: 'announce.joined', params: { name: p.displayName }, sound: 'chime' });
      return { state: { ...s, participants: upsert(s.participants, p) }, announce: say };
    }
    case 'control/participant_left': {
      const p = s.participants.find((x) => x.id === b.participantId);
      if (p) say.push({ key: 'announce.left', params: { name: p.displayName } });
      return {
        state: {
          ...s,
          participants: s.participants.filter((x) => x.id !== b.participantId),
          dominantSpeaker: s.dominantSpeaker === b.participantId ? null : s.dominantSpeaker,
        },
        announce: say,
      };
    }
    case 'control/participant_updated': {
      const p = b.participant as Participant;
      const before = s.participants.find((x) => x.id === p.id);
      const changed: string[] = b.changed ?? [];
      if (changed.includes('hand') && before) {
        if (p.handRaised && !before.handRaised) say.push({ key: 'announce.hand', params: { name: p.displayName } });
        else if (!p.handRaised && before.handRaised && p.id !== s.self) say.push({ key: 'announce.handLowered', params: { name: p.displayName } });
      }
      if (changed.includes('muted') && p.id === s.self && p.muted && p.mutedBy && p.mutedBy !== s.self) {
        say.push({ key: 'announce.mutedByModerator', params: {}, assertive: true });
      }
      if (changed.includes('role') && p.id === s.self && p.role === 'moderator' && before?.role !== 'moderator') {
        say.push({ key: 'announce.promoted', params: {}, assertive: true });
      }
      return { state: { ...s, participants: upsert(s.participants, p) }, announce: say };
    }
    case 'control/room_updated': {
      if (s.room && b.room.locked !== s.room.locked) say.push({ key: b.room.locked ? 'announce.locked' : 'announce.unlocked', params: {} });
      return { state: { ...s, room: b.room }, announce: say };
    }
    case 'control/plugin_started': {
      const plugin = b.plugin as ActivePlugin;
      return { state: { ...s, plugins: [...s.plugins.filter((x) => x.id !== plugin.id), plugin] }, announce: say };
    }
    case 'control/plugin_stopped':
      return { state: { ...s, plugins: s.plugins.filter((x) => x.id !== b.plugin) }, announce: say };
    case 'moderation/waiting_list': {
      const known = new Set(s.waiting.map((w) => w.id));
      const list = (b.waiting ?? []) as WaitingPerson[];
      for (const w of list) {
        if (!known.has(w.id)) say.push({ key: 'announce.waiting', params: { name: w.displayName }, assertive: true, sound: 'knock' });
      }
      return { state: { ...s, waiting: list }, announce: say };
    }
    case 'chat/message': {
      const m = b as ChatMessage;
      if (s.chat.some((x) => x.id === m.id)) return { state: s, announce: say };
      const fromOther = m.from !== s.self;
      if (fromOther) {
        say.push({ key: m.private ? 'announce.privateChat' : 'announce.chat', params: { name: m.fromName, text: m.text } });
      }
      return { state: { ...s, chat: [...s.chat, m], unread: fromOther && !s.chatOpen ? s.unread + 1 : s.unread }, announce: say };
    }
    case 'chat/cleared':
      say.push({ key: 'chat.cleared', params: {} });
      return { state: { ...s, chat: [], unread: 0 }, announce: say };
    case 'media/dominant_speaker':
      return { state: { ...s, dominantSpeaker: b.participantId ?? null }, announce: say };
    case 'media/quality':
      return { state: { ...s, ownQuality: { score: b.score, loss: b.loss, rttMs: b.rttMs, jitterMs: b.jitterMs } }, announce: say };
    default:
      return { state: s, announce: say };
  }
}

/** Opening the chat marks everything read; closing it starts counting again. */
export function setChatOpen(s: MeetingState, open: boolean): MeetingState {
  return { ...s, chatOpen: open, unread: open ? 0 : s.unread };
}
