import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import BarChart from '../../../components/BarChart';
import { fundingBars, progressBars, formatPermille, permilleOf } from '../../../components/BarChart/data';
import FileImage from '../../../components/FileImage';
import LoginButton from '../../../components/LoginButton';
import MyPledges from '../../../components/MyPledges';
import PageShell from '../../../components/PageShell';
import Section from '../../../components/Section';
import BiText from '../../../components/BiText';
import StateView from '../../../components/StateView';
import Timeline from '../../../components/Timeline';
import { projectTimeline } from '../../../components/Timeline/data';
import { useRemote } from '../../../hooks/useRemote';
import { useI18n } from '../../../i18n';
import { cancelPledge, fetchLedger, fetchMyElevatorShares, fetchMyPledges, fetchMyRatings, fetchProgress, fetchProject } from '../../../services/resident';
import { formatDateTime, formatYuan } from '../../../utils/format';
import { fundingLabel, ledgerRow, pledgeWhat, pledgeWord } from './labels';
import { pickText } from '../../../services/bilingual';

/** 项目详情: stages, items and progress photos, the funding plan, my pledges, the public ledger, my rating. */
export default function ProjectPage() {
  const { t, lang } = useI18n();
  const id = useRouter().params.id ?? '';
  const p = useRemote(() => fetchProject(id), [id]);
  const progress = useRemote(() => fetchProgress(id), [id]);
  const pledges = useRemote(() => fetchMyPledges(id), [id]);
  const ledger = useRemote(() => fetchLedger(id), [id]);
  const ratings = useRemote(() => fetchMyRatings(id), [id]);
  const elevator = useRemote(() => fetchMyElevatorShares(id).catch(() => ({ shares: [] })), [id]);
  useDidShow(() => {
    // Back from the pledge or rating form: show what was just saved.
    if (p.data) {
      pledges.reload();
      ledger.reload();
      ratings.reload();
    }
  });
  const project = p.data;
  const photos = (progress.data ?? []).flatMap((u) => u.photoFileIds);

  return (
    <PageShell titleKey="project.title">
      <StateView loading={p.loading && !project} error={p.error} onRetry={p.reload} action={p.status === 401 ? <LoginButton /> : undefined}>
        {project && (
          <View>
            <View className="card">
              <View className="consultation-card__head">
                <Text className="tag tag--open">{t(`project.status.${project.status}`)}</Text>
                <Text className="card__meta consultation-card__kind">{t('projects.year', { year: project.year })}</Text>
              </View>
              <BiText className="card__title" testId="project-name" zh={project.name} bo={project.nameBo} />
              <Text className="card__meta" data-proper-name="1">
                {project.complexName}
              </Text>
              <Text className="card__meta">{t('projects.budget', { amount: formatYuan(project.budgetFen) })}</Text>
            </View>

            {/* Rating comes first: after acceptance it is the one thing this page asks of a resident. */}
            <Section title={t('rating.title')}>
              {ratings.data?.window ? (
                <View>
                  <Text className="card__meta" style={{ display: 'block' }}>
                    {t('rating.window', { from: formatDateTime(ratings.data.window.opensAt), to: formatDateTime(ratings.data.window.closesAt) })}
                  </Text>
                  {ratings.data.ratings.map((r) => (
                    <View key={r.id} data-testid="my-rating">
                      <Text className="card__meta" style={{ display: 'block' }}>
                        {t('rating.mine', { n: r.overall })}
                      </Text>
                      {r.comment && (
                        <Text className="card__meta" style={{ display: 'block' }}>
                          {r.comment}
                        </Text>
                      )}
                      {r.photoFileId && (
                        <View className="file-images" data-testid="my-rating-photo">
                          <FileImage fileId={r.photoFileId} alt={t('photo.ratingLabel')} />
                        </View>
                      )}
                    </View>
                  ))}
                  {ratings.data.window.open ? (
                    <Button className="btn" onClick={() => Taro.navigateTo({ url: `/pages/resident/rating/index?id=${project.id}` })} data-testid="go-rating">
                      {t(ratings.data.ratings.length ? 'rating.edit' : 'rating.start')}
                    </Button>
                  ) : (
                    <Text className="muted">{t('rating.closed')}</Text>
                  )}
                </View>
              ) : (
                <Text className="muted">{t('rating.notYet')}</Text>
              )}
            </Section>

            <Section title={t('project.timeline')} testId="project-timeline">
              <Timeline steps={projectTimeline(project.status, project.transitions, (s) => t(`project.status.${s}`), formatDateTime)} />
            </Section>

            <Section title={t('project.items')}>
              <StateView empty={project.items.length === 0} emptyText={t('project.noItems')}>
                <BarChart
                  bars={progressBars(
                    project.items.map((i) => ({
                      id: i.id,
                      name: `${pickText(i.name, i.nameBo, lang).text}（${t(`category.${i.category}`)}）`,
                      percent: i.percent,
                    })),
                  )}
                  testId="items-chart"
                  labelMark={(_l, key) => {
                    const it = project.items.find((i) => i.id === key);
                    return pickText(it?.name, it?.nameBo, lang).fallback ? 'zh' : undefined;
                  }}
                />
                {project.items.map((i) => (
                  <View key={i.id} className="kv">
                    <Text className="kv__k">
                      <BiText zh={i.name} bo={i.nameBo} /> · {i.quantity}
                      <BiText zh={i.unit} />
                    </Text>
                    <Text className="kv__v">
                      {formatYuan(i.budgetFen)} {t('common.yuan')}
                    </Text>
                  </View>
                ))}
              </StateView>
            </Section>

            <Section title={t('project.progress')}>
              <StateView
                loading={progress.loading && !progress.data}
                error={progress.error}
                onRetry={progress.reload}
                empty={(progress.data ?? []).length === 0}
                emptyText={t('project.noProgress')}
              >
                {photos.length > 0 && (
                  <View className="file-images">
                    {photos.slice(0, 9).map((f) => (
                      <FileImage key={f} fileId={f} group={photos} />
                    ))}
                  </View>
                )}
                {(progress.data ?? []).slice(0, 5).map((u) => (
                  <View key={u.id} className="list-row">
                    <View className="list-row__main">
                      <Text className="list-row__title">{u.note || u.items.map((i) => `${i.name} ${i.percent}%`).join('，')}</Text>
                      <Text className="list-row__meta">{formatDateTime(u.at)}</Text>
                    </View>
                  </View>
                ))}
              </StateView>
            </Section>

            <Section title={t('project.funding')} testId="funding">
              {project.funding ? (
                <View>
                  <BarChart
                    bars={fundingBars(
                      project.funding.lines.map((l) => ({ ...l, label: fundingLabel(t, l.kind, l.label) })),
                      project.funding.totalFen,
                      (f) => `${formatYuan(f)} ${t('common.yuan')}`,
                    )}
                    showPercent
                    testId="funding-chart"
                    labelMark={(label, key) => (key.startsWith('utility') ? 'name' : lang === 'bo' && /[\u3400-\u9fff]/.test(label) ? 'zh' : undefined)}
                  />
                  <View className="kv">
                    <Text className="kv__k">{t('project.fundingTotal')}</Text>
                    <Text className="kv__v">
                      {formatYuan(project.funding.totalFen)} {t('common.yuan')}
                    </Text>
                  </View>
                  <Text className={`badge ${project.funding.balanced ? 'badge--ok' : 'badge--warn'}`}>
                    {t(project.funding.balanced ? 'project.balanced' : 'project.unbalanced')}
                  </Text>
                  {/* The server's sentence is Chinese; the badge above says the same in the reader's language. */}
                  {lang === 'zh' && (
                    <Text className="card__meta" style={{ display: 'block' }}>
                      {project.funding.balanceText}
                    </Text>
                  )}
                </View>
              ) : (
                <Text className="muted">{t('project.noFunding')}</Text>
              )}
            </Section>

            {(elevator.data?.shares.length ?? 0) > 0 && (
              <Section title={t('project.elevator')}>
                {elevator.data!.shares.map((s) => (
                  <View key={s.dwellingId}>
                    <View className="kv">
                      <Text className="kv__k">{s.dwellingLabel}</Text>
                      <Text className="kv__v">
                        {formatYuan(s.shareFen)} {t('common.yuan')}
                      </Text>
                    </View>
                    <Text className="card__meta">{s.explanation}</Text>
                  </View>
                ))}
              </Section>
            )}

            <Section title={t('pledge.mine')} testId="my-pledges">
              <StateView
                loading={pledges.loading && !pledges.data}
                error={pledges.error}
                onRetry={pledges.reload}
                empty={(pledges.data ?? []).length === 0}
                emptyText={t('pledge.none')}
              >
                <MyPledges
                  pledges={pledges.data ?? []}
                  describe={(pl) => pledgeWhat(t, pl)}
                  cancel={cancelPledge}
                  onChanged={() => {
                    pledges.reload();
                    ledger.reload();
                  }}
                />
              </StateView>
              <Button className="btn" onClick={() => Taro.navigateTo({ url: `/pages/resident/pledge/index?id=${project.id}` })} data-testid="go-pledge">
                {t('pledge.new')}
              </Button>
            </Section>

            <Section title={t('ledger.title')} testId="ledger">
              <StateView loading={ledger.loading && !ledger.data} error={ledger.error} onRetry={ledger.reload}>
                {ledger.data && (
                  <View>
                    <BarChart
                      bars={[
                        {
                          key: 'received',
                          label: t('ledger.received'),
                          value: ledger.data.receivedFen,
                          valueText: `${formatYuan(ledger.data.receivedFen)} / ${formatYuan(ledger.data.residentsShareFen)} ${t('common.yuan')}`,
                          permille: permilleOf(ledger.data.receivedFen, ledger.data.residentsShareFen),
                          width: Math.round(permilleOf(ledger.data.receivedFen, ledger.data.residentsShareFen) / 10),
                          tone: 'good',
                        },
                      ]}
                    />
                    <Text className="card__meta">
                      {t('ledger.progress', { p: formatPermille(permilleOf(ledger.data.receivedFen, ledger.data.residentsShareFen)) })}
                    </Text>
                    <View className="kv">
                      <Text className="kv__k">{t('ledger.money')}</Text>
                      <Text className="kv__v">
                        {formatYuan(ledger.data.active.moneyFen)} {t('common.yuan')} · {t('ledger.count', { n: ledger.data.active.moneyCount })}
                      </Text>
                    </View>
                    <View className="kv">
                      <Text className="kv__k">{t('ledger.labour')}</Text>
                      <Text className="kv__v">
                        {t('pledge.days', { n: ledger.data.active.labourDays })} · {t('ledger.count', { n: ledger.data.active.labourCount })}
                      </Text>
                    </View>
                    {ledger.data.active.materials.map((m) => (
                      <View key={m.item + m.unit} className="kv">
                        <Text className="kv__k">{pledgeWord(t, m.item)}</Text>
                        <Text className="kv__v">
                          {m.quantity}
                          {pledgeWord(t, m.unit)}
                        </Text>
                      </View>
                    ))}
                    <Text className="form-label">{t('ledger.entries')}</Text>
                    {ledger.data.entries.length === 0 && <Text className="muted">{t('pledge.none')}</Text>}
                    {ledger.data.entries.slice(0, 30).map((e, i) => {
                      const row = ledgerRow(t, e);
                      return (
                        <View key={i} className="list-row" data-testid="ledger-row">
                          <View className="list-row__main">
                            <Text className="list-row__title">
                              <Text data-proper-name="1">{e.pledger}</Text> · {row.what}
                            </Text>
                            <Text className="list-row__meta">
                              {row.dwelling} · {formatDateTime(e.at)}
                            </Text>
                          </View>
                          <Text className="badge">{row.status}</Text>
                        </View>
                      );
                    })}
                  </View>
                )}
              </StateView>
            </Section>
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
