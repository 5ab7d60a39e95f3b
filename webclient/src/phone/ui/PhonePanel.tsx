import { useCallback } from 'preact/hooks';
import type { AgentStatus, DirectoryEntry } from '../../api/types';
import { AlertRegion } from '../../components/AlertRegion';
import { useLeaveWarning, useStore } from '../../util/hooks';
import type { AudioDevices } from '../audioDevices';
import type { PhoneController } from '../phoneController';
import { numberDialPermission } from '../phoneState';
import { ActiveCall } from './ActiveCall';
import { DeviceSettings } from './DeviceSettings';
import { DialForm } from './DialForm';
import { Directory } from './Directory';
import { IncomingCall } from './IncomingCall';
import { RegistrationStatus } from './RegistrationStatus';

interface Props {
  phone: PhoneController;
  devices: AudioDevices;
  /** The agent's status: numbers may only be dialled while Not Ready. */
  agentStatus: AgentStatus | null;
  ownAgentId: number;
  loadDirectory: () => Promise<DirectoryEntry[]>;
}

/** The browser webphone: registration, the call (incoming, active), dialling, colleagues, devices. */
export function PhonePanel({ phone, devices, agentStatus, ownAgentId, loadDirectory }: Props) {
  const view = useStore(phone.view);
  const call = view.call;
  // a reload or a closed tab would end the call: the browser asks first while one is up (not while it only rings)
  useLeaveWarning(call !== null && call.phase !== 'ringing');
  const audioRef = useCallback((el: HTMLAudioElement | null) => devices.setElement(el), [devices]);
  return (
    <section class="phone" aria-label="Phone">
      <RegistrationStatus
        registration={view.registration}
        sipUser={view.sipUser}
        onTakeOver={() => phone.takeOver()}
        onUseHere={() => phone.useHere()}
      />
      {call?.phase === 'ringing' && (
        <IncomingCall call={call} onAnswer={() => phone.answer()} onDecline={() => phone.decline()} />
      )}
      {call && call.phase !== 'ringing' && <ActiveCall call={call} phone={phone} />}
      {!call && <DialForm permission={numberDialPermission(agentStatus, view)} onDial={(n) => phone.call(n)} />}
      <AlertRegion message={view.notice} onDismiss={() => phone.dismissNotice()} />
      <Directory load={loadDirectory} ownAgentId={ownAgentId} phone={view} onCall={(ext) => phone.call(ext)} />
      <DeviceSettings devices={devices} />
      {/* the remote party's audio */}
      <audio autoplay ref={audioRef} data-testid="remote-audio" />
    </section>
  );
}
