import { describe, expect, it } from 'vitest';
import { computeView, sameView } from './view-hints';

describe('view hints', () => {
  const tiles = [
    { participantId: 'a', source: 'camera' as const, width: 640, height: 360, visible: true },
    { participantId: 'b', source: 'camera' as const, width: 320, height: 180, visible: false },
    { participantId: 'c', source: 'screen' as const, width: 1280, height: 720, visible: true },
  ];

  it('lists visible tiles in device pixels and leaves off-screen ones out (paused)', () => {
    expect(computeView(tiles, { saveBandwidth: false, dpr: 2 })).toEqual([
      { participantId: 'a', source: 'camera', width: 1280, height: 720 },
      { participantId: 'c', source: 'screen', width: 2560, height: 1440 },
    ]);
  });

  it('caps cameras to the low layer when saving bandwidth, but not screens', () => {
    expect(computeView(tiles, { saveBandwidth: true, dpr: 1 })).toEqual([
      { participantId: 'a', source: 'camera', width: 320, height: 180 },
      { participantId: 'c', source: 'screen', width: 1280, height: 720 },
    ]);
  });

  it('treats small size changes as the same view', () => {
    const v = computeView(tiles, { saveBandwidth: false, dpr: 1 });
    expect(sameView(v, v.map((t) => ({ ...t, width: t.width + 3 })))).toBe(true);
    expect(sameView(v, v.slice(1))).toBe(false);
    expect(sameView(null, v)).toBe(false);
  });
});
