import { Box, Title } from '@mantine/core';
import type { Council } from '../../../../shared/councils.schema.ts';
import { DocumentList, DocumentUpload } from '../../documents/index.ts';
import { councilKey } from '../api.ts';
import { useCouncilsT } from '../i18n.ts';

/** The council's documents (its rules of procedure, as PDF): download, and for those who manage the council upload and removal. */
export function DocumentsSection({ council }: { council: Council }) {
  const t = useCouncilsT();
  const refresh = [councilKey(council.id)];
  return (
    <section aria-labelledby="documents-heading">
      <Title order={2} fz="xl" id="documents-heading" mt="lg" mb="sm">
        {t('council.documents')}
      </Title>
      <Box mb="sm">
        <DocumentList
          documents={council.documents}
          empty={t('council.noDocuments')}
          refresh={refresh}
          removeLabel={council.canEdit ? (name) => t('council.removeDocument', { name }) : undefined}
        />
      </Box>
      {council.canEdit ? (
        <DocumentUpload
          ownerType="council"
          ownerId={council.id}
          kind="rules_of_procedure"
          formats={['pdf']}
          id="council-rules-of-procedure"
          label={t('council.rulesOfProcedure')}
          refresh={refresh}
        />
      ) : null}
    </section>
  );
}
