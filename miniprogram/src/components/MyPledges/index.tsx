import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh';
import type { Pledge } from '../../services/types';
import { dwellingLabelText } from '../../services/labels';
import { formatDateTime } from '../../utils/format';
import ReasonSheet from '../ReasonSheet';
import './index.scss';

const TONE = { pledged: 'badge--warn', confirmed: 'badge--ok', fulfilled: 'badge--ok', cancelled: '' } as const;
const CANCEL_REASONS: MessageKey[] = ['pledgeCancel.reason.mistake', 'pledgeCancel.reason.money', 'pledgeCancel.reason.away'];

interface Props {
  pledges: Pledge[];
  /** "500 元" etc. in the current language. */
  describe: (p: Pledge) => string;
  cancel: (pledgeId: string, reason: string) => Promise<unknown>;
  /** Called after a cancel went through, to load the list (and the ledger) again. */
  onChanged: () => void;
}

/**
 * 我的认捐 with 取消: the server lets a resident cancel their own pledge only while the committee has not yet
 * confirmed receiving it (status pledged), so only those rows offer it; after that the committee handles changes.
 */
export default function MyPledges({ pledges, describe, cancel, onChanged }: Props) {
  const { t } = useI18n();
  const [target, setTarget] = useState<Pledge | null>(null);
  return (
    <View>
      {pledges.map((pl) => (
        <View key={pl.id} className="list-row" data-testid="pledge-row" data-status={pl.status}>
          <View className="list-row__main">
            <Text className="list-row__title">{describe(pl)}</Text>
            <Text className="list-row__meta">
              {dwellingLabelText(t, pl.dwellingLabel)} · {formatDateTime(pl.createdAt)}
            </Text>
            {pl.status === 'cancelled' && pl.cancelReason && (
              <Text className="list-row__meta">{t('pledgeCancel.reasonShown', { reason: pl.cancelReason })}</Text>
            )}
            {pl.status === 'confirmed' && <Text className="list-row__meta">{t('pledgeCancel.askCommittee')}</Text>}
          </View>
          <View className="row-side">
            <Text className={`badge ${TONE[pl.status]}`}>{t(`pledge.status.${pl.status}`)}</Text>
            {pl.status === 'pledged' && (
              <View className="link" role="button" onClick={() => setTarget(pl)} data-testid="pledge-cancel">
                {t('pledgeCancel.action')}
              </View>
            )}
          </View>
        </View>
      ))}
      <ReasonSheet
        open={target !== null}
        title={t('pledgeCancel.title')}
        confirmText={t('pledgeCancel.confirm')}
        reasons={CANCEL_REASONS}
        maxLength={300}
        onClose={() => setTarget(null)}
        onConfirm={async (reason) => {
          await cancel(target!.id, reason);
          Taro.showToast({ title: t('pledgeCancel.done'), icon: 'success' });
          onChanged();
        }}
      >
        {target && (
          <View>
            <Text className="card__title">{describe(target)}</Text>
            <Text className="card__meta">{dwellingLabelText(t, target.dwellingLabel)}</Text>
            <Text className="form-hint">{t('pledgeCancel.hint')}</Text>
          </View>
        )}
      </ReasonSheet>
    </View>
  );
}
