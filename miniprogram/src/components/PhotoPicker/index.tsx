import { Button, Image, Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import FileImage from '../FileImage';
import type { Photos } from './usePhotos';
import './index.scss';

interface Props {
  photos: Photos;
  label: string;
  hint?: string;
  testId?: string;
}

const mb = (bytes: number) => Math.floor(bytes / 1024 / 1024);

/** Thumbnails with a large remove button, an add tile while there is room, the limits, and each photo's upload state. */
export default function PhotoPicker({ photos, label, hint, testId = 'photos' }: Props) {
  const { t } = useI18n();
  const { slots, problem, max, maxBytes } = photos;
  return (
    <View className="photo-picker" data-testid={testId}>
      <Text className="form-label">{label}</Text>
      <Text className="form-hint">{hint ?? t('photo.limits', { max, mb: mb(maxBytes) })}</Text>
      <View className="photo-picker__grid">
        {slots.map((s) => (
          <View key={s.key} className={`photo-picker__item photo-picker__item--${s.state}`} data-testid={`${testId}-item`} data-state={s.state}>
            {s.local ? (
              <Image className="photo-picker__img" src={s.local.path} mode="aspectFill" />
            ) : (
              <FileImage fileId={s.fileId!} className="photo-picker__file" />
            )}
            {s.state === 'uploading' && <Text className="photo-picker__badge">{t('photo.uploading')}</Text>}
            {s.state === 'failed' && (
              <View className="photo-picker__badge photo-picker__badge--bad" onClick={() => photos.retry(s.key)} data-testid={`${testId}-retry`}>
                <Text>{t('photo.retry')}</Text>
              </View>
            )}
            <View
              className="photo-picker__remove"
              onClick={() => photos.remove(s.key)}
              aria-label={t('photo.remove')}
              role="button"
              data-testid={`${testId}-remove`}
            >
              <Text>×</Text>
            </View>
          </View>
        ))}
        {slots.length < max && (
          <Button className="photo-picker__add" onClick={() => void photos.add()} data-testid={`${testId}-add`}>
            <Text className="photo-picker__plus">＋</Text>
            <Text className="photo-picker__add-text">{t('photo.add')}</Text>
          </Button>
        )}
      </View>
      {slots
        .filter((s) => s.state === 'failed')
        .map((s) => (
          <Text key={s.key} className="form-error" data-testid={`${testId}-error`}>
            {t('photo.failed', { message: s.error ?? '' })}
          </Text>
        ))}
      {problem && (
        <Text className="form-error" data-testid={`${testId}-problem`}>
          {t(problem, { max, mb: mb(maxBytes) })}
        </Text>
      )}
    </View>
  );
}
