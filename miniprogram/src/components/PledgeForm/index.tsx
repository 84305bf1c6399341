import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { t as translate, useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../services/api';
import type { PledgeInput } from '../../services/types';
import { checkLabourDays, checkPledgeAmount, checkQuantity, parseYuanToFen } from '../../services/validation';
import { formatYuan } from '../../utils/format';
import ConfirmSheet from '../ConfirmSheet';
import PickerField from '../PickerField';

type Kind = PledgeInput['kind'];
const KINDS: Kind[] = ['money', 'materials', 'labour'];
export const PRESET_YUAN = [100, 200, 500, 1000, 2000];
const MATERIALS = ['cement', 'sand', 'brick', 'paint', 'steel', 'timber'] as const;
const UNITS = ['ton', 'bag', 'piece', 'bucket', 'cubicMetre', 'squareMetre', 'metre'] as const;
const SKILLS = ['mason', 'plumber', 'carpenter', 'painter', 'cleaning', 'patrol'] as const;
/** Half days from 0.5 to 30. */
export const DAY_CHOICES = Array.from({ length: 60 }, (_, i) => (i + 1) / 2);

interface Props {
  dwellings: { id: string; label: string }[];
  onSubmit: (body: PledgeInput) => Promise<void>;
}

// What is stored is public (the ledger), so names are sent in Chinese whatever language the form is shown in.
const zh = (key: MessageKey) => translate(key, undefined, 'zh');

/** 认捐: money from preset amounts (or typed), materials and labour from pickers; a confirmation before sending. */
export default function PledgeForm({ dwellings, onSubmit }: Props) {
  const { t } = useI18n();
  const [dwellingId, setDwellingId] = useState<string | null>(dwellings.length === 1 ? dwellings[0].id : null);
  const [kind, setKind] = useState<Kind>('money');
  const [amount, setAmount] = useState('');
  const [material, setMaterial] = useState<(typeof MATERIALS)[number]>('cement');
  const [unit, setUnit] = useState<(typeof UNITS)[number]>('bag');
  const [quantity, setQuantity] = useState('');
  const [days, setDays] = useState('1');
  const [skill, setSkill] = useState<(typeof SKILLS)[number]>('mason');
  const [tried, setTried] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const problem: MessageKey | null = !dwellingId
    ? 'pledge.err.dwelling'
    : kind === 'money'
      ? checkPledgeAmount(amount)
      : kind === 'materials'
        ? checkQuantity(quantity)
        : checkLabourDays(Number(days));
  const shown = tried ? problem : null;

  const body = (): PledgeInput | null => {
    if (!dwellingId || problem) return null;
    if (kind === 'money') return { kind, dwellingId, amountFen: parseYuanToFen(amount)! };
    if (kind === 'materials')
      return { kind, dwellingId, material: { item: zh(`pledge.material.${material}`), quantity: Number(quantity), unit: zh(`pledge.unit.${unit}`) } };
    return { kind, dwellingId, labour: { days: Number(days), skill: zh(`pledge.skill.${skill}`) } };
  };

  const summary = () => {
    if (kind === 'money') return `${formatYuan(parseYuanToFen(amount) ?? 0)} ${t('common.yuan')}`;
    if (kind === 'materials') return `${t(`pledge.material.${material}`)} ${quantity} ${t(`pledge.unit.${unit}`)}`;
    return `${t('pledge.days', { n: days })} · ${t(`pledge.skill.${skill}`)}`;
  };

  const send = async () => {
    const b = body();
    if (!b) return;
    setBusy(true);
    setServerError(null);
    try {
      await onSubmit(b);
      setConfirm(false);
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="pledge-form">
      <PickerField
        label={t('pledge.dwelling')}
        options={dwellings.map((d) => ({ value: d.id, label: d.label }))}
        value={dwellingId}
        onChange={setDwellingId}
        testId="pledge-dwelling"
      />
      <Text className="form-label">{t('pledge.kind')}</Text>
      <View className="chips" role="radiogroup">
        {KINDS.map((k) => (
          <View
            key={k}
            role="radio"
            aria-checked={kind === k}
            className={`chip ${kind === k ? 'chip--on' : ''}`}
            onClick={() => setKind(k)}
            data-testid={`pledge-kind-${k}`}
          >
            {t(`pledge.kind.${k}`)}
          </View>
        ))}
      </View>

      {kind === 'money' && (
        <View>
          <Text className="form-label">{t('pledge.amount')}</Text>
          <View className="chips">
            {PRESET_YUAN.map((y) => (
              <View
                key={y}
                className={`chip ${amount === String(y) ? 'chip--on' : ''}`}
                onClick={() => setAmount(String(y))}
                data-testid={`pledge-preset-${y}`}
              >
                {y} {t('common.yuan')}
              </View>
            ))}
          </View>
          <Input
            className={`text-input ${shown ? 'text-input--error' : ''}`}
            type="digit"
            value={amount}
            placeholder={t('pledge.amountOther')}
            onInput={(e) => setAmount(e.detail.value)}
            data-testid="pledge-amount"
          />
        </View>
      )}

      {kind === 'materials' && (
        <View>
          <PickerField
            label={t('pledge.materialItem')}
            options={MATERIALS.map((m) => ({ value: m, label: t(`pledge.material.${m}`) }))}
            value={material}
            onChange={setMaterial}
          />
          <PickerField label={t('pledge.unit')} options={UNITS.map((u) => ({ value: u, label: t(`pledge.unit.${u}`) }))} value={unit} onChange={setUnit} />
          <Text className="form-label">{t('pledge.quantity')}</Text>
          <Input
            className={`text-input ${shown ? 'text-input--error' : ''}`}
            type="digit"
            value={quantity}
            onInput={(e) => setQuantity(e.detail.value)}
            data-testid="pledge-quantity"
          />
        </View>
      )}

      {kind === 'labour' && (
        <View>
          <PickerField
            label={t('pledge.labourDays')}
            options={DAY_CHOICES.map((d) => ({ value: String(d), label: t('pledge.days', { n: d }) }))}
            value={days}
            onChange={setDays}
            testId="pledge-days"
          />
          <PickerField label={t('pledge.skill')} options={SKILLS.map((s) => ({ value: s, label: t(`pledge.skill.${s}`) }))} value={skill} onChange={setSkill} />
        </View>
      )}

      {shown && (
        <Text className="form-error" data-testid="pledge-error">
          {t(shown)}
        </Text>
      )}
      <View className="spacer" />
      <Button
        className="btn"
        onClick={() => {
          setTried(true);
          if (!problem) setConfirm(true);
        }}
        data-testid="pledge-submit"
      >
        {t('pledge.submit')}
      </Button>
      <ConfirmSheet
        open={confirm}
        title={t('pledge.confirmTitle')}
        busy={busy}
        error={serverError}
        onCancel={() => setConfirm(false)}
        onConfirm={() => void send()}
      >
        <Text className="big-code" data-testid="pledge-summary">
          {summary()}
        </Text>
        <Text className="card__meta">{dwellings.find((d) => d.id === dwellingId)?.label}</Text>
        <Text className="card__meta" style={{ display: 'block' }}>
          {t('pledge.confirmHint')}
        </Text>
      </ConfirmSheet>
    </View>
  );
}
