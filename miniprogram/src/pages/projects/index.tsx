import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import LoginButton from '../../components/LoginButton';
import BiText from '../../components/BiText';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { fetchProjects, projectProgress } from '../../services/views';
import { formatYuan } from '../../utils/format';
import './index.scss';

export default function Projects() {
  const { t } = useI18n();
  const list = useRemote(() => fetchProjects());
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <PageShell titleKey="projects.title" tab>
      <Text className="section-title">{t('projects.title')}</Text>
      <Text className="muted">{t('projects.intro')}</Text>
      <View style={{ height: '12px' }} />
      <StateView
        loading={list.loading}
        error={list.error}
        empty={list.data?.length === 0}
        emptyText={t('projects.empty')}
        onRetry={list.reload}
        action={list.status === 401 ? <LoginButton /> : undefined}
      >
        {list.data?.map((p) => {
          const percent = projectProgress(p);
          return (
            <View key={p.id} className="card" onClick={() => Taro.navigateTo({ url: `/pages/resident/project/index?id=${p.id}` })} data-testid="project-card">
              <View className="consultation-card__head">
                <Text className="tag tag--open">{t(`project.status.${p.status}`)}</Text>
                <Text className="card__meta consultation-card__kind">{t('projects.year', { year: p.year })}</Text>
              </View>
              <BiText className="card__title" zh={p.name} bo={p.nameBo} />
              <Text className="card__meta">{p.complexName}</Text>
              <View className="progress" aria-valuenow={percent}>
                <View className="progress__bar" style={{ width: `${percent}%` }} />
              </View>
              <Text className="card__meta">{t('projects.progress', { percent })}</Text>
              <Text className="card__meta">{t('projects.budget', { amount: formatYuan(p.budgetFen) })}</Text>
              <Text className="link">{t('projects.view')} ›</Text>
            </View>
          );
        })}
      </StateView>
    </PageShell>
  );
}
