import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface Props {
  heading: string;
  /** What the task is about (a vote's title, a notice's title), already in the reader's language. */
  body?: ReactNode;
  hint?: string;
  action?: string;
  onGo?: () => void;
  testId?: string;
}

/** The one thing to do now, first on the home screen, big enough to find without scrolling. */
export default function TaskCard({ heading, body, hint, action, onGo, testId }: Props) {
  return (
    <View className="task-card" data-testid={testId ?? 'task-card'} onClick={onGo}>
      <Text className="task-card__heading">{heading}</Text>
      {body && <View className="task-card__body">{body}</View>}
      {hint && <Text className="task-card__hint">{hint}</Text>}
      {action && (
        <Button className="btn task-card__go" data-testid="task-go">
          {action}
        </Button>
      )}
    </View>
  );
}
