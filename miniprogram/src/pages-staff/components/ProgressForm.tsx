import { Image, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { chooseImages, type PickedFile } from '../lib/files';
import { changedItems, stepPercent } from '../lib/progressForm';
import { staffApi, type Project } from '../lib/staffApi';
import { useLatest } from '../../hooks/useLatest';

/** Post a construction progress update: each item's percentage with −/+ steps, photos, a short note. */
export default function ProgressForm({ project, onPosted }: { project: Project; onPosted: () => void }) {
  const { t } = useI18n();
  const before = Object.fromEntries(project.items.map((i) => [i.id, i.percent]));
  const [percent, setPercent] = useState<Record<string, number>>(before);
  const [photos, setPhotos] = useState<PickedFile[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Reset when the saved figures change (a new project or a saved report), not on every render of the same ones.
  const savedKey = `${project.id}|${project.items.map((i) => `${i.id}:${i.percent}`).join()}`;
  const saved = useLatest(before);
  useEffect(() => setPercent(saved.current), [savedKey, saved]);

  const post = async () => {
    const items = changedItems(before, percent);
    if (items.length === 0) {
      setError(t('staff.pj.noChange'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const photoFileIds: string[] = [];
      for (const p of photos) photoFileIds.push(...(await staffApi.uploadProjectFile(project.id, p)).files.map((f) => f.fileId));
      await staffApi.postProgress(project.id, { note: note.trim(), photoFileIds, items });
      setPhotos([]);
      setNote('');
      Taro.showToast({ title: t('staff.pj.posted'), icon: 'none' });
      onPosted();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // The server accepts progress only during construction; say so instead of offering a form that will be refused.
  if (project.status !== 'construction')
    return <Text className="muted">{t('staff.pj.notConstruction', { status: t(`project.status.${project.status}`) })}</Text>;
  if (project.items.length === 0) return <Text className="muted">{t('staff.pj.noItems')}</Text>;
  return (
    <View className="card">
      {project.items.map((i) => (
        <View key={i.id} className="st-row">
          <View className="st-row__main">
            <Text className="st-row__title">{i.name}</Text>
            <Text className="st-row__meta">{t(`staff.category.${i.category}`)}</Text>
          </View>
          <View style={{ display: 'flex', alignItems: 'center', gap: '8px' }}>
            <View className="btn btn--plain st-btn--small" onClick={() => setPercent({ ...percent, [i.id]: stepPercent(percent[i.id], -10, before[i.id]) })}>
              −
            </View>
            <Text className="st-row__title" style={{ minWidth: '56px', textAlign: 'center' }}>
              {percent[i.id]}%
            </Text>
            <View className="btn btn--plain st-btn--small" onClick={() => setPercent({ ...percent, [i.id]: stepPercent(percent[i.id], 10, before[i.id]) })}>
              ＋
            </View>
          </View>
        </View>
      ))}
      <Textarea
        className="st-textarea"
        style={{ marginTop: '10px' }}
        value={note}
        maxlength={1000}
        placeholder={t('staff.pj.notePlaceholder')}
        onInput={(e) => setNote(e.detail.value)}
      />
      <View className="st-thumbs">
        {photos.map((p) => (
          <Image key={p.path} className="st-thumbs__img" src={p.path} mode="aspectFill" onClick={() => setPhotos(photos.filter((x) => x !== p))} />
        ))}
      </View>
      {photos.length < 9 && (
        <View
          className="btn btn--ghost"
          onClick={() =>
            chooseImages(9 - photos.length).then(
              (f) => setPhotos([...photos, ...f]),
              () => undefined,
            )
          }
        >
          {t('staff.pj.addPhotos')}
        </View>
      )}
      {error && <Text className="st-field__error">{error}</Text>}
      <View className="btn" style={{ marginTop: '10px' }} onClick={busy ? undefined : post}>
        {busy ? t('staff.saving') : t('staff.pj.post')}
      </View>
    </View>
  );
}
