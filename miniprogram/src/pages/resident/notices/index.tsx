import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import LoginButton from '../../../components/LoginButton';
import NoticeCard from '../../../components/NoticeCard';
import PageShell from '../../../components/PageShell';
import StateView from '../../../components/StateView';
import { useRealtimeEvent, useRooms } from '../../../hooks/useRealtime';
import { useI18n } from '../../../i18n';
import { ApiError, errorMessage } from '../../../services/api';
import { useResync } from '../../../services/realtime';
import { fetchNoticeRooms, fetchNotices } from '../../../services/resident';
import type { Notice } from '../../../services/types';
import { useLatest } from '../../../hooks/useLatest';

/** 社区公告: the whole feed (pinned and newest first), page by page, live when a notice is published. */
export default function Notices() {
  const { t } = useI18n();
  const [items, setItems] = useState<Notice[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<number | null>(null);
  const [rooms, setRooms] = useState<string[]>();
  const seq = useRef(0);

  const first = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    fetchNotices(null).then(
      (page) => {
        if (mine !== seq.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e) => {
        if (mine !== seq.current) return;
        setError(errorMessage(e));
        setStatus(e instanceof ApiError ? e.status : null);
        setLoading(false);
      },
    );
  }, []);
  const next = () => {
    if (!cursor || more) return;
    setMore(true);
    fetchNotices(cursor)
      .then(
        (page) => {
          setItems((old) => [...old, ...page.items.filter((n) => !old.some((o) => o.id === n.id))]);
          setCursor(page.nextCursor);
        },
        (e) => Taro.showToast({ title: errorMessage(e), icon: 'none' }),
      )
      .finally(() => setMore(false));
  };

  const loadFirst = useLatest(first);
  useEffect(() => {
    loadFirst.current();
    fetchNoticeRooms().then(setRooms, () => undefined);
  }, [loadFirst]);
  useResync(first);
  useRooms(rooms);
  useRealtimeEvent('notice:published', first);
  useRealtimeEvent('notice:amended', first);
  useRealtimeEvent('notice:withdrawn', first);
  usePullDownRefresh(() => {
    first();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(next);

  return (
    <PageShell titleKey="notices.title">
      <Text className="section-title">{t('notices.title')}</Text>
      <StateView
        loading={loading && items.length === 0}
        error={error}
        onRetry={first}
        action={status === 401 ? <LoginButton /> : undefined}
        empty={items.length === 0}
        emptyText={t('notices.empty')}
      >
        {items.map((n) => (
          <NoticeCard key={n.id} item={n} />
        ))}
        {cursor && (
          <Button className="btn btn--plain" loading={more} onClick={next}>
            {t('common.loadMore')}
          </Button>
        )}
        {!cursor && items.length > 0 && (
          <View className="muted" style={{ textAlign: 'center', padding: '12px' }}>
            {t('common.noMore')}
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
