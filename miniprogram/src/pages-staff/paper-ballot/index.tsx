import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import BiText from '../../components/BiText';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage, newIdempotencyKey } from '../../services/api';
import { pickText } from '../../services/bilingual';
import ConfirmSheet from '../../components/ConfirmSheet';
import { summarizeAnswer } from '../../pages/resident/consultation/summary';
import AnswerMarks from '../components/AnswerMarks';
import Chips from '../components/Chips';
import Field from '../components/Field';
import Toggle from '../components/Toggle';
import { emptyMarks, paperAnswers, paperBallotErrors, type PaperMarks } from '../lib/ballotForm';
import { naturalCompare } from '../lib/charts';
import { chooseImages, type PickedFile } from '../lib/files';
import { staffApi, type Receipt } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import '../staff.scss';
import { useLatest } from '../../hooks/useLatest';

export default function PaperBallot() {
  const { t, lang } = useI18n();
  const id = param(useRouter().params, 'id');
  const view = useRemote(() => staffApi.consultation(id), [id]);
  const part = useRemote(() => staffApi.participation(id), [id]);
  const [building, setBuilding] = useState('');
  const [dwellingId, setDwellingId] = useState('');
  const [marks, setMarks] = useState<PaperMarks>(emptyMarks());
  const [photo, setPhoto] = useState<PickedFile | null>(null);
  // One Idempotency-Key per ballot sheet: tapping again after a lost answer replays it instead of recording twice.
  const sheetKey = useRef<{ what: string; key: string } | null>(null);
  const [errors, setErrors] = useState<ReturnType<typeof paperBallotErrors>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  /** The confirmation on screen: the household (as the roster names it) and each recorded choice. */
  const [confirm, setConfirm] = useState<{ household: string; lines: string[] } | null>(null);

  // Paper ballots usually come from households that have not voted online: the not-voted list is the picker.
  // A household that also voted online can be chosen from the whole roster; the server records a conflict.
  const [includeVoted, setIncludeVoted] = useState(false);
  const roster = useRemote(
    () => (includeVoted && view.data ? staffApi.rosterDwellings(view.data.complexCode).then((r) => r.items) : Promise.resolve([])),
    [includeVoted, view.data?.complexCode],
  );
  const candidates: { dwellingId: string; buildingName: string; entranceName: string; room: string }[] = useMemo(
    () => (includeVoted ? (roster.data ?? []) : (part.data?.notVoted ?? [])),
    [includeVoted, roster.data, part.data],
  );
  const buildings = useMemo(() => [...new Set(candidates.map((d) => d.buildingName))].sort(naturalCompare), [candidates]);
  const rooms = candidates.filter((d) => d.buildingName === building);

  // A message goes as soon as its field is fixed (re-checked on every change once a submit showed any).
  const recheck = useLatest(() => {
    if (!view.data || Object.keys(errors).length === 0) return;
    setErrors(paperBallotErrors({ dwellingId, photo, answers: paperAnswers(view.data.questions, marks) }));
  });
  useEffect(() => recheck.current(), [dwellingId, photo, marks, recheck]);

  const pickPhoto = async () => {
    try {
      const [f] = await chooseImages(1);
      if (f) setPhoto(f);
    } catch {
      // cancelled
    }
  };

  const submit = () => {
    const c = view.data;
    if (!c) return;
    const answers = paperAnswers(c.questions, marks);
    const e = paperBallotErrors({ dwellingId, photo, answers });
    setErrors(e);
    if (Object.keys(e).length) return;
    // The confirm repeats which household and which choices are being recorded, not just "are you sure".
    const d = candidates.find((x) => x.dwellingId === dwellingId);
    const tx = (zh: string, bo?: string | null) => pickText(zh, bo, lang).text;
    const lines = c.questions.map(
      (q) =>
        `${tx(q.title, q.titleBo)}：${summarizeAnswer(
          t,
          q,
          answers.find((a) => a.questionId === q.id),
          tx,
        )}`,
    );
    setConfirm({ household: d ? `${d.buildingName} ${d.entranceName} ${d.room}` : '', lines });
  };

  const record = async () => {
    const c = view.data;
    if (!c) return;
    const answers = paperAnswers(c.questions, marks);
    setConfirm(null);
    setBusy(true);
    setFailure(null);
    const what = `${dwellingId}\n${JSON.stringify(answers)}\n${photo!.path}`;
    if (sheetKey.current?.what !== what) sheetKey.current = { what, key: newIdempotencyKey() };
    try {
      setReceipt(await staffApi.paperBallot(id, dwellingId, answers, photo!, undefined, sheetKey.current.key));
      part.reload();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setReceipt(null);
    setDwellingId('');
    setMarks(emptyMarks());
    setPhoto(null);
  };

  return (
    <PageShell titleKey="staff.pb.title">
      <StateView
        loading={(view.loading && !view.data) || (part.loading && !part.data)}
        error={view.error || part.error}
        onRetry={() => [view, part].forEach((r) => r.reload())}
      >
        {view.data && receipt && (
          <View className="card">
            <View className="st-banner">{t('staff.pb.saved')}</View>
            <Text className="card__meta">{t('staff.pb.receipt', { code: receipt.receiptCode })}</Text>
            {receipt.conflict && <Text className="st-pill st-pill--warn">{t('staff.pb.conflict')}</Text>}
            <View className="staff-actions">
              <View className="btn" onClick={reset} data-testid="pb-next">
                {t('staff.pb.next')}
              </View>
              <View className="btn btn--ghost" onClick={() => Taro.navigateBack()}>
                {t('staff.back')}
              </View>
            </View>
          </View>
        )}
        {view.data && !receipt && (
          <View>
            <BiText className="card__title" zh={view.data.title} bo={view.data.titleBo} />
            <Field label={t('staff.pb.dwelling')} error={errors.dwelling}>
              <Toggle
                label={t('staff.pb.includeVoted')}
                hint={t('staff.pb.includeVotedHint')}
                checked={includeVoted}
                onChange={(v) => {
                  setIncludeVoted(v);
                  setDwellingId('');
                }}
              />
              <Chips
                properNames
                options={buildings.map((b) => ({ value: b, label: b }))}
                value={building}
                onChange={(b) => {
                  setBuilding(b);
                  setDwellingId('');
                }}
              />
              {building && (
                <View style={{ marginTop: '8px' }}>
                  <Chips
                    properNames
                    options={rooms.map((d) => ({ value: d.dwellingId, label: `${d.entranceName} ${d.room}` }))}
                    value={dwellingId}
                    onChange={setDwellingId}
                  />
                </View>
              )}
            </Field>
            {view.data.questions.map((q, i) => (
              <AnswerMarks key={q.id} q={q} index={i} marks={marks} onChange={setMarks} />
            ))}
            {errors.answers && <Text className="st-field__error">{t(errors.answers)}</Text>}
            <Field label={t('staff.pb.photo')} hint={t('staff.pb.photoHint')} error={errors.photo}>
              {photo && (
                <View className="st-thumbs">
                  <Image className="st-thumbs__img" src={photo.path} mode="aspectFill" />
                </View>
              )}
              <View className="btn btn--ghost" onClick={pickPhoto} data-testid="pb-photo">
                {photo ? t('staff.pb.retake') : t('staff.pb.takePhoto')}
              </View>
            </Field>
            {failure && <View className="st-banner st-banner--error">{failure}</View>}
            <View className="btn" onClick={busy ? undefined : submit} data-testid="pb-submit">
              {busy ? t('staff.saving') : t('staff.pb.submit')}
            </View>
          </View>
        )}
        {confirm && (
          <ConfirmSheet open title={t('staff.pb.confirmTitle')} busy={busy} onConfirm={record} onCancel={() => setConfirm(null)}>
            <View data-testid="pb-confirm">
              {/* The household as the roster writes it: a proper name, shown as written in both languages. */}
              <Text className="card__title" data-proper-name="1">
                {confirm.household}
              </Text>
              {confirm.lines.map((l, i) => (
                <Text key={i} className="card__meta" style={{ display: 'block' }}>
                  {l}
                </Text>
              ))}
              <Text className="card__meta" style={{ display: 'block' }}>
                {t('staff.pb.confirmText')}
              </Text>
            </View>
          </ConfirmSheet>
        )}
      </StateView>
    </PageShell>
  );
}
