// media/view hints: which videos this client shows and how large, in device pixels. Off-screen tiles are left
// out (the SFU pauses them); "save bandwidth" caps every tile to the low layer; audio-only sends nothing.
import type { Source } from './negotiation';

export interface VisibleTile { participantId: string; source: Source; width: number; height: number; visible: boolean }
export interface ViewTile { participantId: string; source: Source; width: number; height: number }

/** Up to 180 px high the engine picks the low layer (docs/protocol.md, media/view). */
export const SAVE_BANDWIDTH_MAX_HEIGHT = 180;

export function computeView(tiles: VisibleTile[], opts: { saveBandwidth: boolean; dpr: number }): ViewTile[] {
  const out: ViewTile[] = [];
  for (const t of tiles) {
    if (!t.visible || t.width <= 0 || t.height <= 0 || t.source === 'microphone') continue;
    let width = Math.round(t.width * opts.dpr);
    let height = Math.round(t.height * opts.dpr);
    // a shared screen stays legible: never capped
    if (opts.saveBandwidth && t.source !== 'screen' && height > SAVE_BANDWIDTH_MAX_HEIGHT) {
      width = Math.round((width * SAVE_BANDWIDTH_MAX_HEIGHT) / height);
      height = SAVE_BANDWIDTH_MAX_HEIGHT;
    }
    out.push({ participantId: t.participantId, source: t.source, width, height });
  }
  return out.slice(0, 200); // the protocol's limit
}

/** Same tiles, same sizes (within a few pixels): no need to send again. */
export function sameView(a: ViewTile[] | null, b: ViewTile[]): boolean {
  if (!a || a.length !== b.length) return false;
  const key = (t: ViewTile) => `${t.participantId}/${t.source}`;
  const m = new Map(a.map((t) => [key(t), t]));
  return b.every((t) => {
    const o = m.get(key(t));
    return !!o && Math.abs(o.width - t.width) < 16 && Math.abs(o.height - t.height) < 16;
  });
}
