// Shared test data: agent states and call offers shaped as the server sends them.
import type { AgentStateView, CallOffer, CallState, CallView } from '../api/types';

export const T0 = Date.parse('2025-01-01T10:00:00.000Z');

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function agentState(
  status: AgentStateView['status'],
  call: (Partial<CallView> & { state: CallState }) | null = null,
  serverTimeMs = T0,
): AgentStateView {
  return {
    agentId: 7,
    status,
    reason: status === 'NOT_READY' ? { code: 'login', label: 'Login' } : null,
    since: iso(T0 - 5000),
    wrapupEndsAt: null,
    call: call
      ? { callId: 'c-1', kind: 'QUEUE', since: iso(serverTimeMs), answered: call.state !== 'RINGING', ...call }
      : null,
    serverTime: iso(serverTimeMs),
  };
}

export function offer(extra: Partial<CallOffer> = {}): CallOffer {
  return {
    callId: 'c-1',
    kind: 'QUEUE',
    queue: { name: 'support', label: 'Support' },
    callerNumber: '+4930123456',
    callerName: 'Zoë Müller',
    attachedData: [
      { position: 2, key: 'Address', value: 'Hauptstraße 5, 10115 Berlin' },
      { position: 1, key: 'CustomerId', value: 'CRM-4711' },
    ],
    popup: null,
    offeredAt: iso(T0),
    ...extra,
  };
}
