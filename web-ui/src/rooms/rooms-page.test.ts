import { afterEach, describe, expect, it, vi } from 'vitest';
import './rooms-page';
import type { RoomsPage } from './rooms-page';
import type { Room } from '../api/types';

const room = (id: string, title: string, extra: Partial<Room> = {}): Room => ({
  id, tenantId: 't', ownerId: 'u', title, hasPassword: false, waitingRoom: 'guests', locked: false,
  dialIn: { conferenceId: '1234567890', pin: '424242' }, createdAt: 'x', updatedAt: 'x', ...extra,
});

function fakeApi(rooms: Room[]) {
  const calls: [string, ...unknown[]][] = [];
  return {
    calls,
    api: {
      rooms: async () => rooms,
      createRoom: async (r: unknown) => {
        calls.push(['create', r]);
        rooms = [...rooms, room('new', (r as { title: string }).title)];
        return rooms.at(-1);
      },
      updateRoom: async (id: string, p: unknown) => void calls.push(['update', id, p]),
      createInvite: async (id: string) => ({ token: `tok-${id}` }),
      meetings: async () => [],
      deleteRoom: async () => {},
    },
  };
}

async function mount(rooms: Room[]) {
  const f = fakeApi(rooms);
  const el = document.createElement('plenum-rooms-page') as RoomsPage;
  (el as any).session = { api: f.api };
  document.body.appendChild(el);
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
  return { el, calls: f.calls };
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement;
const settle = async (el: RoomsPage) => {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('rooms page', () => {
  it('lists rooms with join links and dial-in data', async () => {
    const { el } = await mount([room('AAAAAAAAAAAAAAAAAAAAAA', 'Stadtrat', { locked: true })]);
    const item = q(el, '[data-testid=room]');
    expect(item.textContent).toContain('Stadtrat');
    expect(item.textContent).toContain('Locked');
    expect(q(el, '[data-testid=room-join]').getAttribute('href')).toBe('/r/AAAAAAAAAAAAAAAAAAAAAA');
    expect(q(el, '[data-testid=room-dialin]').textContent).toContain('Conference ID 1234567890, PIN 424242');
  });

  it('creates a room with title and waiting-room policy', async () => {
    const { el, calls } = await mount([]);
    q(el, '[data-testid=room-create-open]').click();
    await el.updateComplete;
    (q(el, '[data-testid=room-title]') as HTMLInputElement).value = ' Bauausschuss ';
    (q(el, '[data-testid=room-create-form]') as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(calls).toEqual([['create', { title: 'Bauausschuss', password: null, waitingRoom: 'guests' }]]);
    expect(q(el, '[data-testid=room-list]').textContent).toContain('Bauausschuss');
  });

  it('edits lock and keeps the password unless a new one is typed', async () => {
    const { el, calls } = await mount([room('r1', 'Rat', { hasPassword: true })]);
    q(el, '[data-testid=room-edit]').click();
    await el.updateComplete;
    (q(el, '[data-testid=room-locked]') as HTMLInputElement).checked = true;
    (q(el, '[data-testid=room-edit-form]') as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(calls).toEqual([['update', 'r1', { title: 'Rat', waitingRoom: 'guests', locked: true }]]);
  });

  it('copies an invite link to the clipboard and shows it', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { el } = await mount([room('r1', 'Rat')]);
    q(el, '[data-testid=room-invite]').click();
    await settle(el);
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/join/tok-r1`);
    expect(q(el, '[data-testid=room-invite-url]').getAttribute('href')).toBe(`${location.origin}/join/tok-r1`);
  });
});
