import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '../../../test/taroEvents';
import { ApiError } from '../../services/api';
import { acceptPhotos, type PickedPhoto } from '../../services/uploads';
import ObjectionForm from '../ObjectionForm';
import RatingForm from '../RatingForm';

const MB = 1024 * 1024;
const photo = (name: string, size: number, type = 'image/jpeg'): PickedPhoto => ({ path: `blob:${name}`, name, size, blob: new Blob(['x'], { type }) });

describe('acceptPhotos', () => {
  it('keeps pictures within the size and count limits and names the first problem', () => {
    expect(acceptPhotos([photo('a.jpg', MB), photo('b.png', 2 * MB, 'image/png')], 9)).toEqual({
      kept: [photo('a.jpg', MB), photo('b.png', 2 * MB, 'image/png')],
      problem: null,
    });
    const big = acceptPhotos([photo('a.jpg', 6 * MB), photo('b.jpg', MB)], 9, 5 * MB);
    expect(big.kept.map((p) => p.name)).toEqual(['b.jpg']);
    expect(big.problem).toBe('photo.err.tooLarge');
    const many = acceptPhotos([photo('a.jpg', 1), photo('b.jpg', 1), photo('c.jpg', 1)], 2);
    expect(many.kept.map((p) => p.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(many.problem).toBe('photo.err.tooMany');
    expect(acceptPhotos([photo('a.heic', 1, 'image/heic'), photo('b.pdf', 1, 'application/pdf')], 9)).toEqual({ kept: [], problem: 'photo.err.type' });
  });
});

describe('objection photos', () => {
  it('uploads each picked photo, says why one was left out, and sends the stored ids with the text', async () => {
    const upload = jest.fn(async (p: PickedPhoto) => `${p.name.replace(/\W/g, '')}`.padEnd(24, '0'));
    const onSubmit = jest.fn(async (_t: string, _k: string, _ids: string[]) => undefined);
    const choose = jest.fn(async (_n: number) => [photo('crack.jpg', MB), photo('huge.jpg', 6 * MB)]);
    render(<ObjectionForm onSubmit={onSubmit} uploadPhoto={upload} choosePhotos={choose} />);
    expect(screen.getByTestId('objection-photos').textContent).toContain('最多 9 张，每张不超过 5MB');
    await act(async () => fireEvent.click(screen.getByTestId('objection-photos-add')));
    expect(choose).toHaveBeenCalledWith(9);
    expect(screen.getByTestId('objection-photos-problem').textContent).toBe('有照片超过 5MB，没有添加');
    await waitFor(() => expect(screen.getByTestId('objection-photos-item').getAttribute('data-state')).toBe('done'));
    expect(upload).toHaveBeenCalledTimes(1);
    typeInto(screen.getByTestId('objection-text'), '楼道墙面有裂缝，方案里没有');
    fireEvent.click(screen.getByTestId('objection-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][2]).toEqual(['crackjpg'.padEnd(24, '0')]);
    // Cleared for the next objection.
    await waitFor(() => expect(screen.queryByTestId('objection-photos-item')).toBeNull());
  });

  it('blocks sending while a photo failed, shows the server message, and retries or removes it', async () => {
    let fail = true;
    const upload = jest.fn(async () => {
      if (fail) throw new ApiError(415, 'FILE_TYPE_NOT_ALLOWED', '文件类型不被允许（仅支持图片或 PDF）');
      return 'f'.repeat(24);
    });
    const onSubmit = jest.fn(async (_t: string, _k: string, _ids: string[]) => undefined);
    render(<ObjectionForm onSubmit={onSubmit} uploadPhoto={upload} choosePhotos={async () => [photo('a.jpg', 10)]} />);
    await act(async () => fireEvent.click(screen.getByTestId('objection-photos-add')));
    expect((await screen.findByTestId('objection-photos-error')).textContent).toBe('照片上传失败：文件类型不被允许（仅支持图片或 PDF）');
    typeInto(screen.getByTestId('objection-text'), '楼道墙面有裂缝，方案里没有');
    fireEvent.click(screen.getByTestId('objection-submit'));
    expect(screen.getByTestId('objection-error').textContent).toBe('有照片没有传上去，请点它重试或删除');
    expect(onSubmit).not.toHaveBeenCalled();
    fail = false;
    await act(async () => fireEvent.click(screen.getByTestId('objection-photos-retry')));
    await waitFor(() => expect(screen.getByTestId('objection-photos-item').getAttribute('data-state')).toBe('done'));
    fireEvent.click(screen.getByTestId('objection-photos-remove'));
    expect(screen.queryByTestId('objection-photos-item')).toBeNull();
    fireEvent.click(screen.getByTestId('objection-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][2]).toEqual([]);
  });
});

describe('rating photo', () => {
  const D = 'd'.repeat(24);
  it('allows one photo, and removing the saved one sends null', async () => {
    const onSubmit = jest.fn(async (_d: string, _r: unknown, _p: string | null) => undefined);
    const choose = jest.fn(async (_n: number) => [photo('a.jpg', 10)]);
    render(
      <RatingForm
        dwellings={[{ id: D, label: '101' }]}
        items={[]}
        onSubmit={onSubmit}
        choosePhotos={choose}
        initial={{ dwellingId: D, overall: 4, items: [], comment: null, photoFileId: 'a'.repeat(24) }}
        uploadPhoto={async () => 'b'.repeat(24)}
      />,
    );
    expect(screen.getAllByTestId('rating-photos-item')).toHaveLength(1);
    expect(screen.queryByTestId('rating-photos-add')).toBeNull(); // full: one photo
    fireEvent.click(screen.getByTestId('rating-photos-remove'));
    fireEvent.click(screen.getByTestId('rating-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(D, { overall: 4, items: {}, comment: '' }, null));
    await act(async () => fireEvent.click(screen.getByTestId('rating-photos-add')));
    expect(choose).toHaveBeenCalledWith(1);
    await waitFor(() => expect(screen.getByTestId('rating-photos-item').getAttribute('data-state')).toBe('done'));
    fireEvent.click(screen.getByTestId('rating-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenLastCalledWith(D, { overall: 4, items: {}, comment: '' }, 'b'.repeat(24)));
  });
});
