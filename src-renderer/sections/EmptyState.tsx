import type { ReactNode } from 'react';

/** What a section shows while it has nothing: what will be here, and how it gets here. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state">
      <h2>{title}</h2>
      <p>{children}</p>
    </section>
  );
}
