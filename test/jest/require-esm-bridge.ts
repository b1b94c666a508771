import { jest } from '@jest/globals';
import * as nestCommon from '@nestjs/common';
import * as nestCore from '@nestjs/core';

// Some packages are CommonJS that require() the ESM-only NestJS 12 (@nestjs/throttler does).
// Node 20.19+ allows it, giving the ES module itself, but Jest's own require() can do so only
// on Node 24.9+. Until then, hand those require() calls the very modules the ESM graph uses,
// as Node does, so there is one @nestjs/common (one HttpException, one Injectable) in a test.
jest.mock('@nestjs/common', () => nestCommon);
jest.mock('@nestjs/core', () => nestCore);
