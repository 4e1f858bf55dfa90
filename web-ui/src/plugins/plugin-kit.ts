// vendor/plugin-kit.js, "@plenum/plugin-kit" in the client's import map: the little every plugin UI needs around the
// host API, written once here instead of in each plugin (docs/plugin-guide.md, "The web client part"). Plain ES
// module like vendor/lit.js, so a plugin imports it without a bundler.
import { LitElement } from 'lit';
import type { PlenumHost } from './plugin-api';

/** State that a plugin's elements share in one meeting; elements subscribe, the store calls `changed()`. */
export class PluginStore {
  private readonly listeners = new Set<() => void>();

  /** Tells every subscriber (a listener that unsubscribes meanwhile is still called this once). */
  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const stores = new WeakMap<PlenumHost, Map<unknown, unknown>>();

/**
 * The one store of this class for this host — a host is one plugin in one meeting, so a new meeting or a new version
 * gets a new store — made with `new Kind(host)` on first use.
 */
export function storeFor<S>(host: PlenumHost, Kind: new (host: PlenumHost) => S): S {
  let byKind = stores.get(host);
  if (!byKind) {
    byKind = new Map();
    stores.set(host, byKind);
  }
  let store = byKind.get(Kind) as S | undefined;
  if (store === undefined) {
    store = new Kind(host);
    byKind.set(Kind, store);
  }
  return store;
}

/**
 * A plugin's element: the client sets `plenum` (its host) before mounting it. It re-renders when the meeting changes
 * (language, roles, participants), on whatever `follow` subscribes to, and each time it is shown again: the client
 * creates an element once and keeps it while its slot is hidden (a closed side panel), so what changed meanwhile must
 * show on return.
 */
export class PluginElement extends LitElement {
  static override properties = { plenum: { attribute: false } };
  declare plenum?: PlenumHost;
  private subscriptions: Array<() => void> = [];

  /** What else to re-render on while connected, e.g. `[storeFor(host, MyStore).subscribe(() => this.requestUpdate())]`. */
  protected follow(_host: PlenumHost): Array<() => void> {
    return [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.plenum) return;
    this.subscriptions = [this.plenum.onChange(() => this.requestUpdate()), ...this.follow(this.plenum)];
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.subscriptions) off();
    this.subscriptions = [];
  }
}
