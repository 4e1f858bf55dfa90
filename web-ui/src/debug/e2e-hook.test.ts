import { describe, expect, it } from 'vitest';
import { debugEnabled } from './e2e-hook';

describe('the end-to-end debug hook', () => {
  it('is off without the query flag or the build flag', () => {
    expect(debugEnabled('', sessionStorageLike(), false)).toBe(false);
    expect(debugEnabled('?debug=1', sessionStorageLike(), false)).toBe(false);
  });

  it('is on with ?plenum-debug and stays on for the tab', () => {
    const store = sessionStorageLike();
    expect(debugEnabled('?plenum-debug', store, false)).toBe(true);
    expect(debugEnabled('', store, false)).toBe(true); // after the OIDC redirect or a client-side route change
    expect(debugEnabled('', sessionStorageLike(), false)).toBe(false); // another tab
  });

  it('is on when the bundle was built for tests', () => {
    expect(debugEnabled('', sessionStorageLike(), true)).toBe(true);
  });
});

function sessionStorageLike(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}
