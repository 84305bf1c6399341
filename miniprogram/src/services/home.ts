import { fetchMyBallots } from './resident';
import { fetchConsultations, type ConsultationSummary } from './views';

/** Open consultations, each marked whether one of my dwellings in its electorate has not voted yet. */
export async function openConsultationsForMe(limit = 5): Promise<{ item: ConsultationSummary; needsVote: boolean }[]> {
  const open = await fetchConsultations({ status: 'open', limit });
  return Promise.all(
    open.map(async (item) => {
      try {
        const mine = await fetchMyBallots(item.id);
        return { item, needsVote: mine.items.some((d) => d.inElectorate && d.answers.length === 0) };
      } catch {
        return { item, needsVote: false };
      }
    }),
  );
}
