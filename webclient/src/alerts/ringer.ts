// The ring beep, synthesised with Web Audio (no audio file to load or cache).

/** The parts of an AudioContext the ringer uses (so tests can pass a fake). */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
}

export interface OscillatorLike {
  type: string;
  frequency: { value: number };
  connect(node: unknown): unknown;
  start(when?: number): void;
  stop(when?: number): void;
}

export interface GainLike {
  gain: { setValueAtTime(v: number, t: number): unknown; linearRampToValueAtTime(v: number, t: number): unknown };
  connect(node: unknown): unknown;
}

/** One ring cycle: two short beeps, then silence until the next cycle. */
export const RING_CYCLE_MS = 3000;
const BEEPS = [
  { at: 0, length: 0.4 },
  { at: 0.6, length: 0.4 },
];
const FREQUENCY_HZ = 880;
const VOLUME = 0.2;

export interface RingerDeps {
  createContext: () => AudioContextLike | null;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * Plays the ring pattern while started. Browsers keep an AudioContext suspended until the user has
 * interacted with the page, so {@link unlock} is called from user gestures (login, any click or key).
 */
export class Ringer {
  private ctx: AudioContextLike | null = null;
  private timer: unknown = null;
  private readonly setIntervalFn: (fn: () => void, ms: number) => unknown;
  private readonly clearIntervalFn: (handle: unknown) => void;

  constructor(private readonly deps: RingerDeps) {
    this.setIntervalFn = deps.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
    this.clearIntervalFn = deps.clearInterval ?? ((h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>));
  }

  get ringing(): boolean {
    return this.timer != null;
  }

  /** Creates or resumes the audio context; call it from a user gesture. */
  unlock(): void {
    const ctx = this.context();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => {});
  }

  start(): void {
    if (this.timer != null) return;
    this.timer = this.setIntervalFn(() => this.cycle(), RING_CYCLE_MS);
    this.cycle();
  }

  stop(): void {
    if (this.timer == null) return;
    this.clearIntervalFn(this.timer);
    this.timer = null;
  }

  private context(): AudioContextLike | null {
    if (!this.ctx) {
      try {
        this.ctx = this.deps.createContext();
      } catch {
        this.ctx = null;
      }
    }
    return this.ctx;
  }

  private cycle(): void {
    const ctx = this.context();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
    const t0 = ctx.currentTime + 0.05;
    for (const beep of BEEPS) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = FREQUENCY_HZ;
      const start = t0 + beep.at;
      const end = start + beep.length;
      // short ramps avoid clicks
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(VOLUME, start + 0.02);
      gain.gain.setValueAtTime(VOLUME, end - 0.02);
      gain.gain.linearRampToValueAtTime(0, end);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(start);
      osc.stop(end);
    }
  }
}

/** The browser's AudioContext, or null where there is none. */
export function browserAudioContext(): AudioContextLike | null {
  const Ctor =
    (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext ??
    (globalThis as { webkitAudioContext?: new () => AudioContextLike }).webkitAudioContext;
  return Ctor ? new Ctor() : null;
}
