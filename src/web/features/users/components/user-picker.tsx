import { useQuery } from '@tanstack/react-query';
import type { User } from '../../../../shared/users.schema.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { PICKER_OPTIONS, type PickerSearch, SearchPicker } from '../../../ui/search-picker.tsx';
import { useUsers } from '../api.ts';

const userLabel = (u: Pick<User, 'displayName' | 'email'>) => `${u.displayName} (${u.email})`;

/** Accounts whose name or e-mail matches, as picker options valued by id. */
const useUserSearch: PickerSearch = (search) => {
  const results = useUsers({ page: 1, pageSize: PICKER_OPTIONS, q: search || undefined, sort: 'displayName', order: 'asc' });
  return {
    options: (results.data?.items ?? []).map((u) => ({ value: String(u.id), label: userLabel(u) })),
    isFetching: results.isFetching,
  };
};

/** One account, searched by name or e-mail (admins); the value is the user's id. */
export function UserPicker(props: { id: string; label: string; value: number | null; onChange(id: number | null): void; error?: string }) {
  // A value from the address (a shared filter link) is shown by name as well.
  const given = useQuery({
    queryKey: ['users', 'one', props.value],
    queryFn: () => apiRequest<User>(`/api/users/${props.value}`),
    enabled: props.value !== null,
    staleTime: 5 * 60_000,
  });
  return (
    <SearchPicker
      id={props.id}
      label={props.label}
      value={props.value === null ? null : String(props.value)}
      valueLabel={given.data ? userLabel(given.data) : undefined}
      onChange={(id) => props.onChange(id === null ? null : Number(id))}
      useSearch={useUserSearch}
      error={props.error}
    />
  );
}
