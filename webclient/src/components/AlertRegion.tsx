/** Always-present live region for refusals and failures; a dismiss button when non-empty. */
export function AlertRegion({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  return (
    <div class={message ? 'alert alert-shown' : 'alert'} role="alert">
      {message && (
        <>
          <span>{message}</span>
          <button type="button" class="link" onClick={onDismiss} aria-label="Dismiss message">
            ×
          </button>
        </>
      )}
    </div>
  );
}
