import type { DirectoryEntry } from '../api/types';
import type { AudioDevices } from './audioDevices';
import type { PhoneController } from './phoneController';

/** The webphone of one sign-in: the phone, its audio devices and the colleague directory. */
export interface PhoneKit {
  phone: PhoneController;
  devices: AudioDevices;
  loadDirectory: () => Promise<DirectoryEntry[]>;
}
