import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import BarChart from './BarChart';

describe('staff bar chart', () => {
  it('draws one bar per row with its width, value, detail and the quorum marker', () => {
    const { container } = render(
      <BarChart
        marker={{ percent: 66.7, label: '竖线：三分之二' }}
        bars={[
          { key: 'b1', label: '1栋', percent: 75, valueText: '75.0%', detail: '12 / 16 户', tone: 'good' },
          { key: 'b2', label: '2栋', percent: 12.5, valueText: '12.5%', tone: 'bad' },
        ]}
      />,
    );
    expect(screen.getByText('1栋')).toBeTruthy();
    expect(screen.getByText('12 / 16 户')).toBeTruthy();
    const fills = container.querySelectorAll<HTMLElement>('.st-bars__fill');
    expect([...fills].map((f) => f.style.width)).toEqual(['75%', '12.5%']);
    expect(fills[0].className).toContain('st-bars__fill--good');
    expect(container.querySelectorAll('.st-bars__marker')).toHaveLength(2);
    expect(screen.getByText('竖线：三分之二')).toBeTruthy();
  });

  it('says so when there is nothing to draw', () => {
    render(<BarChart bars={[]} emptyText='暂时没有内容' />);
    expect(screen.getByText('暂时没有内容')).toBeTruthy();
  });
});
