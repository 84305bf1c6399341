import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { staffApi } from '../lib/staffApi';
import { areaName } from '../lib/useComplexes';
import Chips from './Chips';

export type ScopeLevel = 'complex' | 'buildings' | 'entrance';
export interface ScopeValue {
  scope: ScopeLevel;
  buildingCodes: string[];
  entranceCode: string;
}

interface Props extends ScopeValue {
  complexCode: string;
  onChange: (v: ScopeValue) => void;
}

/** Electorate: the whole complex, some buildings (multi-select), or one entrance (building, then entrance). */
export default function ScopePicker({ complexCode, scope, buildingCodes, entranceCode, onChange }: Props) {
  const { t, lang } = useI18n();
  const buildings = useRemote(() => (complexCode ? staffApi.children(complexCode).then((r) => r.items) : Promise.resolve([])), [complexCode]);
  const [building, setBuilding] = useState('');
  const entrances = useRemote(() => (building ? staffApi.children(building).then((r) => r.items) : Promise.resolve([])), [building]);
  const set = (patch: Partial<ScopeValue>) => onChange({ scope, buildingCodes, entranceCode, ...patch });

  return (
    <View>
      <Chips
        options={(['complex', 'buildings', 'entrance'] as const).map((v) => ({ value: v, label: t(`staff.scope.${v}`) }))}
        value={scope}
        onChange={(v) => set({ scope: v, buildingCodes: [], entranceCode: '' })}
      />
      {scope !== 'complex' && (
        <View style={{ marginTop: '12px' }}>
          <Text className="st-field__hint">{scope === 'buildings' ? t('staff.cn.pickBuildings') : t('staff.cn.pickBuildingFirst')}</Text>
          <StateView loading={buildings.loading} error={buildings.error} onRetry={buildings.reload} empty={buildings.data?.length === 0}>
            <Chips
              options={(buildings.data ?? []).map((b) => ({ value: b.code, label: areaName(b, lang) }))}
              value={scope === 'buildings' ? buildingCodes : building}
              onChange={(code) => {
                if (scope === 'buildings') {
                  set({ buildingCodes: buildingCodes.includes(code) ? buildingCodes.filter((c) => c !== code) : [...buildingCodes, code] });
                } else {
                  setBuilding(code);
                  set({ entranceCode: '' });
                }
              }}
            />
          </StateView>
        </View>
      )}
      {scope === 'entrance' && building && (
        <View style={{ marginTop: '12px' }}>
          <Text className="st-field__hint">{t('staff.cn.pickEntrance')}</Text>
          <StateView loading={entrances.loading} error={entrances.error} onRetry={entrances.reload} empty={entrances.data?.length === 0}>
            <Chips
              options={(entrances.data ?? []).map((e) => ({ value: e.code, label: areaName(e, lang) }))}
              value={entranceCode}
              onChange={(code) => set({ entranceCode: code })}
            />
          </StateView>
        </View>
      )}
    </View>
  );
}
