import { Store } from '../util/store';
import type { MediaPort } from './phoneController';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DevicesView {
  inputs: DeviceOption[];
  outputs: DeviceOption[];
  /** '' = the system default. */
  inputId: string;
  outputId: string;
  /** The browser can route audio to a chosen speaker (HTMLMediaElement.setSinkId). */
  canChooseOutput: boolean;
}

type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'> & {
  addEventListener?: MediaDevices['addEventListener'];
  removeEventListener?: MediaDevices['removeEventListener'];
};

type AudioElement = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

const INPUT_KEY = 'tandem.phone.input';
const OUTPUT_KEY = 'tandem.phone.output';

/**
 * Microphone and speaker for the webphone: the device lists (enumerateDevices), the chosen devices
 * (remembered in localStorage), the remote audio played through an `<audio autoplay>` element, and
 * switching the microphone during a call (the RTP sender's track is replaced).
 */
export class AudioDevices implements MediaPort {
  readonly view: Store<DevicesView>;
  private element: AudioElement | null = null;
  private remote: MediaStream | null = null;
  private pc: RTCPeerConnection | null = null;
  private onTrack: ((ev: RTCTrackEvent) => void) | null = null;
  /** Microphone tracks this class opened (after a switch), stopped when the call ends. */
  private ownTracks: MediaStreamTrack[] = [];

  constructor(
    private readonly devices: MediaDevicesLike | undefined,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
    canChooseOutput: boolean,
  ) {
    this.view = new Store<DevicesView>({
      inputs: [],
      outputs: [],
      inputId: storage?.getItem(INPUT_KEY) ?? '',
      outputId: storage?.getItem(OUTPUT_KEY) ?? '',
      canChooseOutput,
    });
  }

  start(): void {
    this.devices?.addEventListener?.('devicechange', this.refresh);
    void this.refresh();
  }

  stop(): void {
    this.devices?.removeEventListener?.('devicechange', this.refresh);
    this.detachRemote();
  }

  /** Re-reads the device lists (labels appear once the microphone permission was granted). */
  readonly refresh = async (): Promise<void> => {
    if (!this.devices) return;
    let all: MediaDeviceInfo[];
    try {
      all = await this.devices.enumerateDevices();
    } catch {
      return;
    }
    const list = (kind: MediaDeviceKind, noun: string) =>
      all
        .filter((d) => d.kind === kind && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications')
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${noun} ${i + 1}` }));
    this.view.update((v) => ({
      ...v,
      inputs: list('audioinput', 'Microphone'),
      outputs: list('audiooutput', 'Speaker'),
    }));
  };

  /** The `<audio autoplay>` element the remote party plays through (set by the component). */
  setElement(element: HTMLAudioElement | null): void {
    this.element = element as AudioElement | null;
    if (!this.element) return;
    this.element.srcObject = this.remote;
    void this.applyOutput();
  }

  constraints(): MediaStreamConstraints {
    const id = this.view.get().inputId;
    return { audio: id ? { deviceId: { exact: id } } : true, video: false };
  }

  attachRemote(pc: RTCPeerConnection): void {
    if (this.pc === pc) return;
    this.detachPc();
    this.pc = pc;
    this.onTrack = (ev) => {
      if (ev.track.kind !== 'audio') return;
      this.play(ev.streams[0] ?? new MediaStream([ev.track]));
    };
    pc.addEventListener('track', this.onTrack);
    const tracks =
      pc
        .getReceivers?.()
        .map((r) => r.track)
        .filter((t) => t && t.kind === 'audio') ?? [];
    if (tracks.length > 0) this.play(new MediaStream(tracks));
    void this.refresh();
  }

  detachRemote(): void {
    this.detachPc();
    for (const t of this.ownTracks) t.stop();
    this.ownTracks = [];
    this.play(null);
  }

  async selectInput(deviceId: string): Promise<void> {
    this.storage?.setItem(INPUT_KEY, deviceId);
    this.view.update((v) => ({ ...v, inputId: deviceId }));
    const sender = this.pc?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender || !this.devices) return;
    const stream = await this.devices.getUserMedia(this.constraints());
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    const old = sender.track;
    track.enabled = old?.enabled ?? true; // keep a mute in force
    await sender.replaceTrack(track);
    old?.stop();
    this.ownTracks = this.ownTracks.filter((t) => t !== old).concat(track);
  }

  async selectOutput(deviceId: string): Promise<void> {
    this.storage?.setItem(OUTPUT_KEY, deviceId);
    this.view.update((v) => ({ ...v, outputId: deviceId }));
    await this.applyOutput();
  }

  private async applyOutput(): Promise<void> {
    const el = this.element;
    if (!el?.setSinkId || !this.view.get().canChooseOutput) return;
    try {
      await el.setSinkId(this.view.get().outputId);
    } catch {
      // the device went away: the browser keeps playing on the default output
    }
  }

  private play(stream: MediaStream | null): void {
    this.remote = stream;
    if (!this.element) return;
    this.element.srcObject = stream;
    if (stream) void this.element.play?.()?.catch(() => {});
  }

  private detachPc(): void {
    if (this.pc && this.onTrack) this.pc.removeEventListener('track', this.onTrack);
    this.pc = null;
    this.onTrack = null;
  }
}

export function browserAudioDevices(): AudioDevices {
  const canChoose = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  return new AudioDevices(navigator.mediaDevices, localStorage, canChoose);
}
