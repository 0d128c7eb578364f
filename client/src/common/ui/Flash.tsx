import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { currentPath, navigate } from '../router';
import { Alert } from './Alert';

interface FlashMessage {
  text?: string;
  title: string;
  variant: 'success' | 'info';
  path: string;
}

interface FlashValue {
  flash: FlashMessage | undefined;
  /** Shows a message on the page at `path` and goes there. */
  go(path: string, message: Omit<FlashMessage, 'path'>): void;
}

const FlashContext = createContext<FlashValue | undefined>(undefined);

/** One-shot messages that survive a navigation ("You have been logged out."). */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [flash, setFlash] = useState<FlashMessage>();
  // Shown once: leaving the page it was meant for drops it.
  useEffect(() => {
    const drop = () =>
      setFlash((current) => (current && current.path !== currentPath() ? undefined : current));
    window.addEventListener('hashchange', drop);
    return () => window.removeEventListener('hashchange', drop);
  }, []);
  const go = useCallback((path: string, message: Omit<FlashMessage, 'path'>) => {
    setFlash({ ...message, path });
    navigate(path);
  }, []);
  const value = useMemo(() => ({ flash, go }), [flash, go]);
  return <FlashContext.Provider value={value}>{children}</FlashContext.Provider>;
}

export function useFlash(): FlashValue {
  const value = useContext(FlashContext);
  if (!value) throw new Error('useFlash outside FlashProvider');
  return value;
}

/** Renders the flash message meant for the current path. */
export function FlashMessageView({ path }: { path: string }) {
  const { flash } = useFlash();
  if (!flash || flash.path !== path) return null;
  return (
    <Alert variant={flash.variant} title={flash.title} live>
      {flash.text && <p className="kern-body">{flash.text}</p>}
    </Alert>
  );
}
