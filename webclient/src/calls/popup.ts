// The CRM popup: when it is due, and opening it once per call across all of the agent's tabs.
import type { CallState } from '../api/types';
import { safePopupUrl } from './presentation';
import type { CurrentCall } from './callBook';

/** Every popup opens in this one named window, so a new call reuses the CRM window. */
export const POPUP_WINDOW_NAME = 'tandem-crm';
const CLAIM_PREFIX = 'tandem.popup.';
/** Claims older than this are removed when a new one is written. */
export const CLAIM_MAX_AGE_MS = 24 * 3600_000;

const ANSWERED: ReadonlySet<CallState> = new Set(['TALKING', 'HELD']);

/** The popup URL to open now for this call, or null (none, unsafe, or not yet due). */
export function duePopupUrl(call: CurrentCall | null): string | null {
  const popup = call?.offer?.popup;
  if (!call || !popup) return null;
  const url = safePopupUrl(popup.url);
  if (!url) return null;
  if (popup.openOn === 'answer' && !ANSWERED.has(call.state)) return null;
  return url;
}

/** What happened to a call's popup in this tab. */
export type PopupOutcome =
  /** This tab opened the window. */
  | 'opened'
  /** This tab tried and the browser refused (popup blocker): offer a link instead. */
  | 'blocked'
  /** Another tab had already claimed this call's popup. */
  | 'elsewhere';

/** The Web Locks API (navigator.locks), reduced to what is used here. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T> | T): Promise<T>;
}

export interface PopupDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
  /** `window.open`; returns null when the popup was blocked. */
  open: (url: string, target: string) => { opener: unknown } | null;
  /** Serialises claims across tabs when available; without it a localStorage claim alone is used. */
  locks?: LockManagerLike | undefined;
  now?: () => number;
}

/**
 * Opens each call's popup once across all tabs of the agent: a claim keyed by call id is written to
 * localStorage (shared by the tabs), check-and-set under a Web Lock so two tabs cannot both win.
 */
export class PopupOpener {
  private readonly now: () => number;
  /** Calls this tab already decided, with the outcome (one attempt per call per tab). */
  private readonly decided = new Map<string, Promise<PopupOutcome>>();

  constructor(private readonly deps: PopupDeps) {
    this.now = deps.now ?? Date.now;
  }

  openOnce(callId: string, url: string): Promise<PopupOutcome> {
    let outcome = this.decided.get(callId);
    if (!outcome) {
      const attempt = () => this.claimAndOpen(callId, url);
      outcome = this.deps.locks ? this.deps.locks.request('tandem-popup-claim', attempt) : Promise.resolve(attempt());
      this.decided.set(callId, outcome);
    }
    return outcome;
  }

  private claimAndOpen(callId: string, url: string): PopupOutcome {
    const key = CLAIM_PREFIX + callId;
    if (this.deps.storage.getItem(key) != null) return 'elsewhere';
    this.pruneClaims();
    try {
      this.deps.storage.setItem(key, String(this.now()));
    } catch {
      // Storage full or refused: open anyway (a second tab may then open it too).
    }
    const w = this.deps.open(url, POPUP_WINDOW_NAME);
    if (!w) return 'blocked';
    try {
      w.opener = null; // the CRM page gets no handle on the agent desktop
    } catch {
      /* cross-origin windows may refuse; nothing to protect then */
    }
    return 'opened';
  }

  private pruneClaims(): void {
    const s = this.deps.storage;
    const stale: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (!k?.startsWith(CLAIM_PREFIX)) continue;
      const at = Number(s.getItem(k));
      if (!Number.isFinite(at) || this.now() - at > CLAIM_MAX_AGE_MS) stale.push(k);
    }
    for (const k of stale) s.removeItem(k);
  }
}

/** A PopupOpener on this browser's localStorage, Web Locks and window.open. */
export function browserPopupOpener(): PopupOpener {
  const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks;
  return new PopupOpener({ storage: localStorage, open: (url, target) => window.open(url, target), locks });
}
