import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import { PluginElement, PluginStore, storeFor } from './plugin-kit';
import type { PlenumHost } from './plugin-api';

/** Just enough of a host for the kit: it only uses onChange. */
function host() {
  const listeners = new Set<() => void>();
  const h = { onChange: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as PlenumHost;
  return { h, change: () => [...listeners].forEach((l) => l()), listening: () => listeners.size };
}

class Counter extends PluginStore {
  count = 0;
  constructor(readonly host: PlenumHost) {
    super();
  }
  bump() {
    this.count++;
    this.changed();
  }
}

class CounterPanel extends PluginElement {
  renders = 0;
  protected override follow(h: PlenumHost) {
    return [storeFor(h, Counter).subscribe(() => this.requestUpdate())];
  }
  override render() {
    this.renders++;
    return html`<p>${storeFor(this.plenum!, Counter).count}</p>`;
  }
}
customElements.define('kit-counter-panel', CounterPanel);

const text = async (el: CounterPanel) => {
  await el.updateComplete;
  return el.shadowRoot!.querySelector('p')!.textContent;
};

describe('plugin kit', () => {
  it('keeps one store per host and kind, made with the host', () => {
    const a = host().h;
    const b = host().h;
    expect(storeFor(a, Counter)).toBe(storeFor(a, Counter));
    expect(storeFor(a, Counter)).not.toBe(storeFor(b, Counter));
    expect(storeFor(a, Counter).host).toBe(a);
  });

  it('tells subscribers until they unsubscribe', () => {
    const s = new Counter(host().h);
    let heard = 0;
    const off = s.subscribe(() => heard++);
    s.bump();
    off();
    s.bump();
    expect(heard).toBe(1);
  });

  it('re-renders on store and meeting changes while shown, and on being shown again after changes while hidden', async () => {
    const { h, change, listening } = host();
    const el = document.createElement('kit-counter-panel') as CounterPanel;
    el.plenum = h;
    document.body.append(el);
    expect(await text(el)).toBe('0');
    storeFor(h, Counter).bump();
    expect(await text(el)).toBe('1');
    const before = el.renders;
    change();
    await el.updateComplete;
    expect(el.renders).toBe(before + 1);

    el.remove(); // the client keeps the element while its panel is closed
    expect(listening()).toBe(0);
    storeFor(h, Counter).bump();
    document.body.append(el);
    expect(await text(el)).toBe('2');
    el.remove();
  });
});
