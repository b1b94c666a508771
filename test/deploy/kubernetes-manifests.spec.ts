import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { API_ENVIRONMENT_VARIABLES, ConfigError, loadAppConfig } from '@relais/core';
import type { ModelData } from '@kubernetes-models/base';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, IPodSpec, ISecret, IService } from 'kubernetes-models/v1';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { HealthController } from '../../apps/api/src/health/health.controller.js';

const directory = join(import.meta.dirname, '../../docker/kubernetes');

/** The kinds the manifests may hold, each checked against the upstream OpenAPI schema. */
const MODELS: Record<string, new (data: ModelData<never>) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
}

/** Parses every document of a file; throws on YAML errors, unknown kinds and schema violations. */
function validatedManifests(file: string, text: string): Manifest[] {
  return parseAllDocuments(text).map((document, index) => {
    if (document.errors.length > 0) {
      throw new Error(`${file} #${index + 1}: ${document.errors[0].message}`);
    }
    const manifest = document.toJS() as Manifest;
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const Model = MODELS[key];
    if (!Model) throw new Error(`${file} #${index + 1}: unknown kind ${key}`);
    try {
      new Model(manifest as ModelData<never>).validate();
    } catch (error) {
      throw new Error(`${file} #${index + 1} (${key}): ${(error as Error).message}`, {
        cause: error,
      });
    }
    return manifest;
  });
}

const kustomization = parseYaml(readFileSync(join(directory, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
  images: { name: string }[];
};
const manifestFiles = readdirSync(directory)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .sort();
const manifests = manifestFiles.flatMap((file) =>
  validatedManifests(file, readFileSync(join(directory, file), 'utf8')).map((manifest) => ({
    file,
    manifest,
  })),
);

function one<T>(kind: string, file?: string): T {
  const found = manifests.filter(
    (entry) => entry.manifest.kind === kind && (file === undefined || entry.file === file),
  );
  expect(found).toHaveLength(1);
  return found[0].manifest as T;
}

const deployment = one<IDeployment>('Deployment');
const job = one<IJob>('Job');
const configMap = one<IConfigMap>('ConfigMap');
const exampleSecret = one<ISecret>('Secret', 'secret.example.yaml');
const podSpec = deployment.spec!.template.spec as IPodSpec;
const podLabels = deployment.spec!.template.metadata!.labels!;
const api = podSpec.containers.find((container) => container.name === 'api') as IContainer;

/** Whether a label selector (matchLabels or a Service's map) selects pods with these labels. */
const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The API's configuration as the pods get it: the ConfigMap and a Secret with usable values. */
function configOfPods() {
  return loadAppConfig({
    ...configMap.data,
    DATABASE_URL: 'postgres://relais:secret@postgres.example.invalid:5432/relais',
    SMTP_URL: 'smtp://relais:secret@smtp.example.invalid:587',
    AUTH_TOKEN_SECRET: 'a'.repeat(48),
    AUDIT_CHAIN_KEY: 'b'.repeat(48),
  });
}

describe('the Kubernetes manifests (docker/kubernetes)', () => {
  it('are each valid against the Kubernetes schema of their kind', () => {
    expect(manifests.map((entry) => `${entry.file}: ${entry.manifest.kind}`)).toEqual([
      'configmap.yaml: ConfigMap',
      'deployment.yaml: Deployment',
      'horizontalpodautoscaler.yaml: HorizontalPodAutoscaler',
      'migrate-job.yaml: Job',
      'poddisruptionbudget.yaml: PodDisruptionBudget',
      'secret.example.yaml: Secret',
      'service.yaml: Service',
    ]);
  });

  it('the validation refuses a broken manifest and an unknown kind', () => {
    const broken = readFileSync(join(directory, 'deployment.yaml'), 'utf8').replace(
      'replicas: 2',
      'replicas: "two"',
    );
    expect(() => validatedManifests('deployment.yaml', broken)).toThrow(
      /Deployment.*replicas must be integer/,
    );
    expect(() =>
      validatedManifests('x.yaml', 'apiVersion: v1\nkind: Servic\nmetadata:\n  name: x\n'),
    ).toThrow('x.yaml #1: unknown kind v1/Servic');
  });

  it('the kustomization applies every manifest but the example Secret, with its image', () => {
    expect([...kustomization.resources].sort()).toEqual(
      manifestFiles.filter((file) => file !== 'secret.example.yaml'),
    );
    const images = [...podSpec.containers, ...job.spec!.template.spec!.containers].map(
      (container) => container.image,
    );
    expect(new Set(images)).toEqual(new Set(kustomization.images.map((image) => image.name)));
  });

  it('probes paths the API serves, on the port it listens on', () => {
    const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
    const routes = Object.getOwnPropertyNames(HealthController.prototype).flatMap((method) => {
      const handler = (HealthController.prototype as unknown as Record<string, object>)[method];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      return path === undefined ? [] : [`/${base}/${path}`];
    });
    expect(api.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(api.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(api.startupProbe?.httpGet?.path).toBe('/health/live');
    expect(routes).toEqual(expect.arrayContaining(['/health/ready', '/health/live']));

    const ports = new Map(api.ports!.map((port) => [port.name, port.containerPort]));
    for (const probe of [api.readinessProbe, api.livenessProbe, api.startupProbe]) {
      expect(probe?.httpGet?.port).toBe('http');
    }
    const config = configOfPods();
    expect(ports.get('http')).toBe(config.port);
    expect(config.host).toBe('0.0.0.0');
    // Prometheus finds the metrics where the API serves them, off the API's port.
    expect(ports.get('metrics')).toBe(config.metrics?.port);
    expect(deployment.spec!.template.metadata!.annotations!['prometheus.io/port']).toBe(
      String(config.metrics?.port),
    );
  });

  it('lets a terminating pod finish its graceful shutdown before the kubelet kills it', () => {
    const { shutdown } = configOfPods();
    // Serving on while the readiness probe sees the 503 (README: longer than its period × threshold).
    const readiness = api.readinessProbe!;
    expect(shutdown.drainSeconds).toBeGreaterThan(
      readiness.periodSeconds! * readiness.failureThreshold!,
    );
    expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThan(shutdown.graceSeconds);
  });

  it('selects the API pods, and only them, from the Service, the budget and the autoscaler', () => {
    const service = one<IService>('Service');
    const budget = one<IPodDisruptionBudget>('PodDisruptionBudget');
    const autoscaler = one<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    const jobLabels = job.spec!.template.metadata!.labels!;

    expect(selects(deployment.spec!.selector.matchLabels!, podLabels)).toBe(true);
    for (const selector of [service.spec!.selector!, budget.spec!.selector!.matchLabels!]) {
      expect(selects(selector, podLabels)).toBe(true);
      expect(selects(selector, jobLabels)).toBe(false);
    }
    expect(budget.spec!.minAvailable).toBe(1);
    expect(deployment.spec!.replicas).toBeGreaterThan(1);
    expect(autoscaler.spec!.scaleTargetRef).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata!.name,
    });
    expect(autoscaler.spec!.minReplicas).toBe(deployment.spec!.replicas);
    expect(service.spec!.ports!.map((port) => port.targetPort)).toEqual(['http']);
  });

  it('sets only variables the API reads, from the ConfigMap and the Secret it names', () => {
    const names = [
      ...Object.keys(configMap.data ?? {}),
      ...Object.keys(exampleSecret.stringData ?? {}),
      ...[...podSpec.containers, ...job.spec!.template.spec!.containers].flatMap((container) =>
        (container.env ?? []).map((variable) => variable.name),
      ),
    ];
    expect(names.filter((name) => !API_ENVIRONMENT_VARIABLES.includes(name))).toEqual([]);
    for (const container of [api, ...job.spec!.template.spec!.containers]) {
      expect(container.envFrom).toEqual([
        { configMapRef: { name: configMap.metadata!.name } },
        { secretRef: { name: exampleSecret.metadata!.name } },
      ]);
    }
  });

  it("the example Secret's placeholders stop the API at once, naming the variable", () => {
    expect(() => loadAppConfig({ ...configMap.data, ...exampleSecret.stringData })).toThrow(
      new ConfigError(
        'Configuration error: AUTH_TOKEN_SECRET is invalid: expected at least 32 characters (for example: openssl rand -base64 48); AUDIT_CHAIN_KEY is invalid: expected at least 32 characters (for example: openssl rand -base64 48).',
      ),
    );
  });

  it('runs the API and the migrations as a non-root user on a read-only root filesystem', () => {
    for (const spec of [podSpec, job.spec!.template.spec!]) {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
    expect(job.spec!.template.spec!.containers[0].args).toEqual([
      'node',
      'dist/apps/api/src/tools/database-tool.js',
      'run',
    ]);
    expect(job.spec!.template.spec!.restartPolicy).toBe('Never');
  });
});
