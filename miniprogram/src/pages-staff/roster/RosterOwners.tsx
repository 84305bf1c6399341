import type { RevealedOwner, RosterDwellingList } from '@gongzhi/shared';
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { t as translate, useI18n, type MessageKey } from '../../i18n';
import { api, errorMessage } from '../../services/api';
import Chips from '../components/Chips';
import { staffApi } from '../lib/staffApi';
import './roster.scss';

type Dwelling = z.infer<typeof RosterDwellingList>['items'][number];
type Revealed = z.infer<typeof RevealedOwner>;
const PAGE = 30;
const ALL = '*';
const REASONS: MessageKey[] = ['staff.ro.revealReason.claim', 'staff.ro.revealReason.dispute', 'staff.ro.revealReason.roster'];

/** The roster of one complex with masked owners; full values of one owner only through the audited reveal. */
export default function RosterOwners({ complexCode }: { complexCode: string }) {
  const { t } = useI18n();
  const list = useRemote(() => (complexCode ? staffApi.rosterDwellings(complexCode) : Promise.resolve(null)), [complexCode]);
  const [building, setBuilding] = useState(ALL);
  const [shown, setShown] = useState(PAGE);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const buildings = useMemo(() => [...new Set(items.map((d) => d.buildingName))], [items]);
  const rows = building === ALL ? items : items.filter((d) => d.buildingName === building);
  return (
    <View data-testid="roster-list">
      <Text className="section-title">{t('staff.ro.list', { n: items.length })}</Text>
      <Text className="card__meta">{t('staff.ro.listHint')}</Text>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={list.reload} empty={items.length === 0}>
        {buildings.length > 1 && (
          <Chips
            options={[{ value: ALL, label: t('staff.ro.allBuildings') }, ...buildings.map((b) => ({ value: b, label: b }))]}
            value={building}
            onChange={(b) => {
              setBuilding(b);
              setShown(PAGE);
            }}
          />
        )}
        <View className="card">
          {rows.slice(0, shown).map((d) => (
            <DwellingRow key={d.dwellingId} d={d} />
          ))}
        </View>
        {rows.length > shown && (
          <View className="btn btn--plain" onClick={() => setShown(shown + PAGE)}>
            {t('staff.more', { n: rows.length - shown })}
          </View>
        )}
      </StateView>
    </View>
  );
}

function DwellingRow({ d }: { d: Dwelling }) {
  const { t } = useI18n();
  return (
    <View className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }} data-testid="roster-row">
      <Text className="st-row__title">
        {d.buildingName} {d.entranceName} {d.room} · {d.area}㎡
      </Text>
      <Text className="st-row__meta">
        {d.developerHeld ? `${t('staff.ro.developer')} · ` : ''}
        {t('staff.ro.bound', { n: d.activeBindings })}
      </Text>
      {d.owners.length === 0 && <Text className="st-row__meta">{t('staff.ro.noOwner')}</Text>}
      {d.owners.map((o) => (
        <OwnerLine key={o.index} dwellingId={d.dwellingId} owner={o} />
      ))}
    </View>
  );
}

function OwnerLine({ dwellingId, owner }: { dwellingId: string; owner: Dwelling['owners'][number] }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [full, setFull] = useState<Revealed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = async (reason: MessageKey) => {
    setError(null);
    try {
      // The reason is kept in Chinese, the language of the audit log.
      setFull(await api.post<Revealed>(`/api/roster/dwellings/${dwellingId}/owners/${owner.index}/reveal`, { reason: translate(reason, undefined, 'zh') }));
      setAsking(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <View className="roster-owner" data-testid="roster-owner">
      <View className="roster-owner__line">
        <Text className="roster-owner__name" data-testid="owner-name">
          {full ? full.name : owner.name}
        </Text>
        {!full && owner.hasPhone && <Text className="st-pill st-pill--neutral">{t('staff.ro.hasPhone')}</Text>}
        {!full && owner.hasId && <Text className="st-pill st-pill--neutral">{t('staff.ro.hasId')}</Text>}
        {!full && !asking && (
          <View className="link" role="button" onClick={() => setAsking(true)} data-testid="reveal">
            {t('staff.ro.reveal')}
          </View>
        )}
      </View>
      {full && (
        <View data-testid="revealed">
          <Text className="st-row__meta">{t('staff.ro.revealed', { phone: full.phoneMasked ?? '—', id: full.idMasked ?? '—' })}</Text>
          <Text className="st-row__meta">{t('staff.ro.revealedNote')}</Text>
        </View>
      )}
      {asking && (
        <View>
          <Text className="st-row__meta">{t('staff.ro.revealWhy')}</Text>
          <Chips
            options={[...REASONS, 'staff.ro.revealCancel' as MessageKey].map((k) => ({ value: k, label: t(k) }))}
            value={'' as MessageKey}
            onChange={(k) => (k === 'staff.ro.revealCancel' ? setAsking(false) : void reveal(k))}
          />
        </View>
      )}
      {error && <Text className="form-error">{error}</Text>}
    </View>
  );
}
