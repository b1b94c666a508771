import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { entities } from './entities.js';

// Read by the TypeORM CLI (`npm run migration:generate`), which sets DATABASE_URL first.
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required to use the TypeORM command line.');

export const dataSource = new DataSource(
  await buildDataSourceOptions({ url, entities, poolSize: 1, applicationName: 'relais-cli' }),
);
