// Live regions in the light DOM (screen readers follow them most reliably there): one polite, one assertive.
let polite: HTMLElement | null = null;
let assertive: HTMLElement | null = null;

function region(kind: 'polite' | 'assertive'): HTMLElement {
  const el = document.createElement('div');
  el.className = 'pl-live';
  el.setAttribute('aria-live', kind);
  el.setAttribute('aria-atomic', 'false');
  el.setAttribute('role', kind === 'assertive' ? 'alert' : 'status');
  el.dataset.testid = `live-${kind}`;
  document.body.appendChild(el);
  return el;
}

/** Says `text` to screen-reader users. Old lines are trimmed so the region stays small. */
export function announce(text: string, opts: { assertive?: boolean } = {}): void {
  if (!polite) polite = region('polite');
  if (!assertive) assertive = region('assertive');
  const target = opts.assertive ? assertive : polite;
  const line = document.createElement('p');
  line.textContent = text;
  target.appendChild(line);
  while (target.childElementCount > 5) target.firstElementChild!.remove();
}

let audio: AudioContext | null = null;

/** A short, quiet tone for a join (chime) or a waiting-room request (knock); no audio files needed. */
export function playCue(kind: 'knock' | 'chime'): void {
  try {
    audio ??= new AudioContext();
    const notes = kind === 'knock' ? [220, 0, 220] : [660, 880];
    notes.forEach((freq, i) => {
      if (!freq || !audio) return;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const at = audio.currentTime + i * 0.15;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.08, at);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.12);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.13);
    });
  } catch {
    // no audio output: the announcement still happens
  }
}
