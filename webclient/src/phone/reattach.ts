// Reload survival (docs/webphone.md, "Reload survival"): when the page went away mid-call, the server keeps the
// customer (music on hold) and the agent's call shows HELD. The reloaded page, once its phone is registered and idle,
// asks for the call back (POST /api/calls/{callId}/reattach); the server then rings this phone with an INVITE that
// carries `X-Tandem-Reattach: <callId>` and `Call-Info: <sip:…>;answer-after=0`, which the phone answers by itself
// without ringing — only for the call this page asked for — and bridges it with the customer.
import type { CallView } from '../api/types';
import type { LiveView } from '../live/liveController';
import type { Store } from '../util/store';
import type { PhoneView } from './phoneState';

export const REATTACH_HEADER = 'X-Tandem-Reattach';

/** The call id an incoming INVITE's `X-Tandem-Reattach` header names, or null. */
export function reattachCallId(header: string | null | undefined): string | null {
  const value = header?.trim() ?? '';
  return /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : null;
}

/** Whether an incoming call is the reattach this phone expects: then it is answered at once, without ringing. */
export function answersReattach(expected: string | null, header: string | null | undefined): boolean {
  return expected != null && reattachCallId(header) === expected;
}

/**
 * The call to ask back, or null: the agent's state shows a connected call (talking or held) while this page's phone
 * is registered and on no call, and this page has not asked for it yet.
 */
export function callToTakeBack(
  call: CallView | null | undefined,
  phone: Pick<PhoneView, 'registration' | 'call'>,
  asked: ReadonlySet<string>,
): string | null {
  if (!call || phone.registration.kind !== 'registered' || phone.call != null) return null;
  if (call.state !== 'TALKING' && call.state !== 'HELD') return null;
  return asked.has(call.callId) ? null : call.callId;
}

export interface ReattachPhone {
  readonly view: Store<PhoneView>;
  expectReattach(callId: string | null): void;
}

/** Watches the agent's state and the phone; asks once per call. `stop` releases everything. */
export class Reattacher {
  private readonly asked = new Set<string>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly live: { readonly view: Store<LiveView> },
    private readonly phone: ReattachPhone,
    private readonly ask: (callId: string) => Promise<unknown>,
    private readonly onFailure: (message: string) => void = () => {},
  ) {}

  start(): void {
    this.unsubscribe.push(
      this.live.view.subscribe(() => this.check()),
      this.phone.view.subscribe(() => this.check()),
    );
    this.check();
  }

  stop(): void {
    this.unsubscribe.splice(0).forEach((u) => u());
    this.phone.expectReattach(null);
  }

  private check(): void {
    const agentCall = this.live.view.get().agentState?.call;
    if (agentCall && this.phone.view.get().call != null) {
      // this page's phone carries the call: its end (phone first, state a moment later) is no reason to ask
      this.asked.add(agentCall.callId);
      return;
    }
    const callId = callToTakeBack(agentCall, this.phone.view.get(), this.asked);
    if (callId == null) return;
    this.asked.add(callId);
    this.phone.expectReattach(callId);
    this.ask(callId).catch((e: unknown) => {
      this.phone.expectReattach(null);
      const status = (e as { status?: number } | null)?.status;
      // 404: nothing waits for this page (the call is on another device, or was not kept); nothing to say
      if (status !== 404) this.onFailure(e instanceof Error ? e.message : 'The call could not be taken back.');
    });
  }
}
