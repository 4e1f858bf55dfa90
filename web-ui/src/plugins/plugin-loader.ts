// Loads the UI module of every plugin active in the room (dynamic import of /plugins/{id}/ui/...), builds each
// one's host API, and tells the meeting which custom elements go into which slot.
import type { PluginUi, UiSlot } from '../api/types';
import type { ActivePlugin, MeetingState } from '../meeting/meeting-state';
import { language, onLanguageChange, pluginTranslator } from '../i18n/i18n';
import type { PlenumHost, PlenumPluginModule } from './plugin-api';
import { SignalingError, type ServerFrame } from '../signaling/signaling-client';

export interface LoadedPlugin {
  id: string;
  version: string;
  host: PlenumHost;
  /** `element` is the name to create: the declared one, or a fresh one for a newer version's class (see `tagFor`). */
  mounts: { slot: UiSlot; element: string }[];
  error?: string;
}

/** The page's custom element registry, as far as the loader uses it (tests hand in their own). */
export interface ElementRegistry {
  get(name: string): CustomElementConstructor | undefined;
  define(name: string, constructor: CustomElementConstructor): void;
}

/** What the loader needs from the meeting; the meeting session provides it. */
export interface PluginContext {
  state(): MeetingState;
  request(ns: string, type: string, body: Record<string, unknown>): Promise<ServerFrame>;
  onPluginFrame(l: (f: ServerFrame) => void): () => void;
  onChange(l: () => void): () => void;
  announce(text: string, assertive: boolean): void;
  setPanel(pluginId: string | null): void;
  /** The person's API token, if they have one (for `host.api`). */
  token?(): Promise<string | null> | string | null;
  fetcher?: typeof fetch;
}

export type UiLookup = (id: string) => Promise<PluginUi>;
export type ModuleImporter = (url: string) => Promise<PlenumPluginModule>;

/** Plugin modules may only come from the plugin's own UI directory on this server. */
export function isPluginUrl(id: string, url: string): boolean {
  return url.startsWith(`/plugins/${id}/ui/`) && !url.includes('..') && !url.includes('//');
}

/** The frame with `re` that follows a host's interim `ok`; an `error` frame rejects with its message. */
function awaitLateAnswer(ctx: PluginContext, ns: string, re: string, timeoutMs: number): Promise<{ type: string; body: Record<string, any> }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${ns}: no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const off = ctx.onPluginFrame((f) => {
      if (f.ns !== ns || f.re !== re) return;
      clearTimeout(timer);
      off();
      if (f.type === 'error') {
        reject(new SignalingError(String(f.body?.code ?? 'error'), String(f.body?.message ?? ''), f));
      } else {
        resolve({ type: f.type, body: f.body });
      }
    });
  });
}

export class PluginLoader {
  private readonly loaded = new Map<string, LoadedPlugin>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: PluginContext,
    private readonly lookup: UiLookup,
    private readonly importer: ModuleImporter = (url) => import(/* @vite-ignore */ url),
    private readonly registry: ElementRegistry = customElements,
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
      entry.mounts = ui.mounts.filter((m) => m.element.startsWith(`${p.id}-`))
        .map((m) => ({ slot: m.slot, element: this.tagFor(m.element, mod.elements?.[m.element], p.version) }));
      await mod.activate?.(host);
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
      console.warn(`plugin ${p.id} UI failed`, e);
    }
    this.loaded.set(p.id, entry);
  }

  /**
   * The element name to create for a declared element whose class the module exports: the declared name while it is
   * free or already this class; once an older version's class holds it, `<name>-v<version>` (made a valid name), so
   * the new version's elements replace the old ones without a reload. A module that defines its elements itself
   * (no `elements` export) keeps the declared name, and a changed class there takes effect on the next page load.
   */
  private tagFor(name: string, cls: CustomElementConstructor | undefined, version: string): string {
    if (!cls) return name;
    const holder = this.registry.get(name);
    if (!holder) {
      this.registry.define(name, cls);
      return name;
    }
    if (holder === cls) return name;
    const fresh = `${name}-v${version.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const there = this.registry.get(fresh);
    if (!there) this.registry.define(fresh, cls);
    else if (there !== cls) throw new Error(`${fresh} is already defined by another class`);
    return fresh;
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
      send: async (type, body = {}) => {
        const f = await ctx.request(p.id, type, body);
        return { type: f.type, body: f.body };
      },
      request: async (type, body = {}, opts) => {
        const first = await ctx.request(p.id, type, body);
        if (first.type !== 'ok' || !first.re) return { type: first.type, body: first.body };
        // the interim acknowledgement: the module's answer follows in a later frame of its own (a later task, so
        // listening now, after the promise resolved, cannot miss it)
        return awaitLateAnswer(ctx, p.id, first.re, opts?.timeoutMs ?? 30_000);
      },
      api: async (path, init = {}) => {
        const rel = path.replace(/^\/+/, '');
        if (rel.includes('..') || rel.includes('//') || /^[a-z]+:/i.test(rel)) throw new Error(`not a path of plugin ${p.id}: ${path}`);
        const token = ctx.token ? await ctx.token() : null;
        const headers: Record<string, string> = { ...(init.headers ?? {}) };
        if (token) headers.Authorization = `Bearer ${token}`;
        const fetcher = ctx.fetcher ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
        return fetcher(`/api/v1/plugins/${encodeURIComponent(p.id)}/${rel}`, { method: init.method ?? 'GET', body: init.body, headers });
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
    };
  }
}
