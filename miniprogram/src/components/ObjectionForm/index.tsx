import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage, newIdempotencyKey } from '../../services/api';
import type { PickedPhoto } from '../../services/uploads';
import { checkObjection, checkPhotosSettled, OBJECTION_MAX, OBJECTION_PHOTOS_MAX } from '../../services/validation';
import PhotoPicker from '../PhotoPicker';
import { usePhotos, type PhotosOptions } from '../PhotoPicker/usePhotos';

interface Props {
  /** Resolves when the server accepted it; `key` stays the same while the same text and photos are retried. */
  onSubmit: (text: string, key: string, photoIds: string[]) => Promise<void>;
  /** Uploads one photo (objection-photos) and resolves with its file id; without it the form has no photos. */
  uploadPhoto?: (photo: PickedPhoto) => Promise<string>;
  /** Stand-in for the platform's image chooser (component tests). */
  choosePhotos?: PhotosOptions['choose'];
}

/** 提出异议 during a publicity period: a text box with a counter and up to 9 photos; the server also checks the content. */
export default function ObjectionForm({ onSubmit, uploadPhoto, choosePhotos }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const photos = usePhotos({ max: OBJECTION_PHOTOS_MAX, upload: uploadPhoto, choose: choosePhotos });
  const key = useRef<{ what: string; key: string } | null>(null);
  const problem = tried ? (checkObjection(text) ?? checkPhotosSettled(photos.slots)) : null;

  const submit = async () => {
    setTried(true);
    setServerError(null);
    if (checkObjection(text) || checkPhotosSettled(photos.slots)) return;
    const what = `${text}\n${photos.fileIds.join(',')}`;
    if (key.current?.what !== what) key.current = { what, key: newIdempotencyKey() };
    setBusy(true);
    try {
      await onSubmit(text.trim(), key.current.key, photos.fileIds);
      Taro.showToast({ title: t('objection.sent'), icon: 'success' });
      setText('');
      setTried(false);
      photos.reset();
      key.current = null;
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="objection-form">
      <Text className="form-hint">{t('objection.hint')}</Text>
      <Textarea
        className={`text-area ${problem ? 'text-area--error' : ''}`}
        value={text}
        maxlength={OBJECTION_MAX}
        placeholder={t('objection.placeholder')}
        onInput={(e) => setText(e.detail.value)}
        data-testid="objection-text"
      />
      <Text className="form-hint">{t('form.count', { n: text.trim().length, max: OBJECTION_MAX })}</Text>
      {uploadPhoto && <PhotoPicker photos={photos} label={t('photo.objectionLabel')} testId="objection-photos" />}
      {problem && (
        <Text className="form-error" data-testid="objection-error">
          {t(problem)}
        </Text>
      )}
      {serverError && <Text className="form-error">{serverError}</Text>}
      <Button className="btn" disabled={busy || photos.busy || undefined} loading={busy} onClick={() => void submit()} data-testid="objection-submit">
        {t('objection.submit')}
      </Button>
    </View>
  );
}
