import { Text, View } from '@tarojs/components';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { staffApi } from '../lib/staffApi';
import { areaName } from '../lib/useComplexes';
import Chips from './Chips';

export interface AudienceNode {
  code: string;
  name: string;
  nameBo?: string | null;
  level: string;
}

interface Props {
  /** Areas the publisher's grants cover: the starting points. */
  roots: AudienceNode[];
  /** From a root down to the chosen area. */
  path: AudienceNode[];
  /** Buildings picked inside a complex (audience type "buildings"); empty → the whole chosen area. */
  buildingCodes: string[];
  onChange: (v: { path: AudienceNode[]; buildingCodes: string[] }) => void;
}

/** Who receives the notice: walk down from the grant's area (street → community → complex → building → entrance). */
export default function AudiencePicker({ roots, path, buildingCodes, onChange }: Props) {
  const { t, lang } = useI18n();
  const current = path[path.length - 1];
  const children = useRemote(
    () => (current && current.level !== 'entrance' ? staffApi.children(current.code).then((r) => r.items) : Promise.resolve([])),
    [current?.code],
  );
  const inComplex = current?.level === 'complex';
  const label = (a: AudienceNode) => areaName(a, lang);

  return (
    <View data-testid="audience-picker">
      {roots.length > 1 && (
        <Chips
          options={roots.map((r) => ({ value: r.code, label: label(r) }))}
          value={path[0]?.code ?? ''}
          onChange={(code) => onChange({ path: roots.filter((r) => r.code === code), buildingCodes: [] })}
        />
      )}
      {current && (
        <View className="card" style={{ marginTop: '8px', background: '#faf8f4' }}>
          <Text className="st-field__hint">{t('staff.nt.sendTo')}</Text>
          <Text className="card__title" data-testid="audience-current">
            {path.map(label).join(' › ')}
            {buildingCodes.length > 0 ? ` › ${t('staff.nt.buildingsN', { n: buildingCodes.length })}` : ''}
          </Text>
          {path.length > 1 && (
            <View
              className="btn btn--plain st-btn--small"
              style={{ marginTop: '8px' }}
              onClick={() => onChange({ path: path.slice(0, -1), buildingCodes: [] })}
            >
              ‹ {t('staff.nt.up')}
            </View>
          )}
        </View>
      )}
      {current && current.level !== 'entrance' && (
        <StateView
          loading={children.loading}
          error={children.error}
          onRetry={children.reload}
          empty={children.data?.length === 0}
          emptyText={t('staff.nt.noChildren')}
        >
          <Text className="st-field__hint">{inComplex ? t('staff.nt.pickBuildings') : t('staff.nt.narrow')}</Text>
          <Chips
            options={(children.data ?? []).map((a) => ({ value: a.code, label: label(a) }))}
            value={inComplex ? buildingCodes : ''}
            onChange={(code) => {
              if (inComplex) {
                onChange({ path, buildingCodes: buildingCodes.includes(code) ? buildingCodes.filter((c) => c !== code) : [...buildingCodes, code] });
              } else {
                const a = children.data!.find((x) => x.code === code)!;
                onChange({ path: [...path, { code: a.code, name: a.name, nameBo: a.nameBo, level: a.level }], buildingCodes: [] });
              }
            }}
          />
          {inComplex && buildingCodes.length === 1 && (
            <View
              className="btn btn--plain st-btn--small"
              style={{ marginTop: '8px' }}
              onClick={() => {
                const a = children.data!.find((x) => x.code === buildingCodes[0])!;
                onChange({ path: [...path, { code: a.code, name: a.name, nameBo: a.nameBo, level: a.level }], buildingCodes: [] });
              }}
            >
              {t('staff.nt.entrances')} ›
            </View>
          )}
        </StateView>
      )}
    </View>
  );
}
