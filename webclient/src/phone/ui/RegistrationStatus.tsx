import { registrationText, type Registration } from '../phoneState';

const TONE: Record<Registration['kind'], string> = {
  off: 'off',
  standby: 'off',
  elsewhere: 'off',
  none: 'off',
  connecting: 'pending',
  registering: 'pending',
  registered: 'ok',
  failed: 'bad',
};

/** Always-visible registration state of the webphone. */
export function RegistrationStatus({
  registration,
  sipUser,
  onTakeOver,
  onUseHere,
}: {
  registration: Registration;
  sipUser: string | null;
  onTakeOver: () => void;
  onUseHere: () => void;
}) {
  const text = registrationText(registration);
  return (
    <div class="phone-status">
      <span
        class={`registration registration-${TONE[registration.kind]}`}
        role="status"
        data-testid="phone-registration"
        data-registration={registration.kind}
        title={sipUser ?? undefined}
      >
        <span class="connection-dot" aria-hidden="true" />
        {text}
      </span>
      {registration.kind === 'standby' && (
        <button type="button" class="link-button" onClick={onTakeOver}>
          Use the phone in this tab
        </button>
      )}
      {registration.kind === 'elsewhere' && (
        <button type="button" class="link-button" onClick={onUseHere}>
          Use the phone here
        </button>
      )}
    </div>
  );
}
