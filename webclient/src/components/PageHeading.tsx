import { useEffect, useRef } from 'preact/hooks';

/**
 * The page's h1, focused when the page appears (after login or restore) so keyboard and
 * screen-reader users start at the top of the new page instead of a vanished form field.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 class="display-name" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
