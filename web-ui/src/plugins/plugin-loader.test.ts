import { describe, expect, it } from 'vitest';
import { PluginLoader, isPluginApiPath, isPluginUrl, type PluginContext } from './plugin-loader';
import { initialState, type MeetingState } from '../meeting/meeting-state';
import type { ServerFrame } from '../signaling/signaling-client';
import { setLanguage } from '../i18n/i18n';

function context() {
  let state: MeetingState = {
    ...initialState(), self: 'p-1',
    participants: [{ id: 'p-1', displayName: 'Anna', role: 'moderator', guest: false, handRaised: false, muted: false, connected: true }],
  };
  const frameListeners = new Set<(f: ServerFrame) => void>();
  const sent: [string, string, Record<string, unknown>][] = [];
  const requestOptions: { pastOk?: boolean }[] = [];
  const notes: string[] = [];
  let panel: string | null = 'none';
  const ctx: PluginContext = {
    state: () => state,
    request: async (ns, type, body, opts) => {
      sent.push([ns, type, body]);
      requestOptions.push(opts ?? {});
      return { ns, type: 'ok', re: 'c-1', body: {} };
    },
    onPluginFrame: (l) => {
      frameListeners.add(l);
      return () => frameListeners.delete(l);
    },
    onChange: () => () => {},
    announce: (t) => void notes.push(t),
    setPanel: (id) => void (panel = id),
  };
  return { ctx, sent, requestOptions, notes, frames: frameListeners, panel: () => panel, setState: (s: MeetingState) => (state = s) };
}

const ui = { entryUrl: '/plugins/polls/ui/polls.js', mounts: [
  { slot: 'side_panel' as const, element: 'polls-panel' }, { slot: 'action_bar' as const, element: 'polls-button' },
  { slot: 'side_panel' as const, element: 'other-panel' }] };

describe('PluginLoader', () => {
  it('imports the entry of each active plugin with its version and activates it with a host API', async () => {
    const c = context();
    const imported: string[] = [];
    let host: any;
    const loader = new PluginLoader(c.ctx, async () => ui, async (url) => {
      imported.push(url);
      return { activate: (h) => void (host = h) };
    });
    await loader.sync([{ id: 'polls', version: '1.0.0', data: { open: null } }]);
    expect(imported).toEqual(['/plugins/polls/ui/polls.js?v=1.0.0']);
    expect(host.user()).toEqual({ participantId: 'p-1', displayName: 'Anna', role: 'moderator', guest: false });
    expect(host.joinData).toEqual({ open: null });
    // only elements named after the plugin are mounted
    expect(loader.mounts('side_panel').map((m) => m.element)).toEqual(['polls-panel']);
    expect(loader.mounts('action_bar').map((m) => m.element)).toEqual(['polls-button']);
  });

  it('sends in the plugin namespace and receives only its own frames', async () => {
    const c = context();
    let host: any;
    const loader = new PluginLoader(c.ctx, async () => ui, async () => ({ activate: (h) => void (host = h) }));
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    await host.send('vote', { poll: 'q-1' });
    expect(c.sent).toEqual([['polls', 'vote', { poll: 'q-1' }]]);
    await host.send('vote', { poll: 'q-2' }, { afterOk: true });
    expect(c.requestOptions).toEqual([{}, { pastOk: true }]);
    const got: string[] = [];
    host.onMessage((type: string) => got.push(type));
    for (const l of c.frames) {
      l({ ns: 'polls', type: 'results', body: {} });
      l({ ns: 'timer', type: 'tick', body: {} });
      l({ ns: 'polls', type: 'voted', re: 'c-1', body: {} });
    }
    expect(got).toEqual(['results']);
  });

  it('translates with the plugin catalogs, opens its panel and notifies', async () => {
    const c = context();
    let host: any;
    const loader = new PluginLoader(c.ctx, async () => ui, async () => ({ activate: (h) => void (host = h) }));
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    host.messages({ de: { title: 'Abstimmung {n}' }, en: { title: 'Poll {n}' } });
    setLanguage('de');
    expect(host.t('title', { n: 2 })).toBe('Abstimmung 2');
    setLanguage('en');
    expect(host.t('title', { n: 2 })).toBe('Poll 2');
    host.openPanel();
    expect(c.panel()).toBe('polls');
    host.notify('Neue Abstimmung');
    expect(c.notes).toEqual(['Neue Abstimmung']);
  });

  it('lets a plugin GET its own REST routes only, through the client', async () => {
    const c = context();
    const fetched: string[] = [];
    c.ctx.get = async (path) => {
      fetched.push(path);
      return new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } });
    };
    let host: any;
    const loader = new PluginLoader(c.ctx, async () => ui, async () => ({ activate: (h) => void (host = h) }));
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    const res = await host.fetch('/api/v1/plugins/polls/minutes/1/versions/1/minutes.pdf');
    expect(await res.text()).toBe('%PDF-1.7');
    for (const bad of ['/api/v1/admin/plugins', '/api/v1/plugins/timer/x', '/api/v1/plugins/polls/../../admin/plugins',
      'https://elsewhere.example/api/v1/plugins/polls/x', '/api/v1/plugins/polls//x']) {
      await expect(host.fetch(bad)).rejects.toThrow(/may only read/);
    }
    expect(fetched).toEqual(['/api/v1/plugins/polls/minutes/1/versions/1/minutes.pdf']);
    expect(isPluginApiPath('polls', '/api/v1/plugins/polls/x')).toBe(true);
    expect(isPluginApiPath('polls', '/api/v1/plugins/pollsx/x')).toBe(false);
  });

  it('refuses modules from outside the plugin directory and survives a failing module', async () => {
    expect(isPluginUrl('polls', '/plugins/polls/ui/polls.js')).toBe(true);
    expect(isPluginUrl('polls', 'https://cdn.example/polls.js')).toBe(false);
    expect(isPluginUrl('polls', '/plugins/timer/ui/x.js')).toBe(false);
    expect(isPluginUrl('polls', '/plugins/polls/ui/../../x.js')).toBe(false);
    const c = context();
    const loader = new PluginLoader(c.ctx, async (id) => (id === 'polls' ? { ...ui, entryUrl: 'https://evil/x.js' } : { entryUrl: '/plugins/timer/ui/t.js', mounts: [] }),
      async (url) => {
        if (url.includes('timer')) throw new Error('syntax error');
        return {};
      });
    await loader.sync([{ id: 'polls', version: '1', data: null }, { id: 'timer', version: '1', data: null }]);
    expect(loader.plugins().map((p) => [p.id, !!p.error])).toEqual([['polls', true], ['timer', true]]);
    expect(loader.mounts('side_panel')).toEqual([]);
  });

  it('forgets stopped plugins and loads a new version after an update', async () => {
    const c = context();
    const imported: string[] = [];
    const loader = new PluginLoader(c.ctx, async () => ui, async (url) => {
      imported.push(url);
      return {};
    });
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    await loader.sync([]);
    expect(loader.plugins()).toEqual([]);
    await loader.sync([{ id: 'polls', version: '1.1.0', data: null }]);
    expect(imported).toEqual(['/plugins/polls/ui/polls.js?v=1.0.0', '/plugins/polls/ui/polls.js?v=1.1.0']);
  });
});
