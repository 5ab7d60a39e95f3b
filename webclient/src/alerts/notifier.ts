// Desktop notification for a ringing call (Notification API).

export interface NotificationLike {
  onclick: ((ev: Event) => void) | null;
  close(): void;
}

export interface NotificationCtor {
  new (title: string, options?: NotificationOptions): NotificationLike;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

/** One tag for every tab and source: a newer ringing notification replaces the previous one. */
export const RING_NOTIFICATION_TAG = 'tandem-incoming-call';

export interface RingMessage {
  title: string;
  body: string;
}

/** Shows at most one "incoming call" notification; clicking it brings this tab to the front. */
export class RingNotifier {
  private current: NotificationLike | null = null;
  /** `key` and text of the notification shown, so the same one is not shown twice. */
  private shown: string | null = null;

  constructor(
    private readonly Ctor: NotificationCtor | null,
    private readonly focus: () => void,
  ) {}

  get permission(): NotificationPermission | 'unsupported' {
    return this.Ctor ? this.Ctor.permission : 'unsupported';
  }

  /** Asks for permission if never asked; call it from a user gesture (login click, a button). */
  async requestPermission(): Promise<NotificationPermission | 'unsupported'> {
    if (!this.Ctor) return 'unsupported';
    if (this.Ctor.permission !== 'default') return this.Ctor.permission;
    try {
      return await this.Ctor.requestPermission();
    } catch {
      return this.Ctor.permission;
    }
  }

  /**
   * Shows `message` for the ringing call `key`. The same key and text again is a no-op; a new text for
   * the same call (the offer's details arriving after the agent state said "ringing") replaces it under
   * the same tag, which browsers do without alerting again.
   */
  show(key: string, message: RingMessage): void {
    const shown = JSON.stringify([key, message.title, message.body]);
    if (!this.Ctor || this.Ctor.permission !== 'granted' || this.shown === shown) return;
    this.close();
    try {
      const n = new this.Ctor(message.title, {
        body: message.body,
        tag: RING_NOTIFICATION_TAG,
        requireInteraction: true,
      });
      n.onclick = () => {
        this.focus();
        n.close();
      };
      this.current = n;
      this.shown = shown;
    } catch {
      // Some platforms only allow notifications from a service worker: the beep and the page remain.
    }
  }

  close(): void {
    this.current?.close();
    this.current = null;
    this.shown = null;
  }
}

export function browserNotification(): NotificationCtor | null {
  return typeof Notification === 'undefined' ? null : (Notification as unknown as NotificationCtor);
}
