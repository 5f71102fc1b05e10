import { AgentRelationshipSchema } from '@protocol';

export const RELATIONSHIPS = AgentRelationshipSchema.options;
export type Relationship = (typeof RELATIONSHIPS)[number];
