import { Text } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { useLatest } from '../../hooks/useLatest';
import { areaName, buildingLabel, entranceLabel, roomLabel } from '../../services/labels';
import type { Area, Complex, Room } from '../../services/types';
import PickerField from '../PickerField';

export interface ClaimLoaders {
  complexes: () => Promise<Complex[]>;
  children: (code: string) => Promise<{ items: Area[] }>;
  rooms: (entranceCode: string) => Promise<{ items: Room[] }>;
}

interface Props {
  loaders: ClaimLoaders;
  value: string | null;
  onChange: (dwellingId: string | null) => void;
  error?: string | null;
}

/** Complex → building → entrance → room; a level with one choice is chosen for the person. */
export default function DwellingPickers({ loaders, value, onChange, error }: Props) {
  const { t, lang } = useI18n();
  const [complexes, setComplexes] = useState<Complex[]>([]);
  const [buildings, setBuildings] = useState<Area[]>([]);
  const [entrances, setEntrances] = useState<Area[]>([]);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [complex, setComplex] = useState<string | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [entrance, setEntrance] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const latest = useLatest({ loaders, onChange });
  const load = useCallback(<T,>(p: Promise<T>, then: (v: T) => void) => p.then(then, (e) => setLoadError(errorMessage(e))), []);

  useEffect(() => {
    void load(latest.current.loaders.complexes(), (items) => {
      setComplexes(items);
      if (items.length === 1) setComplex(items[0].code);
    });
  }, [latest, load]);
  useEffect(() => {
    setBuildings([]);
    setBuilding(null);
    if (complex) void load(latest.current.loaders.children(complex), (r) => setBuildings(r.items.filter((a) => a.level === 'building')));
  }, [complex, latest, load]);
  useEffect(() => {
    setEntrances([]);
    setEntrance(null);
    if (building)
      void load(latest.current.loaders.children(building), (r) => {
        const list = r.items.filter((a) => a.level === 'entrance');
        setEntrances(list);
        if (list.length === 1) setEntrance(list[0].code);
      });
  }, [building, latest, load]);
  useEffect(() => {
    setRooms([]);
    latest.current.onChange(null);
    if (entrance) void load(latest.current.loaders.rooms(entrance), (r) => setRooms(r.items));
  }, [entrance, latest, load]);

  return (
    <>
      {loadError && <Text className="form-error">{loadError}</Text>}
      <PickerField
        label={t('claim.complex')}
        testId="pick-complex"
        options={complexes.map((c) => ({ value: c.code, label: areaName(lang, c) }))}
        value={complex}
        onChange={setComplex}
        placeholder={complexes.length ? t('form.choose') : t('state.loading')}
      />
      <PickerField
        label={t('claim.building')}
        testId="pick-building"
        options={buildings.map((b) => ({ value: b.code, label: buildingLabel(t, b.name) }))}
        value={building}
        onChange={setBuilding}
        disabled={!complex}
      />
      <PickerField
        label={t('claim.entrance')}
        testId="pick-entrance"
        options={entrances.map((e) => ({ value: e.code, label: entranceLabel(t, e.name) }))}
        value={entrance}
        onChange={setEntrance}
        disabled={!building}
      />
      <PickerField
        label={t('claim.room')}
        testId="pick-room"
        options={rooms.map((r) => ({ value: r.dwellingId, label: `${roomLabel(t, r.room)} · ${t('dwelling.floor', { n: r.floor })}` }))}
        value={value}
        onChange={onChange}
        disabled={!entrance}
        error={error}
      />
    </>
  );
}
