import { useQuery } from '@tanstack/react-query';
import { useOrg } from '../lib/org';
import { api } from './client';
import type { Project } from './flows';

/** The organization's projects, for lists and pickers. */
export function useProjects() {
  const scope = useOrg();
  return useQuery({
    queryKey: ['projects', scope.org.slug],
    queryFn: () => api.get<Project[]>(scope.path('/projects')),
  });
}

/** A day picked in a form, as noon in Shanghai, so it stays on that day in every report. */
export const noonOf = (day: { format(f: string): string }) =>
  new Date(`${day.format('YYYY-MM-DD')}T12:00:00+08:00`).toISOString();
