import { Badge } from '@mantine/core';
import type { MunicipalityStatus } from '../../../../shared/alliance.schema.ts';
import { STATUS_COLOURS, statusLabel } from '../status-style.ts';

/** A municipality's status in words, with its map colour as a dot (decoration only). */
export function AllianceStatusBadge({ status }: { status: MunicipalityStatus }) {
  return (
    <Badge
      variant="outline"
      color="#495057"
      c="#212529"
      tt="none"
      fw={600}
      leftSection={<span aria-hidden="true" className="status-dot" style={{ background: STATUS_COLOURS[status] }} />}
      data-status={status}
      // The label is never cut off: table columns size to the whole status.
      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {statusLabel(status)}
    </Badge>
  );
}
