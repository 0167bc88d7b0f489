// Public facts about the install (whether anyone has signed up yet).
import { get } from '@/lib/api';

export const fetchInstance = () => get<{ version: string; hasUsers: boolean }>('/api/instance');
