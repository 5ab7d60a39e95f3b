import type { RingMessage, RingNotifier } from './notifier';
import type { Ringer } from './ringer';

/** Who reports a ringing call: the server's call offer (AMI) and the webphone's incoming INVITE. */
export type RingSource = 'offer' | 'phone';

export interface Ring {
  /** Identifies the ringing call, so the same call is notified once. */
  key: string;
  message: RingMessage;
}

export interface RingFlags {
  beep: boolean;
  notification: boolean;
}

/** The tenant's flags; a server that does not send them means on. */
export function ringFlags(config: { ringBeep?: boolean; ringNotification?: boolean }): RingFlags {
  return { beep: config.ringBeep !== false, notification: config.ringNotification !== false };
}

/**
 * One beep and one notification however many sources say a call rings. The server's offer is
 * preferred for the notification (it knows the queue and the caller's name); the beep and the
 * notification stop when no source rings any more (answered, declined, cancelled, gone).
 */
export class RingAlert {
  private readonly rings = new Map<RingSource, Ring>();
  private alerting = false;

  constructor(
    private readonly ringer: Pick<Ringer, 'start' | 'stop'>,
    private readonly notifier: Pick<RingNotifier, 'show' | 'close'>,
    private readonly flags: RingFlags,
  ) {}

  set(source: RingSource, ring: Ring | null): void {
    if (ring) this.rings.set(source, ring);
    else this.rings.delete(source);
    this.apply();
  }

  stopAll(): void {
    this.rings.clear();
    this.apply();
  }

  private apply(): void {
    const active = this.rings.get('offer') ?? this.rings.get('phone');
    if (!active) {
      if (this.alerting) {
        this.ringer.stop();
        this.notifier.close();
      }
      this.alerting = false;
      return;
    }
    this.alerting = true;
    if (this.flags.beep) this.ringer.start();
    if (this.flags.notification) this.notifier.show(active.key, active.message);
  }
}
