// JSON shapes of the REST API (platform/server/src/main/resources/openapi.json) that the client uses.
export type WaitingRoomPolicy = 'off' | 'guests' | 'everyone';
export type PlatformRole = 'platform_admin' | 'tenant_admin' | 'moderator' | 'member' | 'guest';

export interface Me { userId: string; tenantId: string; displayName: string; role: PlatformRole }
export interface LoginResponse { access_token: string; token_type: 'Bearer'; expires_in: number }
export interface DialIn { conferenceId: string; pin: string }
export interface Room {
  id: string; tenantId: string; ownerId: string; title: string; hasPassword: boolean;
  waitingRoom: WaitingRoomPolicy; locked: boolean; dialIn: DialIn | null; createdAt: string; updatedAt: string;
}
export interface NewRoom { title: string; password?: string | null; waitingRoom?: WaitingRoomPolicy | null }
export interface RoomPatch { title?: string; password?: string; waitingRoom?: WaitingRoomPolicy; locked?: boolean }
export interface Meeting { id: string; roomId: string; title: string; startsAt: string; endsAt: string; invitees: string[] }
export interface NewMeeting { title: string; startsAt: string; endsAt: string; invitees?: string[] }
export interface Invite { id: string; roomId: string; token: string; label: string | null; createdAt: string; expiresAt: string; revokedAt: string | null }
export interface InviteInfo { roomId: string; roomTitle: string; passwordRequired: boolean }
export interface TicketRequest { password?: string; inviteToken?: string; displayName?: string }
export interface Ticket { ticket: string; expiresIn: number; signalingPath: string }
export interface OidcProvider { name: string; issuer: string; clientId: string }
export interface ClientConfig { localLogin: boolean; oidc: OidcProvider[] }
export type UiSlot = 'side_panel' | 'action_bar' | 'nav_bar' | 'participant_menu' | 'floating_window' | 'room_settings' | 'tenant_admin';
export interface PluginUi { entryUrl: string; mounts: { slot: UiSlot; element: string }[] }
export interface TenantPlugin { id: string; version: string; name: string; description: string; active: boolean; ui: PluginUi | null }
export interface Problem { type?: string; title?: string; status: number; detail?: string; code?: string }
