import { useEffect } from 'preact/hooks';
import { useStore } from '../../util/hooks';
import type { AudioDevices } from '../audioDevices';

/** Microphone and speaker selection. */
export function DeviceSettings({ devices }: { devices: AudioDevices }) {
  const view = useStore(devices.view);
  useEffect(() => {
    devices.start();
    return () => devices.stop();
  }, [devices]);
  return (
    <details class="devices" onToggle={() => void devices.refresh()}>
      <summary>Audio devices</summary>
      <div class="field">
        <label for="phone-mic">Microphone</label>
        <select
          id="phone-mic"
          value={view.inputId}
          onChange={(e) => void devices.selectInput((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">System default</option>
          {view.inputs.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="phone-speaker">Speaker</label>
        <select
          id="phone-speaker"
          value={view.outputId}
          disabled={!view.canChooseOutput}
          onChange={(e) => void devices.selectOutput((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">System default</option>
          {view.outputs.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label}
            </option>
          ))}
        </select>
        {!view.canChooseOutput && <span class="muted">This browser plays calls on its default output.</span>}
      </div>
    </details>
  );
}
