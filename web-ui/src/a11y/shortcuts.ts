// Meeting shortcuts: Alt+Shift+letter, by physical key (event.code) so layouts do not matter. They never fire
// while typing, and never take keys screen readers use (Insert/CapsLock combinations, arrows, Tab).
export type ShortcutAction = 'mic' | 'cam' | 'hand' | 'chat' | 'participants' | 'help';

export const SHORTCUTS: { action: ShortcutAction; code: string; label: string }[] = [
  { action: 'mic', code: 'KeyM', label: 'Alt+Shift+M' },
  { action: 'cam', code: 'KeyV', label: 'Alt+Shift+V' },
  { action: 'hand', code: 'KeyH', label: 'Alt+Shift+H' },
  { action: 'chat', code: 'KeyC', label: 'Alt+Shift+C' },
  { action: 'participants', code: 'KeyP', label: 'Alt+Shift+P' },
  { action: 'help', code: 'KeyK', label: 'Alt+Shift+K' },
];

function typing(ev: KeyboardEvent): boolean {
  const el = ev.composedPath()[0] as HTMLElement | undefined;
  if (!el || !el.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable;
}

/** The action for a key event, or null. */
export function shortcutFor(ev: KeyboardEvent): ShortcutAction | null {
  if (!ev.altKey || !ev.shiftKey || ev.ctrlKey || ev.metaKey || typing(ev)) return null;
  return SHORTCUTS.find((s) => s.code === ev.code)?.action ?? null;
}
