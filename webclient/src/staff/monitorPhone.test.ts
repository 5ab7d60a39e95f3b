import { describe, expect, it } from 'vitest';
import type { PhoneCall } from '../phone/phoneState';
import { isMonitoringCall, MONITOR_RING_MS } from './monitorPhone';

const ringing: PhoneCall = {
  id: 's1',
  direction: 'incoming',
  phase: 'ringing',
  remoteNumber: '1001',
  remoteName: 'Monitor Alice Agent',
  held: false,
  remoteHeld: false,
  muted: false,
  answeredAt: null,
};
const pending = { agentId: 7, extension: '1001', since: 1_000 };

describe('isMonitoringCall', () => {
  it("is the ringing incoming call from the monitored agent's extension while the request is open", () => {
    expect(isMonitoringCall(pending, ringing, 2_000)).toBe(true);
  });

  it('is no other call: nothing asked for, another caller, an outgoing or answered call, or too late', () => {
    expect(isMonitoringCall(null, ringing, 2_000)).toBe(false);
    expect(isMonitoringCall(pending, null, 2_000)).toBe(false);
    expect(isMonitoringCall(pending, { ...ringing, remoteNumber: '1002' }, 2_000)).toBe(false);
    expect(isMonitoringCall(pending, { ...ringing, direction: 'outgoing' }, 2_000)).toBe(false);
    expect(isMonitoringCall(pending, { ...ringing, phase: 'connecting' }, 2_000)).toBe(false);
    expect(isMonitoringCall(pending, ringing, 1_000 + MONITOR_RING_MS + 1)).toBe(false);
  });
});
