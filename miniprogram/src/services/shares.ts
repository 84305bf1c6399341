// A household's estimated share of an option's cost. Deep import: the rules file only, no zod in the bundle.
import { allocateByWeights } from '@gongzhi/shared/src/rules/shares';

/**
 * The committee gives an average per household (householdShareFen). The residents' total is that average times the
 * dwellings in the electorate, and it is split by exclusive area — the usual basis — to the fen, so the shares of
 * all households add up exactly. Returns null when there is nothing to estimate from.
 */
export function estimateHouseholdShare(input: {
  averageFen: number | undefined;
  dwellings: number;
  totalAreaHundredths: number;
  myAreaHundredths: number;
}): { shareFen: number; totalFen: number } | null {
  const { averageFen, dwellings, totalAreaHundredths, myAreaHundredths } = input;
  if (!averageFen || dwellings <= 0 || totalAreaHundredths <= 0 || myAreaHundredths <= 0 || myAreaHundredths > totalAreaHundredths) return null;
  const totalFen = averageFen * dwellings;
  const [shareFen] = allocateByWeights(totalFen, [myAreaHundredths, totalAreaHundredths - myAreaHundredths]);
  return { shareFen, totalFen };
}
