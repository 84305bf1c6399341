import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import Field from '../components/Field';
import Toggle from '../components/Toggle';
import type { Project } from '../lib/staffApi';
import { useLatest } from '../../hooks/useLatest';

interface Signer {
  unit: string;
  role: string;
  name: string;
}
interface Props {
  project: Project;
  onSave: (body: object) => Promise<void>;
}

/** 联合验收: date, a checklist with every item, signatories (at least one), the conclusion. */
export default function AcceptanceForm({ project, onSave }: Props) {
  const { t } = useI18n();
  const a = project.acceptance;
  const [date, setDate] = useState(a?.date ?? new Date().toISOString().slice(0, 10));
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [signers, setSigners] = useState<Signer[]>([]);
  const [passed, setPassed] = useState(true);
  // Reset to the saved record when another project or a newly saved acceptance comes in, not on every render.
  const reset = useLatest(() => {
    setChecked(Object.fromEntries(project.items.map((i) => [i.id, a?.items.find((x) => x.itemId === i.id)?.accepted ?? false])));
    setSigners(a?.participants.map((x) => ({ unit: x.unit, role: x.role, name: x.name ?? '' })) ?? [{ unit: '', role: '', name: '' }]);
    setPassed(a?.passed ?? true);
  });
  useEffect(() => reset.current(), [project.id, a?.recordedAt, reset]);
  const setSigner = (i: number, p: Partial<Signer>) => setSigners(signers.map((s, j) => (j === i ? { ...s, ...p } : s)));
  const [noSigner, setNoSigner] = useState(false);
  const signed = signers.filter((s) => s.unit.trim() && s.role.trim());
  // Without a signatory the record is refused: say so here, in the reader's language, before sending.
  const save = () =>
    signed.length === 0
      ? setNoSigner(true)
      : (setNoSigner(false),
        onSave({
          date,
          passed,
          items: project.items.map((i) => ({ itemId: i.id, accepted: !!checked[i.id] })),
          participants: signed.map((s) => ({ unit: s.unit.trim(), role: s.role.trim(), ...(s.name.trim() ? { name: s.name.trim() } : {}) })),
        }));
  if (project.status !== 'construction' && !a) return <Text className="muted">{t('staff.wb.acceptanceLater')}</Text>;
  const editable = project.status === 'construction';
  return (
    <View className="card" data-testid="acceptance-form">
      <Field label={t('staff.wb.acceptanceDate')}>
        <Input className="st-input" value={date} disabled={!editable} maxlength={10} onInput={(e) => setDate(e.detail.value)} data-testid="acceptance-date" />
      </Field>
      <Text className="st-field__label">{t('staff.wb.checklist')}</Text>
      {project.items.map((i) => (
        <Toggle key={i.id} label={i.name} checked={!!checked[i.id]} onChange={(v) => editable && setChecked({ ...checked, [i.id]: v })} />
      ))}
      <Text className="st-field__label">{t('staff.wb.signatories')}</Text>
      {signers.map((s, i) => (
        <View key={i} style={{ display: 'flex', gap: '8px' }} data-testid={`signer-${i}`}>
          <Input
            className="st-input"
            placeholder={t('staff.wb.signerUnit')}
            value={s.unit}
            disabled={!editable}
            maxlength={100}
            onInput={(e) => setSigner(i, { unit: e.detail.value })}
            data-testid={`signer-${i}-unit`}
          />
          <Input
            className="st-input"
            placeholder={t('staff.wb.signerRole')}
            value={s.role}
            disabled={!editable}
            maxlength={50}
            onInput={(e) => setSigner(i, { role: e.detail.value })}
            data-testid={`signer-${i}-role`}
          />
          <Input
            className="st-input"
            placeholder={t('staff.wb.signerName')}
            value={s.name}
            disabled={!editable}
            maxlength={50}
            onInput={(e) => setSigner(i, { name: e.detail.value })}
            data-testid={`signer-${i}-name`}
          />
        </View>
      ))}
      {noSigner && (
        <Text className="st-field__error" data-testid="signer-missing">
          {t('staff.wb.signerMissing')}
        </Text>
      )}
      {editable && (
        <View className="btn btn--plain st-btn--small" onClick={() => setSigners([...signers, { unit: '', role: '', name: '' }])} data-testid="signer-add">
          {t('staff.wb.addSigner')}
        </View>
      )}
      <Toggle label={t('staff.wb.passed')} checked={passed} onChange={(v) => editable && setPassed(v)} />
      {editable && (
        <View className="btn" onClick={save} data-testid="acceptance-save">
          {t('staff.wb.saveAcceptance')}
        </View>
      )}
    </View>
  );
}
