import { createContext, type ReactNode, useContext } from 'react';
import { DEFAULT_TIME_ZONE } from './time';

export type Role = 'ADMIN' | 'SUPERVISOR' | 'INTEGRATOR';

interface Session {
  viewerName: string | null;
  role: Role | null;
  timeZone: string;
}

const SessionContext = createContext<Session>({
  viewerName: null,
  role: null,
  timeZone: DEFAULT_TIME_ZONE,
});

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

export function useTimeZone(): string {
  return useContext(SessionContext).timeZone;
}
