import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { openPdf } from '../../services/files';
import FileImage from '../FileImage';

export interface AttachmentView {
  fileId: string;
  filename: string;
  contentType: string;
  size: number;
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Images as thumbnails (tap to preview), PDFs as rows that open in the document viewer. */
export default function Attachments({ items }: { items: AttachmentView[] }) {
  const { t } = useI18n();
  const images = items.filter((a) => a.contentType.startsWith('image/'));
  const docs = items.filter((a) => !a.contentType.startsWith('image/'));
  const open = async (a: AttachmentView) => {
    Taro.showLoading({ title: t('state.loading') });
    try {
      await openPdf(a.fileId);
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      Taro.hideLoading();
    }
  };
  return (
    <View>
      {images.length > 0 && (
        <View className="file-images">
          {images.map((a) => (
            <FileImage key={a.fileId} fileId={a.fileId} group={images.map((i) => i.fileId)} alt={a.filename} />
          ))}
        </View>
      )}
      {docs.map((a) => (
        <View key={a.fileId} className="list-row" onClick={() => void open(a)} data-testid="attachment-pdf">
          <View className="list-row__main">
            <Text className="list-row__title">📄 {a.filename}</Text>
            <Text className="list-row__meta">
              {t('file.pdf')} · {kb(a.size)}
            </Text>
          </View>
          <Text className="link">{t('file.open')}</Text>
        </View>
      ))}
    </View>
  );
}
