// A small client for /api/v1: JSON in and out, the bearer token when there is one, problem+json as ApiError.
import type {
  ClientConfig, Invite, InviteInfo, LoginResponse, Me, Meeting, NewMeeting, NewRoom, PluginUi, Room, RoomPatch, TenantPlugin, Ticket, TicketRequest,
} from './types';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export type TokenSource = () => Promise<string | null> | string | null;

export class Api {
  constructor(private readonly token: TokenSource = () => null, private readonly base = '/api/v1', private readonly fetcher: typeof fetch = (...a) => fetch(...a)) {}

  async call<T>(method: string, path: string, body?: unknown, opts: { anonymous?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = opts.anonymous ? null : await this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await this.fetcher(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network', 'the server could not be reached');
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below with the status
    }
    if (!res.ok) {
      throw new ApiError(res.status, json?.code ?? `http_${res.status}`, json?.detail ?? json?.title ?? res.statusText ?? 'request failed');
    }
    return json as T;
  }

  /** A plain `GET` of `/api/v1/…` with the token, the response as it came (for files such as PDFs). */
  async getRaw(apiPath: string): Promise<Response> {
    if (!apiPath.startsWith(this.base + '/')) throw new Error(`not an API path: ${apiPath}`);
    const token = await this.token();
    return this.fetcher(apiPath, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  }

  clientConfig = () => this.call<ClientConfig>('GET', '/client-config', undefined, { anonymous: true });
  pluginUi = (id: string) => this.call<PluginUi>('GET', `/client-config/plugins/${encodeURIComponent(id)}`, undefined, { anonymous: true });
  login = (username: string, password: string) => this.call<LoginResponse>('POST', '/auth/login', { username, password }, { anonymous: true });
  me = () => this.call<Me>('GET', '/me');
  rooms = () => this.call<Room[]>('GET', '/rooms');
  room = (id: string) => this.call<Room>('GET', `/rooms/${encodeURIComponent(id)}`);
  createRoom = (r: NewRoom) => this.call<Room>('POST', '/rooms', r);
  updateRoom = (id: string, p: RoomPatch) => this.call<Room>('PATCH', `/rooms/${encodeURIComponent(id)}`, p);
  deleteRoom = (id: string) => this.call<void>('DELETE', `/rooms/${encodeURIComponent(id)}`);
  meetings = (id: string) => this.call<Meeting[]>('GET', `/rooms/${encodeURIComponent(id)}/meetings`);
  scheduleMeeting = (id: string, m: NewMeeting) => this.call<Meeting>('POST', `/rooms/${encodeURIComponent(id)}/meetings`, m);
  createInvite = (id: string, label?: string) => this.call<Invite>('POST', `/rooms/${encodeURIComponent(id)}/invites`, label ? { label } : {});
  inviteInfo = (token: string) => this.call<InviteInfo>('GET', `/invites/${encodeURIComponent(token)}`, undefined, { anonymous: true });
  ticket = (roomId: string, req: TicketRequest, anonymous = false) =>
    this.call<Ticket>('POST', `/rooms/${encodeURIComponent(roomId)}/tickets`, req, { anonymous });
  tenantPlugins = (tenantId: string) => this.call<TenantPlugin[]>('GET', `/tenants/${encodeURIComponent(tenantId)}/plugins`);
}

/** ws(s)://<this host><path> for the signaling socket. */
export function signalingUrl(path: string, loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${path}`;
}
