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
  /**
   * Sends `{ns: <pluginId>, type, body}` with an id; resolves with the direct answer, rejects on `error`. A module that
   * answers only after `offload` (storing first) gets the host's provisional `ok` first: with `{afterOk: true}` the
   * promise waits for the module's own answer or refusal instead (so the module must always answer such messages).
   */
  send(type: string, body?: Record<string, unknown>, opts?: { afterOk?: boolean }): Promise<{ type: string; body: Record<string, any> }>;
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
  /**
   * `GET` of a path below the plugin's own REST routes (`/api/v1/plugins/<pluginId>/…`) with the user's credentials,
   * e.g. a PDF or a page of history; rejects any other path. Guests without an account are sent without credentials.
   */
  fetch(path: string): Promise<Response>;
}

/** What a plugin's entry module may export. */
export interface PlenumPluginModule {
  activate?: (host: PlenumHost) => void | Promise<void>;
}

export type { ServerFrame, UiSlot };
