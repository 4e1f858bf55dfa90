// A read-only window into the running meeting for end-to-end tests: `window.__plenum.stats()` resolves to what this
// tab receives, per participant and source, from the subscribe connection's getStats() (inbound-rtp).
// Installed only when the tab was opened with `?plenum-debug` (remembered for the tab in sessionStorage, so it
// survives the OIDC redirect and client-side navigation) or when the bundle was built with VITE_PLENUM_DEBUG=true.
// It exposes nothing a user of the tab could not already read in the browser's developer tools.
import type { MeetingSession } from '../media/media-session';

export interface ReceivedStream {
  participantId: string;
  source: string;
  kind: 'audio' | 'video';
  packetsReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  totalSamplesReceived: number;
  audioLevel: number;
}

export interface PlenumDebug {
  /** One entry per received stream; empty outside a meeting. */
  stats(): Promise<ReceivedStream[]>;
  /** 'idle' | 'connecting' | 'joined' | … of the current meeting, or null. */
  connection(): string | null;
}

const FLAG = 'plenum.debug';
let current: MeetingSession | null = null;

/** Whether the hook is on for this tab: the query flag (remembered) or the build-time flag. */
export function debugEnabled(search = location.search, storage: Storage = sessionStorage, buildFlag = import.meta.env.VITE_PLENUM_DEBUG === 'true'): boolean {
  if (buildFlag) return true;
  if (new URLSearchParams(search).has('plenum-debug')) {
    storage.setItem(FLAG, '1');
    return true;
  }
  return storage.getItem(FLAG) === '1';
}

/** Called once at start; defines `window.__plenum` only when the hook is enabled. */
export function installDebugHook(): void {
  if (!debugEnabled()) return;
  const api: PlenumDebug = {
    stats: () => (current ? current.receivedStats() : Promise.resolve([])),
    connection: () => current?.connection ?? null,
  };
  Object.defineProperty(window, '__plenum', { value: Object.freeze(api), configurable: false, writable: false });
}

/** The meeting the hook reports on (the join flow sets it; null when it ends). */
export function setDebugMeeting(m: MeetingSession | null): void {
  current = m;
}
