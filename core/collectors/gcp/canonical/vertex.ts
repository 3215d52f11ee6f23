import { z } from 'zod';
import { byCodeUnits, naturalCompare } from '../../../util/order';

// aiplatform v1 `GoogleCloudAiplatformV1Model` (discovery document; fields we keep). Times are RFC 3339 with
// up to nanoseconds and are kept as sent: rounding them would invent a different instant.
export const rawModelSchema = z.object({
  name: z.string().min(1),
  displayName: z.string().optional(),
  description: z.string().optional(),
  versionId: z.string().min(1),
  versionAliases: z.array(z.string()).default([]),
  versionCreateTime: z.string().optional(),
  versionUpdateTime: z.string().optional(),
  versionDescription: z.string().optional(),
  createTime: z.string().optional(),
  updateTime: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  deployedModels: z.array(z.object({ endpoint: z.string().optional(), deployedModelId: z.string().optional() })).default([]),
  trainingPipeline: z.string().optional(),
  pipelineJob: z.string().optional(),
  artifactUri: z.string().optional(),
  metadataArtifact: z.string().optional(),
  modelSourceInfo: z.object({ sourceType: z.string().optional(), copy: z.boolean().optional() }).optional(),
});
export type RawModel = z.output<typeof rawModelSchema>;
export const listModelsSchema = z.object({ models: z.array(rawModelSchema).default([]), nextPageToken: z.string().optional() });

/** `projects/…/models/1001@2` (listVersions) → `projects/…/models/1001`. */
const modelPath = (name: string) => name.replace(/@[^/]*$/, '');

export function canonicalVersion(v: RawModel) {
  return {
    versionId: v.versionId,
    aliases: [...v.versionAliases].sort(byCodeUnits),
    versionCreateTime: v.versionCreateTime ?? null,
    versionUpdateTime: v.versionUpdateTime ?? null,
    versionDescription: v.versionDescription ?? null,
    labels: v.labels ?? {},
    deployedModels: v.deployedModels
      .map((d) => ({ endpoint: d.endpoint ?? null, deployedModelId: d.deployedModelId ?? null }))
      .sort((a, b) => byCodeUnits(`${a.endpoint}/${a.deployedModelId}`, `${b.endpoint}/${b.deployedModelId}`)),
    trainingPipeline: v.trainingPipeline ?? null,
    pipelineJob: v.pipelineJob ?? null,
    artifactUri: v.artifactUri ?? null,
    sourceType: v.modelSourceInfo?.sourceType ?? null,
  };
}
export type CanonicalVersion = ReturnType<typeof canonicalVersion>;

/** One model (from models.list) with every version (from models.listVersions), aliases as alias → version. */
export function canonicalModel(model: RawModel, versions: RawModel[]) {
  const vs = versions.map(canonicalVersion).sort((a, b) => naturalCompare(a.versionId, b.versionId));
  const aliases: Record<string, string> = {};
  for (const v of vs) for (const a of v.aliases) aliases[a] = v.versionId;
  return {
    name: modelPath(model.name),
    modelId: modelPath(model.name).split('/').pop()!,
    displayName: model.displayName ?? null,
    description: model.description ?? null,
    createTime: model.createTime ?? null,
    updateTime: model.updateTime ?? null,
    defaultVersionId: aliases.default ?? null,
    aliases,
    versions: vs,
  };
}
export type CanonicalModel = ReturnType<typeof canonicalModel>;
