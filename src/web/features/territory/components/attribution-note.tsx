import { Anchor, Text } from '@mantine/core';
import { Fragment } from 'react';
import { ATTRIBUTION_LINKS } from '../../../../shared/attribution.ts';

/** The source notes the data licences require (BKG, Destatis), each linked to its publisher. */
export function AttributionNote({
  notes,
  links = ATTRIBUTION_LINKS,
}: {
  notes: readonly string[];
  links?: Readonly<Record<string, string>>;
}) {
  if (!notes.length) return null;
  return (
    <Text size="xs" c="dimmed" mt="xs">
      {notes.map((note, i) => (
        <Fragment key={note}>
          {i > 0 ? ' · ' : null}
          {links[note] ? (
            <Anchor href={links[note]} size="xs" target="_blank" rel="noreferrer">
              {note}
            </Anchor>
          ) : (
            note
          )}
        </Fragment>
      ))}
    </Text>
  );
}
