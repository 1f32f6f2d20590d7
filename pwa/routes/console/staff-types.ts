/** Wire shapes of the People pages (docs/API.md §4, §7 and §11). */
export type Role = 'admin' | 'analyst' | 'collector';

export interface UserView {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface CollectorAssignment {
  userId: string;
  username: string;
  displayName: string;
  unitIds: string[];
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  /** The target's name now (docs/API.md §11); null when it no longer exists. */
  targetName: string | null;
  detail: Record<string, string | number | boolean | null>;
}
