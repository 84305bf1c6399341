import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../services/api';
import { areaName, buildingLabel, entranceLabel, roomLabel } from '../../services/labels';
import type { Area, ClaimInput, Complex, Room } from '../../services/types';
import { checkClaim, type Relation } from '../../services/validation';
import DigitsPicker from '../DigitsPicker';
import PickerField from '../PickerField';

export interface ClaimLoaders {
  complexes: () => Promise<Complex[]>;
  children: (code: string) => Promise<{ items: Area[] }>;
  rooms: (entranceCode: string) => Promise<{ items: Room[] }>;
}

interface Props {
  loaders: ClaimLoaders;
  onSubmit: (body: ClaimInput) => Promise<void>;
}

const RELATIONS: Relation[] = ['owner', 'family', 'tenant'];

/** Pick complex → building → entrance → room with pickers, then (owners) the name and the last four digits. */
export default function ClaimForm({ loaders, onSubmit }: Props) {
  const { t, lang } = useI18n();
  const [complexes, setComplexes] = useState<Complex[]>([]);
  const [buildings, setBuildings] = useState<Area[]>([]);
  const [entrances, setEntrances] = useState<Area[]>([]);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [complex, setComplex] = useState<string | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [entrance, setEntrance] = useState<string | null>(null);
  const [dwellingId, setDwellingId] = useState<string | null>(null);
  const [relation, setRelation] = useState<Relation>('owner');
  const [ownerName, setOwnerName] = useState('');
  const [last4, setLast4] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = <T,>(p: Promise<T>, then: (v: T) => void) =>
    p.then(then, (e) => setLoadError(errorMessage(e)));

  useEffect(() => {
    void load(loaders.complexes(), (items) => {
      setComplexes(items);
      if (items.length === 1) setComplex(items[0].code); // one complex in reach: nothing to choose
    });
  }, []);
  useEffect(() => {
    setBuildings([]);
    setBuilding(null);
    if (complex) void load(loaders.children(complex), (r) => setBuildings(r.items.filter((a) => a.level === 'building')));
  }, [complex]);
  useEffect(() => {
    setEntrances([]);
    setEntrance(null);
    if (building) void load(loaders.children(building), (r) => {
      const list = r.items.filter((a) => a.level === 'entrance');
      setEntrances(list);
      if (list.length === 1) setEntrance(list[0].code);
    });
  }, [building]);
  useEffect(() => {
    setRooms([]);
    setDwellingId(null);
    if (entrance) void load(loaders.rooms(entrance), (r) => setRooms(r.items));
  }, [entrance]);

  const errors = tried ? checkClaim({ dwellingId, relation, ownerName, last4 }) : {};
  const msg = (k?: MessageKey) => (k ? t(k) : null);

  const submit = async () => {
    setTried(true);
    setServerError(null);
    const problems = checkClaim({ dwellingId, relation, ownerName, last4 });
    if (Object.keys(problems).length > 0 || !dwellingId) return;
    setBusy(true);
    try {
      await onSubmit(
        relation === 'owner'
          ? { dwellingId, relation, ownerName: ownerName.trim(), last4: last4.toUpperCase() }
          : { dwellingId, relation },
      );
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='claim-form'>
      {loadError && <Text className='form-error'>{loadError}</Text>}
      <PickerField
        label={t('claim.complex')}
        testId='pick-complex'
        options={complexes.map((c) => ({ value: c.code, label: areaName(lang, c) }))}
        value={complex}
        onChange={setComplex}
        placeholder={complexes.length ? t('form.choose') : t('state.loading')}
      />
      <PickerField
        label={t('claim.building')}
        testId='pick-building'
        options={buildings.map((b) => ({ value: b.code, label: buildingLabel(t, b.name) }))}
        value={building}
        onChange={setBuilding}
        disabled={!complex}
      />
      <PickerField
        label={t('claim.entrance')}
        testId='pick-entrance'
        options={entrances.map((e) => ({ value: e.code, label: entranceLabel(t, e.name) }))}
        value={entrance}
        onChange={setEntrance}
        disabled={!building}
      />
      <PickerField
        label={t('claim.room')}
        testId='pick-room'
        options={rooms.map((r) => ({ value: r.dwellingId, label: `${roomLabel(t, r.room)} · ${t('dwelling.floor', { n: r.floor })}` }))}
        value={dwellingId}
        onChange={setDwellingId}
        disabled={!entrance}
        error={msg(errors.dwelling)}
      />
      <PickerField
        label={t('claim.relation')}
        testId='pick-relation'
        options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
        value={relation}
        onChange={setRelation}
      />
      {relation === 'owner' ? (
        <View>
          <Text className='form-label'>{t('claim.ownerName')}</Text>
          <Text className='form-hint'>{t('claim.ownerNameHint')}</Text>
          <Input
            className={`text-input ${errors.ownerName ? 'text-input--error' : ''}`}
            value={ownerName}
            maxlength={40}
            placeholder={t('claim.ownerNamePlaceholder')}
            onInput={(e) => setOwnerName(e.detail.value)}
            data-testid='owner-name'
          />
          {errors.ownerName && <Text className='form-error'>{t(errors.ownerName)}</Text>}
          <Text className='form-label'>{t('claim.last4')}</Text>
          <Text className='form-hint'>{t('claim.last4Hint')}</Text>
          <DigitsPicker value={last4} onChange={setLast4} error={msg(errors.last4)} testId='last4' />
        </View>
      ) : (
        <Text className='form-hint'>{t('claim.reviewHint')}</Text>
      )}
      {serverError && <Text className='form-error' data-testid='claim-server-error'>{serverError}</Text>}
      <View className='spacer' />
      <Button className='btn' disabled={busy || undefined} loading={busy} onClick={() => void submit()} data-testid='claim-submit'>
        {t('claim.submit')}
      </Button>
    </View>
  );
}
