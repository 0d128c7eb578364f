import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useSession } from '@common/sdk/session';

export interface Membership {
  centerId: string;
  centerName: string;
  role: 'counselor' | 'center_admin';
}

interface CenterValue {
  memberships: Membership[];
  /** The center the pages work on; undefined when the account belongs to none. */
  current: Membership | undefined;
  select(centerId: string): void;
}

const STORAGE_KEY = 'beratung.center';
const CenterContext = createContext<CenterValue | undefined>(undefined);

function stored(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Staff may belong to several centers; the choice is remembered on this device. */
export function CenterProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const [chosen, setChosen] = useState<string | undefined>(stored);
  const value = useMemo<CenterValue>(() => {
    const memberships = session?.account.memberships ?? [];
    const current = memberships.find((m) => m.centerId === chosen) ?? memberships[0];
    return {
      memberships,
      current,
      select(centerId: string) {
        setChosen(centerId);
        try {
          localStorage.setItem(STORAGE_KEY, centerId);
        } catch {
          // Not remembered then.
        }
      },
    };
  }, [session, chosen]);
  return <CenterContext.Provider value={value}>{children}</CenterContext.Provider>;
}

export function useCenter(): CenterValue {
  const value = useContext(CenterContext);
  if (!value) throw new Error('useCenter outside CenterProvider');
  return value;
}
