// Public facts about the install: whether anyone has signed up yet, the sign-in providers it offers besides email,
// and whether it sends email or only logs the links.
import { get } from '@/lib/api';

export interface Instance {
  version: string;
  hasUsers: boolean;
  signInProviders: { id: string; name: string }[];
  email: 'smtp' | 'log';
}

export const fetchInstance = () => get<Instance>('/api/instance');
