import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { api, errorMessage } from '../../services/api';
import Chips from '../components/Chips';
import Field from '../components/Field';
import { staffApi, type Project } from '../lib/staffApi';
import { areaName, useComplexes } from '../lib/useComplexes';
import { useStaff } from '../lib/useStaff';
import '../staff.scss';

/** A project for a complex (or some of its buildings), in 储备, linked to the votes that decided it. */
export default function ProjectNew() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const cx = useComplexes(staff.data);
  const code = cx.current;
  const buildings = useRemote(() => (code ? staffApi.children(code).then((r) => r.items) : Promise.resolve([])), [code]);
  const votes = useRemote(() => (code ? staffApi.consultations(code) : Promise.resolve([])), [code]);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [name, setName] = useState('');
  const [nameBo, setNameBo] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [linked, setLinked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const yearOk = /^20\d\d$/.test(year.trim());

  const create = async () => {
    if (!yearOk || !code) return;
    setBusy(true);
    try {
      const p = await api.post<Project>('/api/projects', {
        complexCode: code,
        year: Number(year),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(nameBo.trim() ? { nameBo: nameBo.trim() } : {}),
        buildingCodes: picked.filter((b) => (buildings.data ?? []).some((x) => x.code === b)),
        consultationIds: linked,
      });
      Taro.redirectTo({ url: `/pages-staff/project-plan/index?id=${p.id}` });
    } catch (e) {
      Taro.showModal({ title: t('staff.wb.refused'), content: errorMessage(e), showCancel: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageShell titleKey="staff.wb.new">
      <StateView
        loading={staff.loading || cx.list.loading}
        error={staff.error ?? cx.list.error}
        onRetry={cx.list.reload}
        empty={cx.list.data?.length === 0}
        emptyText={t('staff.noComplex')}
      >
        <View className="card">
          <Field label={t('staff.wb.complex')}>
            <Chips
              options={(cx.list.data ?? []).map((c) => ({ value: c.code, label: areaName(c, lang) }))}
              value={code}
              onChange={(c) => {
                cx.choose(c);
                setPicked([]);
                setLinked([]);
              }}
            />
          </Field>
          <Field label={t('staff.wb.buildings')} hint={t('staff.wb.buildingsHint')}>
            <Chips
              options={(buildings.data ?? []).map((b) => ({ value: b.code, label: areaName(b, lang) }))}
              value={picked}
              onChange={(b) => setPicked(toggle(picked, b))}
            />
          </Field>
          <Field label={t('staff.wb.year')} error={yearOk ? undefined : 'staff.wb.yearInvalid'}>
            <Input className="st-input" type="number" value={year} maxlength={4} onInput={(e) => setYear(e.detail.value)} data-testid="new-year" />
          </Field>
          <Field label={t('staff.wb.name')} hint={t('staff.wb.nameHint')}>
            <Input className="st-input" value={name} maxlength={100} onInput={(e) => setName(e.detail.value)} data-testid="new-name" />
          </Field>
          <Field label={t('staff.wb.nameBo')}>
            <Input className="st-input lang-bo" value={nameBo} maxlength={200} onInput={(e) => setNameBo(e.detail.value)} data-testid="new-name-bo" />
          </Field>
          <Field label={t('staff.wb.decidedBy')}>
            {(votes.data ?? []).length === 0 && <Text className="muted">{t('staff.wb.noVotes')}</Text>}
            <Chips options={(votes.data ?? []).map((c) => ({ value: c.id, label: c.title }))} value={linked} onChange={(c) => setLinked(toggle(linked, c))} />
          </Field>
          <View className="btn" onClick={busy ? undefined : create} data-testid="new-create">
            {busy ? t('staff.saving') : t('staff.wb.create')}
          </View>
        </View>
      </StateView>
    </PageShell>
  );
}
