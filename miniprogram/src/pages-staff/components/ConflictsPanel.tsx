import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Remote } from '../../hooks/useRemote';
import { t as translate, useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../services/api';
import { staffApi, type Answer, type Conflict } from '../lib/staffApi';
import Chips from './Chips';
import { modalButtons } from '../../utils/h5ModalLang';

const REASONS: MessageKey[] = ['staff.cf.reason.signed', 'staff.cf.reason.owner', 'staff.cf.reason.later'];

function answersText(answers: Answer[], t: (k: MessageKey) => string): string {
  return answers
    .map((a) =>
      a.choice
        ? ['approve', 'reject', 'abstain'].includes(a.choice)
          ? t(`staff.vote.${a.choice as 'approve'}`)
          : a.choice
        : a.items
          ? a.items.map((i) => `${i.itemId}:${t(`staff.vote.${i.choice}`)}`).join(' ')
          : (a.picks ?? []).join(','),
    )
    .join('；');
}

/** Paper ballots that clash with an electronic one: the committee keeps one, with a recorded reason. */
export default function ConflictsPanel({ id, data, onResolved }: { id: string; data: Remote<Conflict[]>; onResolved: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<MessageKey>(REASONS[0]);
  const open = (data.data ?? []).filter((c) => !c.resolution);
  if (!data.data || data.data.length === 0) return null;

  const resolve = async (c: Conflict, keep: 'paper' | 'electronic') => {
    const ok = await Taro.showModal({
      title: t('staff.cf.confirm'),
      content: t(keep === 'paper' ? 'staff.cf.keepPaper' : 'staff.cf.keepElectronic'),
      ...modalButtons(),
    });
    if (!ok.confirm) return;
    try {
      // The record is kept in Chinese whatever the screen language (audit trail, published log).
      await staffApi.resolveConflict(id, c.paperSeq, keep, translate(reason, undefined, 'zh'));
      onResolved();
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    }
  };

  return (
    <View className="card" data-testid="conflicts">
      <Text className="card__title">{t('staff.cf.title', { n: open.length })}</Text>
      {open.length > 0 && (
        <>
          <Text className="st-field__hint">{t('staff.cf.reason')}</Text>
          <Chips options={REASONS.map((k) => ({ value: k, label: t(k) }))} value={reason} onChange={setReason} />
        </>
      )}
      {data.data.map((c) => (
        <View key={c.paperSeq} className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
          <Text className="st-row__title">
            {c.dwelling.buildingName} {c.dwelling.entranceName} {c.dwelling.room}
          </Text>
          <Text className="st-row__meta">
            {t('staff.cf.paper')}：{answersText(c.paperAnswers, t)}
          </Text>
          <Text className="st-row__meta">
            {t('staff.cf.electronic')}：{answersText(c.electronicAnswers, t)}
          </Text>
          {c.resolution ? (
            <Text className="st-pill st-pill--good">{t(c.resolution.keep === 'paper' ? 'staff.cf.keptPaper' : 'staff.cf.keptElectronic')}</Text>
          ) : (
            <View className="staff-row-actions">
              <View className="btn btn--ghost st-btn--small" onClick={() => resolve(c, 'paper')}>
                {t('staff.cf.keepPaper')}
              </View>
              <View className="btn btn--ghost st-btn--small" onClick={() => resolve(c, 'electronic')}>
                {t('staff.cf.keepElectronic')}
              </View>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
