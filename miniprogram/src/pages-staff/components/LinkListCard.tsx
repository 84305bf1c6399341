import { Text, View } from '@tarojs/components';
import StateView from '../../components/StateView';
import type { Remote } from '../../hooks/useRemote';

export interface LinkRow {
  key: string;
  title: string;
  meta: string;
  url: string;
}

interface Props {
  title: string;
  /** The list's loading state; `rows` are what it loaded, already worded for display. */
  remote: Pick<Remote<readonly unknown[]>, 'loading' | 'error' | 'reload' | 'data'>;
  rows: LinkRow[];
  emptyText: string;
  onOpen: (url: string) => void;
}

/** A titled card of tappable rows (title, one line of detail, chevron) with loading, error and empty states. */
export default function LinkListCard({ title, remote, rows, emptyText, onOpen }: Props) {
  return (
    <>
      <Text className="section-title">{title}</Text>
      <View className="card">
        <StateView loading={remote.loading} error={remote.error} onRetry={remote.reload} empty={remote.data?.length === 0} emptyText={emptyText}>
          {rows.map((r) => (
            <View key={r.key} className="st-row" onClick={() => onOpen(r.url)}>
              <View className="st-row__main">
                <Text className="st-row__title">{r.title}</Text>
                <Text className="st-row__meta">{r.meta}</Text>
              </View>
              <Text className="st-row__chevron">›</Text>
            </View>
          ))}
        </StateView>
      </View>
    </>
  );
}
