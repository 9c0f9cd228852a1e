import { Anchor, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { User } from '../../../../shared/users.schema.ts';
import { PATHS, SECTIONS, sectionsFor } from '../../../app/navigation.ts';

interface CardDef {
  key: string;
  to: string;
  title: string;
  text: string;
}

/** One card per page the role may use, each titled with a link to it. */
export function SectionCards({ user }: { user: User }) {
  const { t } = useTranslation();
  const cards: CardDef[] = sectionsFor(user.role)
    .filter((s) => s !== 'home')
    .map((s) => ({ key: s, to: SECTIONS[s].path, title: t(SECTIONS[s].labelKey), text: t(`home.cards.${s}`) }));
  if (!user.sso) cards.push({ key: 'password', to: PATHS.changePassword, title: t('nav.changePassword'), text: t('home.cards.password') });

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {cards.map((c) => (
        <Card key={c.key} withBorder padding="lg" radius="md">
          <Title order={3} fz="lg" mb={6}>
            <Anchor component={Link} to={c.to} fw={700}>
              {c.title}
            </Anchor>
          </Title>
          <Text size="sm">{c.text}</Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
