import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import type { PickedPhoto } from '../../services/uploads';
import { checkPhotosSettled, checkRating, RATING_COMMENT_MAX, RATING_PHOTO_MAX_BYTES, type RatingDraft } from '../../services/validation';
import BiText from '../BiText';
import PhotoPicker from '../PhotoPicker';
import { usePhotos, type PhotosOptions } from '../PhotoPicker/usePhotos';
import PickerField from '../PickerField';
import Stars from '../Stars';

interface Props {
  dwellings: { id: string; label: string }[];
  items: { id: string; name: string; nameBo?: string | null }[];
  initial?: { dwellingId: string; overall: number; items: { itemId: string; score: number }[]; comment: string | null; photoFileId?: string | null };
  /** `photoFileId` is null when the photo was removed (or never added). */
  onSubmit: (dwellingId: string, draft: RatingDraft, photoFileId: string | null) => Promise<void>;
  /** Uploads the photo (ratings/photos) and resolves with its file id; without it the form has no photo. */
  uploadPhoto?: (photo: PickedPhoto) => Promise<string>;
  choosePhotos?: PhotosOptions['choose'];
  /** False for an account without WeChat (H5 login): the server can't run the content check a public comment needs. */
  commentAllowed?: boolean;
}

/** 满意度评价: one overall score (required), optional scores per item, a short comment and one photo. */
export default function RatingForm({ dwellings, items, initial, onSubmit, uploadPhoto, choosePhotos, commentAllowed = true }: Props) {
  const { t } = useI18n();
  const [dwellingId, setDwellingId] = useState<string | null>(initial?.dwellingId ?? (dwellings.length === 1 ? dwellings[0].id : null));
  const [overall, setOverall] = useState(initial?.overall ?? 0);
  const [scores, setScores] = useState<Record<string, number>>(Object.fromEntries((initial?.items ?? []).map((i) => [i.itemId, i.score])));
  const [comment, setComment] = useState(initial?.comment ?? '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const photos = usePhotos({
    max: 1,
    maxBytes: RATING_PHOTO_MAX_BYTES,
    upload: uploadPhoto,
    choose: choosePhotos,
    initialFileIds: initial?.photoFileId ? [initial.photoFileId] : [],
  });
  const draft: RatingDraft = { overall, items: scores, comment: commentAllowed ? comment : '' };
  const problem = tried ? (dwellingId ? (checkRating(draft) ?? checkPhotosSettled(photos.slots)) : 'pledge.err.dwelling') : null;

  const submit = async () => {
    setTried(true);
    setServerError(null);
    if (!dwellingId || checkRating(draft) || checkPhotosSettled(photos.slots)) return;
    setBusy(true);
    try {
      await onSubmit(dwellingId, draft, photos.fileIds[0] ?? null);
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="rating-form">
      {dwellings.length > 1 && (
        <PickerField
          label={t('pledge.dwelling')}
          options={dwellings.map((d) => ({ value: d.id, label: d.label }))}
          value={dwellingId}
          onChange={setDwellingId}
        />
      )}
      <Stars label={t('rating.overall')} value={overall} onChange={setOverall} testId="rating-overall" />
      {items.length > 0 && <Text className="form-label">{t('rating.byItem')}</Text>}
      {items.map((i) => (
        <Stars
          key={i.id}
          label={<BiText zh={i.name} bo={i.nameBo} />}
          value={scores[i.id] ?? 0}
          onChange={(v) => setScores({ ...scores, [i.id]: v })}
          testId={`rating-item-${i.id}`}
        />
      ))}
      {commentAllowed ? (
        <>
          <Text className="form-label">{t('rating.comment')}</Text>
          <Textarea
            className="text-area"
            value={comment}
            maxlength={RATING_COMMENT_MAX}
            placeholder={t('rating.commentPlaceholder')}
            onInput={(e) => setComment(e.detail.value)}
            data-testid="rating-comment"
          />
          <Text className="form-hint">{t('form.count', { n: comment.trim().length, max: RATING_COMMENT_MAX })}</Text>
        </>
      ) : (
        <Text className="form-hint" data-testid="rating-comment-wechat">
          {t('rating.commentNeedsWechat')}
        </Text>
      )}
      {uploadPhoto && <PhotoPicker photos={photos} label={t('photo.ratingLabel')} testId="rating-photos" />}
      {problem && (
        <Text className="form-error" data-testid="rating-error">
          {t(problem)}
        </Text>
      )}
      {serverError && <Text className="form-error">{serverError}</Text>}
      <Button className="btn" disabled={busy || photos.busy || undefined} loading={busy} onClick={() => void submit()} data-testid="rating-submit">
        {t('rating.submit')}
      </Button>
    </View>
  );
}
