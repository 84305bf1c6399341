import { Text } from '@tarojs/components';

/** Put in place of a `{name}` variable of a translated sentence; `<Named>` swaps it for the marked name. */
export const NAME = '\u2063';

/**
 * A sentence with a proper name from the roster (a dwelling "2栋2单元102", a building) inside it: the name is shown
 * as written and marked, so the Tibetan language check knows this Chinese is a name, not an untranslated text.
 */
export default function Named({ text, name, className }: { text: string; name: string; className?: string }) {
  const [before, after] = text.includes(NAME) ? text.split(NAME) : [text, ''];
  return (
    <Text className={className}>
      {before}
      {text.includes(NAME) && <Text data-proper-name="1">{name}</Text>}
      {after}
    </Text>
  );
}
