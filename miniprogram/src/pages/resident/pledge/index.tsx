import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import LoginButton from '../../../components/LoginButton';
import BiText from '../../../components/BiText';
import PageShell from '../../../components/PageShell';
import PledgeForm from '../../../components/PledgeForm';
import StateView from '../../../components/StateView';
import { activeBindings, useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { useI18n } from '../../../i18n';
import { newIdempotencyKey } from '../../../services/api';
import { dwellingLabel } from '../../../services/labels';
import { createPledge, fetchProject } from '../../../services/resident';

/** 我要认捐: for one of my dwellings in this project's complex. */
export default function PledgePage() {
  const { t } = useI18n();
  const id = useRouter().params.id ?? '';
  const project = useRemote(() => fetchProject(id), [id]);
  const { me, loading, error, status, reload } = useMe();
  const dwellings = activeBindings(me)
    .filter((b) => b.dwelling.complexCode === project.data?.complexCode)
    .map((b) => ({ id: b.dwelling.dwellingId, label: dwellingLabel(t, b.dwelling, false) }));
  return (
    <PageShell titleKey="pledge.title">
      <Text className="section-title">{t('pledge.title')}</Text>
      <StateView
        loading={(project.loading && !project.data) || (loading && !me)}
        error={project.error ?? error}
        onRetry={() => {
          project.reload();
          reload();
        }}
        action={(project.status ?? status) === 401 ? <LoginButton /> : undefined}
        empty={dwellings.length === 0}
        emptyText={t('pledge.noDwelling')}
      >
        <View>
          <BiText className="card__meta" zh={project.data?.name} />
          <Text className="form-hint">{t('pledge.intro')}</Text>
          <PledgeForm
            dwellings={dwellings}
            onSubmit={async (body) => {
              await createPledge(id, body, newIdempotencyKey());
              Taro.showToast({ title: t('pledge.done'), icon: 'success' });
              setTimeout(() => Taro.navigateBack(), 800);
            }}
          />
        </View>
      </StateView>
    </PageShell>
  );
}
