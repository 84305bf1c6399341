import { replayBallots } from './ballotReplay';

const cast = (seq: number, dwellingId: string, choice: string) => ({ seq, body: { type: 'cast', dwellingId, answers: [{ questionId: 'q', choice }] } });
const resolve = (seq: number, disputedSeq: number, decision: string) => ({ seq, body: { type: 'resolve', dwellingId: 'd1', disputedSeq, decision } });

describe('disputed ballots in the replay', () => {
  it('an upheld dispute drops the ballot, bringing back the one before it', () => {
    const r = replayBallots([cast(1, 'd1', 'approve'), cast(2, 'd1', 'reject'), resolve(3, 2, 'uphold')]);
    expect(r.ballots).toEqual([expect.objectContaining({ dwellingId: 'd1', seq: 1, answer: { questionId: 'q', choice: 'approve' } })]);
    expect(r.droppedSeqs).toEqual([2]);
    expect(r.disputes).toEqual([{ disputedSeq: 2, resolution: { decision: 'uphold', seq: 3 } }]);
  });
  it('an upheld dispute of the only ballot leaves none; keep leaves it; the first decision wins; after the seal nothing counts', () => {
    expect(replayBallots([cast(1, 'd1', 'reject'), resolve(2, 1, 'uphold'), resolve(3, 1, 'keep')]).ballots).toEqual([]);
    expect(replayBallots([cast(1, 'd1', 'reject'), resolve(2, 1, 'keep')]).ballots).toHaveLength(1);
    expect(replayBallots([cast(1, 'd1', 'reject'), { seq: 2, body: { type: 'close' } }, resolve(3, 1, 'uphold')]).ballots).toHaveLength(1);
    expect(replayBallots([cast(1, 'd1', 'reject'), resolve(2, 1, 'bogus')]).ballots).toHaveLength(1);
  });
});
