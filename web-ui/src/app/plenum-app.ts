// The shell: skip link, header (name, language switch, user, logout), main landmark, and the current route.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { I18nController, LANGUAGES, language, setLanguage, t, type Language } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import { Session } from '../auth/session';
import { navigate, parseRoute, type Route } from './router';
import '../auth/login-page';
import '../rooms/rooms-page';
import '../prejoin/join-flow';

@customElement('plenum-app')
export class PlenumApp extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .skip { position: absolute; left: 0.5rem; top: -4rem; background: var(--pl-bg); padding: 0.5rem 1rem; z-index: 10; }
    .skip:focus { top: 0.5rem; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: 0.5rem 1rem; border-bottom: 1px solid var(--pl-border); }
    header .brand { font-weight: 700; font-size: 1.2rem; color: var(--pl-fg); text-decoration: none; margin-right: auto; }
    header select { width: auto; min-height: 2.25rem; }
    header label { display: inline; margin: 0 0.25rem 0 0; font-weight: normal; }
    main { flex: 1; display: flex; flex-direction: column; }
    main:focus { outline: none; }
    .page { padding: 1rem; max-width: 70rem; width: 100%; margin: 0 auto; }
    :host([in-meeting]) header { display: none; }
  `];

  protected readonly i18n = new I18nController(this);
  readonly session = new Session();
  @state() private route: Route = parseRoute(location.pathname);
  @state() private ready = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
    this.session.onChange(() => this.requestUpdate());
    this.addEventListener('plenum-navigate', ((e: CustomEvent<string>) => navigate(e.detail)) as unknown as EventListener);
    this.addEventListener('plenum-meeting', ((e: CustomEvent<boolean>) => this.toggleAttribute('in-meeting', e.detail)) as unknown as EventListener);
    void this.session.init().catch((e) => console.warn('login could not be restored', e)).finally(() => {
      this.ready = true;
      this.route = parseRoute(location.pathname);
    });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPop);
    super.disconnectedCallback();
  }

  private onPop = () => {
    this.route = parseRoute(location.pathname);
    // move focus to the new page so screen readers start there
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
  };

  private onLink(e: MouseEvent) {
    const a = e.composedPath().find((n) => n instanceof HTMLAnchorElement) as HTMLAnchorElement | undefined;
    // not the client's own pages: a link whose click someone already handled (a plugin fetching a report with its
    // token), a download, a blob: URL, another origin
    if (!a || e.defaultPrevented || a.target || a.hasAttribute('download') || a.protocol !== location.protocol || a.origin !== location.origin
      || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(a.pathname);
  }

  override render() {
    const me = this.session.me;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>('main')?.focus();
      }}>${t('app.skip')}</a>
      <header @click=${this.onLink}>
        <a class="brand" href=${me ? '/rooms' : '/'}>${t('app.name')}</a>
        <span>
          <label for="lang">${t('app.language')}</label>
          <select id="lang" data-testid="language" @change=${(e: Event) => setLanguage((e.target as HTMLSelectElement).value as Language)}>
            ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${l === language()} lang=${l}>${t(`app.language.${l}`)}</option>`)}
          </select>
        </span>
        ${me ? html`<span class="muted" data-testid="signed-in-as">${t('app.signedInAs', { name: me.displayName })}</span>
          <button class="secondary" data-testid="logout" @click=${() => this.session.logout().then(() => navigate('/'))}>${t('app.logout')}</button>` : nothing}
      </header>
      <main id="main" tabindex="-1" @click=${this.onLink}>${this.ready ? this.page() : html`<p class="page" role="status">${t('app.loading')}</p>`}</main>
    `;
  }

  private page() {
    const r = this.route;
    const me = this.session.me;
    switch (r.name) {
      case 'start':
      case 'callback':
        if (me) {
          queueMicrotask(() => navigate('/rooms', true));
          return nothing;
        }
        return html`<plenum-login-page class="page" .session=${this.session}></plenum-login-page>`;
      case 'rooms':
        if (!me) {
          queueMicrotask(() => navigate('/', true));
          return nothing;
        }
        return html`<plenum-rooms-page class="page" .session=${this.session}></plenum-rooms-page>`;
      case 'room':
        if (!me) return html`<plenum-login-page class="page" .session=${this.session} .returnTo=${location.pathname}></plenum-login-page>`;
        return html`<plenum-join-flow .session=${this.session} .roomId=${r.roomId}></plenum-join-flow>`;
      case 'join':
        return html`<plenum-join-flow .session=${this.session} .inviteToken=${r.token}></plenum-join-flow>`;
      default:
        return html`<div class="page"><h1>${t('app.notFound')}</h1><p><a href="/rooms">${t('app.toRooms')}</a></p></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'plenum-app': PlenumApp;
  }
}
