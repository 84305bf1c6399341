import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RatingDraft } from '../../services/validation';
import RatingForm from './index';

const D = 'd'.repeat(24);
const star = (testId: string, n: number) => screen.getByTestId(testId).querySelector(`[data-star="${n}"]`)!;

describe('rating form', () => {
  it('needs the overall score before sending', () => {
    const onSubmit = jest.fn(async (_d: string, _r: RatingDraft, _p: string | null) => undefined);
    render(<RatingForm dwellings={[{ id: D, label: '101' }]} items={[{ id: 'roof', name: '屋面防水' }]} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('rating-submit'));
    expect(screen.getByTestId('rating-error').textContent).toBe('请为总体满意度打分（1–5 星）');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('stars set the score (shown in words) and item scores are sent with it', async () => {
    const onSubmit = jest.fn(async (_d: string, _r: RatingDraft, _p: string | null) => undefined);
    render(<RatingForm dwellings={[{ id: D, label: '101' }]} items={[{ id: 'roof', name: '屋面防水' }]} onSubmit={onSubmit} />);
    fireEvent.click(star('rating-overall', 4));
    expect(screen.getByTestId('rating-overall').textContent).toContain('满意');
    fireEvent.click(star('rating-item-roof', 5));
    fireEvent.click(screen.getByTestId('rating-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(D, { overall: 4, items: { roof: 5 }, comment: '' }, null));
  });

  it('starts from the saved rating when changing it', () => {
    render(
      <RatingForm
        dwellings={[{ id: D, label: '101' }]}
        items={[]}
        initial={{ dwellingId: D, overall: 2, items: [], comment: '太慢' }}
        onSubmit={async () => undefined}
      />,
    );
    expect(screen.getByTestId('rating-overall').querySelectorAll('.stars__star--on').length).toBe(2);
  });

  it('without WeChat (H5 login) it offers no comment box, says where to write one, and sends the stars', async () => {
    const onSubmit = jest.fn(async (_d: string, _r: RatingDraft, _p: string | null) => undefined);
    render(<RatingForm dwellings={[{ id: D, label: '101' }]} items={[]} onSubmit={onSubmit} commentAllowed={false} />);
    expect(screen.queryByTestId('rating-comment')).toBeNull();
    expect(screen.getByTestId('rating-comment-wechat').textContent).toContain('微信小程序');
    fireEvent.click(star('rating-overall', 3));
    fireEvent.click(screen.getByTestId('rating-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(D, { overall: 3, items: {}, comment: '' }, null));
  });
});
