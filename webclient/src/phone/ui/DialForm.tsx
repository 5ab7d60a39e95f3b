import { useState } from 'preact/hooks';
import { normaliseDialString, type DialPermission } from '../phoneState';

/** A number to call; disabled (with the reason) unless the agent may dial out now. */
export function DialForm({ permission, onDial }: { permission: DialPermission; onDial: (number: string) => void }) {
  const [number, setNumber] = useState('');
  const valid = normaliseDialString(number) != null;
  const why = permission.allowed ? null : permission.why;
  return (
    <form
      class="dial"
      onSubmit={(e) => {
        e.preventDefault();
        if (permission.allowed && valid) onDial(number);
      }}
    >
      <label for="dial-number">Number to call</label>
      <input
        id="dial-number"
        type="tel"
        inputMode="tel"
        autocomplete="off"
        value={number}
        disabled={!permission.allowed}
        aria-describedby={why ? 'dial-why' : undefined}
        onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="call-button" disabled={!permission.allowed || !valid}>
        Call
      </button>
      {why && (
        <span id="dial-why" class="muted" data-testid="dial-why">
          {why}
        </span>
      )}
    </form>
  );
}
