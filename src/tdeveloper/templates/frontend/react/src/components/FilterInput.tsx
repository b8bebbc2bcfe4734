import { useEffect, useEffectEvent, useRef, useState } from "react";

/** How long typing may pause before the list is asked again. */
export const FILTER_DELAY_MS = 250;

interface Props {
  /** The filter in the URL. */
  value: string;
  onFilter(q: string): void;
}

/**
 * A search box that reports what is typed once typing pauses. It follows the URL when the URL
 * changes for another reason (a nav link, the back button) but not while echoing its own text.
 */
export function FilterInput({ value, onFilter }: Props) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const report = useEffectEvent((q: string) => onFilter(q));

  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(value);
  }, [value]);

  useEffect(() => {
    if (text === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = text;
      report(text);
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <input
      type="search"
      aria-label="Filter"
      placeholder="Filter…"
      value={text}
      onChange={(event) => setText(event.target.value)}
    />
  );
}
