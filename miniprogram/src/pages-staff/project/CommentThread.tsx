import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { api, errorMessage } from '../../services/api';
import { formatDateTime } from '../../utils/format';

interface Comment {
  id: string;
  at: string;
  byName: string;
  role: string;
  text: string;
}
interface Thread {
  comments: Comment[];
  page: number;
  pages: number;
  canComment: boolean;
}

/**
 * The project's discussion: committee, community and street staff write; officials read. Comments are shown as their
 * authors typed them (not translated), so in Tibetan mode they carry the proper-name mark like any typed name.
 */
export default function CommentThread({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState<number | undefined>(undefined);
  const thread = useRemote(() => api.get<Thread>(`/api/projects/${projectId}/comments`, page === undefined ? undefined : { page }), [projectId, page]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const typed = lang === 'bo' ? { 'data-proper-name': '1' } : {};

  const post = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    try {
      await api.post(`/api/projects/${projectId}/comments`, { text });
      setText('');
      setPage(undefined);
      thread.reload();
      Taro.showToast({ title: t('staff.cm.posted'), icon: 'none' });
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  const d = thread.data;
  return (
    <View className="card" data-testid="comments">
      {d && d.page > 0 && (
        <View className="btn btn--ghost st-btn--small" onClick={() => setPage(d.page - 1)} data-testid="comments-older">
          {t('staff.cm.older')}
        </View>
      )}
      {d?.comments.length === 0 && <Text className="muted">{t('staff.cm.empty')}</Text>}
      {d?.comments.map((c) => (
        <View key={c.id} className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }} data-testid="comment">
          <Text className="st-row__meta">
            <Text {...typed}>{c.byName}</Text> · {t(`staff.cm.role.${c.role as 'committee'}`)} · {formatDateTime(c.at)}
          </Text>
          <Text className="st-row__title" {...typed}>
            {c.text}
          </Text>
        </View>
      ))}
      {d?.canComment ? (
        <View>
          <Textarea
            className="st-textarea"
            style={{ marginTop: '10px' }}
            value={text}
            maxlength={1000}
            placeholder={t('staff.cm.placeholder')}
            onInput={(e) => setText(e.detail.value)}
            data-testid="comment-text"
          />
          <View
            className={`btn st-btn--small ${text.trim() && !busy ? '' : 'btn--ghost'}`}
            style={{ marginTop: '8px' }}
            onClick={post}
            data-testid="comment-post"
          >
            {t('staff.cm.post')}
          </View>
        </View>
      ) : (
        d && <Text className="muted">{t('staff.cm.readOnly')}</Text>
      )}
    </View>
  );
}
