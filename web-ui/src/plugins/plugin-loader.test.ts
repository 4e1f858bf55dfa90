import { describe, expect, it } from 'vitest';
import { PluginLoader, isPluginUrl, type PluginContext } from './plugin-loader';
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
  const notes: string[] = [];
  let panel: string | null = 'none';
  const ctx: PluginContext = {
    state: () => state,
    request: async (ns, type, body) => {
      sent.push([ns, type, body]);
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
  return { ctx, sent, notes, frames: frameListeners, panel: () => panel, setState: (s: MeetingState) => (state = s) };
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
    const got: string[] = [];
    host.onMessage((type: string) => got.push(type));
    for (const l of c.frames) {
      l({ ns: 'polls', type: 'results', body: {} });
      l({ ns: 'timer', type: 'tick', body: {} });
      l({ ns: 'polls', type: 'voted', re: 'c-1', body: {} });
    }
    expect(got).toEqual(['results']);
  });

  it('request waits past the interim ok for the answer a module sends later, and rejects on a later error', async () => {
    const c = context();
    let host: any;
    const loader = new PluginLoader(c.ctx, async () => ui, async () => ({ activate: (h) => void (host = h) }));
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    const deliver = (f: ServerFrame) => { for (const l of [...c.frames]) l(f); };

    const answer = host.request('cast', { voteId: 'v-1' });
    await Promise.resolve();
    await Promise.resolve();
    deliver({ ns: 'timer', type: 'cast_ok', re: 'c-1', body: { receipt: 'not ours' } });
    deliver({ ns: 'polls', type: 'cast_ok', re: 'c-9', body: { receipt: 'another request' } });
    deliver({ ns: 'polls', type: 'cast_ok', re: 'c-1', body: { receipt: 'ab12' } });
    await expect(answer).resolves.toEqual({ type: 'cast_ok', body: { receipt: 'ab12' } });
    expect(c.frames.size).toBe(0); // it stopped listening

    const refused = host.request('cast', { voteId: 'v-1' });
    await Promise.resolve();
    await Promise.resolve();
    deliver({ ns: 'polls', type: 'error', re: 'c-1', body: { code: 'conflict', message: 'you voted already' } });
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: 'you voted already' });

    await expect(host.request('cast', {}, { timeoutMs: 20 })).rejects.toThrow('no answer within');
  });

  it('api fetches only the plugin\'s own routes, with the person\'s token', async () => {
    const c = context();
    const calls: [string, any][] = [];
    c.ctx.token = () => 'tok-1';
    c.ctx.fetcher = (async (url: string, init: any) => {
      calls.push([url, init]);
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    let host: any;
    const loader = new PluginLoader(c.ctx, async () => ui, async () => ({ activate: (h) => void (host = h) }));
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    await host.api('votes/v-1/report.pdf?lang=en');
    expect(calls[0][0]).toBe('/api/v1/plugins/polls/votes/v-1/report.pdf?lang=en');
    expect(calls[0][1]).toMatchObject({ method: 'GET', headers: { Authorization: 'Bearer tok-1' } });
    for (const bad of ['../admin/plugins', 'x//y', 'https://evil.example/x']) {
      await expect(host.api(bad)).rejects.toThrow('not a path of plugin polls');
    }
    expect(calls).toHaveLength(1);
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

  it('defines exported element classes itself and mounts a new version\'s classes under a fresh name, no reload needed', async () => {
    const c = context();
    const defined = new Map<string, CustomElementConstructor>();
    const registry = { get: (n: string) => defined.get(n), define: (n: string, cls: CustomElementConstructor) => void defined.set(n, cls) };
    class PanelV1 extends HTMLElement {}
    class PanelV2 extends HTMLElement {}
    const byVersion: Record<string, CustomElementConstructor> = { '1.0.0': PanelV1, '1.1.0': PanelV2 };
    const loader = new PluginLoader(c.ctx, async () => ui,
      async (url) => ({ elements: { 'polls-panel': byVersion[new URL(url, 'http://x').searchParams.get('v')!] } }), registry);

    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    expect(loader.mounts('side_panel').map((m) => m.element)).toEqual(['polls-panel']);
    expect(defined.get('polls-panel')).toBe(PanelV1);

    // the update: plugin_stopped (reason updated), then plugin_started with the new version
    await loader.sync([]);
    await loader.sync([{ id: 'polls', version: '1.1.0', data: null }]);
    expect(loader.mounts('side_panel').map((m) => m.element)).toEqual(['polls-panel-v1-1-0']);
    expect(defined.get('polls-panel-v1-1-0')).toBe(PanelV2);
    expect(defined.get('polls-panel')).toBe(PanelV1);
    // an element the module does not export keeps its declared name (the module defines it, or nothing does)
    expect(loader.mounts('action_bar').map((m) => m.element)).toEqual(['polls-button']);

    // back to the first version (a rollback): its class still holds the declared name
    await loader.sync([]);
    await loader.sync([{ id: 'polls', version: '1.0.0', data: null }]);
    expect(loader.mounts('side_panel').map((m) => m.element)).toEqual(['polls-panel']);
  });

  it('refuses a fresh element name that another class already holds', async () => {
    const c = context();
    class Old extends HTMLElement {}
    class New extends HTMLElement {}
    class Squatter extends HTMLElement {}
    const defined = new Map<string, CustomElementConstructor>([['polls-panel', Old], ['polls-panel-v2', Squatter]]);
    const registry = { get: (n: string) => defined.get(n), define: (n: string, cls: CustomElementConstructor) => void defined.set(n, cls) };
    const loader = new PluginLoader(c.ctx, async () => ui, async () => ({ elements: { 'polls-panel': New } }), registry);
    await loader.sync([{ id: 'polls', version: '2', data: null }]);
    expect(loader.plugins()[0].error).toContain('polls-panel-v2 is already defined');
    expect(loader.mounts('side_panel')).toEqual([]);
  });
});
