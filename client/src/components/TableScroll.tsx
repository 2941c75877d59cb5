import type { ReactNode } from 'react';

/**
 * A wide table's box, scrolling sideways on a narrow screen (`sticky`: its first column and
 * header stay in view). Focusable and named, so a keyboard can scroll it too.
 */
export function TableScroll({
  label,
  sticky = false,
  children,
}: {
  label: string;
  sticky?: boolean;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: axe's scrollable-region-focusable: a region that scrolls must take focus for a keyboard to scroll it (WCAG 2.1.1).
    <section className={sticky ? 'table-scroll is-sticky' : 'table-scroll'} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
