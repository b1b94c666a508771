import { Module } from '@nestjs/common';
import { ApiInfoResolver } from './api-info.resolver.js';

@Module({ providers: [ApiInfoResolver] })
export class ApiInfoModule {}
