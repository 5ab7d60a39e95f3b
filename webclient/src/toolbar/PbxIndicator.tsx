/** Says so when the server cannot reach the phone system: no call can arrive or be made until it is back. */
export function PbxIndicator({ up }: { up: boolean | null }) {
  if (up !== false) return null;
  return (
    <span class="connection connection-stopped" role="status" aria-label="Phone system unreachable">
      <span class="connection-dot" aria-hidden="true" />
      Phone system unreachable
    </span>
  );
}
