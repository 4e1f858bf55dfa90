// Cameras and microphones: listing, opening with a chosen device, and a level meter for the pre-join screen.
export interface DeviceChoice { cameraId: string | null; microphoneId: string | null }

const KEY = 'plenum.devices';

export function storedDevices(): DeviceChoice {
  try {
    return { cameraId: null, microphoneId: null, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return { cameraId: null, microphoneId: null };
  }
}

export function storeDevices(c: DeviceChoice): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(c));
  } catch {
    // not remembered
  }
}

export async function listDevices(): Promise<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return { cameras: all.filter((d) => d.kind === 'videoinput'), microphones: all.filter((d) => d.kind === 'audioinput') };
}

export const CAMERA_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 24, max: 30 } };

export async function openCamera(deviceId: string | null): Promise<MediaStreamTrack> {
  const s = await navigator.mediaDevices.getUserMedia({ video: { ...CAMERA_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } });
  return s.getVideoTracks()[0];
}

export async function openMicrophone(deviceId: string | null): Promise<MediaStreamTrack> {
  const s = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) },
  });
  return s.getAudioTracks()[0];
}

/** RMS level 0..1 of a microphone track, polled by the caller (requestAnimationFrame or a timer). */
export class LevelMeter {
  private ctx: AudioContext;
  private analyser: AnalyserNode;
  private data: Float32Array<ArrayBuffer>;

  constructor(track: MediaStreamTrack) {
    this.ctx = new AudioContext();
    const src = this.ctx.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.ctx.createAnalyser();
    this.analyser.fftSize = 512;
    this.data = new Float32Array(this.analyser.fftSize);
    src.connect(this.analyser);
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.data);
    let sum = 0;
    for (const v of this.data) sum += v * v;
    return Math.min(1, Math.sqrt(sum / this.data.length) * 4);
  }

  close(): void {
    void this.ctx.close();
  }
}
