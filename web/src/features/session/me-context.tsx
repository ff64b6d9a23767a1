import { createContext, type ReactNode, useContext } from "react";
import type { Me } from "../../../../shared/schemas/identity";

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

// Only pages inside the signed-in shell call this, so the session is always there.
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() is only available inside the signed-in app shell");
  return me;
}
