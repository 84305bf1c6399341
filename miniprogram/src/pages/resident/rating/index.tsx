import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import BiText from '../../../components/BiText';
import LoginButton from '../../../components/LoginButton';
import PageShell from '../../../components/PageShell';
import RatingForm from '../../../components/RatingForm';
import StateView from '../../../components/StateView';
import { activeBindings, useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { useI18n } from '../../../i18n';
import { dwellingLabel } from '../../../services/labels';
import { fetchMyRatings, fetchProject, saveRating, uploadRatingPhoto } from '../../../services/resident';

/** 满意度评价 after acceptance: one per household, changeable while the rating window is open. */
export default function RatingPage() {
  const { t } = useI18n();
  const id = useRouter().params.id ?? '';
  const project = useRemote(() => fetchProject(id), [id]);
  const mine = useRemote(() => fetchMyRatings(id), [id]);
  const { me, loading, error } = useMe();
  const p = project.data;
  const dwellings = activeBindings(me)
    .filter((b) => b.dwelling.complexCode === p?.complexCode)
    .map((b) => ({ id: b.dwelling.dwellingId, label: dwellingLabel(t, b.dwelling, false) }));
  const existing = mine.data?.ratings[0];
  const windowOpen = mine.data?.window?.open ?? false;
  return (
    <PageShell titleKey="rating.title">
      <Text className="section-title">{t('rating.title')}</Text>
      <StateView
        loading={(project.loading && !p) || (mine.loading && !mine.data) || (loading && !me)}
        error={project.error ?? mine.error ?? error}
        onRetry={() => {
          project.reload();
          mine.reload();
        }}
        action={project.status === 401 ? <LoginButton /> : undefined}
        empty={dwellings.length === 0 || !windowOpen}
        emptyText={t(dwellings.length === 0 ? 'pledge.noDwelling' : 'rating.closed')}
      >
        <View>
          <BiText className="card__meta" zh={p?.name} bo={p?.nameBo} />
          <Text className="form-hint">{t('rating.intro')}</Text>
          <RatingForm
            dwellings={dwellings}
            items={(p?.items ?? []).map((i) => ({ id: i.id, name: i.name, nameBo: i.nameBo }))}
            initial={
              existing
                ? {
                    dwellingId: existing.dwellingId,
                    overall: existing.overall,
                    items: existing.items,
                    comment: existing.comment,
                    photoFileId: existing.photoFileId,
                  }
                : undefined
            }
            uploadPhoto={(photo) => uploadRatingPhoto(id, photo)}
            commentAllowed={me?.publicText ?? true}
            onSubmit={async (dwellingId, d, photoFileId) => {
              await saveRating(id, {
                dwellingId,
                overall: d.overall,
                items: Object.entries(d.items).map(([itemId, score]) => ({ itemId, score })),
                comment: d.comment.trim() || undefined,
                photoFileId,
              });
              Taro.showToast({ title: t('rating.done'), icon: 'success' });
              setTimeout(() => Taro.navigateBack(), 800);
            }}
          />
        </View>
      </StateView>
    </PageShell>
  );
}
