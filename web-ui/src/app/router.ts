// Client-side routes. The server answers every one of these paths with index.html.
export type Route =
  | { name: 'start' }
  | { name: 'rooms' }
  | { name: 'join'; token: string }
  | { name: 'room'; roomId: string }
  | { name: 'callback' }
  | { name: 'not-found' };

export function parseRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/') return { name: 'start' };
  if (p === '/rooms') return { name: 'rooms' };
  if (p === '/auth/callback') return { name: 'callback' };
  let m = /^\/join\/([A-Za-z0-9_-]{8,128})$/.exec(p);
  if (m) return { name: 'join', token: m[1] };
  m = /^\/r\/([A-Za-z0-9_-]{22})$/.exec(p);
  if (m) return { name: 'room', roomId: m[1] };
  return { name: 'not-found' };
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
