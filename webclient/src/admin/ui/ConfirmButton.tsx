import { useState } from 'preact/hooks';

interface Props {
  label: string;
  /** The question, e.g. "Delete alice for good?" */
  question: string;
  confirmLabel?: string;
  onConfirm: () => Promise<void>;
  disabled?: boolean;
  /** Names the row's thing for screen readers, e.g. "Delete alice". */
  ariaLabel?: string;
}

/** A destructive action asked twice: the button turns into the question with "Yes" and "No" (no browser dialog). */
export function ConfirmButton({
  label,
  question,
  confirmLabel = 'Yes, delete',
  onConfirm,
  disabled,
  ariaLabel,
}: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="danger" disabled={disabled} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        class="danger"
        disabled={busy}
        ref={(b) => b?.focus()}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        No
      </button>
    </span>
  );
}
