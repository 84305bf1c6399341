import { fetchMyBallots } from './resident';
import { fetchConsultations, type ConsultationSummary } from './views';

export interface MarkedConsultation {
  item: ConsultationSummary;
  /** One of my dwellings in its electorate has not voted yet. */
  needsVote: boolean;
  /** Every one of my dwellings in its electorate has voted (the list's "✓ voted" mark). */
  voted: boolean;
}

async function mark(item: ConsultationSummary): Promise<MarkedConsultation> {
  if (item.status === 'draft' || item.status === 'scheduled') return { item, needsVote: false, voted: false };
  try {
    const mine = (await fetchMyBallots(item.id)).items.filter((d) => d.inElectorate);
    const needsVote = item.status === 'open' && mine.some((d) => d.answers.length === 0);
    return { item, needsVote, voted: mine.length > 0 && mine.every((d) => d.answers.length > 0) };
  } catch {
    return { item, needsVote: false, voted: false };
  }
}

/** Open consultations, each marked whether one of my dwellings in its electorate has not voted yet. */
export async function openConsultationsForMe(limit = 5): Promise<MarkedConsultation[]> {
  return Promise.all((await fetchConsultations({ status: 'open', limit })).map(mark));
}

/** Every consultation I can see, with my voted / needs-vote marks. */
export async function consultationsForMe(): Promise<MarkedConsultation[]> {
  return Promise.all((await fetchConsultations()).map(mark));
}
