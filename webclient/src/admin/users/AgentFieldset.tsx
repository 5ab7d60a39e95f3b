import type { FieldMessages } from '../adminErrors';
import type { AfterCallWork, WorkingWay } from '../adminTypes';
import { CheckField, Fieldset, SelectField, TextField } from '../ui/fields';
import { MembershipEditor, type Option } from '../ui/pickers';
import type { AgentValues } from './userForm';

export const AFTER_CALL_TEXT: Record<AfterCallWork, string> = {
  after_answer: 'After an answered call',
  after_ring: 'After every offered call',
  off: 'No wrap-up',
};

export const WORKING_WAY_TEXT: Record<WorkingWay, string> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  both: 'Inbound and outbound',
};

interface Props {
  id: string;
  value: AgentValues;
  groups: Option[];
  errors: FieldMessages;
  onChange: (v: AgentValues) => void;
}

/** The agent part of a user: number, extension, wrap-up, working way, groups with penalty. */
export function AgentFieldset({ id, value, groups, errors, onChange }: Props) {
  const set = (p: Partial<AgentValues>) => onChange({ ...value, ...p });
  return (
    <Fieldset legend="Agent" error={errors.agent}>
      <div class="admin-grid">
        <TextField
          id={`${id}-number`}
          label="Agent number"
          value={value.number}
          error={errors['agent.number']}
          required
          onInput={(number) => set({ number })}
        />
        <TextField
          id={`${id}-extension`}
          label="Extension"
          value={value.extension}
          inputMode="numeric"
          hint="2 to 8 digits; created if free"
          error={errors['agent.extension']}
          required
          onInput={(extension) => set({ extension })}
        />
        <TextField
          id={`${id}-wrapup`}
          label="Wrap-up (seconds)"
          value={value.wrapupSeconds}
          inputMode="numeric"
          error={errors['agent.wrapupSeconds']}
          onInput={(wrapupSeconds) => set({ wrapupSeconds })}
        />
        <SelectField
          id={`${id}-acw`}
          label="After-call work"
          value={value.afterCallWork}
          options={AFTER_CALL_TEXT}
          error={errors['agent.afterCallWork']}
          onChange={(afterCallWork) => set({ afterCallWork })}
        />
        <SelectField
          id={`${id}-way`}
          label="Working way"
          value={value.workingWay}
          options={WORKING_WAY_TEXT}
          error={errors['agent.workingWay']}
          onChange={(workingWay) => set({ workingWay })}
        />
      </div>
      <CheckField
        id={`${id}-static`}
        label="Static member (always in its groups' queues, not only while logged in)"
        checked={value.staticMember}
        onChange={(staticMember) => set({ staticMember })}
      />
      <MembershipEditor
        legend="Groups"
        noun="group"
        idPrefix={`${id}-groups`}
        options={groups}
        rows={value.groups}
        field="agent.groups"
        errors={errors}
        onChange={(groups) => set({ groups })}
      />
    </Fieldset>
  );
}
