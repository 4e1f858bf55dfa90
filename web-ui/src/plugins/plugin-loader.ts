// Loads the UI module of every plugin active in the room (dynamic import of /plugins/{id}/ui/...), builds each
// one's host API, and tells the meeting which custom elements go into which slot.
import type { PluginUi, UiSlot } from '../api/types';
import type { ActivePlugin, MeetingState } from '../meeting/meeting-state';
import { language, onLanguageChange, pluginTranslator } from '../i18n/i18n';
import type { PlenumHost, PlenumPluginModule } from './plugin-api';
import type { RequestOptions, ServerFrame } from '../signaling/signaling-client';

export interface LoadedPlugin {
  id: string;
  version: string;
  host: PlenumHost;
  mounts: { slot: UiSlot; element: string }[];
  error?: string;
}

/** What the loader needs from the meeting; the meeting session provides it. */
export interface PluginContext {
  state(): MeetingState;
  request(ns: string, type: string, body: Record<string, unknown>, opts?: RequestOptions): Promise<ServerFrame>;
  onPluginFrame(l: (f: ServerFrame) => void): () => void;
  onChange(l: () => void): () => void;
  announce(text: string, assertive: boolean): void;
  setPanel(pluginId: string | null): void;
  /** `GET` of an API path (already checked to be the plugin's own) with the user's credentials. */
  get?(path: string): Promise<Response>;
}

export type UiLookup = (id: string) => Promise<PluginUi>;
export type ModuleImporter = (url: string) => Promise<PlenumPluginModule>;

/** A plugin's UI may only read its own REST routes through the host. */
export function isPluginApiPath(id: string, path: string): boolean {
  return path.startsWith(`/api/v1/plugins/${id}/`) && !path.includes('..') && !path.includes('//') && !path.includes('\\');
}

/** Plugin modules may only come from the plugin's own UI directory on this server. */
export function isPluginUrl(id: string, url: string): boolean {
  return url.startsWith(`/plugins/${id}/ui/`) && !url.includes('..') && !url.includes('//');
}

export class PluginLoader {
  private readonly loaded = new Map<string, LoadedPlugin>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: PluginContext,
    private readonly lookup: UiLookup,
    private readonly importer: ModuleImporter = (url) => import(/* @vite-ignore */ url),
  ) {}

  plugins(): LoadedPlugin[] {
    return [...this.loaded.values()];
  }

  /** Mounted elements of one slot, in plugin order. */
  mounts(slot: UiSlot): { plugin: LoadedPlugin; element: string }[] {
    return this.plugins().flatMap((p) => (p.error ? [] : p.mounts.filter((m) => m.slot === slot).map((m) => ({ plugin: p, element: m.element }))));
  }

  /** Loads what is active and forgets what stopped. Resolves when every load has finished (or failed). */
  async sync(active: ActivePlugin[]): Promise<void> {
    const ids = new Set(active.map((p) => p.id));
    for (const id of [...this.loaded.keys()]) if (!ids.has(id)) this.loaded.delete(id);
    await Promise.all(active.map((p) => this.load(p)));
  }

  private load(p: ActivePlugin): Promise<void> {
    const key = `${p.id}@${p.version}`;
    const have = this.loaded.get(p.id);
    if (have && have.version === p.version) return Promise.resolve();
    if (!this.loading.has(key)) {
      this.loading.set(key, this.doLoad(p).finally(() => this.loading.delete(key)));
    }
    return this.loading.get(key)!;
  }

  private async doLoad(p: ActivePlugin): Promise<void> {
    const host = this.hostFor(p);
    let ui: PluginUi;
    try {
      ui = await this.lookup(p.id);
    } catch {
      return; // no UI part (or no longer running): nothing to show
    }
    const entry: LoadedPlugin = { id: p.id, version: p.version, host, mounts: [] };
    try {
      if (!isPluginUrl(p.id, ui.entryUrl)) throw new Error(`refusing module outside /plugins/${p.id}/ui/: ${ui.entryUrl}`);
      // the version in the query: after an update the browser fetches the new module
      const mod = await this.importer(`${ui.entryUrl}?v=${encodeURIComponent(p.version)}`);
      entry.mounts = ui.mounts.filter((m) => m.element.startsWith(`${p.id}-`));
      await mod.activate?.(host);
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
      console.warn(`plugin ${p.id} UI failed`, e);
    }
    this.loaded.set(p.id, entry);
  }

  private hostFor(p: ActivePlugin): PlenumHost {
    const ctx = this.ctx;
    let translate = pluginTranslator({});
    const me = () => {
      const s = ctx.state();
      const self = s.participants.find((x) => x.id === s.self);
      return { participantId: s.self ?? '', displayName: self?.displayName ?? '', role: self?.role ?? 'guest', guest: self?.guest ?? true };
    };
    return {
      pluginId: p.id,
      version: p.version,
      joinData: p.data,
      user: me,
      participants: () => ctx.state().participants.map((x) => ({ id: x.id, displayName: x.displayName, role: x.role, guest: x.guest })),
      send: async (type, body = {}, opts = {}) => {
        const f = await ctx.request(p.id, type, body, opts.afterOk ? { pastOk: true } : {});
        return { type: f.type, body: f.body };
      },
      onMessage: (listener) => ctx.onPluginFrame((f) => {
        if (f.ns === p.id && !f.re) listener(f.type, f.body);
      }),
      onChange: (listener) => {
        const a = ctx.onChange(listener);
        const b = onLanguageChange(listener);
        return () => {
          a();
          b();
        };
      },
      language: () => language(),
      messages: (catalogs) => {
        translate = pluginTranslator(catalogs);
      },
      t: (key, params) => translate(key, params),
      openPanel: () => ctx.setPanel(p.id),
      closePanel: () => ctx.setPanel(null),
      notify: (text, opts) => ctx.announce(text, !!opts?.assertive),
      fetch: async (path) => {
        if (!isPluginApiPath(p.id, path)) throw new Error(`plugin ${p.id} may only read /api/v1/plugins/${p.id}/…, not ${path}`);
        if (!ctx.get) throw new Error('this client gives plugins no REST access');
        return ctx.get(path);
      },
    };
  }
}
