import { createContext } from 'preact';
import type { CallControlController } from './callControlController';

export interface CallControlContextValue {
  controller: CallControlController;
  ownAgentId: number | string;
  /** Takes the customer off hold (the webphone's SIP re-INVITE); absent without a webphone. */
  resume?: () => void;
}

/** Provided by the agent toolbar; the call panel's controls render nothing without it. */
export const CallControlContext = createContext<CallControlContextValue | null>(null);
