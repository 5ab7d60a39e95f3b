import { DTMF_KEYS } from '../phoneState';

/** The 12-key pad; each press sends a DTMF tone (JsSIP's default transport, SIP INFO). */
export function Keypad({ onKey }: { onKey: (key: string) => void }) {
  return (
    <div class="keypad" role="group" aria-label="Keypad">
      {DTMF_KEYS.map((k) => (
        <button type="button" key={k} onClick={() => onKey(k)} aria-label={`Key ${k}`}>
          {k}
        </button>
      ))}
    </div>
  );
}
