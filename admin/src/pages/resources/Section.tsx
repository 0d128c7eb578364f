import type { ReactNode } from 'react';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section stack" aria-labelledby={`${id}-title`}>
      <h2 className="kern-heading-medium" id={`${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
