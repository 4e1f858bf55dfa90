import { afterEach, describe, expect, it } from 'vitest';
import '../chat/chat-panel';
import './participants-panel';
import './meeting-view';
import type { ChatPanel } from '../chat/chat-panel';
import type { ParticipantsPanel } from './participants-panel';
import type { MeetingView } from './meeting-view';
import { initialState, reduce, setChatOpen, type MeetingState, type Participant } from './meeting-state';
import { setLanguage } from '../i18n/i18n';

const person = (id: string, name: string, extra: Partial<Participant> = {}): Participant => ({
  id, displayName: name, role: 'participant', guest: false, handRaised: false, muted: false, connected: true, ...extra,
});

async function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>): Promise<T> {
  const el = document.createElement(tag) as T & { updateComplete: Promise<unknown> };
  Object.assign(el, props);
  document.body.appendChild(el);
  await el.updateComplete;
  return el;
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement;
const qa = (el: HTMLElement, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)] as HTMLElement[];

afterEach(() => {
  document.body.innerHTML = '';
  setLanguage('en');
});

describe('chat panel', () => {
  it('sends with Enter to everyone, or privately to the chosen person, and clears the field', async () => {
    const el = await mount<ChatPanel>('plenum-chat-panel', { messages: [], participants: [person('p-1', 'Anna'), person('p-2', 'Bernd')], self: 'p-1' });
    const sent: unknown[] = [];
    el.addEventListener('send', (e) => sent.push((e as CustomEvent).detail));
    const input = q(el, '[data-testid=chat-input]') as HTMLTextAreaElement;
    input.value = '  Guten Morgen ';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(sent).toEqual([{ text: 'Guten Morgen' }]);
    expect(input.value).toBe('');
    // the recipient list holds everyone but me
    const to = q(el, '[data-testid=chat-to]') as HTMLSelectElement;
    expect([...to.options].map((o) => o.textContent)).toEqual(['Everyone', 'Bernd']);
    to.value = 'p-2';
    to.dispatchEvent(new Event('change'));
    input.value = 'psst';
    (q(el, 'form') as HTMLFormElement).requestSubmit();
    expect(sent[1]).toEqual({ text: 'psst', to: 'p-2' });
  });

  it('sends nothing for white space and Shift+Enter makes a new line', async () => {
    const el = await mount<ChatPanel>('plenum-chat-panel', { participants: [], self: 'p-1' });
    let sent = 0;
    el.addEventListener('send', () => sent++);
    const input = q(el, '[data-testid=chat-input]') as HTMLTextAreaElement;
    input.value = '   ';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    input.value = 'line';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(sent).toBe(0);
  });

  it('lists messages with sender and marks private ones', async () => {
    const el = await mount<ChatPanel>('plenum-chat-panel', {
      self: 'p-1', participants: [person('p-1', 'Anna'), person('p-2', 'Bernd')],
      messages: [
        { id: 'm-1', from: 'p-2', fromName: 'Bernd', private: false, text: 'Hallo', sentAt: '2026-01-01T10:00:00Z' },
        { id: 'm-2', from: 'p-1', fromName: 'Anna', to: 'p-2', private: true, text: 'Nur für dich', sentAt: '2026-01-01T10:01:00Z' },
      ],
    });
    const items = qa(el, '[data-testid=chat-message]');
    expect(items).toHaveLength(2);
    expect(items[1].textContent).toContain('private to Bernd');
  });
});

describe('participants panel', () => {
  const people = [person('p-me', 'Vorsitz', { role: 'moderator' }), person('p-2', 'Gerda', { guest: true, role: 'guest', handRaised: true, handRaisedAt: '1' })];

  it('shows moderators the waiting room and moderation actions, and reports what was chosen', async () => {
    const el = await mount<ParticipantsPanel>('plenum-participants-panel', {
      participants: people, waiting: [{ id: 'p-w', displayName: 'Hans', guest: true, since: 'x' }], self: 'p-me', moderator: true,
    });
    const acts: unknown[] = [];
    el.addEventListener('moderate', (e) => acts.push((e as CustomEvent).detail));
    (q(el, '[data-testid=admit]') as HTMLButtonElement).click();
    (q(el, '[data-participant-id=p-2] [data-testid=mute]') as HTMLButtonElement).click();
    (q(el, '[data-participant-id=p-2] [data-testid=promote]') as HTMLButtonElement).click();
    expect(acts).toEqual([
      { action: 'admit', participantId: 'p-w' }, { action: 'mute', participantId: 'p-2' }, { action: 'promote', participantId: 'p-2' }]);
    // raised hands first; accessible names say whom a button acts on
    expect(qa(el, '[data-testid=participant]')[0].dataset.participantId).toBe('p-2');
    expect(q(el, '[data-participant-id=p-2] [data-testid=kick]').textContent?.trim()).toBe('Remove Gerda');
  });

  it('shows others no moderation and no waiting room', async () => {
    const el = await mount<ParticipantsPanel>('plenum-participants-panel', {
      participants: people, waiting: [{ id: 'p-w', displayName: 'Hans', guest: true, since: 'x' }], self: 'p-2', moderator: false,
    });
    expect(q(el, '[data-testid=waiting-list]')).toBeNull();
    expect(qa(el, '[data-testid=kick], [data-testid=mute], [data-testid=ban]')).toEqual([]);
    expect(q(el, '[data-participant-id=p-me] [data-testid=message]')).not.toBeNull();
  });
});

/** Enough of a MeetingSession for the view: state, toggles, events. */
class FakeMeeting extends EventTarget {
  state: MeetingState;
  connection = 'joined';
  micOn = true;
  camOn = false;
  sharing = false;
  audioOnly = false;
  saveBandwidth = false;
  mediaError: string | null = null;
  localCamera = null;
  localScreen = null;
  remote = new Map<string, MediaStream>();
  calls: string[] = [];
  constructor() {
    super();
    this.state = reduce(initialState(), { ns: 'control', type: 'joined', body: {
      participantId: 'p-me', room: { id: 'r', title: 'Rat', locked: false, waitingRoom: 'guests' },
      participants: [person('p-me', 'Anna'), person('p-2', 'Bernd')], chat: [], plugins: [], media: { iceServers: [] },
    } }).state;
  }
  frame(ns: string, type: string, body: Record<string, any>) {
    this.state = reduce(this.state, { ns, type, body }).state;
    this.dispatchEvent(new Event('change'));
  }
  setChatOpen(open: boolean) {
    this.state = setChatOpen(this.state, open);
    this.dispatchEvent(new Event('change'));
  }
  onPluginFrame() {
    return () => {};
  }
  async toggleMic() {
    this.calls.push('mic');
    this.micOn = !this.micOn;
    this.dispatchEvent(new Event('change'));
  }
  async toggleHand() {
    this.calls.push('hand');
  }
  updateTile() {}
  retainTiles() {}
}

describe('meeting view', () => {
  async function meetingView() {
    const m = new FakeMeeting();
    const session = { api: { pluginUi: async () => Promise.reject(new Error('none')) } };
    const el = await mount<MeetingView>('plenum-meeting', { meeting: m, session });
    return { el, m };
  }

  it('counts unread chat messages on the chat button and clears them when the chat opens', async () => {
    const { el, m } = await meetingView();
    const chat = () => q(el, '[data-testid=toggle-chat]');
    expect(q(el, '[data-testid=chat-unread]')).toBeNull();
    m.frame('chat', 'message', { id: 'm-1', from: 'p-2', fromName: 'Bernd', private: false, text: 'eins', sentAt: 'x' });
    m.frame('chat', 'message', { id: 'm-2', from: 'p-2', fromName: 'Bernd', private: false, text: 'zwei', sentAt: 'x' });
    await el.updateComplete;
    expect(q(el, '[data-testid=chat-unread]').textContent).toBe('2');
    expect(chat().getAttribute('aria-label')).toBe('Chat, 2 unread');
    chat().click();
    await el.updateComplete;
    expect(q(el, '[data-testid=chat-unread]')).toBeNull();
    expect(q(el, '[data-testid=side-panel]')).not.toBeNull();
    m.frame('chat', 'message', { id: 'm-3', from: 'p-2', fromName: 'Bernd', private: false, text: 'drei', sentAt: 'x' });
    await el.updateComplete;
    expect(q(el, '[data-testid=chat-unread]')).toBeNull();
  });

  it('runs Alt+Shift shortcuts, but not while typing', async () => {
    const { el, m } = await meetingView();
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyM', altKey: true, shiftKey: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH', altKey: true, shiftKey: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyM', altKey: false, shiftKey: true }));
    expect(m.calls).toEqual(['mic', 'hand']);
    await el.updateComplete;
    expect(q(el, '[data-testid=toggle-mic]').getAttribute('aria-pressed')).toBe('true');
    q(el, '[data-testid=toggle-chat]').click();
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector('plenum-chat-panel')!.shadowRoot!.querySelector('textarea')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyM', altKey: true, shiftKey: true, bubbles: true, composed: true }));
    expect(m.calls).toEqual(['mic', 'hand']);
  });

  it('labels its controls in the chosen language', async () => {
    const { el } = await meetingView();
    setLanguage('de');
    await el.updateComplete;
    expect(q(el, '[data-testid=toggle-mic]').textContent?.trim()).toBe('Mikrofon ausschalten');
    expect(q(el, '[data-testid=controls]').getAttribute('aria-label')).toBe('Steuerung der Besprechung');
  });
});

describe('video tile', () => {
  it('reports its view again when it is given another participant or source (tiles reused by the meeting)', async () => {
    const observers: { cb: (e: { isIntersecting: boolean }[]) => void }[] = [];
    const io = class { constructor(readonly cb: (e: { isIntersecting: boolean }[]) => void) { observers.push(this); } observe() {} disconnect() {} };
    const g = globalThis as unknown as { IntersectionObserver: unknown };
    const before = g.IntersectionObserver;
    g.IntersectionObserver = io;
    try {
      await import('./video-tile');
      const reports: { visible: boolean }[] = [];
      const el = document.createElement('plenum-video-tile') as HTMLElement & { participant: Participant; source: string; updateComplete: Promise<unknown> };
      el.participant = person('p-2', 'Bernd');
      el.source = 'camera';
      el.addEventListener('tile-view', (e) => reports.push((e as CustomEvent).detail));
      document.body.appendChild(el);
      await el.updateComplete;
      observers.at(-1)!.cb([{ isIntersecting: true }]);
      const count = reports.length;
      el.source = 'screen';
      await el.updateComplete;
      expect(reports.length).toBe(count + 1);
      expect(reports.at(-1)!.visible).toBe(true);
      el.participant = { ...el.participant, handRaised: true }; // same person and source: nothing new to report
      await el.updateComplete;
      expect(reports.length).toBe(count + 1);
    } finally {
      g.IntersectionObserver = before;
    }
  });
});
