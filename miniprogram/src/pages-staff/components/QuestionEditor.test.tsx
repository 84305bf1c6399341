import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { editableQuestions, type EditableQuestion } from '../lib/consultationForm';
import QuestionEditor from './QuestionEditor';

const [question] = editableQuestions([
  {
    id: 'design',
    title: '请选择改造设计方案',
    format: 'pick_one',
    rule: 'civil_major',
    options: [
      { id: 'plan-a', label: '方案一', costFen: 0 },
      { id: 'plan-b', label: '方案二', costFen: 0 },
    ],
  },
]);

describe('question editor', () => {
  it('shows the validation message next to the field it belongs to', () => {
    render(
      <QuestionEditor
        index={0}
        kind="how"
        question={question}
        errors={{ 'q0.o1.cost': 'staff.form.badMoney', 'q0.title': 'staff.form.required' }}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByText('请填写金额（元），最多两位小数')).toBeTruthy();
    expect(screen.getByText('请填写此项')).toBeTruthy();
  });

  it('changes the counting rule by tapping, offering only the rules a decision may use', () => {
    const onChange = jest.fn<(q: EditableQuestion) => void>();
    render(<QuestionEditor index={0} kind="how" question={question} errors={{}} onChange={onChange} />);
    expect(screen.queryByText('问卷')).toBeNull();
    fireEvent.click(screen.getByText('双过半'));
    expect(onChange.mock.calls[0][0].rule).toBe('civil_ordinary');
  });
});
