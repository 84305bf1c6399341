import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A titled card: the building block of the detail pages. */
export default function Section({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <View className="card section" data-testid={testId}>
      <View className="section__head">
        <Text className="card__title section__title">{title}</Text>
        {extra}
      </View>
      {children}
    </View>
  );
}
