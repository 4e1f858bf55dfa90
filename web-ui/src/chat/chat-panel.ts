// Room chat and private messages. New messages from others are announced by the meeting (live region);
// the unread counter lives in the meeting state and shows on the chat button.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { I18nController, t } from '../i18n/i18n';
import { baseStyles } from '../shared/styles';
import type { ChatMessage, Participant } from '../meeting/meeting-state';

export interface ChatSendDetail { text: string; to?: string }

@customElement('plenum-chat-panel')
export class ChatPanel extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: flex; flex-direction: column; height: 100%; min-height: 0; }
    ol { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1; min-height: 6rem; }
    li { padding: 0.4rem 0; border-bottom: 1px solid var(--pl-border); overflow-wrap: anywhere; }
    .from { font-weight: 700; }
    .private { font-style: italic; }
    form { margin-top: 0.5rem; }
    textarea { min-height: 4rem; resize: vertical; }
  `];
  protected readonly i18n = new I18nController(this);
  @property({ attribute: false }) messages: ChatMessage[] = [];
  @property({ attribute: false }) participants: Participant[] = [];
  @property() self = '';
  @property({ type: Boolean }) moderator = false;
  @property() to = '';
  @state() private error = '';

  override updated(changed: Map<string, unknown>) {
    if (changed.has('messages')) {
      const list = this.renderRoot.querySelector('ol');
      if (list) list.scrollTop = list.scrollHeight;
    }
  }

  /** Called by the meeting when sending failed. */
  showError(message: string) {
    this.error = t('chat.failed', { message });
  }

  private submit(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = form.querySelector('textarea')!;
    const text = input.value.trim();
    if (!text) return;
    this.error = '';
    this.dispatchEvent(new CustomEvent<ChatSendDetail>('send', { detail: this.to ? { text, to: this.to } : { text } }));
    input.value = '';
  }

  private keydown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      (e.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  private nameOf(id?: string) {
    return this.participants.find((p) => p.id === id)?.displayName ?? '';
  }

  override render() {
    const others = this.participants.filter((p) => p.id !== this.self);
    return html`
      <ol aria-label=${t('chat.title')} data-testid="chat-messages" tabindex="0">
        ${this.messages.length === 0 ? html`<li class="muted">${t('chat.empty')}</li>` : nothing}
        ${repeat(this.messages, (m) => m.id, (m) => html`
          <li class=${m.private ? 'private' : ''} data-testid="chat-message">
            <span class="from">${m.fromName}</span>
            ${m.private ? html`<span class="muted">(${m.to && m.from === this.self ? t('chat.privateTo', { name: this.nameOf(m.to) }) : t('chat.private')})</span>` : nothing}
            <time class="muted" datetime=${m.sentAt}>${new Date(m.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
            <div>${m.text}</div>
          </li>`)}
      </ol>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form @submit=${this.submit}>
        <label for="chat-to">${t('chat.to')}</label>
        <select id="chat-to" data-testid="chat-to" @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.to}>${t('chat.everyone')}</option>
          ${others.map((p) => html`<option value=${p.id} ?selected=${p.id === this.to}>${p.displayName}</option>`)}
        </select>
        <label for="chat-text">${t('chat.message')}</label>
        <textarea id="chat-text" maxlength="4000" data-testid="chat-input" @keydown=${this.keydown}></textarea>
        <p class="row"><button type="submit" data-testid="chat-send">${t('chat.send')}</button>
          ${this.moderator ? html`<button type="button" class="secondary" @click=${() => this.dispatchEvent(new Event('clear'))}>${t('chat.clear')}</button>` : nothing}</p>
      </form>`;
  }
}
