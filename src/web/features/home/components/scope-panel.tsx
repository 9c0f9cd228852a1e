import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { User } from '../../../../shared/users.schema.ts';
import { PATHS } from '../../../app/navigation.ts';
import { Loading, LoadError } from '../../../ui/query-status.tsx';
import { municipalityLabel, useDirectorates, useMunicipalities } from '../../territory/index.ts';

/** A coordinator's communes (the server returns only those), each a link to its record. */
function CoordinatorScope() {
  const { t } = useTranslation();
  const query = useMunicipalities({ pageSize: 100, sort: 'name' });
  return (
    <>
      <Title order={2} fz="xl" mb="xs">
        {t('home.scope.communes')}
      </Title>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} />
      ) : query.data.items.length === 0 ? (
        <Text>{t('home.scope.noCommunes')}</Text>
      ) : (
        <List>
          {query.data.items.map((m) => (
            <List.Item key={m.ags}>
              <Anchor component={Link} to={PATHS.municipality(m.ags)}>
                {municipalityLabel(m)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

/** A police user's directorate and the districts it covers. */
function PoliceScope({ user }: { user: User }) {
  const { t } = useTranslation();
  const query = useDirectorates();
  const directorate = query.data?.find((d) => d.id === user.directorateId);
  return (
    <>
      <Title order={2} fz="xl" mb="xs">
        {t('home.scope.directorate')}
      </Title>
      <Text fw={600}>{t('home.scope.directorateName', { name: user.directorateName ?? '–' })}</Text>
      {query.isError ? (
        <LoadError error={query.error} />
      ) : directorate ? (
        <Text size="sm" mt={4}>
          {t('home.scope.districts', { list: directorate.districts.map((d) => d.name).join(', ') || '–' })}
        </Text>
      ) : null}
    </>
  );
}

/** What the user is responsible for, for the roles that have a scope. */
export function ScopePanel({ user }: { user: User }) {
  if (user.role !== 'coordinator' && user.role !== 'police') return null;
  return (
    <Paper withBorder p="lg" radius="md" mb="xl">
      {user.role === 'coordinator' ? <CoordinatorScope /> : <PoliceScope user={user} />}
    </Paper>
  );
}
