import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import Chips from '../components/Chips';
import { groupAllSelected, groupByBuilding, groupDone, toggleGroup, toggleOne } from '../lib/delivery';
import Field from '../components/Field';
import { staffApi, type DeliveryMethod } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import '../staff.scss';
import { modalButtons } from '../../utils/h5ModalLang';

const METHODS: DeliveryMethod[] = ['in_person', 'door', 'mail'];

/**
 * 送达登记 for the covenant count (管理规约: delivered but unreturned ballots follow the majority): the committee taps
 * the not-yet-voted dwellings whose ballot was handed over, building by building, and records them.
 */
export default function RecordDeliveries() {
  const { t } = useI18n();
  const id = param(useRouter().params, 'id');
  const view = useRemote(() => staffApi.consultation(id), [id]);
  const c = view.data;
  const usable = !!c && c.covenant.enabled && c.status === 'open';
  const participation = useRemote(() => (usable ? staffApi.participation(id) : Promise.resolve(undefined as never)), [id, usable]);
  // What was recorded before (another session, another phone): those dwellings are shown done, not selectable.
  const deliveries = useRemote(() => (usable ? staffApi.deliveries(id) : Promise.resolve(undefined as never)), [id, usable]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [method, setMethod] = useState<DeliveryMethod>('in_person');
  // The server answers each recording with the consultation's total; dwellings recorded here are marked at once.
  const [count, setCount] = useState<number | null>(null);
  const [recorded, setRecorded] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  usePullDownRefresh(() => {
    view.reload();
    participation.reload();
    deliveries.reload();
    Taro.stopPullDownRefresh();
  });

  const delivered = new Set([...(deliveries.data?.items.map((d) => d.dwellingId) ?? []), ...recorded]);
  const groups = groupByBuilding(participation.data?.notVoted ?? [], delivered);
  const total = count ?? deliveries.data?.count ?? null;
  const select = (next: Set<string>) => {
    setSelected(next);
    setFailure(null);
  };
  const record = async () => {
    if (selected.size === 0) return setFailure(t('staff.dl.pickOne'));
    const ok = await Taro.showModal({ title: t('staff.dl.confirmTitle'), content: t('staff.dl.confirmText', { n: selected.size }), ...modalButtons() });
    if (!ok.confirm) return undefined;
    setBusy(true);
    setFailure(null);
    try {
      const r = await staffApi.recordDeliveries(id, [...selected], method);
      setCount(r.count);
      setRecorded(new Set([...recorded, ...selected]));
      setSelected(new Set());
      Taro.showToast({ title: t('staff.dl.recorded', { n: r.count }), icon: 'none' });
      participation.reload();
      deliveries.reload();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
    return undefined;
  };

  const blocked = c && !c.covenant.enabled ? t('staff.dl.notCovenant') : c && c.status !== 'open' ? t('staff.dl.notOpen') : null;
  return (
    <PageShell titleKey="staff.dl.title">
      <StateView loading={view.loading && !c} error={view.error} onRetry={view.reload} empty={!!blocked} emptyText={blocked ?? undefined}>
        {c && usable && (
          <View>
            <View className="card">
              <Text className="card__title">{c.title}</Text>
              <Text className="card__meta">{t('staff.dl.hint')}</Text>
              {c.covenant.clauseText && <Text className="card__meta">「{c.covenant.clauseText}」</Text>}
            </View>
            {total !== null && total > 0 && (
              <View className="st-banner" data-testid="delivery-count">
                {t('staff.dl.recorded', { n: total })}
              </View>
            )}
            <StateView
              loading={(participation.loading && !participation.data) || (deliveries.loading && !deliveries.data)}
              error={participation.error ?? deliveries.error}
              onRetry={() => {
                participation.reload();
                deliveries.reload();
              }}
              empty={!!participation.data && groups.length === 0}
              emptyText={t('staff.dl.none')}
            >
              {groups.map((g) => (
                <View key={g.buildingName} className="card" data-testid="delivery-building">
                  <View className="staff-head">
                    <Text className="card__title">{t('staff.dl.building', { name: g.buildingName, n: g.dwellings.length })}</Text>
                    {!groupDone(g) && (
                      <View className="btn btn--ghost st-btn--small" onClick={() => select(toggleGroup(selected, g))}>
                        {groupAllSelected(selected, g) ? t('staff.dl.clearAll') : t('staff.dl.selectAll')}
                      </View>
                    )}
                  </View>
                  <Chips
                    options={g.dwellings.map((d) => ({
                      value: d.dwellingId,
                      label: d.delivered ? `${d.label} · ${t('staff.dl.justRecorded')}` : d.label,
                      disabled: d.delivered,
                    }))}
                    value={[...selected]}
                    onChange={(dwellingId) => select(toggleOne(selected, dwellingId))}
                  />
                </View>
              ))}
            </StateView>
            {failure && <View className="st-banner st-banner--error">{failure}</View>}
            {groups.length > 0 && (
              <View className="staff-actions">
                <Field label={t('staff.dl.method')}>
                  <Chips options={METHODS.map((m) => ({ value: m, label: t(`staff.dl.method.${m}`) }))} value={method} onChange={setMethod} />
                </Field>
                <Text className="muted" data-testid="delivery-selected">
                  {t('staff.dl.selected', { n: selected.size })}
                </Text>
                <View className="btn" onClick={busy ? undefined : record} data-testid="delivery-record">
                  {busy ? t('staff.saving') : t('staff.dl.record')}
                </View>
              </View>
            )}
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
