/**
 * What a source is: institution and source type (required), role, measure,
 * date and inspector. One set of fields for the import form and the source
 * details dialog, so both ask the same in the same words.
 */
import { MEASURE_LABELS, MEASURES, ROLE_LABELS, ROLES, SOURCE_TYPE_LABELS, SOURCE_TYPES, type Measure, type Role, type SourceType } from '../../shared/vocabulary';
import { inspectorOptions } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { DateField } from '../ui/DateField';
import { EnumSelect, optionsOf } from '../ui/EnumSelect';
import { Field } from '../ui/Field';

const TYPE_OPTIONS = optionsOf(SOURCE_TYPES, SOURCE_TYPE_LABELS);
const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);
const MEASURE_OPTIONS = optionsOf(MEASURES, MEASURE_LABELS);

/** The fields as typed: the date as the field holds it (ISO or ''), nothing chosen as null. */
export interface SourceMetaDraft {
  institutionId: string | null;
  sourceType: SourceType | null;
  role: Role | null;
  measure: Measure | null;
  date: string;
  inspectorId: string | null;
}

interface SourceMetaFieldsProps {
  value: SourceMetaDraft;
  onChange: (patch: Partial<SourceMetaDraft>) => void;
  /** Test ids are `<prefix>-institution`, `<prefix>-type`, and so on. */
  testIdPrefix: string;
  autoFocus?: boolean;
}

export function SourceMetaFields({ value, onChange, testIdPrefix, autoFocus = false }: SourceMetaFieldsProps) {
  const institutions = useSession(selectInstitutions);
  const inspectors = useSession(selectInspectors);
  const testId = (field: string) => `${testIdPrefix}-${field}`;
  return (
    <div className="field-grid">
      <Field label={nl.importer.institution} required>
        <EnumSelect
          data-testid={testId('institution')}
          required
          autoFocus={autoFocus}
          value={value.institutionId}
          options={institutions.map((institution) => ({ value: institution.id, label: institution.name }))}
          emptyLabel={nl.importer.choose}
          onChange={(institutionId) => onChange({ institutionId })}
        />
      </Field>
      <Field label={nl.importer.sourceType} required>
        <EnumSelect
          data-testid={testId('type')}
          required
          value={value.sourceType}
          options={TYPE_OPTIONS}
          emptyLabel={nl.importer.choose}
          onChange={(sourceType) => onChange({ sourceType })}
        />
      </Field>
      <Field label={nl.importer.role}>
        <EnumSelect data-testid={testId('role')} value={value.role} options={ROLE_OPTIONS} emptyLabel={nl.importer.noRole} onChange={(role) => onChange({ role })} />
      </Field>
      <Field label={nl.importer.measure}>
        <EnumSelect
          data-testid={testId('measure')}
          value={value.measure}
          options={MEASURE_OPTIONS}
          emptyLabel={nl.importer.noMeasure}
          onChange={(measure) => onChange({ measure })}
        />
      </Field>
      <Field label={nl.importer.date}>
        <DateField data-testid={testId('date')} value={value.date} onChange={(date) => onChange({ date })} />
      </Field>
      <Field label={nl.importer.inspector}>
        <EnumSelect
          data-testid={testId('inspector')}
          value={value.inspectorId}
          options={inspectorOptions(inspectors)}
          emptyLabel={nl.importer.noInspector}
          onChange={(inspectorId) => onChange({ inspectorId })}
        />
      </Field>
    </div>
  );
}
