// What a data set declares, apart from its store: models read it to check and build collisions, the store keeps it.
// Its own file so that models/collision.ts and datasets/store.ts do not import each other.
import type { DatasetDeclarationBody } from '@msjd/shared/alerts';

export type DatasetDeclaration = DatasetDeclarationBody & { name: string };
