// Ranking of evaluated projects: higher total first; equal totals share a rank (1, 1, 3 …) and are listed by
// complex code so the order is reproducible.
export interface RankableEvaluation {
  complexCode: string;
  totalHundredths: number;
}

export type RankedEvaluation<T extends RankableEvaluation> = T & { rank: number };

export function rankEvaluations<T extends RankableEvaluation>(rows: readonly T[]): RankedEvaluation<T>[] {
  const sorted = [...rows].sort(
    (a, b) => b.totalHundredths - a.totalHundredths || (a.complexCode < b.complexCode ? -1 : a.complexCode > b.complexCode ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.totalHundredths !== sorted[i - 1].totalHundredths) rank = i + 1;
    return { ...r, rank };
  });
}
