import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import AudioButton from '../../../components/AudioButton';
import BallotForm from '../../../components/BallotForm';
import BiText from '../../../components/BiText';
import ConfirmSheet from '../../../components/ConfirmSheet';
import LoginButton from '../../../components/LoginButton';
import Named, { NAME } from '../../../components/Named';
import PageShell from '../../../components/PageShell';
import ResultView from '../../../components/ResultView';
import Section from '../../../components/Section';
import StateView from '../../../components/StateView';
import TallyView from '../../../components/TallyView';
import { useRemote } from '../../../hooks/useRemote';
import { useRealtimeRoom } from '../../../hooks/useRealtime';
import { useI18n } from '../../../i18n';
import { errorMessage, newIdempotencyKey } from '../../../services/api';
import { pickText } from '../../../services/bilingual';
import { answersToDraft, ballotProblems, draftToAnswers, type BallotDraft } from '../../../services/ballot';
import { hundredthsText } from '../../../services/labels';
import { saveReceipt } from '../../../services/receipts';
import { castBallot, fetchConsultation, fetchMyBallots, fetchTally } from '../../../services/resident';
import { estimateHouseholdShare } from '../../../services/shares';
import type { Answer, LiveTally, MyBallot, QuestionOption, Receipt } from '../../../services/types';
import { formatDateTime, formatYuan } from '../../../utils/format';
import { summarizeAnswer, timeLeft } from './summary';
import './index.scss';

/** 议事详情: the question in plain words, live participation, my vote (with confirmation and receipt), the result. */
export default function ConsultationPage() {
  const { t, lang } = useI18n();
  // Staff-typed texts in the reader's language: the bo sibling, else the template's Tibetan, else the Chinese.
  const tx = (s: string, bo?: string | null) => pickText(s, bo, lang).text;
  const id = useRouter().params.id ?? '';
  const c = useRemote(() => fetchConsultation(id), [id]);
  const mine = useRemote(() => fetchMyBallots(id), [id]);
  const live = useRemote(() => fetchTally(id), [id]);
  const [tally, setTally] = useState<LiveTally | undefined>();
  const [dwellingId, setDwellingId] = useState<string | null>(null);
  const [draft, setDraft] = useState<BallotDraft | null>(null);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const pendingKey = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => setTally(live.data), [live.data]);
  // The ballot opens below the fold on a phone: bring it up, so the first thing seen is the first question.
  const ballotOpen = !!draft;
  useEffect(() => {
    if (ballotOpen) setTimeout(() => void Taro.pageScrollTo({ selector: '#ballot-anchor', duration: 200 }).catch(() => undefined), 50);
  }, [ballotOpen]);
  // The server pushes the live tally to this room after each ballot; a reconnect re-fetches it (useRemote).
  useRealtimeRoom<LiveTally>(id ? `consultation:${id}` : null, 'consultation:tally', (p) => {
    if (p?.consultationId === id) setTally(p);
    if (p && p.status !== c.data?.status) c.reload();
  });

  const view = c.data;
  const voting = (mine.data?.items ?? []).filter((d) => d.inElectorate);
  const firstVoting = voting[0]?.dwellingId;
  useEffect(() => {
    if (!dwellingId && firstVoting) setDwellingId(firstVoting);
  }, [dwellingId, firstVoting]);
  const current: MyBallot | undefined = voting.find((d) => d.dwellingId === dwellingId);
  const hasVoted = (current?.answers.length ?? 0) > 0;
  const open = view?.status === 'open';
  // The server says whether the caller votes here at all; the dwelling picked and its ballot decide the rest.
  const canVoteNow = open && !!view?.abilities?.canVote && current && (!hasVoted || view?.allowChange);
  // Closed before its deadline: the real close time is what residents need, not the old deadline.
  const earlyClosed = !!view?.closedAt && new Date(view.closedAt).getTime() < new Date(view.closesAt).getTime();

  const shareText = (o: QuestionOption): string | null => {
    if (!current || !view?.electorate) return o.householdShareFen ? t('vote.avgShare', { amount: formatYuan(o.householdShareFen) }) : null;
    const est = estimateHouseholdShare({
      averageFen: o.householdShareFen,
      dwellings: view.electorate.dwellings,
      totalAreaHundredths: view.electorate.totalAreaHundredths,
      myAreaHundredths: current.areaHundredths,
    });
    if (!est) return null;
    return t('vote.myShare', { amount: formatYuan(est.shareFen), area: hundredthsText(current.areaHundredths), avg: formatYuan(o.householdShareFen ?? 0) });
  };

  const startVote = () => {
    setReceipt(null);
    setTried(false);
    setDraft(current && hasVoted ? answersToDraft(current.answers) : {});
  };
  const problems = view && draft && tried ? ballotProblems(view.questions, draft) : {};
  const review = () => {
    if (!view || !draft) return;
    setTried(true);
    if (Object.keys(ballotProblems(view.questions, draft)).length > 0) {
      Taro.showToast({ title: t('vote.err.incomplete'), icon: 'none' });
      return;
    }
    setSendError(null);
    setConfirming(true);
  };
  const send = async () => {
    if (!view || !draft || !current) return;
    const answers: Answer[] = draftToAnswers(view.questions, draft);
    const body = JSON.stringify({ d: current.dwellingId, answers });
    // The same confirmed ballot keeps its key across retries (e.g. a timeout), so it is counted once.
    if (pendingKey.current?.body !== body) pendingKey.current = { body, key: newIdempotencyKey() };
    setSending(true);
    setSendError(null);
    try {
      const r = await castBallot(view.id, current.dwellingId, answers, pendingKey.current.key);
      saveReceipt(r, view.title, current.label);
      pendingKey.current = null;
      setReceipt(r);
      setConfirming(false);
      setDraft(null);
      mine.reload();
      live.reload();
    } catch (e) {
      setSendError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <PageShell titleKey="consultation.title">
      <StateView loading={c.loading && !view} error={c.error} onRetry={c.reload} action={c.status === 401 ? <LoginButton /> : undefined}>
        {view && (
          <View>
            <View className="card">
              <View className="consultation-card__head">
                <Text className={`tag ${open ? 'tag--open' : ''}`}>{t(`consultation.status.${view.status}`)}</Text>
                <Text className="card__meta consultation-card__kind">{t(`consultation.kind.${view.kind}`)}</Text>
              </View>
              <BiText className="consultation-title" testId="consultation-title" zh={view.title} bo={view.titleBo} />
              <AudioButton clips={view.audio} />
              {view.description ? <BiText className="consultation-desc" testId="consultation-desc" zh={view.description} bo={view.descriptionBo} /> : null}
              <View className="kv">
                <Text className="kv__k">{t(earlyClosed ? 'consultation.closedAt' : 'consultation.deadline')}</Text>
                <Text className="kv__v" data-testid="consultation-deadline">
                  {formatDateTime(earlyClosed ? view.closedAt! : view.closesAt)}
                </Text>
              </View>
              {open && <Text className="consultation-left">{timeLeft(t, view.closesAt)}</Text>}
              <View className="kv">
                <Text className="kv__k">{t('consultation.changeRule')}</Text>
                <Text className="kv__v">{t(view.allowChange ? 'consultation.changeAllowed' : 'consultation.changeNotAllowed')}</Text>
              </View>
            </View>

            <Section title={t('consultation.rule')}>
              {[...new Set(view.questions.map((q) => q.rule))].map((rule) => (
                <Text key={rule} className="consultation-rule" data-testid="rule-plain">
                  {t(`rule.${rule}.plain`)}
                </Text>
              ))}
              {view.electorate && (
                <Text className="card__meta">
                  {t('consultation.electorate', {
                    dwellings: view.electorate.dwellings,
                    area: hundredthsText(view.electorate.totalAreaHundredths),
                    headcount: view.electorate.totalHeadcount,
                  })}
                </Text>
              )}
            </Section>

            {(open || view.status === 'scheduled') && (
              <Section title={t('consultation.live')} testId="live-section">
                <StateView loading={live.loading && !tally} error={live.error} onRetry={live.reload}>
                  {tally && <TallyView tally={tally} />}
                  <Text className="card__meta" data-testid="live-results-rule">
                    {view.liveResults?.enabled ? t('tally.liveReason', { reason: view.liveResults.reason ?? '' }) : t('tally.hiddenUntilClose')}
                  </Text>
                </StateView>
              </Section>
            )}

            {receipt && (
              <View className="card receipt-card" data-testid="receipt">
                <Text className="card__title">✓ {t('vote.receiptTitle')}</Text>
                <Text className="card__meta">{t('vote.receiptHint')}</Text>
                <Text className="big-code mono" data-testid="receipt-code">
                  {receipt.receiptCode}
                </Text>
                <Text className="card__meta">{t('vote.receiptMeta', { seq: receipt.seq, at: formatDateTime(receipt.castAt) })}</Text>
                <Button
                  className="btn btn--ghost"
                  onClick={() => Taro.navigateTo({ url: `/pages/resident/receipt/index?id=${view.id}&code=${receipt.receiptCode}` })}
                >
                  {t('vote.verify')}
                </Button>
              </View>
            )}

            <Section title={t('consultation.myVote')} testId="my-vote">
              <StateView
                loading={mine.loading && !mine.data}
                error={mine.error}
                onRetry={mine.reload}
                empty={voting.length === 0}
                emptyText={t('consultation.notEligible')}
              >
                {voting.length > 1 && (
                  <View className="chips">
                    {voting.map((d) => (
                      <View
                        key={d.dwellingId}
                        className={`chip ${d.dwellingId === dwellingId ? 'chip--on' : ''}`}
                        onClick={() => {
                          setDwellingId(d.dwellingId);
                          setDraft(null);
                        }}
                      >
                        <Text data-proper-name="1">{d.label}</Text>
                      </View>
                    ))}
                  </View>
                )}
                {current && (
                  <View>
                    <Text className="card__meta">
                      <Text data-proper-name="1">{current.label}</Text> · {t('dwelling.area', { area: `${hundredthsText(current.areaHundredths)}㎡` })} ·{' '}
                      {t(`via.${current.via}`)}
                    </Text>
                    {hasVoted ? (
                      <View data-testid="my-answers">
                        <Text className="badge badge--ok">{t('vote.voted')}</Text>
                        {view.questions.map((q) => (
                          <Text key={q.id} className="card__meta" style={{ display: 'block' }}>
                            {tx(q.title, q.titleBo)}：
                            {summarizeAnswer(
                              t,
                              q,
                              current.answers.find((a) => a.questionId === q.id),
                              tx,
                            )}
                          </Text>
                        ))}
                        {current.receipts.length > 0 && (
                          <Text className="card__meta mono">{t('vote.lastReceipt', { code: current.receipts[current.receipts.length - 1].receiptCode })}</Text>
                        )}
                      </View>
                    ) : (
                      <Text className="badge badge--warn">{t('vote.notVoted')}</Text>
                    )}
                    {open && hasVoted && !view.allowChange && <Text className="card__meta">{t('consultation.changeNotAllowed')}</Text>}
                    {!open && view.status !== 'closed' && view.status !== 'announced' && (
                      <Text className="card__meta">{t('consultation.notOpenYet', { date: formatDateTime(view.opensAt) })}</Text>
                    )}
                  </View>
                )}
              </StateView>
            </Section>

            {draft && canVoteNow && (
              <Section title={t('vote.formTitle')} testId="ballot">
                <View id="ballot-anchor" />
                <BallotForm questions={view.questions} draft={draft} onChange={setDraft} problems={problems} shareText={shareText} audio={view.audio} />
              </Section>
            )}

            {/* The one action of this page stays under the thumb however long the page is. */}
            {canVoteNow && (
              <View className="vote-bar" data-testid="vote-bar">
                {draft ? (
                  <View className="btn-row">
                    <Button className="btn btn--plain" onClick={() => setDraft(null)}>
                      {t('common.cancel')}
                    </Button>
                    <Button className="btn" onClick={review} data-testid="review-vote">
                      {t('vote.review')}
                    </Button>
                  </View>
                ) : (
                  <Button className="btn" onClick={startVote} data-testid="start-vote">
                    {t(hasVoted ? 'vote.change' : 'vote.start')}
                  </Button>
                )}
              </View>
            )}
            {canVoteNow && <View className="vote-bar__spacer" />}

            {view.result && (
              <Section title={t('consultation.result')}>
                <ResultView result={view.result} questions={view.questions} />
                {mine.data?.items.some((d) => d.receipts.length > 0) && (
                  <Button className="btn btn--ghost" onClick={() => Taro.navigateTo({ url: `/pages/resident/receipts/index?id=${view.id}` })}>
                    {t('vote.verifyMine')}
                  </Button>
                )}
              </Section>
            )}

            <ConfirmSheet
              open={confirming}
              title={t('vote.confirmTitle')}
              confirmText={t('vote.confirm')}
              busy={sending}
              error={sendError}
              onCancel={() => setConfirming(false)}
              onConfirm={() => void send()}
            >
              <Named className="card__meta" text={t('vote.confirmFor', { label: NAME })} name={current?.label ?? ''} />
              {draft &&
                view.questions.map((q) => (
                  <View key={q.id} className="kv">
                    <Text className="kv__k">{tx(q.title, q.titleBo)}</Text>
                    <Text className="kv__v" data-testid="confirm-answer">
                      {summarizeAnswer(t, q, draftToAnswers([q], draft)[0], tx)}
                    </Text>
                  </View>
                ))}
              <Text className="card__meta">{t(view.allowChange ? 'vote.confirmChangeable' : 'vote.confirmFinal')}</Text>
            </ConfirmSheet>
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
