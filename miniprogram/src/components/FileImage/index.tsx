import { Image, Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { previewImages, useFileSrc } from '../../services/files';
import './index.scss';

interface Props {
  fileId: string;
  /** All images of the group, for swiping in the preview. */
  group?: string[];
  className?: string;
  alt?: string;
}

/** An uploaded image (downloaded with the login token); tap for the full-screen preview. */
export default function FileImage({ fileId, group, className, alt }: Props) {
  const { t } = useI18n();
  const { src, failed } = useFileSrc(fileId);
  return (
    <View
      className={`file-image ${className ?? ''}`}
      onClick={() => src && void previewImages(group ?? [fileId], fileId).catch(() => undefined)}
      aria-label={alt}
    >
      {src ? (
        <Image className="file-image__img" src={src} mode="aspectFill" lazyLoad />
      ) : (
        <Text className="file-image__placeholder">{failed ? t('file.failed') : t('state.loading')}</Text>
      )}
    </View>
  );
}
