import { Button, RichText, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import Attachments from '../../../components/Attachments';
import AudioButton from '../../../components/AudioButton';
import LoginButton from '../../../components/LoginButton';
import ObjectionForm from '../../../components/ObjectionForm';
import BiText from '../../../components/BiText';
import PageShell from '../../../components/PageShell';
import Section from '../../../components/Section';
import StateView from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useRealtimeEvent } from '../../../hooks/useRealtime';
import { useI18n, type Lang } from '../../../i18n';
import { fetchNotice, fetchNoticeVersions, fetchObjections, markNoticeRead, submitObjection, uploadObjectionPhoto } from '../../../services/resident';
import type { NoticeVersions } from '../../../services/types';
import { formatDateTime } from '../../../utils/format';
import './index.scss';
import { useLatest } from '../../../hooks/useLatest';

const OBJECTION_TONE = { open: 'badge--warn', answered: 'badge--ok', closed: '' } as const;

/** One notice: text in Chinese or Tibetan, attachments, versions, and (in a publicity period) objections. */
export default function NoticePage() {
  const { t, lang } = useI18n();
  const id = useRouter().params.id ?? '';
  const notice = useRemote(() => fetchNotice(id), [id]);
  const objections = useRemote(() => fetchObjections(id), [id]);
  const [textLang, setTextLang] = useState<Lang | null>(null);
  const [versions, setVersions] = useState<NoticeVersions | null>(null);
  const [versionsError, setVersionsError] = useState<string | null>(null);
  const readVersion = useRef(0);
  const n = notice.data;
  // The form only for those the server lets object (the audience), and only while the period runs.
  const objectable = !!n?.objectionsOpen && !!n?.abilities.canObject;

  // Reading is recorded once per version (a read receipt for the committee's read rate).
  const markRead = useLatest(() => {
    if (n && (n.unread || n.amendedSinceRead) && readVersion.current !== n.version) {
      readVersion.current = n.version;
      markNoticeRead(n.id).catch(() => undefined);
    }
  });
  useEffect(() => markRead.current(), [n?.id, n?.version, markRead]);
  useRealtimeEvent<{ noticeId?: string; id?: string }>('notice:amended', (p) => {
    if (!p || p.noticeId === id || p.id === id) notice.reload();
  });
  useRealtimeEvent('notice:objection_answered', objections.reload);

  const hasBo = Boolean(n?.titleBo || n?.bodyBo);
  const shown: Lang = textLang ?? (lang === 'bo' && hasBo ? 'bo' : 'zh');
  const title = shown === 'bo' && n?.titleBo ? n.titleBo : n?.title;
  const body = shown === 'bo' && n?.bodyBo ? n.bodyBo : n?.body;

  const loadVersions = () => {
    setVersionsError(null);
    fetchNoticeVersions(id).then(setVersions, (e) => setVersionsError(String(e?.message ?? e)));
  };

  return (
    <PageShell titleKey="notice.title">
      <StateView loading={notice.loading && !n} error={notice.error} onRetry={notice.reload} action={notice.status === 401 ? <LoginButton /> : undefined}>
        {n && (
          <View>
            <View className="card">
              <View className="notice-card__marks">
                {n.pinned && <Text className="badge badge--red">{t('notice.pinned')}</Text>}
                <Text className="badge">{t(`notice.kind.${n.kind}`)}</Text>
                {n.version > 1 && <Text className="badge badge--warn">{t('notice.versionN', { n: n.version })}</Text>}
              </View>
              {hasBo && (
                <View className="notice-lang" role="radiogroup">
                  {(['zh', 'bo'] as const).map((l) => (
                    <View
                      key={l}
                      role="radio"
                      aria-checked={shown === l}
                      className={`chip ${shown === l ? 'chip--on' : ''} lang-${l}`}
                      onClick={() => setTextLang(l)}
                      data-testid={`notice-lang-${l}`}
                      data-proper-name="1"
                    >
                      {l === 'zh' ? '中文' : 'བོད་ཡིག'}
                    </View>
                  ))}
                </View>
              )}
              <View className={`lang-${shown}`} data-testid="notice-text" data-lang={shown}>
                <Text className="notice-title">{title}</Text>
                <AudioButton clips={n.audio} />
                <Text className="card__meta">{t('notice.publishedAt', { date: formatDateTime(n.publishedAt ?? '') })}</Text>
                <View className="notice-body">
                  <RichText nodes={body ?? ''} />
                </View>
              </View>
              {n.withdrawn && (
                <Text className="form-error" data-testid="notice-withdrawn">
                  {t('notice.withdrawn')}：<BiText zh={n.withdrawn.reason} bo={n.withdrawn.reasonBo} />
                </Text>
              )}
            </View>

            {n.attachments.length > 0 && (
              <Section title={t('notice.attachments')}>
                <Attachments items={n.attachments} />
              </Section>
            )}

            {(n.displayRule || n.objectionsUntil) && (
              <Section title={t('notice.publicity')}>
                {n.displayRule && <Text className="card__meta">{t('notice.displayDays', { days: n.displayRule.days })}</Text>}
                {n.objectionsUntil && (
                  <Text className="card__meta">
                    {t(n.objectionsOpen ? 'notice.objectionsUntil' : 'notice.objectionsClosed', { date: formatDateTime(n.objectionsUntil) })}
                  </Text>
                )}
              </Section>
            )}

            {n.history.length > 1 && (
              <Section title={t('notice.history')}>
                {n.history.map((h) => (
                  <View key={h.version} className="list-row">
                    <View className="list-row__main">
                      <Text className="list-row__title">{t('notice.versionN', { n: h.version })}</Text>
                      <Text className="list-row__meta">
                        {formatDateTime(h.at)}
                        {h.reason ? ` · ${t('notice.amendReason')}：` : ''}
                        {h.reason && <BiText zh={h.reason} bo={h.reasonBo} />}
                      </Text>
                    </View>
                  </View>
                ))}
                {!versions && (
                  <Button className="btn btn--plain" onClick={loadVersions} data-testid="load-versions">
                    {t('notice.showVersions')}
                  </Button>
                )}
                {versionsError && <Text className="form-error">{versionsError}</Text>}
                {versions?.versions
                  .slice()
                  .reverse()
                  .map((v) => (
                    <View key={v.version} className="notice-version">
                      <Text className="card__title">
                        {t('notice.versionN', { n: v.version })} · {shown === 'bo' && v.titleBo ? v.titleBo : v.title}
                      </Text>
                      <View className="notice-body">
                        <RichText nodes={shown === 'bo' && v.bodyBo ? v.bodyBo : v.body} />
                      </View>
                    </View>
                  ))}
              </Section>
            )}

            {(objectable || (objections.data?.items.length ?? 0) > 0) && (
              <Section title={t('objection.title')}>
                {objectable && (
                  <ObjectionForm
                    uploadPhoto={(photo) => uploadObjectionPhoto(n.id, photo)}
                    onSubmit={async (text, key, photoIds) => {
                      await submitObjection(n.id, text, key, photoIds);
                      objections.reload();
                    }}
                  />
                )}
                <Text className="form-label">{t('objection.mine')}</Text>
                <StateView
                  loading={objections.loading && !objections.data}
                  error={objections.error}
                  onRetry={objections.reload}
                  empty={(objections.data?.items.filter((o) => o.mine).length ?? 0) === 0}
                  emptyText={t('objection.none')}
                >
                  {objections.data?.items
                    .filter((o) => o.mine)
                    .map((o) => (
                      <View key={o.id} className="objection" data-testid="my-objection">
                        <Text className={`badge ${OBJECTION_TONE[o.status]}`}>{t(`objection.status.${o.status}`)}</Text>
                        <Text className="card__meta">{formatDateTime(o.createdAt)}</Text>
                        <Text className="objection__text">{o.text}</Text>
                        {o.photos.length > 0 && <Attachments items={o.photos} />}
                        {o.response && (
                          <View className="objection__reply">
                            <Text className="form-label">{t('objection.reply')}</Text>
                            <BiText zh={o.response.text} bo={o.response.textBo} />
                          </View>
                        )}
                      </View>
                    ))}
                </StateView>
              </Section>
            )}
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
