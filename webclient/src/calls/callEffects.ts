import type { RingAlert } from '../alerts/ringAlert';
import { CALL_KIND_TEXT } from '../agent/presentation';
import type { LiveView } from '../live/liveController';
import { Store } from '../util/store';
import { currentCall, isRinging, type CurrentCall } from './callBook';
import { duePopupUrl, type PopupOpener, type PopupOutcome } from './popup';
import { callerText } from './presentation';

/** The popup of one call as this tab knows it. */
export interface PopupStatus {
  callId: string;
  url: string;
  outcome: PopupOutcome | 'opening';
}

/**
 * Side effects of the server's call offers: the ring alert while an inbound call rings, and the CRM
 * popup when it is due (on ring or on answer). Subscribes to the live view; `stop` releases it.
 */
export class CallEffects {
  /** The current call's popup, for the call panel (a link when blocked). */
  readonly popup = new Store<PopupStatus | null>(null);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly live: { view: Store<LiveView> },
    private readonly ring: Pick<RingAlert, 'set'>,
    private readonly opener: Pick<PopupOpener, 'openOnce'>,
  ) {}

  start(): void {
    this.unsubscribe = this.live.view.subscribe((v) => this.onView(v));
    this.onView(this.live.view.get());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.ring.set('offer', null);
  }

  private onView(v: LiveView): void {
    const call = currentCall(v.calls, v.agentState);
    this.ring.set('offer', isRinging(call) ? { key: call!.callId, message: ringMessage(call!) } : null);
    this.updatePopup(call);
  }

  private updatePopup(call: CurrentCall | null): void {
    const url = duePopupUrl(call);
    const shown = this.popup.get();
    if (!call || !url) {
      if (shown && shown.callId !== call?.callId) this.popup.set(null);
      return;
    }
    if (shown?.callId === call.callId && shown.url === url) return;
    const status: PopupStatus = { callId: call.callId, url, outcome: 'opening' };
    this.popup.set(status);
    void this.opener.openOnce(call.callId, url).then(
      (outcome) => {
        if (this.popup.get() === status) this.popup.set({ ...status, outcome });
      },
      () => {
        if (this.popup.get() === status) this.popup.set({ ...status, outcome: 'blocked' });
      },
    );
  }
}

export function ringMessage(call: CurrentCall): { title: string; body: string } {
  const queue = call.offer?.queue?.label || call.offer?.queue?.name;
  const title = queue ? `Incoming call – ${queue}` : `Incoming ${CALL_KIND_TEXT[call.kind].toLowerCase()}`;
  return { title, body: callerText(call.offer) };
}
