// Public facts about the install: whether anyone has signed up yet, and the sign-in providers it offers besides email.
import { get } from '@/lib/api';

export interface Instance {
  version: string;
  hasUsers: boolean;
  signInProviders: { id: string; name: string }[];
}

export const fetchInstance = () => get<Instance>('/api/instance');
