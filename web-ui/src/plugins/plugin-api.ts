// The typed host API a plugin's UI module gets (docs/plugin-guide.md, "The web client part").
// Plugins import nothing from the client but `lit` (through the import map); this file documents the shape.
import type { ServerFrame } from '../signaling/signaling-client';
import type { UiSlot } from '../api/types';

export type PlenumRole = 'moderator' | 'participant' | 'guest';

export interface PlenumUser {
  participantId: string;
  displayName: string;
  role: PlenumRole;
  guest: boolean;
}

export interface PlenumParticipant {
  id: string;
  displayName: string;
  role: PlenumRole;
  guest: boolean;
}

/** Handed to `activate(host)` and set as the `plenum` property of every element the client mounts. */
export interface PlenumHost {
  readonly pluginId: string;
  readonly version: string;
  /** This participant's join data from the plugin's room module (`joined.plugins[].data`). */
  readonly joinData: unknown;
  /** The current user; changes (e.g. promotion) are reported through `onChange`. */
  user(): PlenumUser;
  participants(): PlenumParticipant[];
  /** Sends `{ns: <pluginId>, type, body}` with an id; resolves with the direct answer, rejects on `error`. */
  send(type: string, body?: Record<string, unknown>): Promise<{ type: string; body: Record<string, any> }>;
  /**
   * Like `send`, for a module that answers later (after storing, through `room.offload`): the host acknowledges such a
   * request with an interim `ok` at once; this waits past it for the module's own answer (or `error`) with the same `re`.
   * Rejects if none comes within `timeoutMs` (default 30 s). Use `send` where the module answers at once or never.
   */
  request(type: string, body?: Record<string, unknown>, opts?: { timeoutMs?: number }): Promise<{ type: string; body: Record<string, any> }>;
  /**
   * `fetch` of the plugin's own REST routes (`/api/v1/plugins/<pluginId>/<path>`) with this person's token, if they
   * have one (guests have none). Only paths below the plugin's own prefix; the answer is the plain `Response`.
   */
  api(path: string, init?: { method?: string; body?: string; headers?: Record<string, string> }): Promise<Response>;
  /** Every frame of the plugin's namespace that is not a direct answer. Returns an unsubscribe function. */
  onMessage(listener: (type: string, body: Record<string, any>) => void): () => void;
  /** The meeting changed (participants, roles, language). */
  onChange(listener: () => void): () => void;
  /** 'de' or 'en'. */
  language(): string;
  /** Registers the plugin's catalogs, then `t(key, params)` looks keys up in the current language. */
  messages(catalogs: Record<string, Record<string, string>>): void;
  t(key: string, params?: Record<string, string | number>): string;
  openPanel(): void;
  closePanel(): void;
  /** A short notice: shown in the notification area and read by screen readers. */
  notify(text: string, opts?: { assertive?: boolean }): void;
}

/** What a plugin's entry module may export. */
export interface PlenumPluginModule {
  activate?: (host: PlenumHost) => void | Promise<void>;
  /**
   * The classes of its mounted elements by element name. With them the client defines the elements itself, and after
   * an update to a new version it defines the new classes under a fresh name (a custom element name cannot be defined
   * twice in a page) and mounts those: the new UI shows without a reload.
   */
  elements?: Record<string, CustomElementConstructor>;
}

export type { ServerFrame, UiSlot };
