import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { disputeAlert, dismissAlert, explainError, type OwnerAlert } from '../../services/binding';
import { dwellingLabel } from '../../services/labels';
import { formatDateTime } from '../../utils/format';
import Named, { NAME } from '../Named';
import './index.scss';

interface Props {
  alert: OwnerAlert;
  onChange: (a: OwnerAlert) => void;
}

/** "Someone bound to your home": one tap on 这不是我 suspends that binding or proxy until the committee reviews it. */
export default function AlertCard({ alert, onChange }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const relation = alert.subjectRelation === 'proxy' ? t('alert.relation.proxy') : t(`relation.${alert.subjectRelation}`);
  const act = async (call: (id: string) => Promise<OwnerAlert>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await call(alert.id));
    } catch (e) {
      setError(explainError(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`card alert-card alert-card--${alert.status}`} data-testid="alert-card" data-status={alert.status} data-id={alert.id}>
      <Text className="card__title">{t(`alert.kind.${alert.kind}`)}</Text>
      {/* The home as the roster writes it, and the person as they registered: names, shown as written. */}
      <Text className="alert-card__home" data-proper-name="1">
        {dwellingLabel(t, alert.dwelling)}
      </Text>
      <Named className="card__meta" text={t('alert.who', { name: NAME, relation })} name={alert.subjectName} />
      <Text className="card__meta">{t('alert.when', { date: formatDateTime(alert.createdAt) })}</Text>
      {alert.status === 'open' && (
        <View>
          <Text className="alert-card__ask">{t('alert.ask')}</Text>
          <Button className="btn alert-card__dispute" disabled={busy || undefined} onClick={() => void act(disputeAlert)} data-testid="alert-dispute">
            {t('alert.dispute')}
          </Button>
          <View className="spacer" />
          <Button className="btn btn--ghost" disabled={busy || undefined} onClick={() => void act(dismissAlert)} data-testid="alert-dismiss">
            {t('alert.dismiss')}
          </Button>
        </View>
      )}
      {alert.status === 'disputed' && (
        <Text className="alert-card__result" data-testid="alert-disputed">
          {t(alert.kind === 'proxy' ? 'alert.disputedProxy' : 'alert.disputed')}
        </Text>
      )}
      {alert.status === 'dismissed' && <Text className="card__meta">{t('alert.dismissed')}</Text>}
      {error && <Text className="form-error">{error}</Text>}
    </View>
  );
}
