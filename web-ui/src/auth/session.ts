// Who is logged in and with which token: a local account (POST /auth/login) or an OIDC provider
// (authorization code + PKCE with oidc-client-ts). Tokens live in sessionStorage: gone with the tab.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { Api } from '../api/rest';
import type { ClientConfig, Me, OidcProvider } from '../api/types';

const LOCAL_KEY = 'plenum.session';
const PROVIDER_KEY = 'plenum.oidc.provider';
export const CALLBACK_PATH = '/auth/callback';

interface LocalSession { token: string; expiresAt: number }

type Listener = () => void;

export class Session {
  readonly api = new Api(() => this.token());
  me: Me | null = null;
  config: ClientConfig = { localLogin: true, oidc: [] };
  private oidc: UserManager | null = null;
  private listeners = new Set<Listener>();

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed() {
    for (const l of [...this.listeners]) l();
  }

  /** Reads the client config, finishes an OIDC redirect if this is one, and restores a stored login. */
  async init(): Promise<void> {
    try {
      this.config = await this.api.clientConfig();
    } catch {
      this.config = { localLogin: true, oidc: [] };
    }
    const providerName = sessionStorage.getItem(PROVIDER_KEY);
    const provider = this.config.oidc.find((p) => p.name === providerName);
    if (provider) this.oidc = this.manager(provider);
    if (location.pathname === CALLBACK_PATH && this.oidc) {
      const user = await this.oidc.signinRedirectCallback();
      const back = (user.state as string | undefined) ?? '/rooms';
      history.replaceState(null, '', back.startsWith('/') && !back.startsWith('//') ? back : '/rooms');
    }
    await this.loadMe();
  }

  private manager(p: OidcProvider): UserManager {
    const m = new UserManager({
      authority: p.issuer,
      client_id: p.clientId,
      redirect_uri: location.origin + CALLBACK_PATH,
      post_logout_redirect_uri: location.origin + '/',
      response_type: 'code',
      scope: 'openid profile',
      automaticSilentRenew: true, // with the refresh token; no iframes (the CSP has frame-src 'none')
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
    m.events.addUserLoaded(() => this.changed());
    m.events.addUserSignedOut(() => void this.logout());
    return m;
  }

  async token(): Promise<string | null> {
    if (this.oidc) {
      const user: User | null = await this.oidc.getUser();
      if (user && !user.expired) return user.access_token;
      return null;
    }
    const raw = sessionStorage.getItem(LOCAL_KEY);
    if (!raw) return null;
    try {
      const s = JSON.parse(raw) as LocalSession;
      return s.expiresAt > Date.now() ? s.token : null;
    } catch {
      return null;
    }
  }

  get loggedIn(): boolean {
    return this.me !== null;
  }

  async loginLocal(username: string, password: string): Promise<void> {
    const r = await this.api.login(username, password);
    sessionStorage.setItem(LOCAL_KEY, JSON.stringify({ token: r.access_token, expiresAt: Date.now() + r.expires_in * 1000 } satisfies LocalSession));
    await this.loadMe();
  }

  /** Leaves the page for the provider's login; comes back to CALLBACK_PATH, then to `returnTo`. */
  async loginOidc(p: OidcProvider, returnTo = '/rooms'): Promise<void> {
    sessionStorage.setItem(PROVIDER_KEY, p.name);
    this.oidc = this.manager(p);
    await this.oidc.signinRedirect({ state: returnTo });
  }

  async logout(): Promise<void> {
    sessionStorage.removeItem(LOCAL_KEY);
    const m = this.oidc;
    this.oidc = null;
    sessionStorage.removeItem(PROVIDER_KEY);
    this.me = null;
    this.changed();
    if (m) {
      const user = await m.getUser();
      await m.removeUser();
      if (user) await m.signoutRedirect({ id_token_hint: user.id_token }).catch(() => {});
    }
  }

  private async loadMe(): Promise<void> {
    if (!(await this.token())) {
      this.me = null;
    } else {
      try {
        this.me = await this.api.me();
      } catch {
        this.me = null;
        sessionStorage.removeItem(LOCAL_KEY);
      }
    }
    this.changed();
  }
}
