// Start page: "log in with <provider>" buttons (OIDC, authorization code + PKCE) and/or the local login form.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { Session } from './session';
import { navigate } from '../app/router';

@customElement('plenum-login-page')
export class LoginPage extends LitElement {
  static override styles = [baseStyles];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) session!: Session;
  @property() returnTo = '/rooms';
  @state() private busy = false;
  @state() private error = '';

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      await this.session.loginLocal(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      navigate(this.returnTo, true);
    } catch (err) {
      this.error = t('login.failed', { message: (err as Error).message });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#login-error')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const cfg = this.session.config;
    return html`
      <h1>${t('login.title')}</h1>
      <p>${t('login.intro')}</p>
      ${cfg.oidc.length ? html`<div class="row">${cfg.oidc.map((p) => html`
        <button data-testid="login-oidc-${p.name}" @click=${() => this.session.loginOidc(p, this.returnTo).catch((e) => (this.error = t('login.oidcFailed', { message: e.message })))}>
          ${t('login.with', { provider: p.name })}</button>`)}</div>` : nothing}
      ${cfg.localLogin ? html`
        ${cfg.oidc.length ? html`<h2>${t('login.or')}</h2>` : nothing}
        <form @submit=${this.submit} data-testid="login-form" aria-describedby=${this.error ? 'login-error' : nothing}>
          <label for="username">${t('login.username')}</label>
          <input id="username" name="username" autocomplete="username" required data-testid="login-username">
          <label for="password">${t('login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required data-testid="login-password">
          <p><button type="submit" ?disabled=${this.busy} data-testid="login-submit">${this.busy ? t('login.busy') : t('login.submit')}</button></p>
        </form>` : nothing}
      ${this.error ? html`<p id="login-error" class="error" role="alert" tabindex="-1" data-testid="login-error">${this.error}</p>` : nothing}
      <p class="muted">${t('login.guestHint')}</p>
    `;
  }
}
