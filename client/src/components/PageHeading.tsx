import { createContext, useContext, type HTMLAttributes, type ReactNode } from 'react';

/** True inside a screen shown within another page (the agreement beside the call, an outcome under the room's title). */
const EmbeddedContext = createContext(false);

/** Marks its children as part of a page that already has its h1. */
export function EmbeddedPage({ children }: { children: ReactNode }) {
  return <EmbeddedContext.Provider value={true}>{children}</EmbeddedContext.Provider>;
}

/**
 * A screen's main heading: h1 on a page of its own, h2 when embedded, so that every page has
 * exactly one h1 (screen readers jump to it; axe's page-has-heading-one).
 */
export function PageHeading(props: HTMLAttributes<HTMLHeadingElement>) {
  return useContext(EmbeddedContext) ? <h2 {...props} /> : <h1 {...props} />;
}
