import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import BarChart from './index';
import { toBars } from './data';

describe('bar chart', () => {
  it('draws one bar per row with its width, figure and percent, and the threshold line', () => {
    render(
      <BarChart
        bars={toBars(
          [
            { key: 'approve', label: '同意', value: 3, tone: 'good' },
            { key: 'reject', label: '反对', value: 1, tone: 'bad' },
          ],
          { base: 4, format: (v) => `${v} 户` },
        )}
        showPercent
        markerPercent={75}
        markerLabel="需要 75%"
        testId="chart"
      />,
    );
    const rows = screen.getByTestId('chart').querySelectorAll('.bar-chart__row');
    expect(rows.length).toBe(2);
    expect(rows[0].textContent).toContain('同意');
    expect(rows[0].textContent).toContain('3 户 · 75%');
    expect((rows[0].querySelector('.bar-chart__bar') as HTMLElement).style.width).toBe('75%');
    expect(rows[1].querySelector('.bar-chart__bar--bad')).not.toBeNull();
    expect(screen.getByTestId('chart').querySelectorAll('.bar-chart__marker').length).toBe(2);
    expect(screen.getByText('需要 75%')).toBeTruthy();
  });

  it('draws staff bars too: the small print under a bar, roster names marked as names, and an empty state', () => {
    const { container } = render(
      <BarChart
        properLabels
        bars={[{ key: 'b1', label: '1栋', value: 12, valueText: '75.0%', permille: 750, width: 75, detail: '12 / 16 户', tone: 'warn' }]}
      />,
    );
    expect(screen.getByText('12 / 16 户')).toBeTruthy();
    expect(screen.getByText('1栋').getAttribute('data-proper-name')).toBe('1');
    expect(container.querySelector('.bar-chart__bar--warn')).not.toBeNull();
    render(<BarChart bars={[]} emptyText="暂时没有内容" />);
    expect(screen.getByText('暂时没有内容')).toBeTruthy();
  });
});
