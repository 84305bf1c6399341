import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { formatDateTime } from '../../utils/format';
import Chips from '../components/Chips';
import { chooseDocument, downloadFile, type PickedFile } from '../lib/files';
import { groupByRow, rosterRowErrors, type RowError } from '../lib/rosterErrors';
import { staffApi, type ImportResult } from '../lib/staffApi';
import { areaName, useComplexes } from '../lib/useComplexes';
import { param, useStaff } from '../lib/useStaff';
import '../staff.scss';
import RosterOwners from './RosterOwners';

const ROW_PAGE = 50;

/** Upload a roster (XLSX/CSV): preview first (whole-file check), then apply; every bad row is listed. */
export default function Roster() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const complexes = useComplexes(staff.data);
  const code = param(useRouter().params, 'complex') || complexes.current;
  const [chosen, setChosen] = useState('');
  const complexCode = chosen || code;
  const imports = useRemote(() => (complexCode ? staffApi.rosterImports(complexCode) : Promise.resolve([])), [complexCode]);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<RowError[] | null>(null);
  const [shownRows, setShownRows] = useState(ROW_PAGE);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<ImportResult | null>(null);

  const run = async (f: PickedFile, dryRun: boolean) => {
    setBusy(true);
    setFailure(null);
    setRowErrors(null);
    try {
      const r = await staffApi.importRoster(complexCode, f, dryRun);
      if (dryRun) setPreview(r);
      else {
        setApplied(r);
        setPreview(null);
        setFile(null);
      }
    } catch (e) {
      const rows = rosterRowErrors(e);
      if (rows) setRowErrors(rows);
      setFailure(errorMessage(e));
      setPreview(null);
    } finally {
      setBusy(false);
      imports.reload();
    }
  };

  const pick = async () => {
    const f = await chooseDocument(['xlsx', 'csv']);
    if (!f) return;
    setFile(f);
    setApplied(null);
    setShownRows(ROW_PAGE);
    await run(f, true);
  };

  const template = () =>
    downloadFile('/api/roster/template', '名册模板.xlsx').catch((e) =>
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false }),
    );
  const grouped = rowErrors ? groupByRow(rowErrors) : [];

  return (
    <PageShell titleKey="staff.ro.title">
      <StateView
        loading={staff.loading || complexes.list.loading}
        error={staff.error || complexes.list.error}
        onRetry={() => [staff, complexes.list].forEach((r) => r.reload())}
      >
        <Chips
          options={(complexes.list.data ?? []).map((c) => ({ value: c.code, label: areaName(c, lang) }))}
          value={complexCode}
          onChange={(c) => {
            setChosen(c);
            setPreview(null);
            setRowErrors(null);
            setFailure(null);
          }}
        />
        <View className="card" style={{ marginTop: '12px' }}>
          <Text className="card__title">{t('staff.ro.howTitle')}</Text>
          <Text className="card__meta">{t('staff.ro.how')}</Text>
          <View className="staff-actions">
            <View className="btn btn--ghost" onClick={template}>
              {t('staff.ro.template')}
            </View>
            <View className="btn" onClick={busy ? undefined : pick} data-testid="roster-upload">
              {busy ? t('staff.ro.checking') : t('staff.ro.upload')}
            </View>
          </View>
        </View>

        {applied && (
          <View className="st-banner">{t('staff.ro.applied', { created: applied.created, updated: applied.updated, unchanged: applied.unchanged })}</View>
        )}
        {failure && <View className="st-banner st-banner--error">{failure}</View>}

        {grouped.length > 0 && (
          <View className="card" data-testid="roster-errors">
            <Text className="card__title">{t('staff.ro.errors', { rows: grouped.length, n: rowErrors!.length })}</Text>
            {grouped.slice(0, shownRows).map((g) => (
              <View key={g.row} className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
                <Text className="st-row__title">{t('staff.ro.row', { n: g.row })}</Text>
                {g.reasons.map((r, i) => (
                  <Text key={i} className="st-row__meta">
                    {r}
                  </Text>
                ))}
              </View>
            ))}
            {grouped.length > shownRows && (
              <View className="btn btn--plain" onClick={() => setShownRows(shownRows + ROW_PAGE)}>
                {t('staff.more', { n: grouped.length - shownRows })}
              </View>
            )}
          </View>
        )}

        {preview && file && (
          <View className="card" data-testid="roster-preview">
            <Text className="card__title">{t('staff.ro.previewTitle', { file: file.name })}</Text>
            <Text className="card__meta">
              {t('staff.ro.previewCounts', { rows: preview.rows, buildings: preview.buildings, entrances: preview.entrances })}
            </Text>
            <Text className="card__meta">
              {t('staff.ro.previewChanges', { created: preview.created, updated: preview.updated, unchanged: preview.unchanged })}
            </Text>
            {preview.missing.length > 0 && (
              <Text className="card__meta">
                {t('staff.ro.missing', { n: preview.missing.length })}：
                {preview.missing
                  .slice(0, 10)
                  .map((m) => `${m.buildingName}${m.entranceName}${m.room}`)
                  .join('、')}
              </Text>
            )}
            <View className="btn" style={{ marginTop: '12px' }} onClick={busy ? undefined : () => run(file, false)}>
              {busy ? t('staff.saving') : t('staff.ro.apply')}
            </View>
          </View>
        )}

        {complexCode && <RosterOwners complexCode={complexCode} />}

        <Text className="section-title">{t('staff.ro.history')}</Text>
        <View className="card">
          <StateView
            loading={imports.loading && !imports.data}
            error={imports.error}
            onRetry={imports.reload}
            empty={imports.data?.length === 0}
            emptyText={t('staff.ro.noHistory')}
          >
            {imports.data?.map((r) => (
              <View key={r.id} className="st-row" style={{ flexWrap: 'wrap' }}>
                <View className="st-row__main">
                  <Text className="st-row__title">{r.filename}</Text>
                  <Text className="st-row__meta">
                    {formatDateTime(r.startedAt)} · {t('staff.ro.rows', { n: r.rows })}
                    {r.errorCount ? ` · ${t('staff.ro.errorCount', { n: r.errorCount })}` : ''}
                  </Text>
                </View>
                <Text className={`st-pill ${r.status === 'applied' ? 'st-pill--good' : r.status === 'rejected' ? 'st-pill--bad' : 'st-pill--warn'}`}>
                  {t(`staff.ro.status.${r.status}`)}
                </Text>
              </View>
            ))}
          </StateView>
        </View>
      </StateView>
    </PageShell>
  );
}
